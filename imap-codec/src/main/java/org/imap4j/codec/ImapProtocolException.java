package org.imap4j.codec;

import org.imap4j.codec.internal.ascii.Ascii;

/**
 * The peer sent bytes that break the IMAP grammar, or exceeded one of the {@link CodecLimits}. The message says what
 * was expected, at which offset of the response, and shows the bytes around it escaped and cut to a short excerpt.
 * The message and the excerpt carry no control character (see {@link ServerText}).
 */
public class ImapProtocolException extends ImapException {
    private static final long serialVersionUID = 1L;

    /** The offset of the problem in the response, or -1 when not known. */
    private final long offset;
    /** The escaped, truncated bytes around the problem; empty when there are none. */
    private final String excerpt;
    /** The name of the exceeded {@link CodecLimits} component, or {@code null} for a grammar error. */
    private final String limit;

    /**
     * Creates the exception.
     *
     * @param message what was expected
     * @param offset  the offset in the response (or stream) where the problem was found, or -1
     * @param excerpt the escaped bytes around the offset, or an empty string (any control character left in it is
     *                escaped with {@link ServerText#escape(CharSequence)})
     * @param limit   the name of the {@link CodecLimits} component that was exceeded, or {@code null}
     */
    public ImapProtocolException(String message, long offset, String excerpt, String limit) {
        super(compose(message, offset, excerpt, limit), null);
        this.offset = offset;
        this.excerpt = excerpt == null ? "" : ServerText.escape(excerpt);
        this.limit = limit;
    }

    /**
     * Creates an exception that shows the bytes around {@code index} of {@code data}.
     *
     * @param message what was expected
     * @param data    the buffer holding the response
     * @param from    where the response starts in {@code data}
     * @param index   where the problem is in {@code data}
     * @param to      where the response ends in {@code data}
     * @return the exception
     */
    public static ImapProtocolException at(String message, byte[] data, int from, int index, int to) {
        return new ImapProtocolException(message, index - from, Ascii.excerpt(data, from, index, to), null);
    }

    /**
     * Creates an exception for an exceeded limit.
     *
     * @param limit  the {@link CodecLimits} component name
     * @param actual the size found (or announced)
     * @param max    the configured maximum
     * @return the exception
     */
    public static ImapProtocolException limit(String limit, long actual, long max) {
        return new ImapProtocolException("limit " + limit + " exceeded: " + actual + " > " + max, -1, "", limit);
    }

    private static String compose(String message, long offset, String excerpt, String limit) {
        StringBuilder sb = new StringBuilder(message);
        if (offset >= 0) {
            sb.append(" at offset ").append(offset);
        }
        if (excerpt != null && !excerpt.isEmpty()) {
            sb.append(": ").append(excerpt);
        }
        return sb.toString();
    }

    /** @return the offset of the problem in the response, or -1 when not known */
    public long offset() {
        return offset;
    }

    /** @return the escaped, truncated bytes around the problem (may be empty; no control characters) */
    public String excerpt() {
        return excerpt;
    }

    /** @return the name of the exceeded {@link CodecLimits} component, or {@code null} for a grammar error */
    public String limit() {
        return limit;
    }
}
