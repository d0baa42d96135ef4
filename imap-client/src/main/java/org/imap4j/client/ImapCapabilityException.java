package org.imap4j.client;

import org.imap4j.codec.ImapException;

/**
 * The server lacks an extension the operation needs and the client will not emulate it unsafely (for example MOVE
 * without MOVE or UIDPLUS, which could expunge other messages). Nothing was sent.
 */
public class ImapCapabilityException extends ImapException {
    private static final long serialVersionUID = 1L;

    /** @param message what is missing, and why it matters */
    public ImapCapabilityException(String message) {
        super(message, null);
    }
}
