package org.imap4j.benchmarks;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.ResponseDecoder;
import org.imap4j.codec.internal.frame.Framer;
import org.imap4j.codec.response.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The parser hot path on the "env" stream: the floor (find CRLF, skip literals), the framer alone, and the full typed
 * parse. Each operation processes the whole stream once, fed in 64 KiB reads as from a socket.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ParserBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {
    @Param({"2000"})
    public int messages;

    private byte[] stream;

    @Setup(Level.Trial)
    public void setUp() {
        stream = EnvStream.generate(messages);
    }

    /** The floor: find each CRLF, and skip literal payloads by their announced size. */
    @Benchmark
    public int crlfScanFloor() {
        byte[] b = stream;
        int lines = 0;
        int i = 0;
        int n = b.length;
        while (i < n) {
            if (b[i] == '\n') {
                lines++;
                if (i >= 2 && b[i - 2] == '}') {
                    int j = i - 3;
                    long size = 0;
                    long mul = 1;
                    while (b[j] >= '0' && b[j] <= '9') {
                        size += (b[j] - '0') * mul;
                        mul *= 10;
                        j--;
                    }
                    if (b[j] == '{') {
                        i += (int) size;
                    }
                }
            }
            i++;
        }
        return lines;
    }

    /** The framer alone: complete responses found, literals counted, nothing parsed. */
    @Benchmark
    public int framerOnly() {
        Framer f = new Framer(CodecLimits.defaults(), false);
        int frames = 0;
        int n = stream.length;
        for (int off = 0; off < n; off += 65536) {
            f.feed(stream, off, Math.min(65536, n - off));
            while (f.next() == Framer.Result.FRAME) {
                frames++;
            }
        }
        return frames;
    }

    /** Typed parse of every response into records. */
    @Benchmark
    public void typedParse(Blackhole bh) {
        ResponseDecoder d = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
        int n = stream.length;
        for (int off = 0; off < n; off += 65536) {
            d.feed(ByteBuffer.wrap(stream, off, Math.min(65536, n - off)));
            for (Response r; (r = d.next()) != null; ) {
                bh.consume(r);
            }
        }
    }
}
