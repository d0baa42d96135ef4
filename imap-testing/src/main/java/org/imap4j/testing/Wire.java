package org.imap4j.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
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

/**
 * One accepted connection's bytes: reads never go past the end of the current line, so that raw lines (DONE, SASL
 * responses) and a TLS handshake after STARTTLS find their bytes on the socket; commands are decoded by the codec's
 * {@link CommandDecoder}, with a {@code +} continuation for each synchronizing literal.
 */
final class Wire {
    private final Socket raw;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buf = new byte[16 << 10];
    private int pos;
    private int limit;
    private CommandDecoder decoder = newDecoder();
    private boolean compressing;
    private final Object writeLock = new Object();

    Wire(Socket raw) throws IOException {
        this.raw = raw;
        this.socket = raw;
        this.in = raw.getInputStream();
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
                throw e;
            }
            if (c != null) {
                return c;
            }
            if (decoder.awaitingLiteral()) {
                write("+ go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            byte[] chunk = readUpToLf();
            if (chunk == null) {
                return null;
            }
            decoder.feed(ByteBuffer.wrap(chunk));
        }
    }

    /** @return the next raw line without CRLF (ISO-8859-1), or {@code null} at the end of the stream */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            byte[] chunk = readUpToLf();
            if (chunk == null) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            line.write(chunk, 0, chunk.length);
            if (chunk[chunk.length - 1] == '\n') {
                break;
            }
        }
        byte[] b = line.toByteArray();
        int end = b.length - 1;
        if (end > 0 && b[end - 1] == '\r') {
            end--;
        }
        return new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }

    // Up to and including the next LF, or what is buffered; null at the end of the stream.
    private byte[] readUpToLf() throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = in.read(buf, 0, buf.length);
            if (limit <= 0) {
                limit = 0;
                return null;
            }
        }
        int start = pos;
        while (pos < limit && buf[pos] != '\n') {
            pos++;
        }
        if (pos < limit) {
            pos++;
        }
        byte[] chunk = new byte[pos - start];
        System.arraycopy(buf, start, chunk, 0, chunk.length);
        return chunk;
    }

    private InputStream early() {
        byte[] early = new byte[limit - pos];
        System.arraycopy(buf, pos, early, 0, early.length);
        pos = 0;
        limit = 0;
        return new ByteArrayInputStream(early);
    }

    void startTls(SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, early(), true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        synchronized (writeLock) {
            socket = tls;
            in = tls.getInputStream();
            out = tls.getOutputStream();
        }
        decoder = newDecoder();
    }

    void compress() {
        InputStream early = early();
        InputStream under = in;
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
            in = new InflaterInputStream(joined, new Inflater(true));
            out = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
            compressing = true;
        }
    }

    /** @return how many bytes were read and dropped until the peer closed or the socket was closed */
    long drain() {
        long n = limit - pos;
        pos = 0;
        limit = 0;
        try {
            int r;
            while ((r = in.read(buf, 0, buf.length)) >= 0) {
                n += r;
            }
        } catch (IOException e) {
            // closed: the stall is over
        }
        return n;
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
