package org.imap4j.client;

import org.imap4j.codec.ImapException;

/**
 * A command addressing messages by sequence number, refused before anything is sent because UIDONLY (RFC 9586) is
 * enabled on the connection: there the server knows no sequence numbers and would answer {@code BAD [UIDREQUIRED]}.
 * Use the UID form of the operation (the default {@link ImapClient#operations()}, not {@link ImapClient#bySequence()}).
 */
public class ImapUidOnlyException extends ImapException {
    private static final long serialVersionUID = 1L;

    /** @param what the command refused */
    public ImapUidOnlyException(String what) {
        super(what + " addresses messages by sequence number, which UIDONLY (RFC 9586) forbids; use UIDs", null);
    }
}
