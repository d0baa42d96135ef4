package org.imap4j.session;

/**
 * Receives the protocol as text, both ways, for debugging. Off unless set. Secrets are redacted before this sees
 * them: the arguments of LOGIN, the initial response of AUTHENTICATE and every SASL response line.
 * The bytes are decoded as ISO-8859-1 (every byte maps to one character) and escaped with
 * {@link org.imap4j.codec.ServerText#escapeLines(CharSequence)}: each call carries at most one line, whose CR LF
 * end is kept, and every other control
 * character (a lone CR or LF, ESC, NUL, DEL, the C1 controls 0x80-0x9F) is shown as {@code \r}, {@code \n} or
 * {@code \xNN}, so a trace written to a log or a terminal cannot be forged or used to send terminal escapes.
 *
 * <pre>{@code
 * TraceListener trace = (direction, text) -> log.debug("{} {}", direction, text);
 * }</pre>
 */
@FunctionalInterface
public interface TraceListener {
    /** Which way the bytes went. */
    enum Direction {
        /** Received from the server. */
        IN,
        /** Sent to the server. */
        OUT
    }

    /**
     * Called with each line of traffic (or the part of one that has arrived), in order, on the thread that moved
     * it. Must not block.
     *
     * @param direction which way
     * @param text      the bytes as text, with secrets redacted and control characters escaped
     */
    void trace(Direction direction, String text);

    /**
     * Called with the server's bytes exactly as they were received (after TLS and COMPRESS), before they are
     * decoded and escaped for {@link #trace}, in order and on the same thread; for recording what a server sends
     * (e.g. a FETCH response stream to benchmark a parser on). What the client sends never reaches this method, so
     * it carries none of the client's secrets; it does carry mail, unredacted. Nothing by default.
     *
     * @param bytes a read-only view, valid only during the call
     */
    default void received(java.nio.ByteBuffer bytes) {
    }

    /**
     * Called with a decision the client made that is not on the wire as such: a fallback it took for a missing
     * extension, a server deviation it worked around. One line without CR LF, already escaped like {@link #trace};
     * on the thread that made the decision. Must not block. Nothing by default.
     *
     * @param text what was decided, e.g. {@code "MOVE_EMULATED (MOVE not offered): COPY, STORE, UID EXPUNGE"}
     */
    default void note(String text) {
    }
}
