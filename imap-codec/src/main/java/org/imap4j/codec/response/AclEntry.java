package org.imap4j.codec.response;

import java.util.Objects;
import org.imap4j.codec.ImapValidationException;

/**
 * One entry of an access control list ({@code identifier SP rights} of {@code acl-data}, RFC 4314 section 3.6).
 *
 * @param identifier who (a user or group, {@code anyone}, or {@code -name} for negative rights)
 * @param rights     the rights letters as the server sent them (RFC 4314 section 2.1), possibly empty
 */
public record AclEntry(String identifier, String rights) {
    /**
     * Refuses NUL.
     *
     * @param identifier who
     * @param rights     the rights letters
     */
    public AclEntry {
        noNul(identifier, "identifier");
        noNul(rights, "rights");
    }

    static void noNul(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.indexOf('\0') >= 0) {
            throw new ImapValidationException(what + " contains NUL");
        }
    }

    /**
     * @param right a right letter, such as {@code 'r'}
     * @return whether {@link #rights()} holds it
     */
    public boolean has(char right) {
        return rights.indexOf(right) >= 0;
    }
}
