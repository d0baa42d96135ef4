package org.imap4j.codec.command;

/**
 * What the server allows the command encoder to use: non-synchronizing literals and UTF-8 in quoted strings.
 *
 * @param literals   which literal forms the server accepts
 * @param utf8Accept whether {@code UTF8=ACCEPT} is enabled (RFC 6855): UTF-8 strings may be quoted and mailbox names
 *                   are sent in UTF-8 instead of modified UTF-7
 */
public record EncodeOptions(LiteralSupport literals, boolean utf8Accept) {
    /** The most conservative options: synchronizing literals only, no UTF-8. */
    public static final EncodeOptions DEFAULT = new EncodeOptions(LiteralSupport.SYNC_ONLY, false);

    /**
     * Requires a literal support value.
     *
     * @param literals   which literal forms the server accepts
     * @param utf8Accept whether {@code UTF8=ACCEPT} is enabled (RFC 6855): UTF-8 strings may be quoted and mailbox
     *                   names are sent in UTF-8 instead of modified UTF-7
     */
    public EncodeOptions {
        java.util.Objects.requireNonNull(literals, "literals");
    }

    /** Literal forms a server accepts. */
    public enum LiteralSupport {
        /** Only {@code {n}} (IMAP4rev1 without extensions). */
        SYNC_ONLY,
        /** {@code LITERAL+} (RFC 7888): {@code {n+}} of any size. */
        LITERAL_PLUS,
        /** {@code LITERAL-} (RFC 7888, also implied by IMAP4rev2): {@code {n+}} up to 4096 bytes. */
        LITERAL_MINUS
    }

    /**
     * @param size a literal's size
     * @return whether that literal may be sent without waiting for a continuation request
     */
    public boolean nonSync(long size) {
        return literals == LiteralSupport.LITERAL_PLUS || (literals == LiteralSupport.LITERAL_MINUS && size <= 4096);
    }
}
