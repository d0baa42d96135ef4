package org.imap4j.codec.internal.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.internal.ascii.Ascii;

class FramerProperties {

    /** One response: text pieces, each but the last followed by a literal. */
    record Resp(List<String> texts, List<byte[]> payloads, List<Boolean> binary) {
        byte[] bytes() {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            for (int i = 0; i < payloads.size(); i++) {
                o.writeBytes(texts.get(i).getBytes(StandardCharsets.ISO_8859_1));
                o.writeBytes(((binary.get(i) ? " ~{" : " {") + payloads.get(i).length + "}\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                o.writeBytes(payloads.get(i));
            }
            o.writeBytes(texts.get(texts.size() - 1).getBytes(StandardCharsets.ISO_8859_1));
            o.writeBytes(new byte[] {'\r', '\n'});
            return o.toByteArray();
        }

        /** The frame's bytes with the payloads larger than {@code k} left out. */
        byte[] framed(long k) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            for (int i = 0; i < payloads.size(); i++) {
                o.writeBytes(texts.get(i).getBytes(StandardCharsets.ISO_8859_1));
                o.writeBytes(((binary.get(i) ? " ~{" : " {") + payloads.get(i).length + "}\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                if (payloads.get(i).length <= k) {
                    o.writeBytes(payloads.get(i));
                }
            }
            o.writeBytes(texts.get(texts.size() - 1).getBytes(StandardCharsets.ISO_8859_1));
            o.writeBytes(new byte[] {'\r', '\n'});
            return o.toByteArray();
        }
    }

    @Provide
    Arbitrary<List<Resp>> responses() {
        // Text never holds CR or LF; it may hold braces, digits and tildes, but the final piece must not end in '}'.
        Arbitrary<String> text = Arbitraries.strings().withChars("ab {}~+-0123456789()[]\"\\").ofMaxLength(12)
                .map(s -> "* " + s);
        Arbitrary<String> last = text.map(s -> s + ")");
        Arbitrary<byte[]> payload = Arbitraries.oneOf(
                Arbitraries.strings().withChars("\r\n{}~0123456789 x").ofMaxLength(40)
                        .map(s -> s.getBytes(StandardCharsets.ISO_8859_1)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40));
        Arbitrary<Resp> resp = Arbitraries.integers().between(0, 3).flatMap(n -> Combinators.combine(
                text.list().ofSize(n), last, payload.list().ofSize(n), Arbitraries.of(true, false).list().ofSize(n))
                .as((ts, l, ps, bs) -> {
                    List<String> all = new ArrayList<>(ts);
                    all.add(l);
                    return new Resp(all, ps, bs);
                }));
        return resp.list().ofMinSize(1).ofMaxSize(5);
    }

    private static byte[] concat(List<Resp> rs) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Resp r : rs) {
            o.writeBytes(r.bytes());
        }
        return o.toByteArray();
    }

    private static int[] cuts(byte[] data, List<Integer> raw) {
        return raw.stream().mapToInt(i -> Math.floorMod(i, data.length + 1)).sorted().toArray();
    }

    @Property(tries = 300)
    void anySplitYieldsTheSameFrames(@ForAll("responses") List<Resp> rs,
            @ForAll List<@IntRange(min = 0, max = 10_000) Integer> rawCuts) {
        byte[] data = concat(rs);
        CodecLimits lim = CodecLimits.defaults();
        List<String> once = FrameEvents.run(new Framer(lim, false), data, new int[0]);
        List<String> expected = new ArrayList<>();
        for (Resp r : rs) {
            expected.add("FRAME " + Ascii.escape(r.bytes(), 0, r.bytes().length));
        }
        assertEquals(expected, once);
        assertEquals(once, FrameEvents.run(new Framer(lim, false), data, cuts(data, rawCuts)));
        assertEquals(once, FrameEvents.run(new Framer(lim, false), data, FrameEvents.oneByteCuts(data.length)));
    }

    @Property(tries = 300)
    void streamingYieldsExactPayloadsAndTheRestOfTheFrame(@ForAll("responses") List<Resp> rs,
            @ForAll @IntRange(min = 1, max = 30) int threshold,
            @ForAll List<@IntRange(min = 0, max = 10_000) Integer> rawCuts) {
        byte[] data = concat(rs);
        CodecLimits lim = CodecLimits.defaults().withLiteralStreamThreshold(threshold);
        List<String> expected = new ArrayList<>();
        for (Resp r : rs) {
            String prefix = "";
            List<Integer> offsets = new ArrayList<>();
            int rel = 0;
            for (int i = 0; i < r.payloads().size(); i++) {
                String ann = r.texts().get(i) + (r.binary().get(i) ? " ~{" : " {") + r.payloads().get(i).length + "}\r\n";
                prefix += ann;
                rel += ann.length();
                byte[] p = r.payloads().get(i);
                if (p.length > threshold) {
                    offsets.add(rel);
                    byte[] pb = prefix.getBytes(StandardCharsets.ISO_8859_1);
                    expected.add("START " + p.length + (r.binary().get(i) ? " binary " : " ")
                            + Ascii.escape(pb, 0, pb.length));
                    expected.add("PAYLOAD " + Ascii.escape(p, 0, p.length));
                    expected.add("END");
                } else {
                    prefix += new String(p, StandardCharsets.ISO_8859_1);
                    rel += p.length;
                }
            }
            byte[] f = r.framed(threshold);
            expected.add("FRAME " + Ascii.escape(f, 0, f.length)
                    + (offsets.isEmpty() ? "" : " streamed=" + Arrays.toString(offsets.stream().mapToInt(x -> x).toArray())));
        }
        assertEquals(expected, FrameEvents.run(new Framer(lim, false), data, new int[0]));
        assertEquals(expected, FrameEvents.run(new Framer(lim, false), data, cuts(data, rawCuts)));
        assertEquals(expected, FrameEvents.run(new Framer(lim, false), data, FrameEvents.oneByteCuts(data.length)));
    }

    @Property(tries = 300)
    void randomBytesGiveFramesOrAProtocolError(@ForAll byte[] data, @ForAll boolean relaxed,
            @ForAll List<@IntRange(min = 0, max = 10_000) Integer> rawCuts) {
        CodecLimits lim = CodecLimits.defaults().withMaxLineLength(64).withMaxResponseSize(256);
        List<String> once;
        try {
            once = FrameEvents.run(new Framer(lim, relaxed), data, new int[0]);
        } catch (ImapProtocolException e) {
            once = null;
        }
        List<String> split;
        try {
            split = FrameEvents.run(new Framer(lim, relaxed), data, cuts(data, rawCuts));
        } catch (ImapProtocolException e) {
            split = null;
        }
        if (once != null && split != null) {
            assertEquals(once, split);
        }
        // An error may only differ in where it is noticed: never one way erroring, the other framing everything.
        assertEquals(once == null, split == null);
    }

    @Property(tries = 200)
    void framesReassembleTheInput(@ForAll("responses") List<Resp> rs) {
        byte[] data = concat(rs);
        Framer f = new Framer(CodecLimits.defaults(), false);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < data.length; i += 7) {
            f.feed(data, i, Math.min(7, data.length - i));
            Framer.Result r;
            while ((r = f.next()) == Framer.Result.FRAME) {
                o.write(f.buffer(), f.start(), f.end() - f.start());
            }
            assertEquals(Framer.Result.NEED_INPUT, r);
        }
        assertArrayEquals(data, o.toByteArray());
        assertEquals(0, f.buffered());
    }
}
