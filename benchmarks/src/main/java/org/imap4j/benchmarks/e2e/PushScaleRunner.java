package org.imap4j.benchmarks.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.imap4j.client.AsyncImapClient;
import org.imap4j.client.Idle;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.MailboxListener;
import org.imap4j.session.TlsMode;

/**
 * The push-scale job against a server that pushes at once ({@link PushServer}, started as a child process): N
 * connections on one NIO selector thread, each logged in with INBOX selected and in IDLE. Reports the heap held per
 * idle connection, then has the server push {@code * N EXISTS} plus a timestamped {@code * OK [ALERT]} to every
 * connection, P times, and reports the client-side push latency (the server's write to the user's
 * {@link MailboxListener#alert} callback, p50 / p99 / max over every delivery), and the heap per connection again
 * after the pushes, still in IDLE.
 *
 * <pre>
 * ulimit -n 65536
 * java -cp benchmarks/target/benchmarks.jar org.imap4j.benchmarks.e2e.PushScaleRunner [connections] [pushes] [warm-up]
 * java -Dpush.spreadMillis=1000 -cp ... PushScaleRunner 1000 20     # each push spread over 1 s (staggered)
 * </pre>
 * Defaults: 1,000 connections, 20 pushes, of which the first (warm-up, default 1) are not counted: the JIT
 * compiles the push path during the first few dozen pushes, on the same cores. Linux only (the latency compares {@link System#nanoTime()} of two
 * processes, which share the monotonic clock there).
 */
public final class PushScaleRunner {
    private PushScaleRunner() {
    }

    /**
     * @param args connections, pushes, warm-up pushes not counted
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int pushes = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        if (warmup < 1 || warmup >= pushes) {
            throw new IllegalArgumentException("warm-up must be at least 1 and less than the pushes");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                PushServer.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null || !first.startsWith("port ")) {
                throw new IllegalStateException("push server did not start: " + first);
            }
            int port = Integer.parseInt(first.substring(5));
            PrintStream control = new PrintStream(server.getOutputStream(), true, StandardCharsets.UTF_8);
            run(port, n, pushes, warmup, out, control);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void run(int port, int n, int pushes, int warmup, BufferedReader serverOut, PrintStream control)
            throws Exception {
        System.out.println("JDK " + System.getProperty("java.runtime.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs; " + n + " connections, " + pushes + " pushes");
        ImapClientConfig.Builder base = ImapClient.builder("127.0.0.1").port(port).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).connectTimeout(Duration.ofSeconds(60))
                .readTimeout(Duration.ofSeconds(300)).transport(ImapClientConfig.Transport.NIO);
        java.util.concurrent.ConcurrentLinkedQueue<Long> pushLatencies = new java.util.concurrent.ConcurrentLinkedQueue<>();
        CountDownLatch[] reached = {new CountDownLatch(0)};
        // the threads the listener ran on (a thread per busy connection, or a few shared ones)
        java.util.Set<Thread> listenerThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        // one configuration (and listener) for every connection, as an application holding many would have: the
        // latency comes from the push's own timestamp, so the listener need not know which connection it serves
        ImapClientConfig config = base.listener(new MailboxListener() {
            @Override
            public void alert(String text) {
                long now = System.nanoTime();
                int at = text.lastIndexOf(' ');
                pushLatencies.add(now - Long.parseLong(text.substring(at + 1).trim()));
                listenerThreads.add(Thread.currentThread());
                reached[0].countDown();
            }
        }).build();
        long heapBefore = ScaleRunner.usedHeap();
        List<AsyncImapClient> clients = new ArrayList<>(n);
        long t0 = System.nanoTime();
        List<Idle> idles = ScaleRunner.idleAll(n, 200, k -> AsyncImapClient.connect(config), "user", "pass", clients);
        long setupMs = (System.nanoTime() - t0) / 1_000_000;
        long heapIdle = ScaleRunner.usedHeap();
        System.out.printf("%d connections logged in, INBOX selected, in IDLE on one selector thread (%d ms)%n", n,
                setupMs);
        System.out.printf("heap per idle connection: %d bytes%n", (heapIdle - heapBefore) / n);
        long hold = Long.getLong("push.holdSeconds", 0); // time to take a class histogram (jmap -histo:live PID)
        if (hold > 0) {
            System.out.println("holding " + hold + " s, pid " + ProcessHandle.current().pid());
            Thread.sleep(hold * 1000);
        }
        // -Dpush.spreadMillis=1000: the server writes each push to one connection at a time, spread evenly over that
        // many milliseconds, so the figure is one event's latency rather than the queue of a burst
        long spreadMillis = Long.getLong("push.spreadMillis", 0);
        if (spreadMillis > 0) {
            System.out.println("each push spread over " + spreadMillis + " ms, one connection at a time");
        }
        ArrayList<Long> latencies = new ArrayList<>();
        // this process's CPU time over the counted pushes: what one delivered push costs the client (all threads),
        // which bounds how fast a burst to every connection can be delivered on this machine's cores
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuFrom = 0;
        for (int p = 1; p <= pushes; p++) {
            if (p == warmup + 1) {
                cpuFrom = os.getProcessCpuTime();
            }
            pushLatencies.clear();
            reached[0] = new CountDownLatch(n);
            control.println("push " + p + (spreadMillis > 0 ? " " + spreadMillis : ""));
            String ack = serverOut.readLine();
            if (!reached[0].await(60, TimeUnit.SECONDS)) {
                System.out.println("push " + p + ": only " + (n - reached[0].getCount()) + " of " + n
                        + " listeners reached within 60 s");
            }
            if (p == 1) {
                System.out.println("server: " + ack);
            }
            if (p > warmup) { // the first pushes warm the path (class loading, JIT); they are not counted
                for (long l : pushLatencies) {
                    latencies.add(l / 1_000);
                }
            }
            Thread.sleep(100);
        }
        long cpuNanos = os.getProcessCpuTime() - cpuFrom;
        latencies.sort(null);
        System.out.printf("push -> listener latency over %d deliveries (first " + warmup + " not counted): p50 %.2f ms, "
                + "p99 %.2f ms, max %.2f ms%n", latencies.size(), ScaleRunner.pct(latencies, 50), ScaleRunner.pct(latencies, 99),
                latencies.isEmpty() ? 0.0 : latencies.get(latencies.size() - 1) / 1000.0);
        System.out.printf("the listener ran on %d distinct threads%n", listenerThreads.size());
        if (pushes > 1) {
            System.out.printf("client CPU per delivered push (every thread of this process, pushes %d..%d): %.1f us%n",
                    warmup + 1, pushes, cpuNanos / 1000.0 / ((long) n * (pushes - warmup)));
        }
        listenerThreads.clear();
        // the runner's own records (a boxed latency per delivery: about 40 B per connection and push) are dropped
        // first, so the figure is what the client keeps after the pushes
        latencies.clear();
        latencies.trimToSize();
        pushLatencies.clear();
        long heapPushed = ScaleRunner.usedHeap();
        System.out.printf("heap per idle connection after the pushes (still in IDLE): %d bytes%n",
                (heapPushed - heapBefore) / n);
        long holdAfter = Long.getLong("push.holdAfterSeconds", 0); // a histogram after the pushes, to compare
        if (holdAfter > 0) {
            System.out.println("holding " + holdAfter + " s after the pushes, pid " + ProcessHandle.current().pid());
            Thread.sleep(holdAfter * 1000);
        }
        for (Idle idle : idles) {
            idle.done();
        }
        for (AsyncImapClient c : clients) {
            c.close();
        }
    }
}
