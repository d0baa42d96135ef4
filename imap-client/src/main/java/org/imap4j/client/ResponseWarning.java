package org.imap4j.client;

import java.util.Objects;
import org.imap4j.codec.ImapProtocolException;

/**
 * Something the server sent during a command that the client could not read, and skipped: the command succeeded,
 * but its result may lack what that response carried (a message of a FETCH, a LIST entry). Results that can carry
 * warnings say so ({@link FetchResults#warnings()}); with
 * {@link ImapClientConfig.Builder#strictResponses(boolean) strictResponses(true)} the command fails with
 * {@link #error()} instead.
 *
 * <pre>{@code
 * FetchResults r = client.fetchEnvelope(SequenceSet.all());
 * for (ResponseWarning w : r.warnings()) {
 *     log.warn("skipped part of the server's answer: {} [{}]", w.message(), w.excerpt());
 * }
 * }</pre>
 *
 * @param kind    what was lost
 * @param message what was wrong, as the parser says it
 * @param excerpt the offending bytes around the problem, escaped (controls and non-ASCII bytes written as escapes,
 *                safe to log or show) and cut to a short excerpt; may be empty
 * @param error   the parser's error (its {@code offset()} and {@code limit()} too), or {@code null} for an item the
 *                parser salvaged around without one
 */
public record ResponseWarning(Kind kind, String message, String excerpt, ImapProtocolException error) {

    /** What was lost. */
    public enum Kind {
        /** A whole response was unreadable and skipped (the codec reported it as malformed). */
        UNREADABLE_RESPONSE,
        /** One item of a response was unreadable; the rest of the response was kept. */
        UNREADABLE_ITEM,
        /**
         * A streamed body whose response text before it could not be read, so nobody can say which message it
         * belongs to: it was not given to any message (never paired by arrival order).
         */
        UNBOUND_BODY
    }

    /**
     * Validates.
     *
     * @param kind    what was lost
     * @param message what was wrong, as the parser says it
     * @param excerpt the offending bytes around the problem, escaped (controls and non-ASCII bytes written as escapes,
     *                safe to log or show) and cut to a short excerpt; may be empty
     * @param error   the parser's error (its {@code offset()} and {@code limit()} too), or {@code null} for an item the
     *                parser salvaged around without one
     */
    public ResponseWarning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        excerpt = excerpt == null ? "" : excerpt;
    }

    /**
     * @param size   the body's announced size
     * @param prefix the response's text before it
     * @return the warning for a streamed body that could not be bound to its message
     */
    public static ResponseWarning unboundBody(long size, org.imap4j.codec.core.Bytes prefix) {
        byte[] raw = prefix.toByteArray();
        int shown = Math.min(raw.length, 200);
        return new ResponseWarning(Kind.UNBOUND_BODY, "a streamed body of " + size + " bytes could not be bound to "
                + "its message: the response text before it could not be read", org.imap4j.codec.ServerText.escape(
                new String(raw, 0, shown, java.nio.charset.StandardCharsets.ISO_8859_1)), null);
    }

    /**
     * @param error a response the parser rejected
     * @return the warning for it
     */
    public static ResponseWarning unreadable(ImapProtocolException error) {
        return new ResponseWarning(Kind.UNREADABLE_RESPONSE, String.valueOf(error.getMessage()), error.excerpt(),
                error);
    }
}
