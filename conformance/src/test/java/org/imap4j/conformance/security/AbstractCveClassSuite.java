package org.imap4j.conformance.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;
import org.imap4j.client.FetchResult;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.ListEntry;
import org.imap4j.client.auth.Sasl;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapTimeoutException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.Fragment;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.session.CommandListener;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TlsOptions;
import org.imap4j.session.testing.HostileScripts;
import org.imap4j.session.testing.HostileServer;
import org.imap4j.session.testing.MemoryProbe;
import org.imap4j.testing.servers.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The CVE-class regression suite: one named test per class of attack that hit a maintained IMAP client library in
 * 2025-2026, each against a scripted hostile server ({@link HostileServer}) through the public client API. A subclass
 * picks the transport; every test runs on both. {@code SECURITY.md} has one table row per test here, checked by
 * {@link SecurityTableTest}.
 *
 * <p>Memory is measured with {@link MemoryProbe}: bytes allocated by every thread but the hostile server's while the
 * attack runs (a client that held a bomb even briefly shows it), and heap retained afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
abstract class AbstractCveClassSuite {
    static final long MIB = 1L << 20;
    /** What a closed client may leave on the heap (JIT and class-loading noise is a few hundred KiB). */
    static final long RETAINED_LIMIT = 8 * MIB;
    static final Duration RETAINED_GRACE = Duration.ofSeconds(5);

    /** @return the transport under test */
    protected abstract ImapClientConfig.Transport transport();

    /** A cleartext client of a scripted server on loopback (nothing real is at stake). */
    ImapClientConfig.Builder client(HostileServer server) {
        return ImapClient.builder("127.0.0.1").port(server.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(transport()).readTimeout(Duration.ofSeconds(20))
                .greetingTimeout(Duration.ofSeconds(10));
    }

    /** Answers LOGIN, SELECT (1 message, UIDPLUS) and LOGOUT like a server; {@code false} when it did not. */
    static boolean answerBasics(HostileServer.Peer peer, TaggedCommand t) throws IOException {
        String tag = t.tag().value();
        Command c = t.command();
        if (c instanceof Command.Login || c instanceof Command.Noop || c instanceof Command.Enable) {
            peer.send(tag + " OK done\r\n");
        } else if (c instanceof Command.Select || c instanceof Command.Examine) {
            peer.send("* 1 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT 2] n\r\n" + tag
                    + " OK [READ-WRITE] selected\r\n");
        } else if (c instanceof Command.Logout) {
            peer.send("* BYE bye\r\n" + tag + " OK done\r\n");
        } else if (c instanceof Command.Capability) {
            peer.send("* CAPABILITY IMAP4rev1 UIDPLUS ESEARCH X-GM-EXT-1 CONDSTORE COMPRESS=DEFLATE\r\n" + tag
                    + " OK done\r\n");
        } else {
            return false;
        }
        return true;
    }

    static final String GREETING =
            "* OK [CAPABILITY IMAP4rev1 UIDPLUS ESEARCH X-GM-EXT-1 CONDSTORE COMPRESS=DEFLATE] hostile\r\n";

    /** A server that answers the basics and hands anything else to {@code rest}. */
    static HostileServer.Script basics(Answer rest) {
        return peer -> {
            peer.send(GREETING);
            while (true) {
                TaggedCommand t = peer.readCommand();
                if (!answerBasics(peer, t)) {
                    rest.answer(peer, t);
                }
            }
        };
    }

    /** What a scripted server does with a command the basics do not cover. */
    @FunctionalInterface
    interface Answer {
        /**
         * @param peer the connection
         * @param t    the command
         * @throws Exception anything
         */
        void answer(HostileServer.Peer peer, TaggedCommand t) throws Exception;
    }

    /** Runs an attack while probing memory; returns what the client threw (null if nothing). */
    MemoryProbe.Result probed(HostileServer server, AtomicReference<Throwable> thrown, ThrowingAction action) {
        MemoryProbe probe = MemoryProbe.start();
        try {
            action.run();
        } catch (Throwable t) {
            thrown.set(t);
        }
        MemoryProbe.Result r = probe.stop(RETAINED_LIMIT, RETAINED_GRACE);
        System.out.println("memory " + getClass().getSimpleName() + " " + caller() + ": " + r);
        return r;
    }

    private static String caller() {
        return StackWalker.getInstance().walk(s -> s.map(StackWalker.StackFrame::getMethodName)
                .filter(n -> !n.equals("probed") && !n.equals("caller") && !n.startsWith("lambda"))
                .findFirst().orElse("?"));
    }

    /** An action that may throw. */
    @FunctionalInterface
    interface ThrowingAction {
        /** @throws Exception anything */
        void run() throws Exception;
    }

    static void assertBounded(MemoryProbe.Result r, long maxAllocated, String what) {
        assertTrue(r.allocatedBytes() < maxAllocated, () -> what + ": allocated more than " + maxAllocated / MIB
                + " MiB, so it held (part of) the bomb: " + r);
        assertTrue(r.retainedBytes() < RETAINED_LIMIT, () -> what + ": retained heap: " + r);
    }

    static void noServerErrors(HostileServer server) {
        assertEquals(List.of(), server.errors(), "the hostile server saw something it should not have");
    }

    // ================================================================ resource exhaustion

    /**
     * Literal-size DoS (net-imap CVE-2025-43857): a FETCH announces a 300 MB literal, sends 1 MiB of it and closes.
     * The client must not allocate for the announcement: memory grows only with bytes received.
     */
    @Test
    void literalSizeDosAllocatesOnlyWhatArrives() throws Exception {
        try (HostileServer server = HostileServer.start(basics((peer, t) -> {
            if (t.command() instanceof Command.Fetch) {
                peer.send("* 1 FETCH (UID 1 BODY[] {300000000}\r\n");
                byte[] chunk = new byte[64 << 10];
                java.util.Arrays.fill(chunk, (byte) 'x');
                for (int i = 0; i < 16; i++) {
                    peer.send(chunk);
                }
                peer.close();
            } else {
                peer.send(t.tag().value() + " NO not here\r\n");
            }
        }))) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            MemoryProbe.Result r = probed(server, thrown, () -> {
                try (ImapClient c = client(server).connect()) {
                    c.login("alice", "secret");
                    c.select(MailboxName.INBOX);
                    c.fetchMessage(SequenceSet.of(1));
                }
            });
            assertInstanceOf(ImapException.class, thrown.get(), () -> String.valueOf(thrown.get()));
            // 1 MiB arrived: a few copies of it are fine, 300 MB (or any large part of it) is not
            assertBounded(r, 32 * MIB, "announced 300 MB, sent 1 MiB");
            noServerErrors(server);
        }
    }

    /**
     * Quadratic literal read (net-imap CVE-2026-42245): an 8 MiB literal trickled in 256-byte writes, and responses
     * of many small literals. Allocation must stay linear in what arrives: 4 times the literals may cost at most about
     * 4 times the memory, never 16.
     */
    @Test
    void quadraticLiteralReadStaysLinear() throws Exception {
        int body = 8 << 20;
        try (HostileServer server = HostileServer.start(basics((peer, t) -> {
            String tag = t.tag().value();
            if (t.command() instanceof Command.Fetch f && f.attributes().toString().matches("(?s).*X.GM.LABELS.*")) {
                // labels come as literals: n = 1000 x the number the command asked for (UID n)
                long uid = f.set().ranges().get(0).low();
                int n = (int) uid * 1000;
                StringBuilder sb = new StringBuilder("* 1 FETCH (UID " + uid + " X-GM-LABELS (");
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : " ").append("{8}\r\nlabel").append(String.format("%03d", i % 1000));
                }
                peer.send(sb.append("))\r\n").append(tag).append(" OK done\r\n").toString());
            } else if (t.command() instanceof Command.Fetch) {
                peer.send("* 1 FETCH (UID 1 BODY[] {" + body + "}\r\n");
                byte[] chunk = new byte[256];
                java.util.Arrays.fill(chunk, (byte) 'y');
                for (int sent = 0; sent < body; sent += chunk.length) {
                    peer.send(chunk);
                }
                peer.send(")\r\n" + tag + " OK done\r\n");
            } else {
                peer.send(tag + " NO not here\r\n");
            }
        }))) {
            {
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                MemoryProbe.Result chunks = probed(server, thrown, () -> {
                    try (ImapClient c = client(server).connect()) {
                        c.login("alice", "secret");
                        c.select(MailboxName.INBOX);
                        assertEquals(body, c.fetchMessage(SequenceSet.of(1)).get(1L).message().orElseThrow().size());
                    }
                });
                assertNull(thrown.get(), () -> String.valueOf(thrown.get()));
                // the body is kept once, with buffer growth and one copy at most: 8 x the body is generous
                assertBounded(chunks, 8L * body, "8 MiB literal in 256-byte writes");
                long[] allocated = new long[2];
                int[] sizes = {10, 40};
                for (int k = 0; k < 2; k++) {
                    int n = sizes[k];
                    MemoryProbe.Result many = probed(server, thrown, () -> {
                        try (ImapClient c = client(server).connect()) {
                            c.login("alice", "secret");
                            c.select(MailboxName.INBOX);
                            assertEquals(n * 1000, c.fetchGmail(SequenceSet.of(n)).get((long) n).gmailLabels()
                                    .orElseThrow().size());
                        }
                    });
                    assertNull(thrown.get(), () -> String.valueOf(thrown.get()));
                    allocated[k] = many.allocatedBytes();
                }
                // a floor of 1 MiB: the probe samples every few ms and can miss part of a short, small run
                double ratio = (double) allocated[1] / Math.max(allocated[0], MIB);
                System.out.printf("many literals: 10000 -> %.1f MiB, 40000 -> %.1f MiB (x%.1f)%n",
                        allocated[0] / 1048576.0, allocated[1] / 1048576.0, ratio);
                assertTrue(ratio < 8, "4x the literals cost x" + ratio + " the memory: not linear");
            }
            noServerErrors(server);
        }
    }

    /**
     * UID-set range memory bomb (net-imap CVE-2025-25186): COPYUID, APPENDUID, VANISHED and ESEARCH ALL with
     * {@code 1:4294967295}. Every result stays compact, in a child JVM with a 256 MiB heap (four billion boxed
     * numbers would need some 64 GiB); a {@code *} in a response's uid-set never becomes a number.
     */
    @Test
    void uidSetRangeBombStaysCompact() throws Exception {
        try (HostileServer server = HostileServer.start(UidSetBomb.script())) {
            UidSetBomb.runInChildJvm(transport(), server.port());
            noServerErrors(server);
        }
    }

    /**
     * Deep nesting and long lists: a BODYSTRUCTURE nested 100,000 deep and a SEARCH of 20,000 numbers with
     * {@code maxListItems} 10,000 fail the command at once with a typed limit error, without building either.
     */
    @Test
    void deepNestingAndLongListsAreRefusedByLimits() throws Exception {
        try (HostileServer server = HostileServer.start(basics((peer, t) -> {
            String tag = t.tag().value();
            if (t.command() instanceof Command.Fetch) {
                peer.send("* 1 FETCH (UID 1 BODYSTRUCTURE " + "(".repeat(100_000) + ")".repeat(100_000) + ")\r\n"
                        + tag + " OK done\r\n");
            } else if (t.command() instanceof Command.Search) {
                StringBuilder sb = new StringBuilder("* SEARCH");
                for (int i = 1; i <= 20_000; i++) {
                    sb.append(' ').append(i);
                }
                peer.send(sb.append("\r\n").append(tag).append(" OK done\r\n").toString());
            } else {
                peer.send(tag + " NO not here\r\n");
            }
        }))) {
            CodecLimits limits = CodecLimits.defaults().withMaxListItems(10_000);
            List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
            for (String attack : List.of("nesting", "list")) {
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                long start = System.nanoTime();
                MemoryProbe.Result r = probed(server, thrown, () -> {
                    try (ImapClient c = client(server).limits(limits).connect()) {
                        c.login("alice", "secret");
                        c.select(MailboxName.INBOX);
                        if (attack.equals("nesting")) {
                            c.fetchBodyStructure(SequenceSet.of(1));
                        } else {
                            c.search(org.imap4j.codec.command.SearchKey.all());
                        }
                    }
                });
                long millis = (System.nanoTime() - start) / 1_000_000;
                // both attacks run and report, so one run shows each that is not yet refused
                checks.add(() -> assertInstanceOf(ImapProtocolException.class, thrown.get(),
                        () -> attack + ": " + thrown.get()));
                checks.add(() -> assertTrue(millis < 10_000, attack + " took " + millis + " ms: the limit error must"
                        + " come at once, not with a read timeout"));
                checks.add(() -> assertBounded(r, 32 * MIB, attack));
            }
            org.junit.jupiter.api.Assertions.assertAll(checks);
            noServerErrors(server);
        }
    }

    /**
     * Number overflow: a 20-digit literal size, a UID of 2^32, an RFC822.SIZE of 2^64 and a MODSEQ of 2^63 are
     * refused (typed error) or left out; never wrapped into a small, zero or negative number.
     */
    @Test
    void numberOverflowNeverWraps() throws Exception {
        try (HostileServer server = HostileServer.start(basics((peer, t) -> {
            String tag = t.tag().value();
            String set = t.command() instanceof Command.Fetch f ? f.set().toString() : "";
            if (set.equals("2")) {
                peer.send("* 1 FETCH (UID 4294967296 FLAGS (\\Seen))\r\n" + tag + " OK done\r\n");
            } else if (set.equals("3")) {
                peer.send("* 1 FETCH (UID 3 RFC822.SIZE 18446744073709551616)\r\n" + tag + " OK done\r\n");
            } else if (set.equals("4")) {
                peer.send("* 1 FETCH (UID 4 MODSEQ (9223372036854775808))\r\n" + tag + " OK done\r\n");
            } else if (set.equals("5")) {
                peer.send("* 1 FETCH (UID 5 BODY[] {99999999999999999999}\r\n");
                peer.stallForever();
            } else {
                peer.send(tag + " NO not here\r\n");
            }
        }))) {
            try (ImapClient c = client(server).readTimeout(Duration.ofSeconds(30)).connect()) {
                c.login("alice", "secret");
                c.select(MailboxName.INBOX);
                checkNoWrap(() -> c.fetchFlags(SequenceSet.of(2)), "UID 2^32");
                checkNoWrap(() -> c.fetchSize(SequenceSet.of(3)), "RFC822.SIZE 2^64");
                checkNoWrap(() -> c.fetch(SequenceSet.of(4), org.imap4j.codec.fetch.FetchAttribute.Item.MODSEQ),
                        "MODSEQ 2^63");
                long start = System.nanoTime();
                ImapException e = assertThrows(ImapException.class, () -> c.fetchMessage(SequenceSet.of(5)));
                assertInstanceOf(ImapProtocolException.class, e, () -> "20-digit literal size: " + e);
                assertTrue(System.nanoTime() - start < 10_000_000_000L, "refused at once, not by a timeout");
            }
            noServerErrors(server);
        }
    }

    private static void checkNoWrap(java.util.function.Supplier<Map<Long, FetchResult>> call, String what) {
        Map<Long, FetchResult> r;
        try {
            r = call.get();
        } catch (ImapProtocolException refused) {
            return; // a typed refusal is a correct answer
        }
        for (Map.Entry<Long, FetchResult> e : r.entrySet()) {
            assertTrue(e.getKey() > 0 && e.getKey() <= 0xFFFF_FFFFL, what + ": key " + e.getKey());
            FetchResult f = e.getValue();
            f.size().ifPresent(s -> assertTrue(s >= 0 && s != 0, what + ": size wrapped to " + s));
            f.modSeq().ifPresent(m -> assertTrue(m > 0, what + ": modseq wrapped to " + m));
            assertFalse(f.uid().isPresent() && (f.uid().getAsLong() <= 0 || f.uid().getAsLong() > 0xFFFF_FFFFL),
                    what + ": uid " + f.uid());
        }
        assertFalse(r.containsKey(0L), what + ": 2^32 wrapped to UID 0");
    }

    /**
     * SCRAM iteration-count DoS (net-imap CVE-2026-42256): a server asking for 2^31-1 PBKDF2 rounds is refused with
     * an {@link ImapAuthenticationException} before any round; the cap is the client's {@code maxScramIterations}
     * (default 100,000), and a count at the cap is computed and answered.
     */
    @Test
    void scramIterationCountIsCapped() throws Exception {
        BlockingQueue<String> proofs = new LinkedBlockingQueue<>();
        BlockingQueue<Long> counts = new LinkedBlockingQueue<>(List.of(2_147_483_647L, 4097L, 4096L));
        try (HostileServer server = HostileServer.start(peer -> {
            long iterations = counts.take();
            peer.send("* OK [CAPABILITY IMAP4rev1 AUTH=SCRAM-SHA-256 SASL-IR] scram\r\n");
            TaggedCommand t = peer.readCommand();
            if (!(t.command() instanceof Command.Authenticate a) || a.initialResponse() == null) {
                peer.fail("expected AUTHENTICATE SCRAM-SHA-256 with an initial response: " + t);
                return;
            }
            String first = a.initialResponse().utf8();
            String nonce = first.substring(first.indexOf(",r=") + 3);
            peer.send("+ " + Base64.getEncoder().encodeToString(("r=" + nonce + "srv,s=QSXCR+Q6sek8bf92,i="
                    + iterations).getBytes(StandardCharsets.US_ASCII)) + "\r\n");
            String answer = peer.readLine();
            if (!answer.equals("*")) {
                proofs.add(iterations + " " + new String(Base64.getDecoder().decode(answer), StandardCharsets.UTF_8));
            }
            peer.send(t.tag().value() + " NO [AUTHENTICATIONFAILED] no\r\n");
            peer.stallForever();
        })) {
            // the hostile count: refused at once (2^31-1 rounds of HMAC-SHA-256 would take minutes)
            long start = System.nanoTime();
            try (ImapClient c = client(server).connect()) {
                ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class,
                        () -> c.authenticate(Sasl.scramSha256("alice", Secret.of("pencil"))));
                assertTrue(e.getMessage().contains("iteration"), e.getMessage());
            }
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused before computing");
            // a stricter cap, configured: one over it is refused, one at it is computed and answered with a proof
            for (int i = 0; i < 2; i++) {
                try (ImapClient c = client(server).maxScramIterations(4096).connect()) {
                    assertThrows(ImapAuthenticationException.class,
                            () -> c.authenticate(Sasl.scramSha256("alice", Secret.of("pencil"))));
                }
            }
            String proof = proofs.poll(10, TimeUnit.SECONDS);
            assertTrue(proof != null && proof.startsWith("4096 c=biws,r=") && proof.contains(",p="),
                    "the count at the cap was computed and answered: " + proof);
            assertNull(proofs.poll(), "no proof for a count over the cap");
            noServerErrors(server);
        }
    }

    // ================================================================ STARTTLS

    /**
     * STARTTLS stripping by a premature tagged OK (net-imap CVE-2026-42246): the server sends the tagged OK of the
     * STARTTLS the client is about to write before it wrote it, with its greeting ({@code A1 OK} and the next tags)
     * or with its answer to CAPABILITY (the next tag). Connecting fails promptly with an
     * {@link ImapProtocolException}; no command after that, and never LOGIN, is sent in cleartext.
     */
    @Test
    void starttlsStrippingByPrematureTaggedOkFails() throws Exception {
        // 1: the OKs come with the greeting, before anything was written
        HostileServer.Script withGreeting = peer -> {
            peer.send("* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] hi\r\nA1 OK begin TLS\r\nA2 OK done\r\n"
                    + "A3 OK done\r\nA4 OK done\r\n");
            refuseCleartext(peer);
        };
        // 2: the client asks for the capabilities; the answer carries the OK of the STARTTLS it has not sent yet
        HostileServer.Script withCapabilities = peer -> {
            peer.send("* OK hi\r\n");
            TaggedCommand t = peer.readCommand();
            int n = Integer.parseInt(t.tag().value().substring(1));
            peer.send("* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN\r\n" + t.tag().value() + " OK done\r\nA" + (n + 1)
                    + " OK begin TLS\r\nA" + (n + 2) + " OK done\r\n");
            refuseCleartext(peer);
        };
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (HostileServer.Script script : List.of(withGreeting, withCapabilities)) {
            try (HostileServer server = HostileServer.start(script)) {
                long start = System.nanoTime();
                ImapClientConfig.Builder b = ImapClient.builder("localhost").port(server.port())
                        .tlsMode(TlsMode.STARTTLS).transport(transport()).readTimeout(Duration.ofSeconds(20))
                        .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(
                                List.of(TestCertificates.ca()))));
                String which = script == withGreeting ? "OK with the greeting" : "OK with the capabilities";
                ImapException e = assertThrows(ImapException.class, () -> {
                    try (ImapClient c = b.connect()) {
                        c.login("alice", "secret"); // must never be reached
                    }
                }, which);
                long millis = (System.nanoTime() - start) / 1_000_000;
                checks.add(() -> assertInstanceOf(ImapProtocolException.class, e, () -> which + ": " + e));
                checks.add(() -> assertTrue(millis < 10_000, which + ": failed after " + millis + " ms, not at once"));
                List<Throwable> errors = List.copyOf(server.errors());
                checks.add(() -> assertEquals(List.of(), errors, which + ": the server saw cleartext commands"));
            }
        }
        org.junit.jupiter.api.Assertions.assertAll(checks);
    }

    // Reads commands; anything but CAPABILITY and STARTTLS after a premature OK is the stripping having worked.
    private static void refuseCleartext(HostileServer.Peer peer) throws IOException {
        while (true) {
            TaggedCommand t = peer.readCommand();
            if (!(t.command() instanceof Command.StartTls) && !(t.command() instanceof Command.Capability)) {
                peer.fail("the client went on in cleartext after a premature tagged OK: " + t.command());
            }
        }
    }

    /**
     * STARTTLS response injection (the CVE-2011-0411 class; RFC 9051 section 11.1): the tagged OK to STARTTLS and an
     * injected {@code * OK [CAPABILITY ... AUTH=PLAIN]} arrive in one segment. The client refuses with a typed error
     * rather than let cleartext bytes into the protected session.
     */
    @Test
    void starttlsResponseInjectionIsRefused() throws Exception {
        try (HostileServer server = HostileServer.start(HostileScripts.starttlsInjection())) {
            ImapClientConfig.Builder b = ImapClient.builder("localhost").port(server.port())
                    .tlsMode(TlsMode.STARTTLS).transport(transport()).readTimeout(Duration.ofSeconds(10))
                    .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(
                            List.of(TestCertificates.ca()))));
            ImapException e = assertThrows(ImapException.class, () -> {
                try (ImapClient c = b.connect()) {
                    c.login("alice", "secret");
                }
            });
            assertInstanceOf(ImapProtocolException.class, e, () -> String.valueOf(e));
            noServerErrors(server);
        }
    }

    // ================================================================ injection

    /**
     * CRLF, NUL and literal-marker injection (net-imap CVE-2026-42257, CVE-2026-42258, CVE-2026-47241; imapflow's
     * command-injection fix of July 2026): every string-valued argument of every command ({@link InjectionMatrix}),
     * with every hostile payload, is refused with an {@link ImapValidationException} or encoded so that CR/LF appear
     * only inside a literal and no {@code {n}} is forged; the same commands, and SASL user names, go through the real
     * transport to a server that decodes each and finds exactly the command the client meant, never a second one.
     */
    @Test
    void commandInjectionThroughEveryStringArgumentIsImpossible() throws Exception {
        assertEquals(java.util.Set.of(), InjectionMatrix.uncoveredComponents(),
                "string-valued command components without an injection slot in InjectionMatrix");
        List<Command> sendable = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int refused = 0;
        List<EncodeOptions> optionSets = List.of(EncodeOptions.DEFAULT,
                new EncodeOptions(EncodeOptions.LiteralSupport.values()[EncodeOptions.LiteralSupport.values().length
                        - 1], false), new EncodeOptions(EncodeOptions.LiteralSupport.SYNC_ONLY, true));
        for (InjectionMatrix.Slot slot : InjectionMatrix.slots()) {
            for (String payload : InjectionMatrix.PAYLOADS) {
                Command cmd;
                try {
                    cmd = slot.build().apply(payload);
                } catch (ImapValidationException typed) {
                    refused++;
                    // the refusal names the bad value, escaped: a CR LF must not reach a log line through it either
                    assertNoControl(slot.slot() + " refusal message", typed.getMessage());
                    continue;
                } catch (RuntimeException other) {
                    problems.add(slot.slot() + " <- " + InjectionMatrix.show(payload.getBytes(
                            StandardCharsets.UTF_8)) + ": untyped refusal " + other);
                    continue;
                }
                boolean encodable = true;
                for (EncodeOptions o : optionSets) {
                    List<Fragment> wire;
                    try {
                        wire = ImapCodec.encodeCommand(new Tag("A1"), cmd, o);
                    } catch (ImapValidationException typed) {
                        encodable = false;
                        assertNoControl(slot.slot() + " encoder refusal message", typed.getMessage());
                        continue;
                    }
                    String v = InjectionMatrix.wireViolation(wire);
                    if (v != null) {
                        problems.add(slot.slot() + " (" + o + "): " + v);
                    }
                }
                if (encodable) {
                    sendable.add(cmd);
                }
            }
        }
        System.out.println("injection matrix: " + InjectionMatrix.slots().size() + " slots x "
                + InjectionMatrix.PAYLOADS.size() + " payloads: " + refused + " refused, " + sendable.size()
                + " encoded safely and sent");
        assertEquals(List.of(), problems);
        assertTrue(refused > 0 && sendable.size() > 100, "refused " + refused + ", sendable " + sendable.size());
        sendThroughTheTransport(sendable);
    }

    private void sendThroughTheTransport(List<Command> commands) throws Exception {
        BlockingQueue<Command> expected = new LinkedBlockingQueue<>();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try (HostileServer server = HostileServer.start(peer -> {
            peer.send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=LOGIN] injection target\r\n");
            while (true) {
                TaggedCommand t = peer.readCommand();
                Command want = expected.poll(10, TimeUnit.SECONDS);
                seen.add(t.tag().value());
                if (!sameCommand(want, t.command())) {
                    peer.fail("expected " + want + " but decoded " + t.command() + " (tag " + t.tag() + ")");
                }
                if (t.command() instanceof Command.Noop) {
                    peer.send(t.tag().value() + " OK still one command per call\r\n");
                } else if (t.command() instanceof Command.Authenticate) {
                    peer.send(t.tag().value() + " NO [AUTHENTICATIONFAILED] no\r\n");
                } else {
                    peer.send(t.tag().value() + " NO refused by the target\r\n");
                }
            }
        })) {
            try (ImapClient c = client(server).readTimeout(Duration.ofSeconds(10)).connect()) {
                for (Command cmd : commands) {
                    expected.add(cmd);
                    c.transport().execute(cmd, CommandListener.NONE);
                }
                // SASL user names and passwords travel base64-encoded: nothing to inject, whatever they hold
                for (String payload : InjectionMatrix.PAYLOADS) {
                    if (payload.indexOf('\0') >= 0) {
                        continue; // PLAIN's separator: refused by the mechanism, checked below
                    }
                    expected.add(new Command.Authenticate("PLAIN", org.imap4j.codec.core.Bytes.utf8(
                            "\0" + payload + "\0" + payload)));
                    assertThrows(ImapAuthenticationException.class,
                            () -> c.authenticate(Sasl.plain(payload, Secret.of(payload))));
                }
                assertThrows(RuntimeException.class, () -> c.authenticate(Sasl.plain("a\0b", Secret.of("x"))));
                expected.add(new Command.Noop());
                c.noop();
            }
            assertTrue(expected.isEmpty(), "the server decoded fewer commands than were sent: " + expected.size());
            noServerErrors(server);
        }
    }

    private static boolean sameCommand(Command want, Command got) {
        if (want == null) {
            return false;
        }
        if (want instanceof Command.Login w && got instanceof Command.Login g) {
            return w.user().equals(g.user()) && w.password().reveal().equals(g.password().reveal());
        }
        if (want instanceof Command.Search w && got instanceof Command.Search g && w.charset() == null
                && "UTF-8".equals(g.charset())) {
            // without UTF8=ACCEPT the encoder declares CHARSET UTF-8 for a non-ASCII string (RFC 3501 6.4.4)
            return new Command.Search("UTF-8", w.key(), w.returnOptions(), w.uid()).equals(g);
        }
        if (want instanceof Command.Authenticate w && got instanceof Command.Authenticate g) {
            return w.mechanism().equalsIgnoreCase(g.mechanism());
        }
        return want.equals(got);
    }

    // ================================================================ decoding cost

    /**
     * mUTF-7 decoding DoS: mailbox names of a megabyte and more in modified UTF-7, valid and pathological
     * (unterminated shifts, non-canonical runs), cost time and memory linear in their length; an invalid one is a
     * typed error with a short message, and a LIST full of them still lists every mailbox.
     */
    @Test
    void mutf7DecodingIsLinearAndTyped() throws Exception {
        // the codec alone: linear allocation, typed and short errors
        long[] cost = new long[2];
        int[] lengths = {1 << 18, 1 << 20};
        for (int k = 0; k < 2; k++) {
            String wire = MailboxName.of("ü".repeat(lengths[k])).toModifiedUtf7();
            long before = MemoryProbe.currentThreadAllocatedBytes();
            assertEquals(lengths[k], MailboxName.fromModifiedUtf7(wire).name().length());
            cost[k] = MemoryProbe.currentThreadAllocatedBytes() - before;
        }
        assertTrue(cost[1] < 8L * cost[0], "4x the name cost x" + (double) cost[1] / cost[0]);
        for (String bad : List.of("&" + "A".repeat(1 << 20), "&AOk-".repeat(1 << 18), "&-".repeat(1 << 19) + "&",
                "&" + "\u001b".repeat(1 << 16) + "-", "a".repeat(1 << 20) + "&Jjo!-")) {
            long start = System.nanoTime();
            ImapValidationException e = assertThrows(ImapValidationException.class,
                    () -> MailboxName.fromModifiedUtf7(bad));
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "slow refusal");
            assertTrue(e.getMessage().length() < 300, "the message is as large as the name: "
                    + e.getMessage().length());
            assertTrue(e.getMessage().chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f), "raw control character in "
                    + "the message");
        }
        // through the client: a LIST of such names
        String huge = MailboxName.of("ü".repeat(1 << 18)).toModifiedUtf7();
        try (HostileServer server = HostileServer.start(basics((peer, t) -> {
            String tag = t.tag().value();
            if (t.command() instanceof Command.ListMailboxes) {
                peer.send("* LIST () \"/\" " + huge + "\r\n* LIST () \"/\" &" + "A".repeat(1 << 18)
                        + "\r\n* LIST () \"/\" INBOX\r\n" + tag + " OK done\r\n");
            } else {
                peer.send(tag + " NO not here\r\n");
            }
        }))) {
            {
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                AtomicReference<List<ListEntry>> list = new AtomicReference<>();
                MemoryProbe.Result r = probed(server, thrown, () -> {
                    try (ImapClient c = client(server).connect()) {
                        c.login("alice", "secret");
                        list.set(c.list("", "*"));
                    }
                });
                assertNull(thrown.get(), () -> String.valueOf(thrown.get()));
                assertEquals(3, list.get().size());
                assertEquals(1 << 18, list.get().get(0).mailbox().name().length());
                assertBounded(r, 64 * MIB, "LIST of 1.3 MB of names");
            }
            noServerErrors(server);
        }
    }

    // ================================================================ time and volume

    /**
     * Slow-loris lines: a response trickled one byte every 100 ms never completes; the command deadline fires
     * (read timeout 2 s, command timeout 3 s) with an {@link ImapTimeoutException}, however the bytes keep coming.
     */
    @Test
    void slowLorisLineHitsTheCommandDeadline() throws Exception {
        try (HostileServer server = HostileServer.start(basics((peer, t) -> {
            peer.send("* OK ");
            for (int i = 0; i < 600; i++) {
                Thread.sleep(100);
                peer.send("x");
            }
        }))) {
            try (ImapClient c = client(server).readTimeout(Duration.ofSeconds(2)).commandTimeout(Duration.ofSeconds(3))
                    .connect()) {
                c.login("alice", "secret");
                long start = System.nanoTime();
                ImapException e = assertThrows(ImapException.class, () -> c.check());
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertInstanceOf(ImapTimeoutException.class, e, () -> String.valueOf(e));
                assertTrue(millis < 8_000, "the deadline fired after " + millis + " ms");
            }
            noServerErrors(server);
        }
    }

    /**
     * Response floods: 200,000 untagged FETCH responses to one command with {@code maxResponsesPerCommand} 10,000
     * fail that command at once with a typed limit error, holding no more than the limit allows.
     */
    @Test
    void responseFloodHitsMaxResponsesPerCommand() throws Exception {
        try (HostileServer server = HostileServer.start(basics((peer, t) -> {
            if (t.command() instanceof Command.Fetch) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= 200_000; i++) {
                    sb.append("* ").append(i).append(" FETCH (UID ").append(i).append(" FLAGS ())\r\n");
                    if (sb.length() > 1 << 16) {
                        peer.send(sb.toString());
                        sb.setLength(0);
                    }
                }
                peer.send(sb.append(t.tag().value()).append(" OK done\r\n").toString());
            } else {
                peer.send(t.tag().value() + " NO not here\r\n");
            }
        }))) {
            {
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                MemoryProbe.Result r = probed(server, thrown, () -> {
                    try (ImapClient c = client(server).limits(CodecLimits.defaults()
                            .withMaxResponsesPerCommand(10_000)).connect()) {
                        c.login("alice", "secret");
                        c.select(MailboxName.INBOX);
                        c.fetchFlags(SequenceSet.range(1, 200_000));
                    }
                });
                assertInstanceOf(ImapProtocolException.class, thrown.get(), () -> String.valueOf(thrown.get()));
                assertBounded(r, 128 * MIB, "200,000 responses with a limit of 10,000");
            }
            noServerErrors(server);
        }
    }

    /**
     * Compression bombs: after COMPRESS=DEFLATE, ~256 KiB on the wire inflate to a 256 MiB line; the line limit stops
     * it with a typed error, and the client never holds more than the limit.
     */
    @Test
    void compressionBombIsBoundedByTheLineLimit() throws Exception {
        try (HostileServer server = HostileServer.start(basics((peer, t) -> {
            if (t.command() instanceof Command.Compress) {
                peer.send(t.tag().value() + " OK DEFLATE active\r\n");
                Deflater z = new Deflater(9, true);
                byte[] plain = new byte[1 << 20];
                java.util.Arrays.fill(plain, (byte) 'a');
                byte[] out = new byte[1 << 16];
                z.setInput("* OK ".getBytes(StandardCharsets.US_ASCII));
                for (int mib = 0; mib < 256; mib++) {
                    z.setInput(plain);
                    int n;
                    while ((n = z.deflate(out, 0, out.length, Deflater.SYNC_FLUSH)) > 0) {
                        peer.send(java.util.Arrays.copyOf(out, n));
                        if (n < out.length) {
                            break;
                        }
                    }
                }
                peer.stallForever();
            } else {
                peer.send(t.tag().value() + " NO not here\r\n");
            }
        }))) {
            {
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                MemoryProbe.Result r = probed(server, thrown, () -> {
                    try (ImapClient c = client(server).readTimeout(Duration.ofSeconds(5)).connect()) {
                        c.login("alice", "secret");
                        c.compress();
                        c.noop();
                    }
                });
                assertInstanceOf(ImapProtocolException.class, thrown.get(), () -> String.valueOf(thrown.get()));
                // the default 8 MiB line limit: its buffer doubles up to the limit (~32 MiB), 256 MiB is the bomb
                assertBounded(r, 64 * MIB, "256 MiB deflate bomb");
            }
            noServerErrors(server);
        }
    }

    // ================================================================ presentation

    /**
     * Control characters in server text: a NO whose text holds ESC sequences, BEL, a C1 CSI and DEL reaches the
     * caller's exception message and the protocol trace escaped, never raw (log injection, terminal escapes).
     */
    @Test
    void controlCharactersInServerTextAreEscaped() throws Exception {
        String evil = "evil \u001b[31mred\u001b]0;title\u0007 \u009b2J \u007f end";
        try (HostileServer server = HostileServer.start(basics((peer, t) -> {
            peer.send((t.tag().value() + " NO [ALERT] " + evil + "\r\n").getBytes(StandardCharsets.UTF_8));
        }))) {
            List<String> trace = Collections.synchronizedList(new ArrayList<>());
            try (ImapClient c = client(server).trace((direction, text) -> trace.add(text)).connect()) {
                c.login("alice", "secret");
                ImapException e = assertThrows(ImapException.class, () -> c.create(MailboxName.of("x")));
                assertNoControl("exception message", e.getMessage());
                assertNoControl("exception", e.toString());
                assertTrue(e.getMessage().contains("red") && e.getMessage().contains("end"), e.getMessage());
            }
            for (String line : trace) {
                assertNoControl("trace", line.endsWith("\r\n") ? line.substring(0, line.length() - 2) : line);
            }
            noServerErrors(server);
        }
    }

    static void assertNoControl(String where, String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 && ch != '\t' || ch >= 0x7f && ch <= 0x9f) {
                fail(where + " holds raw control character U+" + String.format("%04X", (int) ch) + " at " + i + ": "
                        + text.replaceAll("\\p{Cntrl}", "?"));
            }
        }
    }
}
