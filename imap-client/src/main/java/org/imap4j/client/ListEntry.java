package org.imap4j.client;

import java.util.List;
import java.util.Optional;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.MailboxAttribute;

/**
 * One mailbox from LIST or LSUB (RFC 9051 section 7.3.1), with its special use (RFC 6154) among the attributes and,
 * when LIST-STATUS was used, its status (RFC 5819).
 *
 * @param mailbox    the name
 * @param delimiter  the hierarchy delimiter, or {@code null} for a flat name space
 * @param attributes the attributes ({@code \HasChildren}, {@code \Noselect}, {@code \Sent}, ...)
 * @param status     its STATUS, when asked for with LIST-STATUS
 */
public record ListEntry(MailboxName mailbox, String delimiter, List<MailboxAttribute> attributes,
        Optional<StatusResult> status) {
    /**
     * Copies.
     *
     * @param mailbox    the name
     * @param delimiter  the hierarchy delimiter, or {@code null} for a flat name space
     * @param attributes the attributes ({@code \HasChildren}, {@code \Noselect}, {@code \Sent}, ...)
     * @param status     its STATUS, when asked for with LIST-STATUS
     */
    public ListEntry {
        attributes = List.copyOf(attributes);
    }

    /**
     * @param attribute an attribute
     * @return whether the mailbox has it
     */
    public boolean has(MailboxAttribute attribute) {
        return attributes.contains(attribute);
    }
}
