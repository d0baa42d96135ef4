package org.imap4j.codec.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class SequenceSetProperties {
    @Provide
    Arbitrary<SequenceSet> sets() {
        Arbitrary<Long> n = Arbitraries.oneOf(Arbitraries.longs().between(1, 40),
                Arbitraries.longs().between(1, SequenceSet.MAX_NUMBER), Arbitraries.just(SequenceSet.STAR));
        Arbitrary<SequenceSet.Range> r = net.jqwik.api.Combinators.combine(n, n).as(SequenceSet.Range::new);
        return r.list().ofMinSize(1).ofMaxSize(6).map(SequenceSet::ofRanges);
    }

    @Provide
    Arbitrary<List<Long>> smallNumbers() {
        return Arbitraries.longs().between(1, 60).list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 300)
    void parseFormatRoundTrip(@ForAll("sets") SequenceSet s) {
        assertEquals(s, SequenceSet.parse(s.toString()));
        assertEquals(s.normalized(), SequenceSet.parse(s.normalized().toString()));
    }

    @Property(tries = 300)
    void ofIteratesSortedDistinct(@ForAll("smallNumbers") List<Long> numbers) {
        List<Long> got = new ArrayList<>();
        SequenceSet.of(numbers).forEach(got::add);
        assertEquals(new ArrayList<>(new TreeSet<>(numbers)), got);
        assertEquals(got.size(), SequenceSet.of(numbers).size());
    }

    @Property(tries = 300)
    void unionContainsEveryMember(@ForAll("smallNumbers") List<Long> a, @ForAll("smallNumbers") List<Long> b,
            @ForAll @LongRange(min = 1, max = 70) long probe) {
        SequenceSet u = SequenceSet.of(a).union(SequenceSet.of(b));
        TreeSet<Long> both = new TreeSet<>(a);
        both.addAll(b);
        assertEquals(both.contains(probe), u.contains(probe, 100));
        List<Long> got = new ArrayList<>();
        u.forEach(got::add);
        assertEquals(new ArrayList<>(both), got);
    }

    @Property(tries = 300)
    void resolveAgreesWithContains(@ForAll("sets") SequenceSet s, @ForAll @LongRange(min = 0, max = 50) long max,
            @ForAll @Size(max = 5) List<@LongRange(min = 1, max = 60) Long> probes) {
        SequenceSet small = SequenceSet.ofRanges(s.ranges().stream()
                .map(r -> new SequenceSet.Range(clip(r.low()), clip(r.high()))).toList());
        SequenceSet resolved = small.resolve(max);
        for (long p : probes) {
            boolean in = resolved != null && resolved.contains(p, max);
            assertEquals(small.contains(p, max), in, small + " resolved with " + max + " probe " + p);
        }
        if (resolved != null) {
            assertTrue(!resolved.hasStar());
        }
    }

    private static long clip(long n) {
        return n == SequenceSet.STAR ? n : 1 + n % 60;
    }
}
