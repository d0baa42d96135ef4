package org.imap4j.benchmarks.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.imap4j.benchmarks.corpus.Loader;
import org.imap4j.client.AsyncImapClient;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;

/**
 * The latency job: sequential NOOP round trips against a private Dovecot ({@link DovecotServer}; root and
 * /usr/sbin/dovecot) on three connections that are each logged in with mailbox {@code Bench} (10 generated messages)
 * selected: imap4j's blocking {@link ImapClient} ({@code noop()}), imap4j's {@link AsyncImapClient} on NIO
 * ({@code noop().join()}), and the floor, a raw {@link Socket} that writes the same bytes imap4j sends
 * ({@code A<n> NOOP\r\n}, tags counted the same way) and reads until the tagged line; plus that raw socket with
 * its reply read on a second thread and handed back through a {@code CompletableFuture}, the hand-off any
 * asynchronous client pays, to tell that cost from the client's own. Latency is a steady-state
 * figure, so all of them run in this one JVM after a warm-up of {@code warmup} round trips each, then in interleaved
 * rounds of {@code perRound} round trips (order rotated each round); every round trip is timed on its own.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.imap4j.benchmarks.e2e.LatencyRunner [total] [rounds] [warmup]
 * </pre>
 * Defaults: 20,000 measured round trips per client in 10 rounds, 5,000 warm-up. Prints median, p90, p99 and mean per
 * client and their ratios to the raw socket.
 */
public final class LatencyRunner {
    private static final String MAILBOX = "Bench";

    private LatencyRunner() {
    }

    /** One way to do a NOOP round trip. */
    private interface Pinger {
        void ping() throws IOException;
    }

    /**
     * @param args [total] [rounds] [warmup]
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        int perRound = total / rounds;
        System.out.println("JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " CPUs; " + perRound * rounds
                + " round trips per client in " + rounds + " rounds after " + warmup + " warm-up");
        try (DovecotServer d = DovecotServer.start()) {
            ImapClientConfig.Builder base = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                    .allowCleartextPasswords(true).readTimeout(Duration.ofSeconds(60));
            try (ImapClient c = base.connect()) {
                c.login(DovecotServer.USER, DovecotServer.PASSWORD);
                Loader.load(c, MailboxName.of(MAILBOX), true, 10, 42);
                c.logout();
            }
            try (ImapClient blocking = base.transport(ImapClientConfig.Transport.BLOCKING).connect();
                    RawPinger raw = new RawPinger(d.host(), d.imapPort());
                    RawPinger handoff = new RawPinger(d.host(), d.imapPort())) {
                blocking.login(DovecotServer.USER, DovecotServer.PASSWORD);
                blocking.select(MailboxName.of(MAILBOX));
                AsyncImapClient async = AsyncImapClient.connect(
                        base.transport(ImapClientConfig.Transport.NIO).build()).join();
                try {
                    async.login(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD)).join();
                    async.select(MailboxName.of(MAILBOX)).join();
                    raw.open(DovecotServer.USER, DovecotServer.PASSWORD, MAILBOX);
                    handoff.open(DovecotServer.USER, DovecotServer.PASSWORD, MAILBOX);
                    handoff.startReader();
                    String[] names = {"raw socket (same bytes)", "imap4j blocking (ImapClient.noop)",
                        "imap4j async (AsyncImapClient.noop().join)",
                        "raw socket, reply read on another thread (handed back by a CompletableFuture)"};
                    Pinger[] pingers = {raw::ping, blocking::noop, () -> async.noop().join(), handoff::handoffPing};
                    long[][] samples = new long[pingers.length][perRound * rounds];
                    for (Pinger p : pingers) {
                        for (int i = 0; i < warmup; i++) {
                            p.ping();
                        }
                    }
                    for (int round = 0; round < rounds; round++) {
                        for (int k = 0; k < pingers.length; k++) {
                            int which = (k + round) % pingers.length;
                            Pinger p = pingers[which];
                            long[] s = samples[which];
                            for (int i = 0; i < perRound; i++) {
                                long t0 = System.nanoTime();
                                p.ping();
                                s[round * perRound + i] = System.nanoTime() - t0;
                            }
                        }
                    }
                    report(names, samples);
                    async.logout().join();
                } finally {
                    async.close();
                }
                blocking.logout();
            }
        }
    }

    private static void report(String[] names, long[][] samples) {
        double[][] stats = new double[samples.length][];
        for (int k = 0; k < samples.length; k++) {
            long[] s = samples[k].clone();
            Arrays.sort(s);
            double mean = Arrays.stream(s).average().orElse(Double.NaN);
            stats[k] = new double[] {pct(s, 50), pct(s, 90), pct(s, 99), mean};
        }
        System.out.println("| client | median µs | x raw | p90 µs | x raw | p99 µs | x raw | mean µs | x raw |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (int k = 0; k < samples.length; k++) {
            double[] st = stats[k];
            double[] r = stats[0];
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.2f | %.1f | %.2f | %.1f | %.2f | %.1f | %.2f |%n", names[k],
                    st[0] / 1e3, st[0] / r[0], st[1] / 1e3, st[1] / r[1], st[2] / 1e3, st[2] / r[2], st[3] / 1e3,
                    st[3] / r[3]);
        }
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** The floor: NOOP over a plain socket, reading until the tagged line; no parsing beyond the tag. */
    private static final class RawPinger implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buf = new byte[16 * 1024];
        private int start;
        private int end;
        private int tag;

        RawPinger(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void open(String user, String password, String mailbox) throws IOException {
            readUntil(new byte[] {'*', ' '});
            command("LOGIN " + user + " \"" + password + "\"");
            command("SELECT " + mailbox);
        }

        void ping() throws IOException {
            command("NOOP");
        }

        private final java.util.concurrent.SynchronousQueue<java.util.concurrent.CompletableFuture<Void>> waiting =
                new java.util.concurrent.SynchronousQueue<>();

        /**
         * Starts a daemon thread that, for each round trip, reads until the tagged line and completes the caller's
         * future: the raw socket plus exactly the thread hand-off an asynchronous client has (the reply is read on
         * one thread, the caller waits on another).
         */
        void startReader() {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        java.util.concurrent.CompletableFuture<Void> f = waiting.take();
                        readUntil(("A" + tag + " ").getBytes(StandardCharsets.US_ASCII));
                        f.complete(null);
                    }
                } catch (InterruptedException | IOException e) {
                    // the socket was closed at the end of the run
                }
            }, "raw-reader");
            t.setDaemon(true);
            t.start();
        }

        /** NOOP written by the caller, its reply read by the reader thread, which completes the joined future. */
        void handoffPing() throws IOException {
            byte[] line = ("A" + (++tag) + " NOOP\r\n").getBytes(StandardCharsets.US_ASCII);
            java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
            out.write(line);
            out.flush();
            try {
                waiting.put(f);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            f.join();
        }

        /** Writes {@code A<n> text\r\n} in one write, as imap4j does, and reads until {@code A<n> }. */
        private void command(String text) throws IOException {
            byte[] t = ("A" + (++tag) + " ").getBytes(StandardCharsets.US_ASCII);
            byte[] line = new byte[t.length + text.length() + 2];
            System.arraycopy(t, 0, line, 0, t.length);
            for (int i = 0; i < text.length(); i++) {
                line[t.length + i] = (byte) text.charAt(i);
            }
            line[line.length - 2] = '\r';
            line[line.length - 1] = '\n';
            out.write(line);
            out.flush();
            readUntil(t);
        }

        /** Reads lines (no literals are expected here) until one that starts with {@code prefix}; it must be OK. */
        private void readUntil(byte[] prefix) throws IOException {
            while (true) {
                int nl = -1;
                while (nl < 0) {
                    for (int i = start; i < end; i++) {
                        if (buf[i] == '\n') {
                            nl = i;
                            break;
                        }
                    }
                    if (nl < 0) {
                        if (start > 0) {
                            System.arraycopy(buf, start, buf, 0, end - start);
                            end -= start;
                            start = 0;
                        }
                        int n = in.read(buf, end, buf.length - end);
                        if (n < 0) {
                            throw new IOException("connection closed");
                        }
                        end += n;
                    }
                }
                int lineStart = start;
                start = nl + 1;
                boolean match = nl - lineStart >= prefix.length + 2;
                for (int i = 0; match && i < prefix.length; i++) {
                    match = buf[lineStart + i] == prefix[i];
                }
                if (match) {
                    if (buf[lineStart + prefix.length] != 'O' || buf[lineStart + prefix.length + 1] != 'K') {
                        throw new IOException("server said: " + new String(buf, lineStart, nl - lineStart,
                                StandardCharsets.ISO_8859_1).trim());
                    }
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
