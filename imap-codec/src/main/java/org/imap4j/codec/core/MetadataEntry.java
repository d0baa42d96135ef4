package org.imap4j.codec.core;

import java.util.Objects;
import org.imap4j.codec.ImapValidationException;

/**
 * One metadata entry with its value ({@code entry-value = entry SP value}, RFC 5464 section 5): sent by SETMETADATA,
 * received in a {@code * METADATA} response.
 *
 * @param name  the entry name, a slash-separated path such as {@code /private/comment} or {@code /shared/vendor/x}
 * @param value the value's octets (it may be binary), or {@code null} for {@code NIL}: no value (SETMETADATA with
 *              {@code NIL} removes the entry)
 */
public record MetadataEntry(String name, Bytes value) {
    /**
     * Refuses NUL in the name.
     *
     * @param name  the entry name
     * @param value the value, or {@code null}
     */
    public MetadataEntry {
        Objects.requireNonNull(name, "name");
        if (name.indexOf('\0') >= 0) {
            throw new ImapValidationException("metadata entry name contains NUL");
        }
    }

    /**
     * @param name  the entry name
     * @param value the value as UTF-8 text, or {@code null} for NIL
     * @return the entry
     */
    public static MetadataEntry of(String name, String value) {
        return new MetadataEntry(name, value == null ? null : Bytes.utf8(value));
    }

    /**
     * @return the value as UTF-8 text (malformed sequences replaced), or {@code null} for NIL
     */
    public String text() {
        return value == null ? null : value.utf8();
    }

    /**
     * Checks an entry name a client sends (RFC 5464 section 3.2): it starts with {@code /private/} or
     * {@code /shared/} (or is one of them), holds no {@code *} or {@code %}, no two slashes in a row and no trailing
     * slash, and only printable characters.
     *
     * @param name the name
     * @return {@code name}
     * @throws ImapValidationException if it breaks these rules
     */
    public static String checkName(String name) {
        Objects.requireNonNull(name, "metadata entry name");
        boolean rooted = name.equals("/private") || name.equals("/shared") || name.startsWith("/private/")
                || name.startsWith("/shared/");
        boolean bad = !rooted || name.endsWith("/") || name.contains("//");
        for (int i = 0; i < name.length() && !bad; i++) {
            char c = name.charAt(i);
            bad = c == '*' || c == '%' || c < 0x20 || c == 0x7f;
        }
        if (bad) {
            throw new ImapValidationException("not a metadata entry name (RFC 5464 3.2): "
                    + name.replaceAll("[^\\x20-\\x7e]", "?"));
        }
        return name;
    }
}
