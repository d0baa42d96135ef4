package org.imap4j.session;

import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.response.Untagged;

/**
 * Receives what belongs to the connection rather than to a command: unsolicited responses (EXISTS, EXPUNGE,
 * FETCH flag changes, VANISHED, BYE, an ALERT), responses the codec could not read, and the end of the connection.
 * Same threading as {@link CommandListener}.
 */
public interface ConnectionListener {
    /** A listener that ignores everything. */
    ConnectionListener NONE = new ConnectionListener() {
    };

    /** @param response an untagged response no pending command collects (RFC 9051 section 7) */
    default void onUnsolicited(Untagged response) {
    }

    /**
     * A response broke the grammar and was skipped; framing held, other commands are unharmed.
     *
     * @param error what was wrong, with the offending bytes escaped and cut
     */
    default void onMalformed(ImapProtocolException error) {
    }

    /**
     * The connection ended: every pending command has failed with {@code cause}.
     *
     * @param cause why, or {@code null} after LOGOUT or a {@code close()} by the caller
     */
    default void onClosed(ImapException cause) {
    }
}
