package org.imap4j.codec.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PrimitiveIterator;
import org.imap4j.codec.ImapValidationException;

/**
 * A set of message sequence numbers or UIDs ({@code sequence-set}, RFC 9051 section 9), such as {@code 1:5,7,9:*}.
 * Whether the numbers are UIDs is decided by the command that carries the set ({@code UID FETCH} and friends), not by
 * the set.
 *
 * <p>The set keeps its ranges in the order given, because order carries meaning in {@code COPYUID}; it is never
 * expanded into numbers, so a server's {@code 1:4294967295} costs two longs. {@code *} ("the largest number in
 * use") is the constant {@link #STAR}; {@link #resolve(long)} replaces it with a known maximum. {@link #normalized()}
 * sorts and merges runs. {@link #lastResult()} is {@code $} (RFC 9051 section 6.4.4.1, RFC 5182): the result of the
 * last SEARCH saved by the server, whose numbers the client does not know.
 *
 * <pre>{@code
 * SequenceSet s = SequenceSet.parse("1:5,7,9:*");
 * s.contains(12, 20);                        // true
 * SequenceSet.of(1, 2, 3, 7).toString();     // "1:3,7"
 * }</pre>
 */
public final class SequenceSet implements Iterable<Long> {
    /** The value of {@code *}: greater than every real number. */
    public static final long STAR = Long.MAX_VALUE;
    /** The largest {@code nz-number}: 2^32 - 1. */
    public static final long MAX_NUMBER = 0xFFFF_FFFFL;

    /**
     * One {@code seq-range} or single {@code seq-number}, with {@code low <= high}; {@code high} (and {@code low})
     * may be {@link #STAR}.
     *
     * @param low  the smaller end
     * @param high the larger end
     */
    public record Range(long low, long high) {
        /**
         * Orders the ends and checks each is an nz-number or {@link #STAR}.
         *
         * @param low  the smaller end
         * @param high the larger end
         */
        public Range {
            check(low);
            check(high);
            if (low > high) {
                long t = low;
                low = high;
                high = t;
            }
        }

        /** @return the number of values, with {@code *} counted as one value */
        long span() {
            return low == STAR ? 1 : high == STAR ? Long.MAX_VALUE : high - low + 1;
        }

        private static void check(long n) {
            if (n != STAR && (n < 1 || n > MAX_NUMBER)) {
                throw new ImapValidationException("seq-number out of range 1.." + MAX_NUMBER + ": " + n);
            }
        }

        @Override
        public String toString() {
            String a = low == STAR ? "*" : Long.toString(low);
            if (low == high) {
                return a;
            }
            return a + ":" + (high == STAR ? "*" : Long.toString(high));
        }
    }

    private static final SequenceSet ALL = new SequenceSet(List.of(new Range(1, STAR)));
    private static final SequenceSet LAST_RESULT = new SequenceSet(List.of());

    private final List<Range> ranges;

    private SequenceSet(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * {@code seq-last-command = "$"} (RFC 9051 section 6.4.4.1, RFC 5182): the messages of the last
     * {@code SEARCH RETURN (SAVE)}, kept by the server. It has no ranges; {@link #contains} holds every number
     * (the client cannot tell), {@link #size()} is 0 and {@link #numbers()} refuses.
     *
     * @return {@code $}
     */
    public static SequenceSet lastResult() {
        return LAST_RESULT;
    }

    /** @return whether this is {@code $}, the server's saved search result */
    public boolean isLastResult() {
        return this == LAST_RESULT;
    }

    /**
     * @param ranges one or more ranges, kept in this order
     * @return the set
     */
    public static SequenceSet ofRanges(Collection<Range> ranges) {
        if (ranges.isEmpty()) {
            throw new ImapValidationException("a sequence-set needs at least one number");
        }
        return new SequenceSet(List.copyOf(ranges));
    }

    /** @return {@code 1:*}, every message */
    public static SequenceSet all() {
        return ALL;
    }

    /**
     * @param low  one end (or {@link #STAR})
     * @param high the other end (or {@link #STAR})
     * @return the set {@code low:high}
     */
    public static SequenceSet range(long low, long high) {
        return new SequenceSet(List.of(new Range(low, high)));
    }

    /**
     * Builds a set from numbers, sorted and with runs compressed into ranges.
     *
     * @param numbers one or more numbers in 1..2^32-1 (or {@link #STAR})
     * @return the set
     */
    public static SequenceSet of(long... numbers) {
        if (numbers.length == 0) {
            throw new ImapValidationException("a sequence-set needs at least one number");
        }
        long[] sorted = numbers.clone();
        Arrays.sort(sorted);
        List<Range> out = new ArrayList<>();
        long lo = sorted[0];
        long hi = lo;
        for (int i = 1; i < sorted.length; i++) {
            long n = sorted[i];
            if (n == hi || (n == hi + 1 && n != STAR)) {
                hi = n;
            } else {
                out.add(new Range(lo, hi));
                lo = n;
                hi = n;
            }
        }
        out.add(new Range(lo, hi));
        return new SequenceSet(List.copyOf(out));
    }

    /**
     * @param numbers one or more numbers
     * @return the set, sorted and compressed
     */
    public static SequenceSet of(Collection<Long> numbers) {
        return of(numbers.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * Parses {@code sequence-set = (seq-number / seq-range) ["," sequence-set]}.
     *
     * @param text the set as written on the wire
     * @return the set
     * @throws ImapValidationException if the text is not a sequence-set
     */
    public static SequenceSet parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals("$")) {
            return LAST_RESULT;
        }
        List<Range> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            long[] a = new long[1];
            i = parseNumber(text, i, a);
            long lo = a[0];
            long hi = lo;
            if (i < n && text.charAt(i) == ':') {
                i = parseNumber(text, i + 1, a);
                hi = a[0];
            }
            out.add(new Range(lo, hi));
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ',') {
                throw new ImapValidationException("expected ',' or ':' at index " + i + " of sequence-set \""
                        + text + "\"");
            }
            i++;
        }
        return new SequenceSet(List.copyOf(out));
    }

    private static int parseNumber(String s, int i, long[] out) {
        if (i < s.length() && s.charAt(i) == '*') {
            out[0] = STAR;
            return i + 1;
        }
        int start = i;
        long v = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            v = v * 10 + (s.charAt(i) - '0');
            if (v > MAX_NUMBER) {
                throw new ImapValidationException("seq-number too large at index " + start + " of \"" + s + "\"");
            }
            i++;
        }
        if (i == start || s.charAt(start) == '0') {
            throw new ImapValidationException("expected nz-number or '*' at index " + start + " of sequence-set \""
                    + s + "\"");
        }
        out[0] = v;
        return i;
    }

    /** @return the ranges, in the order given */
    public List<Range> ranges() {
        return ranges;
    }

    /** @return whether any range mentions {@code *} */
    public boolean hasStar() {
        for (Range r : ranges) {
            if (r.high == STAR) {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces {@code *} with {@code max} (the number of messages, or the largest UID).
     *
     * @param max the largest number in use (0 for an empty mailbox)
     * @return the set without {@code *}; {@code *} with max 0 resolves to nothing, so the result may be null when
     *     every range was {@code *}
     */
    public SequenceSet resolve(long max) {
        if (!hasStar()) {
            return this;
        }
        List<Range> out = new ArrayList<>(ranges.size());
        for (Range r : ranges) {
            if (r.high != STAR) {
                out.add(r);
            } else if (max >= 1) {
                long lo = r.low == STAR ? max : r.low;
                out.add(new Range(lo, max));
            }
        }
        return out.isEmpty() ? null : new SequenceSet(List.copyOf(out));
    }

    /** @return the set with ranges sorted and overlapping or adjacent ranges merged */
    public SequenceSet normalized() {
        if (isLastResult()) {
            return this;
        }
        Range[] rs = ranges.toArray(new Range[0]);
        Arrays.sort(rs, (x, y) -> x.low != y.low ? Long.compare(x.low, y.low) : Long.compare(x.high, y.high));
        List<Range> out = new ArrayList<>();
        long lo = rs[0].low;
        long hi = rs[0].high;
        for (int i = 1; i < rs.length; i++) {
            Range r = rs[i];
            if (hi == STAR || r.low <= hi + 1) {
                hi = Math.max(hi, r.high);
            } else {
                out.add(new Range(lo, hi));
                lo = r.low;
                hi = r.high;
            }
        }
        out.add(new Range(lo, hi));
        List<Range> result = List.copyOf(out);
        return result.equals(ranges) ? this : new SequenceSet(result);
    }

    /**
     * @param other another set
     * @return the union of both, normalized
     */
    public SequenceSet union(SequenceSet other) {
        if (isLastResult() || other.isLastResult()) {
            throw new IllegalStateException("$ (the server's saved result) cannot be combined with other numbers");
        }
        List<Range> all = new ArrayList<>(ranges);
        all.addAll(other.ranges);
        return new SequenceSet(List.copyOf(all)).normalized();
    }

    /**
     * @param n   a number
     * @param max the largest number in use, used to resolve {@code *} (0 for an empty mailbox, where ranges reaching
     *            {@code *} hold nothing, as in {@link #resolve(long)})
     * @return whether the set holds {@code n}
     */
    public boolean contains(long n, long max) {
        if (isLastResult()) {
            return true; // the server knows which; a response for any message may belong to it
        }
        for (Range r : ranges) {
            if (r.high == STAR && max < 1) {
                // As in resolve(): with no messages, '*' names nothing, so a range reaching it holds nothing.
                continue;
            }
            long lo = r.low == STAR ? max : r.low;
            long hi = r.high == STAR ? max : r.high;
            if (lo > hi) {
                long t = lo;
                lo = hi;
                hi = t;
            }
            if (n >= lo && n <= hi) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the number of values the ranges cover, counting duplicates (each {@code *} counted once); saturates at
     *     {@link Long#MAX_VALUE}
     */
    public long size() {
        long total = 0;
        for (Range r : ranges) {
            long s = r.span();
            total = s > Long.MAX_VALUE - total ? Long.MAX_VALUE : total + s;
        }
        return total;
    }

    /**
     * Iterates the numbers in the order of the ranges, lazily. A set with {@code *} must be {@link #resolve resolved}
     * first.
     *
     * @return an iterator over the numbers
     * @throws IllegalStateException if the set holds {@code *}
     */
    public PrimitiveIterator.OfLong numbers() {
        if (isLastResult()) {
            throw new IllegalStateException("$ names the server's saved search result; its numbers are not known here");
        }
        if (hasStar()) {
            throw new IllegalStateException("resolve '*' before iterating: " + this);
        }
        return new PrimitiveIterator.OfLong() {
            private int idx;
            private long next = ranges.get(0).low;

            @Override
            public boolean hasNext() {
                return idx < ranges.size();
            }

            @Override
            public long nextLong() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long v = next;
                Range r = ranges.get(idx);
                if (v == r.high) {
                    idx++;
                    if (idx < ranges.size()) {
                        next = ranges.get(idx).low;
                    }
                } else {
                    next = v + 1;
                }
                return v;
            }
        };
    }

    /** @return the same as {@link #numbers()}, boxed */
    @Override
    public PrimitiveIterator.OfLong iterator() {
        return numbers();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceSet s && s.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    /** @return the set in wire form, e.g. {@code 1:5,7,9:*} */
    @Override
    public String toString() {
        if (isLastResult()) {
            return "$";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ranges.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(ranges.get(i));
        }
        return sb.toString();
    }
}
