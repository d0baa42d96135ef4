package org.imap4j.codec.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * An immutable sequence of bytes: the payload of a literal, a body section, or any 8-bit data. It is copied once, when
 * it is taken out of the receive buffer, and never exposed mutably.
 */
public final class Bytes {
    private static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;
    private int hash;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** @return the empty byte sequence */
    public static Bytes empty() {
        return EMPTY;
    }

    /**
     * @param src the source array
     * @param off first byte
     * @param len number of bytes
     * @return a copy of {@code src[off, off+len)}
     */
    public static Bytes copyOf(byte[] src, int off, int len) {
        return len == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(src, off, off + len));
    }

    /**
     * @param src the bytes, copied
     * @return the byte sequence
     */
    public static Bytes of(byte[] src) {
        return copyOf(src, 0, src.length);
    }

    /**
     * @param s text
     * @return its UTF-8 encoding
     */
    public static Bytes utf8(String s) {
        return s.isEmpty() ? EMPTY : new Bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the number of bytes */
    public int size() {
        return data.length;
    }

    /**
     * @param i an index
     * @return the byte at {@code i}
     */
    public byte get(int i) {
        return data[i];
    }

    /** @return a fresh copy of the bytes */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** @return a read-only view of the bytes */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** @return a stream reading the bytes */
    public InputStream newInputStream() {
        return new ByteArrayInputStream(data);
    }

    /**
     * Writes the bytes to a stream.
     *
     * @param out the stream
     * @throws IOException if the stream fails
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(data);
    }

    /**
     * Copies the bytes into an array.
     *
     * @param dst    the destination
     * @param dstOff where to start
     */
    public void copyTo(byte[] dst, int dstOff) {
        System.arraycopy(data, 0, dst, dstOff, data.length);
    }

    /** @return the bytes decoded as UTF-8, malformed sequences replaced by U+FFFD */
    public String utf8() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** @return the bytes decoded as ISO-8859-1 (one char per byte, lossless) */
    public String latin1() {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(data);
            hash = h;
        }
        return h;
    }

    /** @return the bytes escaped as ASCII text, cut after 200 bytes */
    @Override
    public String toString() {
        int n = Math.min(200, data.length);
        return "Bytes[" + data.length + "]\"" + Ascii.escape(data, 0, n) + (n < data.length ? "..." : "") + "\"";
    }
}
