package org.imap4j.codec.response;

import java.util.List;
import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.core.MailboxName;

/**
 * One item of a LIST response's extended data ({@code mbox-list-extended-item}, RFC 5258 section 6; RFC 9051
 * section 7.3.1).
 */
public sealed interface ListExtendedItem permits ListExtendedItem.ChildInfo, ListExtendedItem.OldName,
        ListExtendedItem.Other {

    /**
     * {@code "CHILDINFO" SP "(" list-select-base-opt-quoted *(SP list-select-base-opt-quoted) ")"} (RFC 5258).
     *
     * @param options the selection options some child matched, e.g. {@code SUBSCRIBED}
     */
    record ChildInfo(List<String> options) implements ListExtendedItem {
        /**
         * Requires at least one option.
         *
         * @param options the selection options some child matched, e.g. {@code SUBSCRIBED}
         */
        public ChildInfo {
            options = List.copyOf(options);
            if (options.isEmpty()) {
                throw new ImapValidationException("CHILDINFO needs at least one option");
            }
        }
    }

    /**
     * {@code "OLDNAME" SP "(" mailbox ")"} (RFC 9051 section 6.3.6): the mailbox's name before a RENAME.
     *
     * @param name the old name
     */
    record OldName(MailboxName name) implements ListExtendedItem {
        /**
         * Requires a name.
         *
         * @param name the old name
         */
        public OldName {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * An extended item this codec does not know, kept whole.
     *
     * @param tag   the item's tag as sent
     * @param value its {@code tagged-ext-val}
     */
    record Other(String tag, ImapValue value) implements ListExtendedItem {
        /**
         * Requires a tag and a value.
         *
         * @param tag   the item's tag as sent
         * @param value its {@code tagged-ext-val}
         */
        public Other {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(value, "value");
        }
    }
}
