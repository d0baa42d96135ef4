package org.imap4j.session;

import org.imap4j.codec.ImapTimeoutException;

/**
 * The link looked dead: while the connection was in IDLE (or ending it), the server sent nothing within the
 * liveness bound ({@link TransportOptions#liveness()}), not even the answer to the {@code DONE} that probed it. A
 * black-holed link (a NAT mapping that vanished, a suspended laptop, a dropped route) ends this way instead of
 * hanging until the IDLE refresh. The connection is closed; it is safe to reconnect and resynchronise.
 */
public class ImapLivenessException extends ImapTimeoutException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went unanswered, and for how long
     */
    public ImapLivenessException(String message) {
        super(message);
    }
}
