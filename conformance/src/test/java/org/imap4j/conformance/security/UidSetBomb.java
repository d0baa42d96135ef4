package org.imap4j.conformance.security;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.imap4j.client.AppendResult;
import org.imap4j.client.CopyResult;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.MailboxListener;
import org.imap4j.client.SearchResult;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.session.TlsMode;
import org.imap4j.session.testing.HostileServer;
import org.imap4j.session.testing.MemoryProbe;

/**
 * The uid-set range bomb of {@link AbstractCveClassSuite#uidSetRangeBombStaysCompact()}, run by a child JVM with a
 * small heap ({@value #CHILD_HEAP}) so that a client that expands {@code 1:4294967295} fails there, with an
 * {@link OutOfMemoryError} the parent reports, instead of taking the test JVM down with it.
 */
final class UidSetBomb {
    static final String CHILD_HEAP = "-Xmx256m";
    static final long MAX = 4_294_967_295L;

    private UidSetBomb() {
    }

    /** @return the hostile server: every UIDPLUS / QRESYNC / ESEARCH answer is {@code 1:4294967295} */
    static HostileServer.Script script() {
        return peer -> {
            peer.send(AbstractCveClassSuite.GREETING);
            while (true) {
                TaggedCommand t = peer.readCommand();
                if (AbstractCveClassSuite.answerBasics(peer, t)) {
                    continue;
                }
                String tag = t.tag().value();
                Command c = t.command();
                if (c instanceof Command.Copy cp && cp.mailbox().name().equals("Star")) {
                    peer.send(tag + " OK [COPYUID 7 1:* 1:*] copied\r\n");
                } else if (c instanceof Command.Copy) {
                    peer.send(tag + " OK [COPYUID 7 1:4294967295 1:4294967295] copied\r\n");
                } else if (c instanceof Command.Append) {
                    peer.send(tag + " OK [APPENDUID 7 1:4294967295] appended\r\n");
                } else if (c instanceof Command.Search) {
                    peer.send("* ESEARCH (TAG \"" + tag + "\") UID ALL 1:4294967295\r\n" + tag + " OK done\r\n");
                } else if (c instanceof Command.Check) {
                    peer.send("* VANISHED 1:4294967295\r\n" + tag + " OK done\r\n");
                } else {
                    peer.send(tag + " NO not here\r\n");
                }
            }
        };
    }

    /**
     * Runs {@link #main(String[])} in a child JVM against the server and fails with its output unless it passed.
     *
     * @param transport the transport
     * @param port      the server's port
     * @throws Exception if the child could not run
     */
    static void runInChildJvm(ImapClientConfig.Transport transport, int port) throws Exception {
        List<String> failed = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (String step : STEPS) {
            String out = runStep(transport, port, step);
            all.append(out);
            if (out.startsWith("FAIL")) {
                failed.add(step);
            }
        }
        if (!failed.isEmpty()) {
            throw new AssertionError("the uid-set bomb failed in a " + CHILD_HEAP + " JVM for " + failed + ":\n" + all);
        }
    }

    /** The responses checked, each in a child JVM of its own. */
    static final List<String> STEPS = List.of("COPYUID", "STAR", "APPENDUID", "ESEARCH", "VANISHED");

    private static String runStep(ImapClientConfig.Transport transport, int port, String step) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, CHILD_HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), UidSetBomb.class.getName(), transport.name(),
                Integer.toString(port), step));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        AtomicReference<String> output = new AtomicReference<>("");
        Thread reader = new Thread(() -> {
            try {
                output.set(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                output.set("unreadable: " + e);
            }
        });
        reader.start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        reader.join(10_000);
        System.out.print(output.get());
        if (!done) {
            return "FAIL " + step + ": did not finish in 120 s (expanding?)\n" + output.get();
        }
        if (p.exitValue() != 0) {
            return "FAIL " + step + " (exit " + p.exitValue() + (p.exitValue() == 3 ? ", OutOfMemoryError" : "")
                    + "):\n" + output.get();
        }
        return "ok " + step + ": " + output.get();
    }

    /**
     * The scenario, in the child JVM.
     *
     * @param args the transport name and the server's port
     */
    public static void main(String[] args) {
        ImapClientConfig.Transport transport = ImapClientConfig.Transport.valueOf(args[0]);
        int port = Integer.parseInt(args[1]);
        String step = args[2];
        List<SequenceSet> vanished = new ArrayList<>();
        MemoryProbe probe = MemoryProbe.start();
        try (ImapClient c = ImapClient.builder("127.0.0.1").port(port).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(transport).readTimeout(Duration.ofSeconds(30))
                .listener(new MailboxListener() {
                    @Override
                    public void vanished(SequenceSet uids, boolean earlier) {
                        vanished.add(uids);
                    }
                }).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            switch (step) {
                case "COPYUID" -> {
                    CopyResult copy = c.copy(SequenceSet.of(1), MailboxName.of("Target"));
                    check(copy.source() != null && copy.source().size() == MAX, "COPYUID source " + copy.source());
                    check(copy.destination() != null && copy.destination().size() == MAX, "COPYUID destination");
                    // the accessor most tempted to expand: source UID -> destination UID for 2^32-1 pairs
                    check(Long.valueOf(MAX).equals(copy.mapping().get(MAX)), "COPYUID mapping of the last UID");
                }
                case "STAR" -> {
                    try {
                        CopyResult star = c.copy(SequenceSet.of(1), MailboxName.of("Star"));
                        check(star.source() == null || !star.source().hasStar(), "'*' in a COPYUID became " + star);
                    } catch (ImapException typed) {
                        System.out.println("COPYUID with '*' refused: " + typed.getClass().getSimpleName());
                    }
                }
                case "APPENDUID" -> {
                    try {
                        AppendResult append = c.append(MailboxName.of("Target"),
                                Bytes.utf8("Subject: x\r\n\r\nx\r\n"));
                        System.out.println("APPENDUID gave " + append.uid());
                    } catch (ImapException typed) {
                        System.out.println("APPENDUID of 2^32-1 UIDs for one message refused: "
                                + typed.getClass().getSimpleName());
                    }
                }
                case "ESEARCH" -> {
                    // SearchResult.ids() is a list: it may hold the set, or refuse it by maxListItems, never expand it
                    try {
                        SearchResult search = c.search(SearchKey.all());
                        check(search.toSet().size() == MAX, "ESEARCH ALL " + search.toSet());
                    } catch (ImapProtocolException typed) {
                        check("maxListItems".equals(typed.limit()), "ESEARCH ALL refused without its limit: " + typed);
                        System.out.println("ESEARCH ALL of 2^32-1 UIDs refused: " + typed.getMessage());
                    }
                }
                case "VANISHED" -> {
                    c.check();
                    check(vanished.size() == 1 && vanished.get(0).size() == MAX, "VANISHED " + vanished);
                }
                default -> throw new IllegalArgumentException(step);
            }
        } catch (RuntimeException | Error e) {
            e.printStackTrace(System.out);
            System.exit(1);
        }
        if (!FAILURES.isEmpty()) {
            System.exit(1);
        }
        MemoryProbe.Result r = probe.stop();
        System.out.println(step + ": " + r);
        if (r.allocatedBytes() > 64L << 20) {
            System.out.println(step + ": allocated more than 64 MiB: the ranges were expanded somewhere");
            System.exit(1);
        }
        System.exit(0);
    }

    private static final List<String> FAILURES = new ArrayList<>();

    // every check runs, so one run shows every accessor that expands (an OutOfMemoryError still ends the JVM)
    private static void check(boolean ok, String what) {
        if (!ok) {
            System.out.println("FAILED: " + what);
            FAILURES.add(what);
        }
    }
}
