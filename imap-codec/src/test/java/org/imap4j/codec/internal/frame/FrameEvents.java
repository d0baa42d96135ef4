package org.imap4j.codec.internal.frame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imap4j.codec.internal.ascii.Ascii;

/** Test helper: drains a framer into a normalised event log (consecutive literal chunks merged). */
final class FrameEvents {
    private FrameEvents() {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Drains every event available now, appending to {@code log}. */
    static void drain(Framer f, List<String> log, ByteArrayOutputStream chunk) {
        while (true) {
            Framer.Result r = f.next();
            switch (r) {
                case NEED_INPUT:
                    return;
                case FRAME:
                    log.add("FRAME " + Ascii.escape(f.buffer(), f.start(), f.end())
                            + (f.streamedOffsets().length > 0 ? " streamed=" + Arrays.toString(f.streamedOffsets()) : ""));
                    break;
                case LITERAL_START:
                    log.add("START " + f.literalSize() + (f.literalBinary() ? " binary " : " ")
                            + Ascii.escape(f.buffer(), f.start(), f.end()));
                    chunk.reset();
                    break;
                case LITERAL_CHUNK:
                    if (f.chunkOffset() != chunk.size()) {
                        throw new AssertionError("chunk offset " + f.chunkOffset() + " != " + chunk.size());
                    }
                    chunk.write(f.buffer(), f.start(), f.end() - f.start());
                    break;
                case LITERAL_END:
                    log.add("PAYLOAD " + Ascii.escape(chunk.toByteArray(), 0, chunk.size()));
                    log.add("END");
                    break;
                default:
                    throw new AssertionError(r);
            }
        }
    }

    /** Feeds {@code data} cut at the given points, draining after each piece. */
    static List<String> run(Framer f, byte[] data, int[] cuts) {
        List<String> log = new ArrayList<>();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        int prev = 0;
        for (int c : cuts) {
            f.feed(data, prev, c - prev);
            drain(f, log, chunk);
            prev = c;
        }
        f.feed(data, prev, data.length - prev);
        drain(f, log, chunk);
        return log;
    }

    static int[] oneByteCuts(int n) {
        int[] cuts = new int[Math.max(0, n - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return cuts;
    }
}
