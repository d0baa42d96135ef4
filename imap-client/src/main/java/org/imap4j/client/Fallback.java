package org.imap4j.client;

import java.util.Objects;

/**
 * A fallback the client took because the server lacks an extension (or has a known deviation): the operation still
 * does what was asked, by other commands. Reported as it happens to {@link MailboxListener#fallback(Fallback)}, as a
 * note in the protocol trace ({@link org.imap4j.session.TraceListener#note(String)}), and kept for
 * {@link ImapClient#fallbacks()}, so that nothing the client does in the user's name runs silently.
 *
 * <pre>{@code
 * client.move(uids, archive);
 * for (Fallback f : client.fallbacks()) {
 *     log.info("{}: {}", f.kind(), f.detail());   // MOVE_EMULATED: MOVE not offered: COPY, STORE +FLAGS (\Deleted), UID EXPUNGE
 * }
 * }</pre>
 *
 * @param kind      what was done instead
 * @param command   the command the caller asked for, e.g. {@code "MOVE"}
 * @param missing   the capability the server lacks (its wire name, e.g. {@code "MOVE"}), or {@code ""} for a quirk
 * @param detail    one line saying what was sent instead and why
 */
public record Fallback(Kind kind, String command, String missing, String detail) {

    /** The fallbacks the client knows. */
    public enum Kind {
        /** MOVE (RFC 6851) not offered: COPY, STORE +FLAGS.SILENT (\Deleted) and UID EXPUNGE of exactly those UIDs. */
        MOVE_EMULATED,
        /**
         * REPLACE (RFC 8508) not offered: APPEND, then STORE +FLAGS.SILENT (\Deleted) and UID EXPUNGE of exactly the
         * old message (not atomic).
         */
        REPLACE_EMULATED,
        /** ESEARCH (RFC 4731) not offered: a plain SEARCH, MIN / MAX / COUNT / ALL computed from its matches. */
        ESEARCH_EMULATED,
        /**
         * IDLE (RFC 2177) not offered, or turned off: a {@link MailboxWatch} learns of changes by NOOP every poll
         * interval instead of being told at once.
         */
        IDLE_POLLING,
        /** LIST-STATUS (RFC 5819) not offered: LIST, then one STATUS per selectable mailbox. */
        LIST_STATUS_EMULATED,
        /** UNSELECT (RFC 3691) not offered: EXAMINE of a mailbox that does not exist (its NO deselects). */
        UNSELECT_EMULATED,
        /** SPECIAL-USE (RFC 6154) not offered: plain LIST of every mailbox, uses read from its attributes if any. */
        SPECIAL_USE_UNFILTERED,
        /** MULTIAPPEND (RFC 3502) not offered: one APPEND per message, in order (not all-or-none). */
        APPEND_ONE_BY_ONE,
        /** A STATUS item the server does not offer was left out of the command and reported absent. */
        STATUS_ITEMS_DROPPED,
        /**
         * The server refused {@code CHARSET UTF-8} for a SEARCH with non-ASCII strings ({@code NO [BADCHARSET]}):
         * searched without the non-ASCII header keys, those matched on the candidates' fetched headers, then searched
         * again with the matching UIDs (BODY and TEXT keys: {@link ImapSearchCharsetException}).
         */
        BADCHARSET_FILTERED,
        /**
         * An {@link org.imap4j.client.pool.ImapPool}'s server refused one connection too many: the pool's cap was
         * lowered to the connections open, and leases wait for one of them.
         */
        CONNECTION_CAP_LOWERED,
        /** A deviation of the detected server ({@link ServerProfile}) worked around. */
        QUIRK
    }

    /**
     * Validates.
     *
     * @param kind    what was done instead
     * @param command the command asked for
     * @param missing the capability lacking, or {@code ""}
     * @param detail  what was sent instead and why
     */
    public Fallback {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(missing, "missing");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return one line for a log or the trace: {@code "MOVE_EMULATED (MOVE not offered): ..."} */
    @Override
    public String toString() {
        return kind + (missing.isEmpty() ? "" : " (" + missing + " not offered)") + ": " + detail;
    }
}
