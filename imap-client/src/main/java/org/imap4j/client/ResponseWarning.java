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
        UNREADABLE_ITEM
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
     * @param error a response the parser rejected
     * @return the warning for it
     */
    public static ResponseWarning unreadable(ImapProtocolException error) {
        return new ResponseWarning(Kind.UNREADABLE_RESPONSE, String.valueOf(error.getMessage()), error.excerpt(),
                error);
    }
}
