package org.imap4j.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A peer's bytes read up to line ends and never past them, for test servers: what follows a line (the TLS handshake
 * after STARTTLS, deflated bytes after COMPRESS, a raw SASL answer or {@code DONE}) stays buffered or on the socket
 * for whoever reads next. {@link ScriptedImapServer} reads its clients through one, and so can a test's own raw-byte
 * server. Not thread-safe: one reading thread per connection.
 */
public final class LineReader {
    private InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;

    /**
     * @param in         where the bytes come from
     * @param bufferSize how many bytes one read may take
     */
    public LineReader(InputStream in, int bufferSize) {
        this.in = Objects.requireNonNull(in, "in");
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize " + bufferSize);
        }
        this.buf = new byte[bufferSize];
    }

    /**
     * @return the bytes up to and including the next LF; fewer (all that is buffered, or what one read brought) when
     *         no LF is among them; {@code null} at the end of the stream
     * @throws IOException if reading fails
     */
    public byte[] readUpToLf() throws IOException {
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

    /**
     * @return the next line without its CRLF (or LF), as ISO-8859-1; what arrived of it when the stream ended in
     *         the middle of it; {@code null} at the end of the stream before any of it
     * @throws IOException if reading fails
     */
    public String readLine() throws IOException {
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

    /**
     * Takes the bytes buffered past the last line read (sent early by the peer, e.g. the start of a TLS handshake),
     * leaving the buffer empty.
     *
     * @return those bytes
     */
    public InputStream takeBuffered() {
        byte[] early = new byte[limit - pos];
        System.arraycopy(buf, pos, early, 0, early.length);
        pos = 0;
        limit = 0;
        return new ByteArrayInputStream(early);
    }

    /**
     * Reads from another stream from now on (a TLS or inflating layer); take what is buffered first
     * ({@link #takeBuffered()}) and give it to that layer.
     *
     * @param next the new source
     */
    public void switchTo(InputStream next) {
        this.in = Objects.requireNonNull(next, "next");
    }

    /** @return the stream read now (to layer another one over it with {@link #switchTo(InputStream)}) */
    public InputStream source() {
        return in;
    }

    /**
     * Reads and drops everything until the peer closes or the socket is closed.
     *
     * @return how many bytes were dropped, the buffered ones included
     */
    public long drain() {
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
}
