package org.imap4j.codec.response;

import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * One item of a STATUS response ({@code status-att-val}, RFC 9051 section 7.3.4; RFC 7162, 7889, 8438, 8474).
 */
public sealed interface StatusItem permits StatusItem.Count, StatusItem.AppendLimit, StatusItem.MailboxId,
        StatusItem.Other {

    /** Numeric STATUS attributes. */
    enum Kind {
        /** {@code MESSAGES}: number of messages. */
        MESSAGES(false, false),
        /** {@code RECENT}: messages with \Recent (IMAP4rev1). */
        RECENT(false, false),
        /** {@code UIDNEXT}: the next UID (nz-number). */
        UIDNEXT(true, false),
        /** {@code UIDVALIDITY}: the UID validity (nz-number). */
        UIDVALIDITY(true, false),
        /** {@code UNSEEN}: messages without \Seen. */
        UNSEEN(false, false),
        /** {@code DELETED}: messages with \Deleted (RFC 9051). */
        DELETED(false, false),
        /** {@code SIZE}: total size in octets (number64, RFC 8438/9051). */
        SIZE(false, true),
        /** {@code HIGHESTMODSEQ} (RFC 7162, mod-sequence-valzer). */
        HIGHESTMODSEQ(false, true),
        /** {@code DELETED-STORAGE}: octets held by \\Deleted messages (RFC 9208 section 4.2, number64). */
        DELETED_STORAGE(false, true);

        /** @return the attribute's name on the wire */
        public String wire() {
            return this == DELETED_STORAGE ? "DELETED-STORAGE" : name();
        }

        final boolean nonZero;
        final boolean wide;

        Kind(boolean nonZero, boolean wide) {
            this.nonZero = nonZero;
            this.wide = wide;
        }
    }

    /**
     * A numeric item.
     *
     * @param kind  which attribute
     * @param value its value: 32-bit (non-zero for UIDNEXT/UIDVALIDITY), 63-bit for SIZE and HIGHESTMODSEQ
     */
    record Count(Kind kind, long value) implements StatusItem {
        /**
         * Checks the value's range for its kind.
         *
         * @param kind  which attribute
         * @param value its value: 32-bit (non-zero for UIDNEXT/UIDVALIDITY), 63-bit for SIZE and HIGHESTMODSEQ
         */
        public Count {
            Objects.requireNonNull(kind, "kind");
            if (kind.wide) {
                Checks.u63(kind.name(), value);
            } else if (kind.nonZero) {
                Checks.nz(kind.name(), value);
            } else {
                Checks.u32(kind.name(), value);
            }
        }
    }

    /**
     * {@code APPENDLIMIT SP (number / nil)} (RFC 7889 section 4).
     *
     * @param limit the largest APPEND size accepted, or {@code null} for no limit (NIL)
     */
    record AppendLimit(Long limit) implements StatusItem {
        /**
         * Checks the limit is not negative.
         *
         * @param limit the largest APPEND size accepted, or {@code null} for no limit (NIL)
         */
        public AppendLimit {
            if (limit != null) {
                Checks.u63("APPENDLIMIT", limit);
            }
        }
    }

    /**
     * {@code MAILBOXID SP "(" objectid ")"} (RFC 8474 section 4).
     *
     * @param id the mailbox's object id
     */
    record MailboxId(String id) implements StatusItem {
        /**
         * Validates the objectid.
         *
         * @param id the mailbox's object id
         */
        public MailboxId {
            Objects.requireNonNull(id, "id");
            Checks.objectId(id);
        }
    }

    /**
     * An item this codec does not know, kept whole.
     *
     * @param name  the attribute name, upper-cased
     * @param value its value
     */
    record Other(String name, ImapValue value) implements StatusItem {
        /**
         * Requires an atom name and a value.
         *
         * @param name  the attribute name, upper-cased
         * @param value its value
         */
        public Other {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (!Ascii.all(name, Ascii.ATOM)) {
                throw new ImapValidationException("status attribute is not an atom: \"" + name + "\"");
            }
        }
    }
}
