package org.imap4j.client;

import java.util.List;
import java.util.Optional;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.MetadataEntry;
import org.imap4j.codec.response.MailboxAttribute;

/**
 * One mailbox from LIST or LSUB (RFC 9051 section 7.3.1), with its special use (RFC 6154) among the attributes and,
 * when LIST-STATUS was used, its status (RFC 5819), and when LIST-METADATA was used, its metadata (RFC 9590).
 *
 * @param mailbox    the name
 * @param delimiter  the hierarchy delimiter, or {@code null} for a flat name space
 * @param attributes the attributes ({@code \HasChildren}, {@code \Noselect}, {@code \Sent}, ...)
 * @param status     its STATUS, when asked for with LIST-STATUS
 * @param metadata   the METADATA entries the server returned for it (LIST-METADATA, RFC 9590), in its order; an
 *                   entry without a value has a {@code null} value (NIL); empty when none were asked for
 */
public record ListEntry(MailboxName mailbox, String delimiter, List<MailboxAttribute> attributes,
        Optional<StatusResult> status, List<MetadataEntry> metadata) {
    /**
     * Copies.
     *
     * @param mailbox    the name
     * @param delimiter  the hierarchy delimiter, or {@code null} for a flat name space
     * @param attributes the attributes ({@code \HasChildren}, {@code \Noselect}, {@code \Sent}, ...)
     * @param status     its STATUS, when asked for with LIST-STATUS
     * @param metadata   its METADATA entries (LIST-METADATA), or empty
     */
    public ListEntry {
        attributes = List.copyOf(attributes);
        metadata = metadata == null ? List.of() : List.copyOf(metadata);
    }

    /**
     * An entry without metadata.
     *
     * @param mailbox    the name
     * @param delimiter  the hierarchy delimiter, or {@code null} for a flat name space
     * @param attributes the attributes
     * @param status     its STATUS, when asked for with LIST-STATUS
     */
    public ListEntry(MailboxName mailbox, String delimiter, List<MailboxAttribute> attributes,
            Optional<StatusResult> status) {
        this(mailbox, delimiter, attributes, status, List.of());
    }

    /**
     * @param entry a metadata entry name, e.g. {@code /shared/comment}
     * @return its value as the server returned it with this mailbox (LIST-METADATA, RFC 9590); empty when it has no
     *     value (NIL) or was not returned
     */
    public Optional<Bytes> metadata(String entry) {
        for (MetadataEntry m : metadata) {
            if (m.name().equals(entry)) {
                return Optional.ofNullable(m.value());
            }
        }
        return Optional.empty();
    }

    /**
     * @param attribute an attribute
     * @return whether the mailbox has it
     */
    public boolean has(MailboxAttribute attribute) {
        return attributes.contains(attribute);
    }

    /**
     * Whether the mailbox has child mailboxes, as the server reported it: IMAP4rev2 servers always do (RFC 9051
     * section 7.3.1), IMAP4rev1 servers with CHILDREN (RFC 3348) or LIST-EXTENDED (RFC 5258) may.
     *
     * @return {@code true} for {@code \HasChildren}, {@code false} for {@code \HasNoChildren} (or
     *     {@code \NoInferiors}, which cannot have any), empty when the server said nothing
     */
    public Optional<Boolean> hasChildren() {
        if (has(MailboxAttribute.Known.HAS_CHILDREN)) {
            return Optional.of(true);
        }
        if (has(MailboxAttribute.Known.HAS_NO_CHILDREN) || has(MailboxAttribute.Known.NOINFERIORS)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }
}
