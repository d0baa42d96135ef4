package org.imap4j.benchmarks.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.imap4j.benchmarks.corpus.Loader;
import org.imap4j.benchmarks.corpus.MailGenerator;
import org.imap4j.client.ImapClient;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;

/**
 * The end-to-end "env" job, one command: starts a private Dovecot ({@link DovecotServer}; needs root and
 * /usr/sbin/dovecot), APPENDs N generated messages ({@link MailGenerator} seed 42, {@link Loader}) into mailbox
 * {@code Bench} once, then in interleaved rounds runs each client in a fresh child JVM (same {@code java}, same class
 * path, default heap settings) that does LOGIN, SELECT,
 * {@code UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)} with every result read, and LOGOUT
 * over plain loopback. The parent times each child from start to exit (whole-process wall time, JVM start included);
 * each child prints its own peak RSS ({@code VmHWM}), message count, in-{@code main} time and CPU time (all its
 * threads, JIT and GC included: the figure that other processes' load disturbs least) just before exit
 * ({@link ChildReport}).
 * Each round's order is rotated by one, so every client runs in every position.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar [-Dbench.java=PATH] [-Dbench.childJvmArgs="..."] \
 *      [-Dbench.clients=Imap4jBlocking,...] org.imap4j.benchmarks.e2e.EnvRunner [messages] [rounds]
 * </pre>
 * {@code bench.clients} keeps only the clients whose class names start with one of the given prefixes (the floor
 * always runs).
 * {@code bench.java} runs the children on another JDK; {@code bench.childJvmArgs} adds options to every child (for
 * profiling; {@code %c} becomes the client's name). With neither, children use the parent's {@code java} and default
 * heap settings.
 * Defaults: 2000 messages, 5 rounds. One untimed warm-up round runs first, so that Dovecot's index cache holds the
 * envelopes and body structures before anything is measured. Fails (status 1) when a child fails or any client's
 * message count differs from N; a failed child is reported and the other clients still run.
 */
public final class EnvRunner {
    private static final String MAILBOX = "Bench";
    private static final long SEED = 42;

    /** One measured client. */
    static final class Client {
        final String name;
        final Class<?> main;
        final List<String> extraArgs;
        final List<Double> wallMs = new ArrayList<>();
        final List<Double> rssMib = new ArrayList<>();
        final List<Double> mainMs = new ArrayList<>();
        final List<Double> cpuMs = new ArrayList<>();
        final List<Integer> counts = new ArrayList<>();

        Client(String name, Class<?> main, String... extraArgs) {
            this.name = name;
            this.main = main;
            this.extraArgs = List.of(extraArgs);
        }

        String label() {
            return extraArgs.isEmpty() ? main.getSimpleName() : main.getSimpleName() + extraArgs;
        }

        /** Keeps a timed round's figures (the warm-up round is not recorded). */
        void record(Run r) {
            wallMs.add(r.wallMs);
            rssMib.add(r.rssKib / 1024.0);
            mainMs.add((double) r.mainMs);
            cpuMs.add((double) r.cpuMs);
            counts.add(r.messages);
        }
    }

    /** One child's outcome. */
    static final class Run {
        final double wallMs;
        final int messages;
        final long rssKib;
        final long mainMs;
        /** The child's CPU time, all threads, or -1 when it did not say. */
        final long cpuMs;
        final String checksum;

        Run(double wallMs, int messages, long rssKib, long mainMs, long cpuMs, String checksum) {
            this.wallMs = wallMs;
            this.messages = messages;
            this.rssKib = rssKib;
            this.mainMs = mainMs;
            this.cpuMs = cpuMs;
            this.checksum = checksum;
        }
    }

    private EnvRunner() {
    }

    /**
     * @param args [messages] [rounds]
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Client> clients = List.of(
                new Client("floor (raw socket, CRLF scan + literal skip)", FloorClient.class),
                new Client("imap4j blocking (ImapClient, BLOCKING)", Imap4jBlockingClient.class),
                new Client("imap4j async (AsyncImapClient, NIO)", Imap4jAsyncClient.class),
                new Client("Angus Mail 2.0.3 (IMAPFolder.fetch)", AngusClient.class));
        // e.g. -Dbench.clients=Imap4jBlocking,Imap4jAsync (the floor always runs)
        String only = System.getProperty("bench.clients");
        if (only != null && !only.isBlank()) {
            List<String> wanted = Arrays.asList(only.split(","));
            clients = clients.stream().filter(c -> c.main == FloorClient.class
                    || wanted.stream().anyMatch(w -> c.main.getSimpleName().startsWith(w.trim()))).toList();
        }
        String java = childJava();
        String cp = System.getProperty("java.class.path");
        System.out.println("parent JDK: " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + "; children: " + java + " " + childJvmArgs() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs");
        System.out.println("messages: " + n + ", rounds: " + rounds + " (+1 untimed warm-up)");
        boolean failed = false;
        try (DovecotServer d = DovecotServer.start()) {
            long t0 = System.nanoTime();
            long bytes;
            try (ImapClient c = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                    .allowCleartextPasswords(true).readTimeout(Duration.ofSeconds(120)).connect()) {
                c.login(DovecotServer.USER, DovecotServer.PASSWORD);
                bytes = Loader.load(c, MailboxName.of(MAILBOX), true, n, SEED);
                c.logout();
            }
            System.out.printf(Locale.ROOT, "loaded %d messages, %,d bytes, in %.1f s%n", n, bytes,
                    (System.nanoTime() - t0) / 1e9);
            String[] target = {d.host(), Integer.toString(d.imapPort()), DovecotServer.USER, DovecotServer.PASSWORD,
                MAILBOX};
            for (int round = 0; round <= rounds; round++) {
                StringBuilder line = new StringBuilder(round == 0 ? "warm-up:" : "round " + round + ":");
                for (int i = 0; i < clients.size(); i++) {
                    Client client = clients.get((i + round) % clients.size());
                    Run r;
                    try {
                        r = runChild(java, cp, client, target);
                    } catch (IllegalStateException e) {
                        // Reported, not hidden: the run goes on so that the other clients are still measured.
                        System.out.println("CHILD FAILED: " + e.getMessage());
                        failed = true;
                        line.append("  ").append(client.main.getSimpleName()).append(" FAILED;");
                        continue;
                    }
                    line.append(String.format(Locale.ROOT, "  %s %.0f ms (main %d, cpu %d) %.1f MiB %d msgs;",
                            client.main.getSimpleName(), r.wallMs, r.mainMs, r.cpuMs, r.rssKib / 1024.0,
                            r.messages));
                    if (r.messages != n) {
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
        double floorWall = median(clients.get(0).wallMs);
        double floorRss = median(clients.get(0).rssMib);
        double floorMain = median(clients.get(0).mainMs);
        double floorCpu = median(clients.get(0).cpuMs);
        System.out.println("| client | median wall ms | x floor | median in-main ms | x floor | median CPU ms"
                + " | x floor | median peak RSS MiB | x floor | messages |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Client c : clients) {
            double w = median(c.wallMs);
            double mm = median(c.mainMs);
            double cpu = median(c.cpuMs);
            double m = median(c.rssMib);
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.0f | %.2f | %.0f | %.2f | %.1f | %.2f | %s |%n",
                    c.name, w, w / floorWall, mm, mm / floorMain, cpu, cpu / floorCpu, m, m / floorRss,
                    counts(c.counts));
        }
        if (failed) {
            System.err.println("FAILED: a client failed or its message count differs from " + n);
            System.exit(1);
        }
    }

    static String counts(List<Integer> counts) {
        int min = counts.stream().mapToInt(Integer::intValue).min().orElse(-1);
        int max = counts.stream().mapToInt(Integer::intValue).max().orElse(-1);
        return min == max ? Integer.toString(min) : min + ".." + max;
    }

    /**
     * The {@code java} the children run: {@code -Dbench.java=PATH} when given (e.g. another JDK), else the parent's.
     */
    static String childJava() {
        String j = System.getProperty("bench.java");
        return j != null && !j.isBlank() ? j : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Extra JVM options for every child, {@code -Dbench.childJvmArgs="..."} split on spaces (e.g. a JFR recording);
     * {@code %c} in them becomes the client's name and mode (JDK 17's JFR has no {@code %p}), so each client gets
     * its own file. None by default, so that children keep the default heap settings.
     */
    static List<String> childJvmArgs() {
        String a = System.getProperty("bench.childJvmArgs");
        return a == null || a.isBlank() ? List.of() : Arrays.asList(a.trim().split(" +"));
    }

    static Run runChild(String java, String cp, Client client, String[] target)
            throws IOException, InterruptedException {
        Class<?> main = client.main;
        List<String> cmd = new ArrayList<>(List.of(java));
        String tag = client.label().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "");
        for (String a : childJvmArgs()) {
            cmd.add(a.replace("%c", tag));
        }
        cmd.addAll(List.of("-cp", cp, main.getName()));
        cmd.addAll(Arrays.asList(target));
        cmd.addAll(client.extraArgs);
        File out = File.createTempFile("env-child", ".out");
        File err = File.createTempFile("env-child", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err);
            long t0 = System.nanoTime();
            Process p = pb.start();
            int status = p.waitFor();
            double ms = (System.nanoTime() - t0) / 1e6;
            String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
            String result = null;
            for (String l : stdout.split("\n")) {
                if (l.startsWith(ChildReport.PREFIX)) {
                    result = l.trim();
                }
            }
            if (status != 0 || result == null) {
                throw new IllegalStateException(main.getSimpleName() + " exited " + status + "\nstdout:\n" + stdout
                        + "\nstderr:\n" + stderr);
            }
            int messages = -1;
            long rss = -1;
            long mainMs = -1;
            long cpuMs = -1;
            String checksum = "";
            for (String kv : result.substring(ChildReport.PREFIX.length()).split(" ")) {
                if (kv.startsWith("messages=")) {
                    messages = Integer.parseInt(kv.substring("messages=".length()));
                } else if (kv.startsWith("vmhwm_kib=")) {
                    rss = Long.parseLong(kv.substring("vmhwm_kib=".length()));
                } else if (kv.startsWith("main_ms=")) {
                    mainMs = Long.parseLong(kv.substring("main_ms=".length()));
                } else if (kv.startsWith("cpu_ms=")) {
                    cpuMs = Long.parseLong(kv.substring("cpu_ms=".length()));
                } else if (kv.startsWith("checksum=")) {
                    checksum = kv.substring("checksum=".length());
                }
            }
            return new Run(ms, messages, rss, mainMs, cpuMs, checksum);
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
