package org.imap4j.client;

import org.imap4j.codec.ImapException;
import org.imap4j.codec.core.MailboxName;

/**
 * An APPEND the client refused before writing anything, because the message is larger than the server's
 * APPENDLIMIT (RFC 7889): the limit of every mailbox ({@code APPENDLIMIT=n} in CAPABILITY) or that of the
 * destination mailbox (its {@code APPENDLIMIT} from a STATUS or LIST-STATUS answered on this connection). The server
 * would have refused it with {@code [TOOBIG]}, possibly only after receiving the whole message.
 */
public class ImapAppendLimitException extends ImapException {
    private static final long serialVersionUID = 1L;

    /** The mailbox the message was for. */
    private final transient MailboxName mailbox;
    /** The limit in octets. */
    private final long limit;
    /** The refused message's size in octets. */
    private final long size;
    /** Whether the limit is the mailbox's own. */
    private final boolean perMailbox;

    /**
     * @param mailbox    the destination
     * @param limit      the limit in octets
     * @param size       the message's size in octets
     * @param perMailbox whether the limit is the mailbox's own (STATUS) rather than the server's (CAPABILITY)
     */
    public ImapAppendLimitException(MailboxName mailbox, long limit, long size, boolean perMailbox) {
        super("APPEND of " + size + " octets exceeds the server's APPENDLIMIT of " + limit + " octets"
                + (perMailbox ? " for this mailbox (STATUS)" : " (CAPABILITY)") + "; nothing was sent", null);
        this.mailbox = mailbox;
        this.limit = limit;
        this.size = size;
        this.perMailbox = perMailbox;
    }

    /** @return the destination mailbox */
    public MailboxName mailbox() {
        return mailbox;
    }

    /** @return the limit in octets */
    public long limit() {
        return limit;
    }

    /** @return the refused message's size in octets */
    public long size() {
        return size;
    }

    /** @return whether the limit is the mailbox's own (from STATUS) rather than the server-wide one (CAPABILITY) */
    public boolean perMailbox() {
        return perMailbox;
    }
}
