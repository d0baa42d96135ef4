package org.imap4j.benchmarks.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imap4j.benchmarks.corpus.Loader;
import org.imap4j.client.ImapClient;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;

/**
 * The end-to-end jobs warm: like {@link EnvRunner} (job {@code env}: ENVELOPE, BODYSTRUCTURE and the rest of 2,000
 * messages) and {@link BodyRunner} (job {@code body}: {@code BODY.PEEK[]} of 1,000 messages, about 80 MB, streamed to
 * a sink), against a private Dovecot, but each client runs its whole session {@code sessions} times in one child JVM
 * ({@link WarmChild}) and the last session's wall time is the warm figure; the first session in the same JVM is
 * reported too (cold code, JVM start excluded). Clients: the floor ({@link FloorClient}), imap4j blocking and imap4j
 * async; rounds interleave them, order rotated each round; medians over rounds and ratios to the floor are printed,
 * with the last session's CPU time (the whole child process, JIT compiler and GC threads included, 10 ms ticks):
 * wall time of one warm session is noisy on a shared machine, its CPU time much less so, and CPU time shows how
 * much of a "warm" session still goes to compiling (run more sessions, e.g. 30, to see the steady state).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.imap4j.benchmarks.e2e.WarmRunner env|body [rounds] [sessions]
 * </pre>
 * Defaults: 5 rounds, 5 sessions per JVM. Needs root and /usr/sbin/dovecot, like the other end-to-end jobs.
 * {@code -Dbench.childJvmArgs="..."} adds JVM options to every child, e.g. a flight recording
 * ({@code -XX:StartFlightRecording=filename=/tmp/warm-jfr/,settings=profile}, an existing directory: JDK 17 does not
 * expand {@code %p} in a recording's file name, so every child would write the same file; in a directory each
 * recording is named after its process) to see where a warm session's time goes. {@code %c} in them becomes the
 * client's name, so that each client gets its own file (an AOT cache: {@code -XX:AOTCacheOutput=/tmp/aot/%c.aot} in
 * one run, {@code -XX:AOTCache=/tmp/aot/%c.aot} in the next).
 * {@code bench.clients} is not read here: every client runs.
 */
public final class WarmRunner {
    private static final String MAILBOX = "Bench";
    private static final long SEED = 42;

    /** One client: its name, its class and the arguments after the five common ones. */
    private record Client(String name, Class<?> main, List<String> extra, List<Long> first, List<Long> last,
            List<Long> lastCpu) {
        Client(String name, Class<?> main, String... extra) {
            this(name, main, List.of(extra), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    private WarmRunner() {
    }

    /**
     * @param args env|body, rounds, sessions per JVM
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        boolean body = args.length > 0 && args[0].equals("body");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int n = body ? 1000 : 2000;
        String count = Integer.toString(n);
        List<Client> clients = body
                ? List.of(new Client("floor (raw socket, literal bytes summed)", FloorClient.class, count),
                        new Client("imap4j blocking (fetchMessages to a sink)", Imap4jBlockingBodyClient.class, count,
                                "stream"),
                        new Client("imap4j async (fetchMessages to a sink)", Imap4jAsyncBodyClient.class, count,
                                "stream"))
                : List.of(new Client("floor (raw socket, CRLF scan + literal skip)", FloorClient.class),
                        new Client("imap4j blocking (ImapClient, BLOCKING)", Imap4jBlockingClient.class),
                        new Client("imap4j async (AsyncImapClient, NIO)", Imap4jAsyncClient.class));
        String java = EnvRunner.childJava();
        String cp = System.getProperty("java.class.path");
        System.out.println("job " + (body ? "body" : "env") + ", " + n + " messages; JDK "
                + System.getProperty("java.runtime.version") + ", children: " + java + "; "
                + Runtime.getRuntime().availableProcessors() + " CPUs; " + rounds + " rounds of " + sessions
                + " sessions per JVM");
        try (DovecotServer d = DovecotServer.start()) {
            try (ImapClient c = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                    .allowCleartextPasswords(true).readTimeout(Duration.ofSeconds(120)).connect()) {
                c.login(DovecotServer.USER, DovecotServer.PASSWORD);
                long bytes = body ? Loader.load(c, MailboxName.of(MAILBOX), true, n, SEED, 3.8)
                        : Loader.load(c, MailboxName.of(MAILBOX), true, n, SEED);
                System.out.printf(Locale.ROOT, "loaded %d messages, %,d bytes%n", n, bytes);
                c.logout();
            }
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
                for (int i = 0; i < clients.size(); i++) {
                    Client client = clients.get((i + round) % clients.size());
                    List<String> cmd = new ArrayList<>(List.of(java));
                    String tag = (client.main().getSimpleName() + "-" + String.join("-", client.extra()))
                            .replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "");
                    for (String a : EnvRunner.childJvmArgs()) {
                        cmd.add(a.replace("%c", tag)); // e.g. a flight recording or a class-data archive per client
                    }
                    cmd.addAll(List.of("-cp", cp, WarmChild.class.getName(),
                            client.main().getName(), Integer.toString(sessions), d.host(),
                            Integer.toString(d.imapPort()), DovecotServer.USER, DovecotServer.PASSWORD, MAILBOX));
                    cmd.addAll(client.extra());
                    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                    String warm = null;
                    List<String> output = new ArrayList<>();
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        String l;
                        while ((l = r.readLine()) != null) {
                            output.add(l);
                            if (l.startsWith("WARM ")) {
                                warm = l;
                            }
                        }
                    }
                    if (p.waitFor() != 0 || warm == null) {
                        throw new IllegalStateException(client.name() + " failed: " + String.join("\n", output));
                    }
                    String[] f = warm.split(" ");
                    client.first().add(Long.parseLong(f[1]));
                    client.last().add(Long.parseLong(f[sessions]));
                    String[] cpu = f[f.length - 1].substring("cpu_ms=".length()).split(",");
                    client.lastCpu().add(Long.parseLong(cpu[sessions - 1]));
                    line.append("  ").append(client.main().getSimpleName()).append(' ').append(f[1]).append(" -> ")
                            .append(f[sessions]).append(" ms, CPU ").append(cpu[sessions - 1]).append(" ms (")
                            .append(f[sessions + 1]).append(')');
                }
                System.out.println(line);
            }
        }
        double floorFirst = median(clients.get(0).first());
        double floorLast = median(clients.get(0).last());
        double floorCpu = median(clients.get(0).lastCpu());
        System.out.println();
        System.out.println("| client | session 1 in its JVM, ms | x floor | session " + sessions
                + " (warm), ms | x floor | its CPU time, ms | x floor |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Client c : clients) {
            // the floor's warm session may use less than one 10 ms tick of CPU: no ratio then
            String cpuRatio = floorCpu > 0 ? String.format(Locale.ROOT, "%.2fx", median(c.lastCpu()) / floorCpu)
                    : "n/a (floor under one tick)";
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.2fx | %.0f | %.2fx | %.0f | %s |%n", c.name(),
                    median(c.first()), median(c.first()) / floorFirst, median(c.last()), median(c.last()) / floorLast,
                    median(c.lastCpu()), cpuRatio);
        }
    }

    private static double median(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        s.sort(null);
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2.0;
    }
}
