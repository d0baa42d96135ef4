package org.imap4j.benchmarks.e2e;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A deterministic RFC 5322 message of any size, generated as it is read (never held): a short header, then lines of
 * 76 letters and CRLF, ending in CRLF with no lone CR anywhere (a server may store line ends its own way). The same
 * {@code size} and {@code seed} always give the same bytes, so a digest can be checked without a copy on disk.
 */
public final class GeneratedMessage extends InputStream {
    private static final int LINE = 78;
    private static final int LINES = 26;

    private final byte[] header;
    private final byte[] block;
    private final long size;
    private long pos;

    /**
     * @param size the message's exact size in bytes (at least the header plus 2)
     * @param seed varies the content
     */
    public GeneratedMessage(long size, int seed) {
        this.header = ("From: big@example.org\r\nTo: alice@example.org\r\nSubject: generated " + size + " bytes, seed "
                + seed + "\r\nMessage-ID: <big-" + size + "-" + seed + "@imap4j.test>\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        if (size < header.length + 2) {
            throw new IllegalArgumentException("too small: " + size);
        }
        this.size = size;
        this.block = new byte[LINE * LINES];
        for (int l = 0; l < LINES; l++) {
            for (int c = 0; c < LINE - 2; c++) {
                block[l * LINE + c] = (byte) ('A' + (l * 7 + c + seed) % 26);
            }
            block[l * LINE + LINE - 2] = '\r';
            block[l * LINE + LINE - 1] = '\n';
        }
    }

    private byte at(long p) {
        if (p < header.length) {
            return header[(int) p];
        }
        if (p == size - 2) {
            return '\r';
        }
        if (p == size - 1) {
            return '\n';
        }
        byte b = block[(int) ((p - header.length) % block.length)];
        return p == size - 3 && b == '\r' ? (byte) 'Z' : b;
    }

    @Override
    public int read() {
        return pos < size ? at(pos++) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - pos);
        int done = 0;
        // the bulk by block copies; the header and the last three bytes one at a time
        while (done < n) {
            long p = pos + done;
            if (p < header.length || p >= size - 3) {
                b[off + done++] = at(p);
                continue;
            }
            int inBlock = (int) ((p - header.length) % block.length);
            int k = (int) Math.min(Math.min(block.length - inBlock, n - done), size - 3 - p);
            System.arraycopy(block, inBlock, b, off + done, k);
            done += k;
        }
        pos += n;
        return n;
    }

    /**
     * @param size the size
     * @param seed the seed
     * @return the SHA-256 of that message, computed by generating it once
     */
    public static byte[] sha256(long size, int seed) {
        MessageDigest md = sha256();
        byte[] buf = new byte[256 * 1024];
        try (GeneratedMessage g = new GeneratedMessage(size, seed)) {
            for (int n; (n = g.read(buf, 0, buf.length)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }

    /** @return a fresh SHA-256 digest */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        // nothing to release
    }
}
