package org.imap4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line: percentage, rate and time left at the pace so far; plain lines when not on a terminal. */
class ProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void percentageRateAndTimeLeft() {
        AtomicLong now = new AtomicLong(5 * SECOND);
        Progress p = new Progress(null, "imported", 1000, true, now::get);
        now.addAndGet(10 * SECOND);
        p.advance(250, 2_560_000);
        assertEquals("[#######-----------------------] imported 250/1000 messages (25%), 2.4 MiB, 250.0 KiB/s, "
                + "30 s left   ", p.line(true));
        now.addAndGet(290 * SECOND);
        p.advance(250, 0);
        assertTrue(p.line(false).endsWith("(50%), 2.4 MiB, 8.3 KiB/s, 5 min 00 s left"), p.line(false));
        p.advance(500, 0);
        assertTrue(p.line(false).endsWith("(100%), 2.4 MiB, 8.3 KiB/s"), "no time left at the end: " + p.line(false));
    }

    @Test
    void durations() {
        assertEquals("0 s", Progress.duration(0.2));
        assertEquals("59 s", Progress.duration(59));
        assertEquals("1 min 05 s", Progress.duration(65));
        assertEquals("2 h 07 min", Progress.duration(2 * 3600 + 7 * 60 + 30));
    }

    @Test
    void withoutATerminalPrintsATenthAtATime() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        Progress p = new Progress(new PrintStream(b, true, StandardCharsets.UTF_8), "exported", 20, false, now::get);
        for (int i = 0; i < 20; i++) {
            now.addAndGet(SECOND);
            p.advance(1, 100);
        }
        p.finish();
        String out = b.toString(StandardCharsets.UTF_8);
        assertEquals(10, out.lines().count(), out);
        assertTrue(out.lines().allMatch(l -> !l.contains("\r") && !l.contains("[#")), "no bar, no redraw: " + out);
        assertTrue(out.contains("exported 2/20 messages (10%), 200 B, 100 B/s, 18 s left\n"), out);
    }
}
