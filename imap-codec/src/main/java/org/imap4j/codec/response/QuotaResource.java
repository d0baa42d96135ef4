package org.imap4j.codec.response;

import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * One resource of a QUOTA response ({@code quota-resource = resource-name SP resource-usage SP resource-limit}, RFC
 * 9208 section 5.1).
 *
 * @param name  the resource, e.g. {@code STORAGE} (in units of 1024 octets), {@code MESSAGE}, {@code MAILBOX}
 * @param usage current usage (63-bit)
 * @param limit the limit (63-bit)
 */
public record QuotaResource(String name, long usage, long limit) {
    /**
     * Validates the name as an atom and the numbers as non-negative.
     *
     * @param name  the resource, e.g. {@code STORAGE} (in units of 1024 octets), {@code MESSAGE}, {@code MAILBOX}
     * @param usage current usage (63-bit)
     * @param limit the limit (63-bit)
     */
    public QuotaResource {
        Objects.requireNonNull(name, "name");
        if (!Ascii.all(name, Ascii.ATOM)) {
            throw new ImapValidationException("quota resource name is not an atom: \"" + name + "\"");
        }
        Checks.u63("usage", usage);
        Checks.u63("limit", limit);
    }
}
