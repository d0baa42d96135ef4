package org.imap4j.client;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;
import org.imap4j.codec.core.SequenceSet;

/**
 * The outcome of COPY or MOVE: with UIDPLUS (RFC 4315 {@code COPYUID}) which source UID became which destination UID.
 *
 * <p>The server's sets are kept as it sent them, unexpanded: a {@code COPYUID} of {@code 1:4294967295} costs a few
 * longs here, in {@link #mapping()} and in {@link #destinationOf(long)}, never four billion entries (the uid-set
 * memory bomb of net-imap CVE-2025-25186). Only iterating {@link #mapping()} visits pairs, one at a time.
 *
 * @param uidValidity the destination's UIDVALIDITY, if reported
 * @param source      the source UIDs, in the server's order; {@code null} without UIDPLUS
 * @param destination the destination UIDs, pairwise with {@code source}; {@code null} without UIDPLUS
 */
public record CopyResult(OptionalLong uidValidity, SequenceSet source, SequenceSet destination) {

    /**
     * A lazy, unmodifiable view pairing the i-th source UID with the i-th destination UID (as far as both sets
     * reach). {@link Map#get} and {@link Map#containsKey} are computed from the sets' ranges (cost: the number of
     * ranges); {@link Map#size} is capped at {@link Integer#MAX_VALUE} as the {@code Map} contract says; iteration is
     * lazy. A source UID the server repeats keeps its first pairing.
     *
     * @return source UID → destination UID; empty without UIDPLUS
     */
    public Map<Long, Long> mapping() {
        if (source == null || destination == null) {
            return Map.of();
        }
        return new UidMapping(source, destination);
    }

    /**
     * @param sourceUid a UID in the source mailbox
     * @return the UID its copy got in the destination, if the server reported it
     */
    public OptionalLong destinationOf(long sourceUid) {
        if (source == null || destination == null) {
            return OptionalLong.empty();
        }
        long i = indexOf(source, sourceUid);
        if (i < 0 || i >= destination.size()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(at(destination, i));
    }

    /**
     * @param destinationUid a UID in the destination mailbox
     * @return the source UID it was copied from, if the server reported it
     */
    public OptionalLong sourceOf(long destinationUid) {
        if (source == null || destination == null) {
            return OptionalLong.empty();
        }
        long i = indexOf(destination, destinationUid);
        if (i < 0 || i >= source.size()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(at(source, i));
    }

    /** @return the number of (source, destination) pairs the server reported, without expanding the sets */
    public long pairCount() {
        if (source == null || destination == null) {
            return 0;
        }
        return Math.min(source.size(), destination.size());
    }

    /** The position of {@code uid}'s first occurrence in {@code set}'s order, or -1. */
    static long indexOf(SequenceSet set, long uid) {
        long before = 0;
        for (SequenceSet.Range r : set.ranges()) {
            if (uid >= r.low() && uid <= r.high()) {
                return before + (uid - r.low());
            }
            before += r.high() - r.low() + 1;
        }
        return -1;
    }

    /** The number at position {@code index} of {@code set}'s order. */
    static long at(SequenceSet set, long index) {
        long left = index;
        for (SequenceSet.Range r : set.ranges()) {
            long n = r.high() - r.low() + 1;
            if (left < n) {
                return r.low() + left;
            }
            left -= n;
        }
        throw new NoSuchElementException("index " + index + " beyond " + set);
    }

    /** The first {@code n} numbers of {@code set}, as ranges. */
    static SequenceSet prefix(SequenceSet set, long n) {
        List<SequenceSet.Range> out = new ArrayList<>();
        long left = n;
        for (SequenceSet.Range r : set.ranges()) {
            if (left <= 0) {
                break;
            }
            long span = r.high() - r.low() + 1;
            if (span <= left) {
                out.add(r);
                left -= span;
            } else {
                out.add(new SequenceSet.Range(r.low(), r.low() + left - 1));
                left = 0;
            }
        }
        return SequenceSet.ofRanges(out);
    }

    /** Walks a set's numbers in order, one range at a time (constant cost per step). */
    private static final class Cursor {
        private final List<SequenceSet.Range> ranges;
        private int range;
        private long next;

        Cursor(SequenceSet set) {
            this.ranges = set.ranges();
            this.next = ranges.isEmpty() ? 0 : ranges.get(0).low();
        }

        long peek() {
            return next;
        }

        void advance() {
            if (next < ranges.get(range).high()) {
                next++;
            } else if (++range < ranges.size()) {
                next = ranges.get(range).low();
            }
        }
    }

    /** The mapping as a view over the two sets. */
    private static final class UidMapping extends AbstractMap<Long, Long> {
        private final SequenceSet source;
        private final SequenceSet destination;
        private final long pairs;
        private long distinct = -1;

        UidMapping(SequenceSet source, SequenceSet destination) {
            this.source = source;
            this.destination = destination;
            this.pairs = Math.min(source.size(), destination.size());
        }

        private long index(Object key) {
            if (!(key instanceof Long k)) {
                return -1;
            }
            long i = indexOf(source, k);
            return i < pairs ? i : -1;
        }

        @Override
        public boolean containsKey(Object key) {
            return index(key) >= 0;
        }

        @Override
        public Long get(Object key) {
            long i = index(key);
            return i < 0 ? null : at(destination, i);
        }

        @Override
        public boolean isEmpty() {
            return pairs == 0;
        }

        @Override
        public int size() {
            if (distinct < 0) {
                distinct = pairs == 0 ? 0 : prefix(source, pairs).normalized().size();
            }
            return (int) Math.min(distinct, Integer.MAX_VALUE);
        }

        @Override
        public Set<Map.Entry<Long, Long>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return UidMapping.this.size();
                }

                @Override
                public Iterator<Map.Entry<Long, Long>> iterator() {
                    UidMapping.this.size();
                    boolean repeats = distinct < pairs;
                    return new Iterator<>() {
                        private final Cursor src = new Cursor(source);
                        private final Cursor dst = new Cursor(destination);
                        private long i;

                        {
                            skipRepeats();
                        }

                        /** A repeated source UID keeps its first pairing; skipping costs only when repeats exist. */
                        private void skipRepeats() {
                            while (repeats && i < pairs && indexOf(source, src.peek()) != i) {
                                src.advance();
                                dst.advance();
                                i++;
                            }
                        }

                        @Override
                        public boolean hasNext() {
                            return i < pairs;
                        }

                        @Override
                        public Map.Entry<Long, Long> next() {
                            if (!hasNext()) {
                                throw new NoSuchElementException();
                            }
                            Map.Entry<Long, Long> e = new AbstractMap.SimpleImmutableEntry<>(src.peek(), dst.peek());
                            src.advance();
                            dst.advance();
                            i++;
                            skipRepeats();
                            return e;
                        }
                    };
                }
            };
        }
    }
}
