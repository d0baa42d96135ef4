package org.imap4j.codec.response;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * A mailbox attribute in a LIST or LSUB response ({@code mbx-list-flags}, RFC 9051 section 7.3.1; SPECIAL-USE, RFC
 * 6154 section 2): a well-known attribute, or any other flag kept as sent.
 */
public sealed interface MailboxAttribute permits MailboxAttribute.Known, MailboxAttribute.Other {

    /** @return the attribute as written on the wire, e.g. {@code \Noselect} */
    String wire();

    /**
     * @param flag an attribute as sent ({@code "\" atom}, or an atom)
     * @return the typed attribute (well-known names match case-insensitively)
     * @throws ImapValidationException if it is not a flag
     */
    static MailboxAttribute of(String flag) {
        Objects.requireNonNull(flag, "flag");
        Known k = Known.BY_NAME.get(flag.toLowerCase(Locale.ROOT));
        return k != null ? k : new Other(flag);
    }

    /** Attributes of RFC 9051 section 7.3.1 and the special-use attributes of RFC 6154. */
    enum Known implements MailboxAttribute {
        /** {@code \Noinferiors}: no child mailboxes can exist. */
        NOINFERIORS("\\Noinferiors"),
        /** {@code \Noselect}: the name cannot be selected. */
        NOSELECT("\\Noselect"),
        /** {@code \Marked}: probably has new messages. */
        MARKED("\\Marked"),
        /** {@code \Unmarked}: no new messages. */
        UNMARKED("\\Unmarked"),
        /** {@code \HasChildren} (RFC 5258). */
        HAS_CHILDREN("\\HasChildren"),
        /** {@code \HasNoChildren} (RFC 5258). */
        HAS_NO_CHILDREN("\\HasNoChildren"),
        /** {@code \NonExistent} (RFC 5258). */
        NON_EXISTENT("\\NonExistent"),
        /** {@code \Subscribed} (RFC 5258). */
        SUBSCRIBED("\\Subscribed"),
        /** {@code \Remote} (RFC 5258). */
        REMOTE("\\Remote"),
        /** {@code \All} (RFC 6154). */
        ALL("\\All"),
        /** {@code \Archive} (RFC 6154). */
        ARCHIVE("\\Archive"),
        /** {@code \Drafts} (RFC 6154). */
        DRAFTS("\\Drafts"),
        /** {@code \Flagged} (RFC 6154). */
        FLAGGED("\\Flagged"),
        /** {@code \Junk} (RFC 6154). */
        JUNK("\\Junk"),
        /** {@code \Sent} (RFC 6154). */
        SENT("\\Sent"),
        /** {@code \Trash} (RFC 6154). */
        TRASH("\\Trash");

        /** Each attribute by its lower-case wire name; immutable, so the codec holds no shared mutable state. */
        static final Map<String, Known> BY_NAME = byName();

        private static Map<String, Known> byName() {
            Map<String, Known> m = new HashMap<>();
            for (Known k : values()) {
                m.put(k.wire.toLowerCase(Locale.ROOT), k);
            }
            return Map.copyOf(m);
        }

        private final String wire;

        Known(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /**
     * An attribute this codec does not know, kept as sent.
     *
     * @param value the flag, e.g. {@code \Important} or {@code $Label}
     */
    record Other(String value) implements MailboxAttribute {
        /**
         * Validates {@code flag = "\" atom / atom}.
         *
         * @param value the flag, e.g. {@code \Important} or {@code $Label}
         */
        public Other {
            Objects.requireNonNull(value, "value");
            String atom = value.startsWith("\\") ? value.substring(1) : value;
            if (!Ascii.all(atom, Ascii.ATOM)) {
                throw new ImapValidationException("mailbox attribute is not a flag: \"" + value + "\"");
            }
        }

        @Override
        public String wire() {
            return value;
        }
    }
}
