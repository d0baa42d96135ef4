package org.imap4j.codec.core;

import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * A command tag ({@code tag = 1*<any ASTRING-CHAR except "+">}, RFC 9051 section 9).
 *
 * @param value the tag
 */
public record Tag(String value) {
    /**
     * Validates the tag grammar.
     *
     * @param value the tag
     */
    public Tag {
        Objects.requireNonNull(value, "value");
        if (!Ascii.all(value, Ascii.TAG)) {
            throw new ImapValidationException("invalid tag: \"" + value + "\"");
        }
    }

    /**
     * @param value the tag
     * @return the tag
     */
    public static Tag of(String value) {
        return new Tag(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
