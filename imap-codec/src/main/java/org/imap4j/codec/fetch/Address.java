package org.imap4j.codec.fetch;

import java.util.List;
import java.util.Objects;
import org.imap4j.codec.ImapValidationException;

/**
 * One entry of an envelope address list (RFC 3501 section 7.4.2, RFC 9051 section 7.5.2): a mailbox, or an RFC 5322
 * group, which the wire encodes as a start marker {@code (NIL NIL "name" NIL)}, the members, and an end marker
 * {@code (NIL NIL NIL NIL)}.
 */
public sealed interface Address permits Address.Mailbox, Address.Group {

    /**
     * A mailbox address ({@code address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"}); each field is
     * {@code null} for NIL.
     *
     * @param name    the display name (possibly RFC 2047-encoded, not decoded here), or null
     * @param adl     the source route (obsolete), or null
     * @param mailbox the local part, or null
     * @param host    the domain; never null, since a NIL host is the group syntax
     */
    record Mailbox(String name, String adl, String mailbox, String host) implements Address {
        /**
         * Requires a host: a NIL host marks a group (use {@link Group}).
         *
         * @param name    the display name (possibly RFC 2047-encoded, not decoded here), or null
         * @param adl     the source route (obsolete), or null
         * @param mailbox the local part, or null
         * @param host    the domain; never null, since a NIL host is the group syntax
         */
        public Mailbox {
            if (host == null) {
                throw new ImapValidationException("a mailbox address needs a host; a NIL host is group syntax");
            }
        }

        /**
         * @param name    display name or null
         * @param mailbox local part
         * @param host    domain
         * @return the address without a source route
         */
        public static Mailbox of(String name, String mailbox, String host) {
            return new Mailbox(name, null, mailbox, host);
        }
    }

    /**
     * A group ({@code display-name ":" [mailbox-list] ";"}, RFC 5322 section 3.4).
     *
     * @param name    the group's display name
     * @param members the mailboxes in the group, possibly none
     */
    record Group(String name, List<Mailbox> members) implements Address {
        /**
         * Requires a name and copies the members.
         *
         * @param name    the group's display name
         * @param members the mailboxes in the group, possibly none
         */
        public Group {
            Objects.requireNonNull(name, "group name");
            members = List.copyOf(members);
        }
    }
}
