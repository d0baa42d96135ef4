package org.imap4j.benchmarks.e2e;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.imap4j.testing.servers.DovecotServer;

/**
 * The large-transfer proof of issue 15: a private Dovecot ({@link DovecotServer}, as root, with quota and message
 * size limits raised), and for each transport a child JVM with {@code -Xmx64m} ({@link BigTransferChild}) that
 * APPENDs a generated message of the given size from a stream and downloads it with {@code BODY.PEEK[]} through the
 * pulled {@code fetchStream}, SHA-256 checked both ways against the generator's own digest. The heap cap is far
 * below the message: a run that holds the message (or a large part of it) fails with {@link OutOfMemoryError}.
 *
 * <pre>
 * mvn -B -ntp -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar org.imap4j.benchmarks.e2e.BigTransferRunner [bytes] [BLOCKING] [NIO]
 * </pre>
 * Defaults: 2 GiB (2147483648 bytes), both transports. Exits 1 if a child fails or a digest differs. Needs about the
 * message's size free where Dovecot's temporary store is (under {@code java.io.tmpdir}); the mailbox is deleted
 * after each transfer, and nothing else is written to disk.
 */
public final class BigTransferRunner {
    /** Dovecot settings for one very large message: no quota in the way, no size limit. */
    static final String LARGE_MESSAGES = "plugin {\n  quota_rule = *:storage=1T\n  quota_max_mail_size = 0\n}\n";

    private BigTransferRunner() {
    }

    /**
     * What one child measured.
     *
     * @param transport  BLOCKING or NIO
     * @param size       the message's size
     * @param uploadMs   APPEND time
     * @param downloadMs FETCH time
     * @param sentOk     whether the bytes the APPEND read from the stream have the generator's digest
     * @param gotOk      whether the bytes the FETCH stream gave have it
     * @param received   bytes received
     * @param heapPeakKib the largest heap use (live and garbage) sampled every 10 ms
     * @param rssKib     the child's peak resident set ({@code VmHWM})
     * @param maxHeapKib the child's heap limit
     */
    public record Result(String transport, long size, long uploadMs, long downloadMs, boolean sentOk, boolean gotOk,
            long received, long heapPeakKib, long rssKib, long maxHeapKib) {
        /** @return whether both digests match and every byte arrived */
        public boolean ok() {
            return sentOk && gotOk && received == size;
        }
    }

    /**
     * @param args [bytes] [transport...]
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        long size = args.length > 0 ? Long.parseLong(args[0]) : 2L << 30;
        List<String> transports = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("BLOCKING", "NIO");
        List<Result> results = run(size, transports, System.getProperty("java.class.path"), System.out);
        boolean ok = results.stream().allMatch(Result::ok);
        if (!ok) {
            System.err.println("FAILED: a digest differs or bytes are missing");
            System.exit(1);
        }
    }

    /**
     * Runs the transfers and prints a table.
     *
     * @param size       the message's size
     * @param transports which transports
     * @param classpath  the children's class path
     * @param out        where the table goes
     * @return the results, in order
     * @throws Exception if Dovecot cannot start or a child fails
     */
    public static List<Result> run(long size, List<String> transports, String classpath, PrintStream out)
            throws Exception {
        long t = System.nanoTime();
        String expected = HexFormat.of().formatHex(GeneratedMessage.sha256(size, 1));
        out.printf(Locale.ROOT, "message: %,d bytes, SHA-256 %s (generated in %.1f s); children: -Xmx64m, JDK %s%n",
                size, expected, (System.nanoTime() - t) / 1e9, System.getProperty("java.runtime.version"));
        List<Result> results = new ArrayList<>();
        try (DovecotServer d = DovecotServer.start(null, LARGE_MESSAGES)) {
            int i = 0;
            for (String transport : transports) {
                results.add(child(d, classpath, size, transport, "Big" + (++i) + "-" + System.nanoTime() % 100000,
                        expected));
            }
        }
        out.println("| transport | size | APPEND s | APPEND MB/s | FETCH s | FETCH MB/s | SHA-256 sent / received"
                + " | heap used peak MiB (limit) | peak RSS MiB |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.0f | %.1f | %.0f | %s / %s | %.1f (%.0f) | %.0f |%n",
                    r.transport(), r.size(), r.uploadMs() / 1e3, r.size() / 1e3 / Math.max(1, r.uploadMs()),
                    r.downloadMs() / 1e3, r.size() / 1e3 / Math.max(1, r.downloadMs()), r.sentOk() ? "ok" : "DIFFERS",
                    r.gotOk() && r.received() == r.size() ? "ok" : "DIFFERS", r.heapPeakKib() / 1024.0,
                    r.maxHeapKib() / 1024.0, r.rssKib() / 1024.0);
        }
        return results;
    }

    private static Result child(DovecotServer d, String cp, long size, String transport, String mailbox,
            String expected) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(EnvRunner.childJava(), "-Xmx64m"));
        cmd.addAll(EnvRunner.childJvmArgs());
        cmd.addAll(List.of("-cp", cp, BigTransferChild.class.getName(), d.host(), Integer.toString(d.imapPort()),
                DovecotServer.USER, DovecotServer.PASSWORD, mailbox, Long.toString(size), transport));
        File stdout = File.createTempFile("big-child", ".out");
        File stderr = File.createTempFile("big-child", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(stdout).redirectError(stderr).start();
            int status = p.waitFor();
            String o = Files.readString(stdout.toPath(), StandardCharsets.UTF_8);
            String line = null;
            for (String l : o.split("\n")) {
                if (l.startsWith(BigTransferChild.PREFIX)) {
                    line = l.trim();
                }
            }
            if (status != 0 || line == null) {
                throw new IllegalStateException("the " + transport + " child exited " + status + "\nstdout:\n" + o
                        + "\nstderr:\n" + Files.readString(stderr.toPath(), StandardCharsets.UTF_8));
            }
            java.util.Map<String, String> kv = new java.util.HashMap<>();
            for (String pair : line.substring(BigTransferChild.PREFIX.length()).split(" ")) {
                int eq = pair.indexOf('=');
                kv.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return new Result(transport, size, Long.parseLong(kv.get("upload_ms")),
                    Long.parseLong(kv.get("download_ms")), expected.equals(kv.get("sent")),
                    expected.equals(kv.get("got")), Long.parseLong(kv.get("size")),
                    Long.parseLong(kv.get("heap_peak_kib")), Long.parseLong(kv.get("vmhwm_kib")),
                    Long.parseLong(kv.get("max_heap_kib")));
        } finally {
            Files.deleteIfExists(stdout.toPath());
            Files.deleteIfExists(stderr.toPath());
        }
    }
}
