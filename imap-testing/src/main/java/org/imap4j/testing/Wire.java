package org.imap4j.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.CommandDecoder;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.Bytes;

/**
 * One accepted connection's bytes: reads never go past the end of the current line, so that raw lines (DONE, SASL
 * responses) and a TLS handshake after STARTTLS find their bytes on the socket; commands are decoded by the codec's
 * {@link CommandDecoder}, with a {@code +} continuation for each synchronizing literal.
 */
final class Wire {
    private final Socket raw;
    private Socket socket;
    private final LineReader lines;
    private OutputStream out;
    private CommandDecoder decoder = newDecoder();
    /** The most bytes of one command kept for {@link ScriptedImapServer#receivedBytes()}. */
    static final int KEPT_PER_COMMAND = 64 << 10;
    /** The bytes fed to the decoder since the last command it returned, up to {@link #KEPT_PER_COMMAND}. */
    private final java.io.ByteArrayOutputStream current = new java.io.ByteArrayOutputStream();
    private Bytes lastCommand = Bytes.empty();
    private boolean compressing;
    private final Object writeLock = new Object();

    Wire(Socket raw) throws IOException {
        this.raw = raw;
        this.socket = raw;
        this.lines = new LineReader(raw.getInputStream(), 16 << 10);
        this.out = raw.getOutputStream();
    }

    private static CommandDecoder newDecoder() {
        return new CommandDecoder(CodecLimits.defaults(), Set.of());
    }

    Socket socket() {
        return socket;
    }

    boolean secure() {
        return socket instanceof SSLSocket;
    }

    boolean compressing() {
        return compressing;
    }

    void write(byte[] bytes) throws IOException {
        synchronized (writeLock) {
            out.write(bytes);
            out.flush();
        }
    }

    /** @return the next command, or {@code null} at the end of the stream */
    TaggedCommand readCommand() throws IOException {
        while (true) {
            TaggedCommand c;
            try {
                c = decoder.next();
            } catch (RuntimeException e) {
                decoder = newDecoder();
                current.reset();
                throw e;
            }
            if (c != null) {
                lastCommand = Bytes.of(current.toByteArray());
                current.reset();
                return c;
            }
            if (decoder.awaitingLiteral()) {
                write("+ go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            byte[] chunk = lines.readUpToLf();
            if (chunk == null) {
                return null;
            }
            current.write(chunk, 0, Math.min(chunk.length, KEPT_PER_COMMAND - current.size()));
            decoder.feed(ByteBuffer.wrap(chunk));
        }
    }

    /** @return the bytes of the command {@link #readCommand()} returned last (literals and continuation lines included) */
    Bytes lastCommandBytes() {
        return lastCommand;
    }

    /** @return the next raw line without CRLF (ISO-8859-1), or {@code null} at the end of the stream */
    String readLine() throws IOException {
        return lines.readLine();
    }

    void startTls(SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, lines.takeBuffered(), true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        synchronized (writeLock) {
            socket = tls;
            lines.switchTo(tls.getInputStream());
            out = tls.getOutputStream();
        }
        decoder = newDecoder();
        current.reset();
    }

    void compress() {
        InputStream early = lines.takeBuffered();
        InputStream under = lines.source();
        InputStream joined = new InputStream() {
            @Override
            public int read() throws IOException {
                int b = early.read();
                return b >= 0 ? b : under.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = early.read(b, off, len);
                return n > 0 ? n : under.read(b, off, len);
            }
        };
        synchronized (writeLock) {
            lines.switchTo(new InflaterInputStream(joined, new Inflater(true)));
            out = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
            compressing = true;
        }
    }

    /** @return how many bytes were read and dropped until the peer closed or the socket was closed */
    long drain() {
        return lines.drain();
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
        try {
            raw.close();
        } catch (IOException e) {
            // closing
        }
    }
}
