package org.imap4j.session;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The session driver's part for COMPRESS=DEFLATE (RFC 4978): raw DEFLATE both ways, the output sync-flushed after
 * each batch so nothing stalls. It holds native zlib state, released by {@link #end()}.
 */
final class Compression {
    private static final int INFLATE_CHUNK = 32 * 1024;

    private Deflater deflater;
    private Inflater inflater;
    private byte[] inflated;
    private byte[] out;
    private int outSize;

    /** @return whether compression is on */
    boolean isOn() {
        return deflater != null;
    }

    /** Switches compression on (after the server's OK to COMPRESS). */
    void start() {
        deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        inflater = new Inflater(true);
        inflated = new byte[INFLATE_CHUNK];
    }

    /** Releases the native state; idempotent only in effect (ending twice is harmless). */
    void end() {
        if (deflater != null) {
            deflater.end();
            inflater.end();
        }
    }

    // ---------------------------------------------------------------- output

    /** @param b plain bytes to compress into the current batch (read through a duplicate; not consumed) */
    void deflate(ByteBuffer b) {
        if (out == null) {
            out = new byte[1024];
            outSize = 0;
        }
        deflater.setInput(b.duplicate());
        while (!deflater.needsInput()) {
            grow();
            outSize += deflater.deflate(out, outSize, out.length - outSize, Deflater.NO_FLUSH);
        }
    }

    /** @return the batch compressed so far, ended in a sync flush, as one buffer */
    ByteBuffer syncFlush() {
        if (out == null) {
            out = new byte[1024];
            outSize = 0;
        }
        // SYNC_FLUSH ends the output on a byte boundary so the server can act on it now (RFC 4978 section 4).
        while (true) {
            grow();
            int k = deflater.deflate(out, outSize, out.length - outSize, Deflater.SYNC_FLUSH);
            outSize += k;
            if (outSize < out.length) {
                break;
            }
        }
        ByteBuffer batch = ByteBuffer.wrap(out, 0, outSize);
        out = null;
        outSize = 0;
        return batch;
    }

    private void grow() {
        if (outSize == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
    }

    // ---------------------------------------------------------------- input

    /** @param compressed bytes read from the connection, to inflate through {@link #inflateNext()} */
    void setInput(byte[] compressed) {
        inflater.setInput(compressed);
    }

    /**
     * @return the next plain bytes (valid until the next call), or {@code null} when the input is used up
     * @throws DataFormatException if the compressed data is corrupt or the server ended the stream
     */
    ByteBuffer inflateNext() throws DataFormatException {
        while (true) {
            if (inflater.finished()) {
                throw new DataFormatException("the server ended the DEFLATE stream");
            }
            int n = inflater.inflate(inflated);
            if (n > 0) {
                return ByteBuffer.wrap(inflated, 0, n);
            }
            if (inflater.needsInput() || inflater.needsDictionary()) {
                return null;
            }
        }
    }
}
