package org.imap4j.codec.response;

import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.internal.ascii.Ascii;

/** One {@code search-return-data} item of an ESEARCH response (RFC 4731 section 3.1; RFC 9051 section 7.3.4). */
public sealed interface ESearchItem permits ESearchItem.Min, ESearchItem.Max, ESearchItem.Count, ESearchItem.All,
        ESearchItem.ModSeq, ESearchItem.Partial, ESearchItem.AddTo, ESearchItem.RemoveFrom, ESearchItem.Other {

    /**
     * {@code "MIN" SP nz-number}.
     *
     * @param value the lowest matching number
     */
    record Min(long value) implements ESearchItem {
        /**
         * Checks the range.
         *
         * @param value the lowest matching number
         */
        public Min {
            Checks.nz("MIN", value);
        }
    }

    /**
     * {@code "MAX" SP nz-number}.
     *
     * @param value the highest matching number
     */
    record Max(long value) implements ESearchItem {
        /**
         * Checks the range.
         *
         * @param value the highest matching number
         */
        public Max {
            Checks.nz("MAX", value);
        }
    }

    /**
     * {@code "COUNT" SP number}.
     *
     * @param value how many messages matched
     */
    record Count(long value) implements ESearchItem {
        /**
         * Checks the range.
         *
         * @param value how many messages matched
         */
        public Count {
            Checks.u32("COUNT", value);
        }
    }

    /**
     * {@code "ALL" SP sequence-set}, kept unexpanded.
     *
     * @param set the matching numbers
     */
    record All(SequenceSet set) implements ESearchItem {
        /**
         * Requires a set.
         *
         * @param set the matching numbers
         */
        public All {
            Objects.requireNonNull(set, "set");
        }
    }

    /**
     * {@code "MODSEQ" SP mod-sequence-value} (RFC 7162 section 3.1.5).
     *
     * @param value the highest mod-sequence of the matches
     */
    record ModSeq(long value) implements ESearchItem {
        /**
         * Checks the range.
         *
         * @param value the highest mod-sequence of the matches
         */
        public ModSeq {
            Checks.u63("MODSEQ", value);
        }
    }

    /**
     * {@code "PARTIAL" SP "(" partial-range SP partial-results ")"} (RFC 9394): one page of the matches.
     *
     * @param range   the page asked for, as the server echoed it
     * @param results the matches in that page, or {@code null} (NIL) when the page holds none
     */
    record Partial(org.imap4j.codec.core.PartialRange range, SequenceSet results) implements ESearchItem {
        /**
         * Requires a range.
         *
         * @param range   the page asked for
         * @param results the matches, or {@code null}
         */
        public Partial {
            Objects.requireNonNull(range, "range");
        }
    }

    /**
     * One {@code context-position SP sequence-set} pair of an {@code ADDTO} or {@code REMOVEFROM} update (RFC 5267
     * section 4.4): the messages and where they go in (or left) the result.
     *
     * @param position the 1-based position in a sorted result of the first message of {@code set}, or 0 for an
     *                 unsorted (SEARCH) result
     * @param set      the messages (UIDs for a UID search)
     */
    record ContextUpdate(long position, SequenceSet set) {
        /**
         * Validates.
         *
         * @param position the position, or 0
         * @param set      the messages
         */
        public ContextUpdate {
            Checks.u32("context-position", position);
            Objects.requireNonNull(set, "set");
        }
    }

    /**
     * {@code "ADDTO" SP "(" context-position SP sequence-set *(SP context-position SP sequence-set) ")"}
     * (CONTEXT=SEARCH / CONTEXT=SORT, RFC 5267 section 4.4): messages that now match a search kept up to date.
     *
     * @param updates one or more, in the server's order
     */
    record AddTo(java.util.List<ContextUpdate> updates) implements ESearchItem {
        /**
         * Requires one update or more.
         *
         * @param updates the updates
         */
        public AddTo {
            updates = nonEmpty(updates, "ADDTO");
        }
    }

    /**
     * {@code "REMOVEFROM" SP "(" context-position SP sequence-set *(SP context-position SP sequence-set) ")"}
     * (RFC 5267 section 4.4): messages that no longer match (or were expunged from) a search kept up to date.
     *
     * @param updates one or more, in the server's order
     */
    record RemoveFrom(java.util.List<ContextUpdate> updates) implements ESearchItem {
        /**
         * Requires one update or more.
         *
         * @param updates the updates
         */
        public RemoveFrom {
            updates = nonEmpty(updates, "REMOVEFROM");
        }
    }

    private static java.util.List<ContextUpdate> nonEmpty(java.util.List<ContextUpdate> updates, String what) {
        java.util.List<ContextUpdate> copy = java.util.List.copyOf(updates);
        if (copy.isEmpty()) {
            throw new ImapValidationException(what + " needs at least one position and set");
        }
        return copy;
    }

    /**
     * Return data this codec does not know, kept whole ({@code search-ret-data-ext}).
     *
     * @param name  the modifier name, upper-cased
     * @param value its {@code tagged-ext-val}
     */
    record Other(String name, ImapValue value) implements ESearchItem {
        /**
         * Requires an atom name and a value.
         *
         * @param name  the modifier name, upper-cased
         * @param value its {@code tagged-ext-val}
         */
        public Other {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (!Ascii.all(name, Ascii.ATOM)) {
                throw new ImapValidationException("search return data name is not an atom: \"" + name + "\"");
            }
        }
    }
}
