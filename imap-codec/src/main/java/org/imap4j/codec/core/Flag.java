package org.imap4j.codec.core;

import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * A message flag (RFC 9051 section 2.3.2): a system flag such as {@code \Seen}, a keyword such as {@code $Forwarded},
 * or {@code \*} (in PERMANENTFLAGS, "new keywords may be created"). System flags compare case-insensitively and are
 * normalised to their RFC spelling.
 *
 * @param value the flag as written on the wire
 */
public record Flag(String value) {
    // Declared before the constants below: their construction reads it during class initialisation.
    private static final String[] SYSTEM = {"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft", "\\Recent"};
    /** {@code \Seen}. */
    public static final Flag SEEN = new Flag("\\Seen");
    /** {@code \Answered}. */
    public static final Flag ANSWERED = new Flag("\\Answered");
    /** {@code \Flagged}. */
    public static final Flag FLAGGED = new Flag("\\Flagged");
    /** {@code \Deleted}. */
    public static final Flag DELETED = new Flag("\\Deleted");
    /** {@code \Draft}. */
    public static final Flag DRAFT = new Flag("\\Draft");
    /** {@code \Recent} (IMAP4rev1 only; read-only). */
    public static final Flag RECENT = new Flag("\\Recent");
    /** {@code \*}: the client may create new keywords (PERMANENTFLAGS only). */
    public static final Flag ANY_KEYWORD = new Flag("\\*");


    /**
     * Validates {@code flag = "\" atom / atom} and normalises system flags.
     *
     * @param value the flag as written on the wire
     */
    public Flag {
        Objects.requireNonNull(value, "value");
        if (value.equals("\\*")) {
            value = "\\*";
        } else {
            String atom = value.startsWith("\\") ? value.substring(1) : value;
            if (!Ascii.all(atom, Ascii.ATOM)) {
                throw new ImapValidationException("flag is not an atom (or \\atom): \""
                        + Ascii.escape(value.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0,
                        Math.min(value.length(), 64)) + "\"");
            }
            for (String s : SYSTEM) {
                if (s.equalsIgnoreCase(value)) {
                    value = s;
                    break;
                }
            }
        }
    }

    /**
     * @param value the flag
     * @return the flag
     */
    public static Flag of(String value) {
        return new Flag(value);
    }

    /** @return whether this is a system flag or {@code \*} (starts with a backslash) */
    public boolean isSystem() {
        return value.startsWith("\\");
    }

    @Override
    public String toString() {
        return value;
    }
}
