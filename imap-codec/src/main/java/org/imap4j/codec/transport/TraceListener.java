package org.imap4j.codec.transport;

/**
 * Receives the protocol as text, both ways, for debugging. Off unless set. Secrets are redacted before this sees
 * them: the arguments of LOGIN, the initial response of AUTHENTICATE and every SASL response line.
 * Server data is shown as received (decoded as ISO-8859-1, so every byte maps to one character).
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
     * Called with each chunk of traffic, in order, on the thread that moved it. Must not block.
     *
     * @param direction which way
     * @param text      the bytes as text, with secrets redacted
     */
    void trace(Direction direction, String text);
}
