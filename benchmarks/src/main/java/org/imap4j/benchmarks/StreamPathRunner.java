package org.imap4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.EngineConfig;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;
import org.imap4j.session.CommandListener;
import org.imap4j.session.ConnectionListener;
import org.imap4j.session.SessionDriver;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TransportOptions;

/**
 * The streamed-body path without a socket, for a same-run comparison of two builds: a {@link SessionDriver} is fed a
 * scripted server's bytes in 16 KiB reads (as the blocking transport reads) with one FETCH response whose body is a
 * 64 MiB literal, and its deliveries run on this thread; the listener copies each chunk once into a scratch array (a
 * sink). Reports, per MiB of body, the nanoseconds and the bytes allocated by this thread
 * ({@code ThreadMXBean.getThreadAllocatedBytes}), the median of the rounds after warm-up. It uses only API that
 * exists before and after the change to the streaming path (the driver, {@code onLiteralChunk}), so the same class
 * file runs against either build's jar:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.imap4j.benchmarks.StreamPathRunner [rounds]
 * </pre>
 */
public final class StreamPathRunner {
    private static final int BODY = 64 << 20;
    private static final int READ = 16 * 1024;

    private StreamPathRunner() {
    }

    /**
     * @param args [rounds] (default 15, the first third warm-up)
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        byte[] head = "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[READ];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        double[] ns = new double[rounds];
        double[] alloc = new double[rounds];
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            SessionDriver d = new SessionDriver(TransportOptions.builder("localhost").tlsMode(TlsMode.PLAIN)
                    .engine(EngineConfig.defaults().withLimits(CodecLimits.defaults()
                            .withLiteralStreamThreshold(1 << 20))).build(), ConnectionListener.NONE, System.nanoTime());
            d.receive(ByteBuffer.wrap(head), System.nanoTime());
            run(d);
            long[] got = new long[1];
            byte[] scratch = new byte[64 * 1024];
            CommandListener l = new CommandListener() {
                @Override
                public void onLiteralChunk(long offset, ByteBuffer chunk) {
                    int n = chunk.remaining();
                    chunk.duplicate().get(scratch, 0, n); // the one copy into the destination
                    got[0] += n;
                }
            };
            d.submit(new Command.Fetch(SequenceSet.of(1), java.util.List.of(
                    new FetchAttribute.BodySection(Section.whole(), true, null)), true, null, false), l, null,
                    System.nanoTime());
            while (d.pollOutput() != null) {
                // written
            }
            byte[] prefix = ("* 1 FETCH (UID 1 BODY[] {" + BODY + "}\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ")\r\nA1 OK done\r\n".getBytes(StandardCharsets.US_ASCII);
            long a0 = mx.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            d.receive(ByteBuffer.wrap(prefix), t0);
            run(d);
            for (int sent = 0; sent < BODY; sent += READ) {
                d.receive(ByteBuffer.wrap(body, 0, Math.min(READ, BODY - sent)), t0);
                run(d);
            }
            d.receive(ByteBuffer.wrap(tail), t0);
            run(d);
            long t1 = System.nanoTime();
            long a1 = mx.getThreadAllocatedBytes(tid);
            if (got[0] != BODY) {
                throw new IllegalStateException("received " + got[0]);
            }
            sink += scratch[7];
            ns[r] = (t1 - t0) / (double) (BODY >> 20);
            alloc[r] = (a1 - a0) / (double) (BODY >> 20);
        }
        int warm = rounds / 3;
        System.out.printf(Locale.ROOT, "streamed 64 MiB body, 16 KiB reads: median %.0f us/MiB, %.0f bytes allocated/MiB"
                + " (%d rounds after %d warm-up; %d)%n", median(ns, warm) / 1e3, median(alloc, warm), rounds - warm,
                warm, sink & 1);
    }

    private static void run(SessionDriver d) {
        for (Runnable r; (r = d.pollDelivery()) != null; ) {
            r.run();
        }
    }

    private static double median(double[] v, int from) {
        double[] s = java.util.Arrays.copyOfRange(v, from, v.length);
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
