package org.imap4j.benchmarks.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imap4j.client.ImapClientConfig;

/**
 * What every child client prints as its last line before it exits, for {@link EnvRunner} to read:
 * {@code RESULT messages=N vmhwm_kib=K main_ms=M checksum=C}. The peak resident set size is the process's own {@code VmHWM}
 * from {@code /proc/self/status}, read just before exit; the checksum folds the fields the client read, so that no
 * reading can be optimised away. {@code main_ms} is the time from the start of {@code main} to the result line: the
 * whole-process wall time the parent measures less JVM start-up, class loading before {@code main}, and exit.
 */
final class ChildReport {
    /** The prefix of the result line. */
    static final String PREFIX = "RESULT ";
    /**
     * Set by {@link WarmChild}, which runs a client's {@code main} several times in one JVM: {@link #printAndExit}
     * then keeps the result in {@link #last} and returns instead of exiting.
     */
    static volatile boolean inProcess;
    /** The last session's {messages, checksum} when {@link #inProcess}. */
    static volatile long[] last;

    private ChildReport() {
    }

    /**
     * Prints the result line and exits with status 0.
     *
     * @param messages how many FETCH results the client turned into objects
     * @param checksum a fold of the fields read
     * @param mainStart {@link System#nanoTime()} at the start of {@code main}
     */
    static void printAndExit(int messages, long checksum, long mainStart) {
        if (inProcess) {
            last = new long[] {messages, checksum};
            return;
        }
        long mainMs = (System.nanoTime() - mainStart) / 1_000_000;
        System.out.println(PREFIX + "messages=" + messages + " vmhwm_kib=" + peakRssKib() + " main_ms=" + mainMs
                + " cpu_ms=" + cpuMs() + " checksum=" + checksum);
        System.out.flush();
        System.exit(0);
    }

    /**
     * Applies {@code -Dbench.streamAbove=BYTES}, when given, as the client's {@code streamLiteralsAbove}, so that a
     * run can measure streaming smaller bodies (from a runner: {@code -Dbench.childJvmArgs=-Dbench.streamAbove=16384});
     * without it the client keeps its own default.
     *
     * @param b the body client's builder
     * @return {@code b}
     */
    static ImapClientConfig.Builder streamAbove(ImapClientConfig.Builder b) {
        Long bytes = Long.getLong("bench.streamAbove");
        return bytes == null ? b : b.streamLiteralsAbove(bytes);
    }

    /**
     * @return the CPU time this process has used so far (all its threads: JIT compilers and GC included), in
     *         milliseconds at the kernel's clock-tick resolution (usually 10 ms), or -1 when /proc is not readable
     */
    static long cpuMs() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            // fields after the command name (which may hold spaces, so skip to its closing parenthesis): state is
            // field 3, utime 14 and stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1000 / 100; // USER_HZ is 100 on Linux for every architecture the JDK runs on
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** @return {@code VmHWM} of this process in KiB, or -1 when /proc is not readable */
    static long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmHWM:")) {
                    String v = line.substring("VmHWM:".length()).trim();
                    int sp = v.indexOf(' ');
                    return Long.parseLong(sp < 0 ? v : v.substring(0, sp));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Exits with status 2 and a usage line unless there are the five arguments every child takes. */
    static void checkArgs(String name, String[] args) {
        if (args.length != 5) {
            System.err.println("usage: " + name + " HOST PORT USER PASSWORD MAILBOX");
            System.exit(2);
        }
    }

    /** Folds a string into a checksum (null-safe). */
    static long mix(long acc, String s) {
        return acc * 31 + (s == null ? 7 : s.hashCode());
    }

    /**
     * Adds every byte of a range to a running sum: the body job's checksum. A plain sum does not depend on the order
     * in which messages arrive, so a pipelined client and a sequential one give the same figure; it still makes each
     * client touch every byte it received.
     */
    static long sum(long acc, byte[] b, int off, int len) {
        long s = acc;
        for (int i = off, end = off + len; i < end; i++) {
            s += b[i] & 0xff;
        }
        return s;
    }

    /** An {@link java.io.OutputStream} that only sums what is written to it ({@link #sum}); not thread-safe. */
    static final class SumSink extends java.io.OutputStream {
        long sum;
        long bytes;

        @Override
        public void write(int b) {
            sum += b & 0xff;
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            sum = ChildReport.sum(sum, b, off, len);
            bytes += len;
        }
    }

    /** Folds a number into a checksum. */
    static long mix(long acc, long v) {
        return acc * 31 + Long.hashCode(v);
    }
}
