package org.imap4j.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of long work (export, import, big fetch) on standard error: a redrawn bar with the percentage, counts,
 * bytes, rate and time left when a person watches a terminal, else a plain line every tenth of the way (and at the
 * end), which logs and pipes can keep. The time left is the remaining count at the average pace so far.
 */
final class Progress {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final String what;
    private final long total;
    private final boolean terminal;
    private final java.util.function.LongSupplier clock;
    private final long start;
    private long count;
    private long bytes;
    private long lastDraw;
    private long lastTenth = -1;
    private boolean finished;

    private Progress(PrintStream err, String what, long total, boolean terminal) {
        this(err, what, total, terminal, System::nanoTime);
    }

    /** With a clock in nanoseconds, so a test can say how much time has passed. */
    Progress(PrintStream err, String what, long total, boolean terminal, java.util.function.LongSupplier clock) {
        this.err = err;
        this.what = what;
        this.total = total;
        this.terminal = terminal;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** @return progress that prints nothing */
    static Progress none() {
        return new Progress(null, "", 0, false);
    }

    /**
     * @param err      where it goes
     * @param what     what is counted ("exported")
     * @param total    how many items there are
     * @param terminal whether to draw a bar (a console is attached)
     * @return progress
     */
    static Progress of(PrintStream err, String what, long total, boolean terminal) {
        return new Progress(err, what, total, terminal);
    }

    void advance(long items, long size) {
        count += items;
        bytes += size;
        if (err == null) {
            return;
        }
        long now = clock.getAsLong();
        if (terminal) {
            if (now - lastDraw > 100_000_000L || count == total) {
                lastDraw = now;
                err.print("\r" + line(true));
                err.flush();
            }
        } else {
            long tenth = total == 0 ? 10 : count * 10 / total;
            if (tenth != lastTenth && tenth > 0) {
                lastTenth = tenth;
                err.println(line(false));
            }
        }
    }

    void finish() {
        if (err == null || finished) {
            return;
        }
        finished = true;
        if (terminal) {
            err.print("\r" + line(true) + "\n");
        } else if (lastTenth < 10) {
            err.println(line(false));
        }
        err.flush();
    }

    String line(boolean bar) {
        double seconds = Math.max(1e-3, (clock.getAsLong() - start) / 1e9);
        String rate = Text.bytes((long) (bytes / seconds)) + "/s";
        long percent = total == 0 ? 100 : Math.min(100, count * 100 / total);
        String left = count == 0 || count >= total ? "" : ", " + duration(seconds * (total - count) / count) + " left";
        String counts = String.format(Locale.ROOT, "%s %d/%d messages (%d%%), %s, %s%s", what, count, total,
                percent, Text.bytes(bytes), rate, left);
        if (!bar) {
            return counts;
        }
        int filled = total == 0 ? WIDTH : (int) (WIDTH * Math.min(count, total) / total);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + counts + "   ";
    }

    /** {@code 45 s}, {@code 3 min 05 s}, {@code 2 h 07 min}: to the second below an hour. */
    static String duration(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }
}
