package org.imap4j.benchmarks.core;

import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import org.imap4j.codec.core.SequenceSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sequence-set operations on a set of 200 ranges (the shape of a UID set after many expunges): parse, union with
 * another such set, normalize (sort and merge), and 1,000 membership tests. Angus Mail's {@code UIDSet.parseUIDSets}
 * is measured beside the parse (it has no union, normalize or contains).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SequenceSetBenchmark {
    private String text;
    private SequenceSet a;
    private SequenceSet b;

    @Setup
    public void setUp() {
        text = ranges(1, 7);
        a = SequenceSet.parse(text);
        b = SequenceSet.parse(ranges(4, 5));
    }

    /** 200 ranges and single numbers, ascending from {@code start}, spaced by {@code step} hundred; no star. */
    private static String ranges(int start, int step) {
        StringBuilder sb = new StringBuilder();
        long n = start;
        for (int i = 0; i < 200; i++) {
            sb.append(i == 0 ? "" : ",").append(n);
            if (i % 3 != 0) {
                sb.append(':').append(n + 20 + i % 50);
            }
            n += step * 100L;
        }
        return sb.toString();
    }

    @Benchmark
    public SequenceSet parse() {
        return SequenceSet.parse(text);
    }

    @Benchmark
    public UIDSet[] angusParse() {
        return UIDSet.parseUIDSets(text);
    }

    @Benchmark
    public SequenceSet union() {
        return a.union(b);
    }

    @Benchmark
    public SequenceSet unionNormalized() {
        return a.union(b).normalized();
    }

    @Benchmark
    public int contains() {
        int hits = 0;
        for (long n = 1; n <= 140_000; n += 140) {
            if (a.contains(n, 200_000)) {
                hits++;
            }
        }
        return hits;
    }
}
