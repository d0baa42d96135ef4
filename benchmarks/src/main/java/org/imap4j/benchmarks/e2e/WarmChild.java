package org.imap4j.benchmarks.e2e;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * A child JVM of {@link WarmRunner}: runs one client's whole session (its {@code main}: connect, LOGIN, SELECT, the
 * FETCH, every result read, LOGOUT) several times in this one JVM and prints each session's wall time, so that the
 * last one shows the client warm (classes loaded, code compiled) rather than cold.
 * Prints {@code WARM ms1 ms2 ... messages=N checksum=C vmhwm_kib=K cpu_ms=c1,c2,...}: each session's wall time, and
 * each session's CPU time (the whole process: JIT compiler and GC threads included, 10 ms ticks).
 *
 * <pre>
 * java -cp benchmarks.jar org.imap4j.benchmarks.e2e.WarmChild CLIENT-CLASS SESSIONS CLIENT-ARGS...
 * </pre>
 */
public final class WarmChild {
    private WarmChild() {
    }

    /**
     * @param args the client's class name, the number of sessions, the client's own arguments
     * @throws ReflectiveOperationException when the client cannot be run
     */
    public static void main(String[] args) throws ReflectiveOperationException {
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        int sessions = Integer.parseInt(args[1]);
        String[] clientArgs = Arrays.copyOfRange(args, 2, args.length);
        ChildReport.inProcess = true;
        StringBuilder line = new StringBuilder("WARM");
        StringBuilder cpu = new StringBuilder();
        long[] result = null;
        for (int i = 0; i < sessions; i++) {
            ChildReport.last = null;
            long t0 = System.nanoTime();
            long c0 = ChildReport.cpuMs();
            try {
                main.invoke(null, (Object) clientArgs.clone());
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("session " + (i + 1) + " failed", e.getCause());
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ChildReport.last == null) {
                throw new IllegalStateException("session " + (i + 1) + " reported no result");
            }
            // the message count must not change; the checksum may (the first session still sees \Recent)
            if (result != null && result[0] != ChildReport.last[0]) {
                throw new IllegalStateException("session " + (i + 1) + " read something else: "
                        + Arrays.toString(ChildReport.last) + " after " + Arrays.toString(result));
            }
            result = ChildReport.last;
            line.append(' ').append(ms);
            cpu.append(i == 0 ? "" : ",").append(ChildReport.cpuMs() - c0);
        }
        System.out.println(line + " messages=" + result[0] + " checksum=" + result[1] + " vmhwm_kib="
                + ChildReport.peakRssKib() + " cpu_ms=" + cpu);
        System.out.flush();
        System.exit(0);
    }
}
