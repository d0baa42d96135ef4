package org.imap4j.codec.response;

import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.internal.ascii.Ascii;

/** One {@code search-return-data} item of an ESEARCH response (RFC 4731 section 3.1; RFC 9051 section 7.3.4). */
public sealed interface ESearchItem permits ESearchItem.Min, ESearchItem.Max, ESearchItem.Count, ESearchItem.All,
        ESearchItem.ModSeq, ESearchItem.Partial, ESearchItem.Other {

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
