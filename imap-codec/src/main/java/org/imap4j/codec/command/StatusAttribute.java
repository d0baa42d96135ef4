package org.imap4j.codec.command;

import java.util.Collection;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Capability.Known;

/**
 * A STATUS data item ({@code status-att}, RFC 9051 section 6.3.11, RFC 7162, RFC 8438, RFC 7889, RFC 8474).
 *
 * <p>Not every server knows every item, and a server answers an item it does not know with BAD: use
 * {@link #offeredBy(Collection)} to ask only for what the capabilities allow.
 */
public enum StatusAttribute {
    /** {@code MESSAGES}. */
    MESSAGES("MESSAGES"),
    /** {@code RECENT} (IMAP4rev1 only). */
    RECENT("RECENT"),
    /** {@code UIDNEXT}. */
    UIDNEXT("UIDNEXT"),
    /** {@code UIDVALIDITY}. */
    UIDVALIDITY("UIDVALIDITY"),
    /** {@code UNSEEN}. */
    UNSEEN("UNSEEN"),
    /** {@code HIGHESTMODSEQ} (RFC 7162). */
    HIGHESTMODSEQ("HIGHESTMODSEQ"),
    /** {@code SIZE} (RFC 8438, RFC 9051). */
    SIZE("SIZE"),
    /** {@code DELETED} (RFC 9051). */
    DELETED("DELETED"),
    /** {@code APPENDLIMIT} (RFC 7889). */
    APPENDLIMIT("APPENDLIMIT"),
    /** {@code MAILBOXID} (RFC 8474). */
    MAILBOXID("MAILBOXID"),
    /** {@code DELETED-STORAGE}: octets a \\Deleted expunge would free (RFC 9208 section 4.2). */
    DELETED_STORAGE("DELETED-STORAGE");

    private final String wire;

    StatusAttribute(String wire) {
        this.wire = wire;
    }

    /** @return the name on the wire */
    public String wire() {
        return wire;
    }

    /**
     * Whether a server with these capabilities may be asked for this item.
     *
     * <table>
     * <caption>Which capability each item needs</caption>
     * <tr><th>item</th><th>needs</th></tr>
     * <tr><td>MESSAGES, UIDNEXT, UIDVALIDITY, UNSEEN</td><td>nothing (RFC 3501, RFC 9051)</td></tr>
     * <tr><td>RECENT</td><td>{@code IMAP4rev1}, or no {@code IMAP4rev2} (RFC 9051 removed it)</td></tr>
     * <tr><td>DELETED</td><td>{@code IMAP4rev2}</td></tr>
     * <tr><td>SIZE</td><td>{@code STATUS=SIZE} (RFC 8438) or {@code IMAP4rev2}</td></tr>
     * <tr><td>HIGHESTMODSEQ</td><td>{@code CONDSTORE} or {@code QRESYNC} (RFC 7162)</td></tr>
     * <tr><td>APPENDLIMIT</td><td>{@code APPENDLIMIT} or {@code APPENDLIMIT=n} (RFC 7889)</td></tr>
     * <tr><td>MAILBOXID</td><td>{@code OBJECTID} (RFC 8474)</td></tr>
     * <tr><td>DELETED-STORAGE</td><td>{@code QUOTA=RES-STORAGE} (RFC 9208 section 4.2)</td></tr>
     * </table>
     *
     * @param capabilities the server's capabilities
     * @return whether the item may be asked for
     */
    public boolean offeredBy(Collection<? extends Capability> capabilities) {
        switch (this) {
            case RECENT:
                return capabilities.contains(Known.IMAP4REV1) || !capabilities.contains(Known.IMAP4REV2);
            case DELETED:
                return capabilities.contains(Known.IMAP4REV2);
            case SIZE:
                return capabilities.contains(Known.STATUS_SIZE) || capabilities.contains(Known.IMAP4REV2);
            case HIGHESTMODSEQ:
                return capabilities.contains(Known.CONDSTORE) || capabilities.contains(Known.QRESYNC);
            case APPENDLIMIT:
                for (Capability c : capabilities) {
                    if (c == Known.APPENDLIMIT || c instanceof Capability.AppendLimit) {
                        return true;
                    }
                }
                return false;
            case MAILBOXID:
                return capabilities.contains(Known.OBJECTID);
            case DELETED_STORAGE:
                return capabilities.contains(Known.QUOTA_RES_STORAGE);
            default:
                return true;
        }
    }

    /**
     * @param name an upper-case name
     * @return the attribute, or {@code null} if unknown
     */
    public static StatusAttribute fromWire(String name) {
        for (StatusAttribute a : values()) {
            if (a.wire.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
