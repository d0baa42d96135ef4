package org.imap4j.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.imap4j.client.AsyncImapClient;
import org.imap4j.client.Idle;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.MailboxListener;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;

/**
 * The scale job: N connections on one NIO selector thread against a private Dovecot, each logged in with INBOX
 * selected and in IDLE. Reports the heap held per idle connection, then appends messages from another connection
 * and reports how long each append took to reach every idling connection's listener (p50 / p99 / max), the heap per
 * connection again after those pushes, and the Dovecot imap processes' memory (PSS).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.imap4j.benchmarks.e2e.ScaleRunner [connections] [appends]
 * </pre>
 *
 * Runs as root (Dovecot is started from a private configuration with raised limits).
 */
public final class ScaleRunner {
    private ScaleRunner() {
    }

    /**
     * @param args connections (default 2000), appends (default 5)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int appends = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String limits = "default_client_limit = " + (n + 100) + "\n"
                + "service imap-login {\n  client_limit = " + (n + 100) + "\n  process_limit = 4\n}\n"
                // one imap process per client: with several clients per process Dovecot 2.3 stops pushing changes
                // to IDLE clients and falls back to 30-second polling (observed)
                + "service imap {\n  process_limit = " + (n + 50) + "\n}\n"
                + "service anvil {\n  client_limit = " + (2 * n + 500) + "\n}\n";
        // Dovecot watches each mailbox with inotify; the default 128 instances per user would silently turn IDLE into
        // 30-second polling (root only; a no-op where /proc/sys is read-only)
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("/proc/sys/fs/inotify/max_user_instances"),
                    Integer.toString(Math.max(8192, 2 * n + 2000)));
        } catch (java.io.IOException | SecurityException e) {
            System.out.println("could not raise fs.inotify.max_user_instances: " + e);
        }
        try (DovecotServer d = DovecotServer.start(null, limits)) {
            try {
                run(d, n, appends);
            } catch (Exception | Error e) {
                List<String> log = java.nio.file.Files.readAllLines(d.logFile());
                System.out.println("Dovecot log (last 15 lines):");
                log.subList(Math.max(0, log.size() - 15), log.size()).forEach(System.out::println);
                throw e;
            }
        }
    }

    private static void run(DovecotServer d, int n, int appends) throws Exception {
        ImapClientConfig.Builder base = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).connectTimeout(Duration.ofSeconds(60))
                .readTimeout(Duration.ofSeconds(120)).transport(ImapClientConfig.Transport.NIO);
        AtomicLongArray arrivals = new AtomicLongArray(n);
        long[] expected = {0};
        CountDownLatch[] reached = {new CountDownLatch(0)};
        long heapBefore = usedHeap();
        List<AsyncImapClient> clients = new ArrayList<>(n);
        long t0 = System.nanoTime();
        List<Idle> idles = idleAll(n, 100, id -> base.listener(new MailboxListener() {
            @Override
            public void newMessages(long exists, long recent) {
                if (exists >= expected[0] && arrivals.get(id) == 0) {
                    arrivals.set(id, System.nanoTime());
                    reached[0].countDown();
                }
            }
        }).connectAsync(), DovecotServer.USER, DovecotServer.PASSWORD, clients);
        long setupMs = (System.nanoTime() - t0) / 1_000_000;
        long heapAfter = usedHeap();
        System.out.printf("%d connections logged in, INBOX selected, in IDLE on one selector thread (%d ms)%n",
                n, setupMs);
        System.out.printf("heap per idle connection: %d bytes (%d -> %d)%n", (heapAfter - heapBefore) / n,
                heapBefore, heapAfter);
        serverMemory();
        List<Long> latencies = new ArrayList<>();
        try (ImapClient writer = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).connect()) {
            writer.login(DovecotServer.USER, DovecotServer.PASSWORD);
            long exists = writer.select(MailboxName.INBOX).exists();
            for (int a = 0; a < appends; a++) {
                for (int i = 0; i < n; i++) {
                    arrivals.set(i, 0);
                }
                expected[0] = exists + 1;
                reached[0] = new CountDownLatch(n);
                long sent = System.nanoTime();
                writer.append(MailboxName.INBOX, Bytes.utf8("Subject: scale " + a + "\r\n\r\nx\r\n"));
                exists++;
                if (!reached[0].await(60, TimeUnit.SECONDS)) {
                    System.out.println("append " + a + ": only " + (n - reached[0].getCount()) + " of " + n
                            + " listeners were reached within 60 s");
                }
                for (int i = 0; i < n; i++) {
                    long t = arrivals.get(i);
                    if (t != 0) {
                        latencies.add((t - sent) / 1_000);
                    }
                }
                Thread.sleep(200);
            }
        }
        latencies.sort(null);
        if (!latencies.isEmpty()) {
            System.out.printf("append -> listener latency over %d deliveries: p50 %.1f ms, p99 %.1f ms, "
                    + "max %.1f ms%n", latencies.size(), pct(latencies, 50), pct(latencies, 99),
                    latencies.get(latencies.size() - 1) / 1000.0);
        }
        // Still in IDLE, but each connection has now received untagged EXISTS/RECENT after entering IDLE: shows
        // whether the receive buffers released on entering IDLE come back (they are only trimmed on entry).
        long heapAfterPush = usedHeap();
        System.out.printf("heap per idle connection after the appends (still in IDLE): %d bytes%n",
                (heapAfterPush - heapBefore) / n);
        for (Idle idle : idles) {
            idle.done();
        }
        for (AsyncImapClient c : clients) {
            c.close();
        }
        for (String line : java.nio.file.Files.readAllLines(d.logFile())) {
            if (line.contains("notify") || line.contains("Warning")) {
                System.out.println("dovecot: " + line);
            }
        }
    }

    /**
     * Opens {@code n} connections in batches, each logged in with INBOX selected, and puts every one in IDLE.
     *
     * @param n       how many
     * @param batch   how many connect at once
     * @param open    connects the k-th (0-based)
     * @param user    the user
     * @param pass    the password
     * @param clients receives the clients, in order
     * @return their IDLEs, each started
     * @throws Exception when one fails or takes more than two minutes
     */
    static List<Idle> idleAll(int n, int batch, java.util.function.IntFunction<CompletableFuture<AsyncImapClient>> open,
            String user, String pass, List<AsyncImapClient> clients) throws Exception {
        List<Idle> idles = new ArrayList<>(n);
        for (int i = 0; i < n; i += batch) {
            List<CompletableFuture<AsyncImapClient>> opened = new ArrayList<>();
            for (int k = i; k < Math.min(n, i + batch); k++) {
                opened.add(open.apply(k).thenCompose(c -> c.login(user, Secret.of(pass))
                        .thenCompose(v -> c.select(MailboxName.INBOX)).thenApply(sel -> c)));
            }
            for (CompletableFuture<AsyncImapClient> f : opened) {
                AsyncImapClient c = f.get(120, TimeUnit.SECONDS);
                clients.add(c);
                idles.add(c.idle());
            }
        }
        for (Idle idle : idles) {
            idle.started().get(120, TimeUnit.SECONDS);
        }
        return idles;
    }

    /** @return the p-th percentile of sorted microsecond values, in milliseconds (0 for none) */
    static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.min(sorted.size() - 1, Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1000.0;
    }

    /**
     * Prints how many Dovecot {@code imap} processes there are and their summed proportional set size (PSS, from
     * {@code /proc/PID/smaps_rollup}, shared pages split among sharers) and RSS: the server-side cost of one
     * connection, which decides how many connections this machine can hold, not the client's heap.
     */
    private static void serverMemory() {
        long count = 0;
        long pssKib = 0;
        long rssKib = 0;
        java.io.File[] procs = new java.io.File("/proc").listFiles();
        for (java.io.File p : procs == null ? new java.io.File[0] : procs) {
            if (!p.getName().chars().allMatch(Character::isDigit)) {
                continue;
            }
            try {
                String comm = java.nio.file.Files.readString(p.toPath().resolve("comm")).trim();
                if (!comm.equals("imap")) {
                    continue;
                }
                for (String line : java.nio.file.Files.readAllLines(p.toPath().resolve("smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        pssKib += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    } else if (line.startsWith("Rss:")) {
                        rssKib += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
                count++;
            } catch (java.io.IOException | RuntimeException e) {
                // a process that ended while being read: skip it
            }
        }
        System.out.printf("Dovecot imap processes: %d, PSS %.1f MiB in all (%.0f KiB each), RSS %.1f MiB in all%n",
                count, pssKib / 1024.0, count == 0 ? 0.0 : (double) pssKib / count, rssKib / 1024.0);
    }

    /** @return the used heap after a few full collections */
    static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
