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
     * Whether {@link #onUnsolicited} returns promptly, never blocks and never runs the application's code (it only
     * hands the response on, for instance to a queue served by other threads). When it does, an asynchronous
     * transport may call it on the thread that read the response, saving a thread hand-off per pushed response, as
     * long as no earlier delivery of the connection is still waiting; otherwise it runs where every other
     * delivery runs. The default, {@code false}, keeps every callback off the reading thread.
     *
     * @return whether {@link #onUnsolicited} may run on a transport's I/O thread
     */
    default boolean promptUnsolicited() {
        return false;
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
