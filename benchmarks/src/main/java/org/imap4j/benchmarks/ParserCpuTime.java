package org.imap4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link ParserBenchmark}'s operations timed by the CPU time of the thread that runs them rather than by the wall
 * clock, interleaved round by round: on a shared machine whose other processes take most of the cores, JMH's
 * throughput follows their load from one benchmark to the next, while a thread's CPU time per operation stays close
 * to what a quiet machine shows (caches and the other hyper-thread still weigh in, so repeat and compare within one
 * run). A benchmark method the jar does not have is skipped.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.imap4j.benchmarks.ParserCpuTime [ROUNDS] [CORPUS]
 * </pre>
 */
public final class ParserCpuTime {
    private static final String[] METHODS = {"crlfScanFloor", "framerOnly", "typedParse", "typedParseOneConnection",
        "typedParseListView", "angusTypedParse"};

    private ParserCpuTime() {
    }

    /**
     * Runs every operation for a warm-up, then {@code ROUNDS} rounds (default 15) in which each runs for about 0.3 s
     * of CPU time, and prints the median CPU time per operation, MB/s of CPU time and the ratios.
     *
     * @param args {@code [ROUNDS] [CORPUS]}
     * @throws Exception if the benchmark cannot be set up
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ParserBenchmark b = new ParserBenchmark();
        b.corpus = args.length > 1 ? args[1] : Corpus.ENV_1000;
        b.setUp();
        int bytes = Corpus.load(b.corpus).length;
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<String> names = new ArrayList<>();
        List<Method> ops = new ArrayList<>();
        for (String n : METHODS) {
            for (Method m : ParserBenchmark.class.getMethods()) {
                if (m.getName().equals(n)) {
                    names.add(n);
                    ops.add(m);
                }
            }
        }
        Object[][] argsOf = new Object[ops.size()][];
        int[] batch = new int[ops.size()];
        for (int k = 0; k < ops.size(); k++) {
            argsOf[k] = ops.get(k).getParameterCount() == 0 ? new Object[0] : new Object[] {bh};
            // Warm-up: about 3 s of CPU each, which also sizes a batch of about 0.3 s.
            long t0 = mx.getCurrentThreadCpuTime();
            int n = 0;
            while (mx.getCurrentThreadCpuTime() - t0 < 3_000_000_000L) {
                ops.get(k).invoke(b, argsOf[k]);
                n++;
            }
            batch[k] = Math.max(1, n / 10);
        }
        double[][] nsPerOp = new double[ops.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < ops.size(); k++) {
                Method m = ops.get(k);
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < batch[k]; i++) {
                    m.invoke(b, argsOf[k]);
                }
                nsPerOp[k][r] = (double) (mx.getCurrentThreadCpuTime() - t0) / batch[k];
            }
        }
        System.out.printf(Locale.ROOT, "%s, %,d bytes, %d rounds, JDK %s%n", b.corpus, bytes, rounds,
                System.getProperty("java.version"));
        double[] median = new double[ops.size()];
        for (int k = 0; k < ops.size(); k++) {
            double[] v = nsPerOp[k].clone();
            Arrays.sort(v);
            median[k] = v[rounds / 2];
            System.out.printf(Locale.ROOT, "%-24s median %,10.1f us CPU/op  (min %,10.1f, max %,10.1f)  %,8.0f MB/s CPU%n",
                    names.get(k), median[k] / 1e3, v[0] / 1e3, v[rounds - 1] / 1e3, bytes / (median[k] / 1e3));
        }
        int angus = names.indexOf("angusTypedParse");
        int floor = names.indexOf("crlfScanFloor");
        for (int k = 0; k < ops.size(); k++) {
            if (angus >= 0 && k != angus && names.get(k).startsWith("typed")) {
                System.out.printf(Locale.ROOT, "%s / angusTypedParse: %.2fx%n", names.get(k),
                        median[angus] / median[k]);
            }
        }
        int framer = names.indexOf("framerOnly");
        if (floor >= 0 && framer >= 0) {
            System.out.printf(Locale.ROOT, "framerOnly / crlfScanFloor: %.2fx%n", median[floor] / median[framer]);
        }
    }
}
