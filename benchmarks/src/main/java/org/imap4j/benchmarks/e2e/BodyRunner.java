package org.imap4j.benchmarks.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imap4j.benchmarks.corpus.Loader;
import org.imap4j.benchmarks.corpus.MailGenerator;
import org.imap4j.client.ImapClient;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;

/**
 * The end-to-end "body" job, one command, in {@link EnvRunner}'s style: a private Dovecot ({@link DovecotServer};
 * root and /usr/sbin/dovecot), N generated messages APPENDed once ({@link MailGenerator} seed 42 with a size factor,
 * so that 1,000 messages come to about 80 MB), then interleaved rounds in which each client, a fresh child JVM with
 * default heap settings, logs in, selects, reads the whole of messages UID 1..N (every byte added to a sum,
 * {@link ChildReport#sum}) and logs out. Every client's sum must equal the sum of the generated messages' bytes, so a
 * client cannot skip bytes. Wall time is the parent's (JVM start and exit included), in-main and peak RSS
 * ({@code VmHWM}) the child's own.
 *
 * <p>Clients: the floor ({@link FloorClient} with a count: one {@code UID FETCH 1:N (BODY.PEEK[])}, literal bytes
 * summed and dropped), imap4j blocking and async in their streaming mode (the one range command, each body to a
 * {@code BodySink} stream as it arrives) and their in-memory mode (the one range command, every body held), and
 * Angus Mail with its default partial fetch and without it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar [-Dbench.java=PATH] org.imap4j.benchmarks.e2e.BodyRunner [messages] [rounds] [sizeScale]
 * </pre>
 * Defaults: 1000 messages, 5 rounds, size factor 3.8. One untimed warm-up round first. Exits 1 when a child fails or
 * any count or sum is wrong.
 */
public final class BodyRunner {
    private static final String MAILBOX = "Bench";
    private static final long SEED = 42;

    private BodyRunner() {
    }

    /**
     * @param args [messages] [rounds] [sizeScale]
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double scale = args.length > 2 ? Double.parseDouble(args[2]) : 3.8;
        String count = Integer.toString(n);
        List<EnvRunner.Client> clients = List.of(
                new EnvRunner.Client("floor (raw socket, one UID FETCH 1:N, literals summed)", FloorClient.class,
                        count),
                new EnvRunner.Client("imap4j blocking, streamed (fetchMessages(1:N, BodySink))",
                        Imap4jBlockingBodyClient.class, count, "stream"),
                new EnvRunner.Client("imap4j async, streamed (fetchMessages(1:N, BodySink))",
                        Imap4jAsyncBodyClient.class, count, "stream"),
                new EnvRunner.Client("imap4j blocking, in memory (fetchMessage(1:N))", Imap4jBlockingBodyClient.class,
                        count, "memory"),
                new EnvRunner.Client("imap4j async, in memory (fetchMessage(1:N))", Imap4jAsyncBodyClient.class, count,
                        "memory"),
                new EnvRunner.Client("Angus Mail 2.0.3 (writeTo, partialfetch 16 KiB default)", AngusBodyClient.class,
                        count, "partial"),
                new EnvRunner.Client("Angus Mail 2.0.3 (writeTo, partialfetch=false)", AngusBodyClient.class, count,
                        "whole"));
        String java = EnvRunner.childJava();
        String cp = System.getProperty("java.class.path");
        System.out.println("parent JDK: " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + "; children: " + java + " " + EnvRunner.childJvmArgs()
                + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        long expectedSum = 0;
        MailGenerator g = new MailGenerator(SEED, scale);
        for (int i = 0; i < n; i++) {
            byte[] b = g.message(i).bytes();
            expectedSum = ChildReport.sum(expectedSum, b, 0, b.length);
        }
        boolean failed = false;
        long bytes;
        try (DovecotServer d = DovecotServer.start()) {
            long t0 = System.nanoTime();
            try (ImapClient c = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                    .allowCleartextPasswords(true).readTimeout(Duration.ofSeconds(120)).connect()) {
                c.login(DovecotServer.USER, DovecotServer.PASSWORD);
                bytes = Loader.load(c, MailboxName.of(MAILBOX), true, n, SEED, scale);
                c.logout();
            }
            System.out.printf(Locale.ROOT, "loaded %d messages (size factor %.2f), %,d bytes, in %.1f s;"
                    + " expected byte sum %d%n", n, scale, bytes, (System.nanoTime() - t0) / 1e9, expectedSum);
            System.out.println("rounds: " + rounds + " (+1 untimed warm-up)");
            String[] target = {d.host(), Integer.toString(d.imapPort()), DovecotServer.USER, DovecotServer.PASSWORD,
                MAILBOX};
            for (int round = 0; round <= rounds; round++) {
                StringBuilder line = new StringBuilder(round == 0 ? "warm-up:" : "round " + round + ":");
                for (int i = 0; i < clients.size(); i++) {
                    EnvRunner.Client client = clients.get((i + round) % clients.size());
                    EnvRunner.Run r;
                    try {
                        r = EnvRunner.runChild(java, cp, client, target);
                    } catch (IllegalStateException e) {
                        System.out.println("CHILD FAILED: " + e.getMessage());
                        failed = true;
                        line.append("  ").append(client.label()).append(" FAILED;");
                        continue;
                    }
                    boolean sumOk = Long.toString(expectedSum).equals(r.checksum);
                    line.append(String.format(Locale.ROOT, "  %s %.0f ms (main %d) %.1f MiB %d msgs%s;",
                            client.label(), r.wallMs, r.mainMs, r.rssKib / 1024.0, r.messages,
                            sumOk ? "" : " WRONG SUM " + r.checksum));
                    if (r.messages != n || !sumOk) {
                        failed = true;
                    }
                    if (round > 0) {
                        client.record(r);
                    }
                }
                System.out.println(line);
            }
        }
        System.out.println();
        EnvRunner.Client floor = clients.get(0);
        double floorWall = EnvRunner.median(floor.wallMs);
        double floorMain = EnvRunner.median(floor.mainMs);
        System.out.println("| client | median wall ms | x floor | median in-main ms | x floor | MB/s in main"
                + " | median peak RSS MiB | max peak RSS MiB | messages |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (EnvRunner.Client c : clients) {
            double w = EnvRunner.median(c.wallMs);
            double mm = EnvRunner.median(c.mainMs);
            double maxRss = new ArrayList<>(c.rssMib).stream().mapToDouble(Double::doubleValue).max().orElse(-1);
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.0f | %.2f | %.0f | %.1f | %.1f | %s |%n", c.name, w,
                    w / floorWall, mm, mm / floorMain, bytes / 1e3 / mm, EnvRunner.median(c.rssMib), maxRss,
                    EnvRunner.counts(c.counts));
        }
        if (failed) {
            System.err.println("FAILED: a client failed, or its message count or byte sum is wrong");
            System.exit(1);
        }
    }
}
