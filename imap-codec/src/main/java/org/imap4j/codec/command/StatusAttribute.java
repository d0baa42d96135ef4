package org.imap4j.codec.command;

/**
 * A STATUS data item ({@code status-att}, RFC 9051 section 6.3.11, RFC 7162, RFC 8438, RFC 7889, RFC 8474).
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

    /** @param name an upper-case name @return the attribute, or {@code null} if unknown */
    public static StatusAttribute fromWire(String name) {
        for (StatusAttribute a : values()) {
            if (a.wire.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
