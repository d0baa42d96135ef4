package org.imap4j.session.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.EngineConfig;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapTimeoutException;
import org.imap4j.codec.ImapTlsException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.ChannelBinding;
import org.imap4j.session.CommandListener;
import org.imap4j.session.ConnectionListener;
import org.imap4j.session.ImapCall;
import org.imap4j.session.ImapTransport;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TlsOptions;
import org.imap4j.session.TlsProvider;
import org.imap4j.session.TransportOptions;
import org.imap4j.testing.servers.DovecotServer;
import org.imap4j.testing.servers.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour both transports must share, against real servers: embedded GreenMail (plain, implicit TLS),
 * a private Dovecot (STARTTLS, COMPRESS, IDLE, BouncyCastle), TLS servers presenting good and bad certificates, and
 * the hostile scripted server. A transport's test class extends this and says how to connect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AbstractTransportSuite extends AbstractLiveSuite {

    private static TlsOptions trusting(java.security.cert.X509Certificate ca) {
        return TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(ca)));
    }

    private static TransportOptions.Builder base(String host, int port, TlsMode mode) {
        return TransportOptions.builder(host).port(port).tlsMode(mode)
                .connectTimeout(Duration.ofSeconds(10)).greetingTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(20));
    }

    private ImapTransport plainGreenMail() {
        return connect(base(greenMail.host(), greenMail.imapPort(), TlsMode.PLAIN).build(), ConnectionListener.NONE);
    }

    private static void ok(Tagged t) {
        assertEquals(Condition.OK, t.status(), () -> t.status() + " " + t.text());
    }

    private static Tagged run(ImapTransport t, Command c) {
        return t.execute(c, CommandListener.NONE);
    }

    private static void login(ImapTransport t, String user, String password) {
        ok(run(t, new Command.Login(user, Secret.of(password))));
    }

    // ---------------------------------------------------------------- GreenMail

    @Test
    void plainSessionFetchesADeliveredMessage() {
        greenMail.deliver("From: a@example.org\r\nTo: alice@example.org\r\nSubject: hello\r\n\r\nbody text\r\n");
        try (ImapTransport t = plainGreenMail()) {
            assertFalse(t.isSecure());
            assertNotNull(t.greeting());
            assertFalse(t.capabilities().isEmpty(), "capabilities are known when the transport is ready");
            login(t, "alice", "secret1");
            List<Untagged> selectData = new ArrayList<>();
            Tagged sel = t.execute(Command.Select.of(MailboxName.INBOX), new CommandListener() {
                @Override
                public void onData(Untagged response) {
                    selectData.add(response);
                }
            });
            ok(sel);
            assertTrue(selectData.stream().anyMatch(u -> u instanceof Untagged.Exists e && e.count() >= 1),
                    selectData::toString);
            List<Untagged.Fetch> fetched = new ArrayList<>();
            ok(t.execute(new Command.Fetch(SequenceSet.of(1),
                    List.of(new FetchAttribute.BodySection(Section.whole(), true, null)), false, null, false),
                    new CommandListener() {
                        @Override
                        public void onData(Untagged response) {
                            if (response instanceof Untagged.Fetch f) {
                                fetched.add(f);
                            }
                        }
                    }));
            assertEquals(1, fetched.size());
            FetchItem.BodySection body = (FetchItem.BodySection) fetched.get(0).items().stream()
                    .filter(i -> i instanceof FetchItem.BodySection).findFirst().orElseThrow();
            String text = ((BodyData.InMemory) body.data()).bytes().utf8();
            assertTrue(text.contains("Subject: hello"), text);
            ok(run(t, new Command.Logout()));
        }
    }

    @Test
    void implicitTlsWithTheServersCaTrusted() {
        TransportOptions o = base(greenMail.host(), greenMail.imapsPort(), TlsMode.IMPLICIT)
                .tls(trusting(greenMail.ca())).build();
        try (ImapTransport t = connect(o, ConnectionListener.NONE)) {
            assertTrue(t.isSecure());
            login(t, "alice", "secret1");
            assertTrue(t.channelBinding(ChannelBinding.TLS_SERVER_END_POINT).isPresent());
        }
    }

    @Test
    void implicitTlsWithTheSystemTrustStoreRefusesATestCertificate() {
        TransportOptions o = base(greenMail.host(), greenMail.imapsPort(), TlsMode.IMPLICIT).build();
        ImapException e = assertThrows(ImapException.class, () -> connect(o, ConnectionListener.NONE));
        assertInstanceOf(ImapTlsException.class, e, e::toString);
    }

    @Test
    void pipelinedCommandsFromManyThreads() throws Exception {
        try (ImapTransport t = plainGreenMail()) {
            login(t, "alice", "secret1");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    results.add(pool.submit(() -> {
                        int oks = 0;
                        for (int k = 0; k < 25; k++) {
                            Tagged r = run(t, k % 2 == 0 ? new Command.Noop() : new Command.Capability());
                            oks += r.status() == Condition.OK ? 1 : 0;
                        }
                        return oks;
                    }));
                }
                for (Future<Integer> f : results) {
                    assertEquals(25, f.get(30, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            List<ImapCall> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(t.submit(new Command.Noop(), CommandListener.NONE));
            }
            for (ImapCall c : calls) {
                ok(c.await());
            }
        }
    }

    // ---------------------------------------------------------------- TLS verification outcomes

    private ImapException tlsAgainst(TestCertificates.ServerIdentity id, TlsOptions tls) throws Exception {
        try (HostileServer server = HostileServer.start(peer -> {
            peer.startTls(id.serverContext());
            peer.send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] tls ready\r\n");
            while (true) {
                org.imap4j.codec.command.TaggedCommand c = peer.readCommand();
                if (c.command() instanceof Command.Logout) {
                    peer.send("* BYE bye\r\n" + c.tag().value() + " OK bye\r\n");
                    return;
                }
                peer.send(c.tag().value() + " OK fine\r\n");
            }
        })) {
            TransportOptions o = base("localhost", server.port(), TlsMode.IMPLICIT).tls(tls).build();
            try (ImapTransport t = connect(o, ConnectionListener.NONE)) {
                ok(run(t, new Command.Noop()));
                ok(run(t, new Command.Logout()));
                return null;
            } catch (ImapException e) {
                return e;
            }
        }
    }

    @Test
    void validChainAndHostPass() throws Exception {
        ImapException e = tlsAgainst(TestCertificates.localhost(), trusting(TestCertificates.ca()));
        assertEquals(null, e, () -> "unexpected " + e);
    }

    @Test
    void wrongHostNameIsRefused() throws Exception {
        assertInstanceOf(ImapTlsException.class,
                tlsAgainst(TestCertificates.wrongHost(), trusting(TestCertificates.ca())));
    }

    @Test
    void wrongHostNameIsAcceptedOnlyWhenVerificationIsExplicitlyOff() throws Exception {
        assertEquals(null, tlsAgainst(TestCertificates.wrongHost(),
                trusting(TestCertificates.ca()).insecureSkipHostnameVerification()));
    }

    @Test
    void expiredCertificateIsRefused() throws Exception {
        assertInstanceOf(ImapTlsException.class,
                tlsAgainst(TestCertificates.expired(), trusting(TestCertificates.ca())));
    }

    @Test
    void selfSignedCertificateIsRefusedUnlessTrustedExplicitly() throws Exception {
        assertInstanceOf(ImapTlsException.class,
                tlsAgainst(TestCertificates.selfSigned(), trusting(TestCertificates.ca())));
        assertEquals(null, tlsAgainst(TestCertificates.selfSigned(),
                trusting(TestCertificates.selfSigned().leaf())));
    }

    @Test
    void bouncyCastleProviderVerifiesAndGivesChannelBindings() throws Exception {
        ImapException wrong = tlsAgainst(TestCertificates.wrongHost(),
                trusting(TestCertificates.ca()).withProvider(TlsProvider.BOUNCY_CASTLE));
        assertInstanceOf(ImapTlsException.class, wrong, () -> String.valueOf(wrong) + " caused by "
                + (wrong == null ? null : wrong.getCause()));
        DovecotServer d = dovecot();
        TransportOptions o13 = base(d.host(), d.imapsPort(), TlsMode.IMPLICIT)
                .tls(trusting(d.ca()).withProvider(TlsProvider.BOUNCY_CASTLE)).build();
        try (ImapTransport t = connect(o13, ConnectionListener.NONE)) {
            assertEquals(32, t.channelBinding(ChannelBinding.TLS_SERVER_END_POINT).orElseThrow().size());
            assertTrue(t.channelBinding(ChannelBinding.TLS_UNIQUE).isEmpty(), "tls-unique is undefined in TLS 1.3");
            // tls-exporter: BouncyCastle 1.79 clears the exporter secret after the handshake (bc-java #1535), so
            // it may be empty; it must not throw
            t.channelBinding(ChannelBinding.TLS_EXPORTER).ifPresent(b -> assertEquals(32, b.size()));
            login(t, DovecotServer.USER, DovecotServer.PASSWORD);
        }
        TransportOptions o12 = base(d.host(), d.imapsPort(), TlsMode.IMPLICIT)
                .tls(trusting(d.ca()).withProvider(TlsProvider.BOUNCY_CASTLE).withProtocols(List.of("TLSv1.2")))
                .build();
        try (ImapTransport t = connect(o12, ConnectionListener.NONE)) {
            assertEquals(12, t.channelBinding(ChannelBinding.TLS_UNIQUE).orElseThrow().size(),
                    "tls-unique is the 12-byte Finished verify_data");
        }
    }

    // ---------------------------------------------------------------- Dovecot

    @Test
    void starttlsUpgradesAndReReadsCapabilities() {
        DovecotServer d = dovecot();
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        TransportOptions o = base(d.host(), d.imapPort(), TlsMode.STARTTLS).tls(trusting(d.ca()))
                .trace((dir, text) -> trace.add(dir + " " + text)).build();
        try (ImapTransport t = connect(o, ConnectionListener.NONE)) {
            assertTrue(t.isSecure());
            assertFalse(Capability.has(t.capabilities(), Capability.Known.STARTTLS),
                    "capabilities were re-read after the handshake: " + t.capabilities());
            login(t, DovecotServer.USER, DovecotServer.PASSWORD);
        }
        String all = String.join("", trace);
        assertTrue(all.contains("STARTTLS"), all);
        assertFalse(all.contains(DovecotServer.PASSWORD), "the trace shows no password: " + all);
    }

    @Test
    void compressDeflateCarriesLargeLiteralsBothWaysAndIdle() throws Exception {
        DovecotServer d = dovecot();
        TransportOptions o = base(d.host(), d.imapsPort(), TlsMode.IMPLICIT).tls(trusting(d.ca())).build();
        try (ImapTransport t = connect(o, ConnectionListener.NONE)) {
            login(t, DovecotServer.USER, DovecotServer.PASSWORD);
            assertTrue(t.capabilities().stream().anyMatch(c -> c.wire().equals("COMPRESS=DEFLATE")),
                    () -> "expected COMPRESS=DEFLATE after login: " + t.capabilities());
            ok(run(t, Command.Compress.DEFLATE));
            assertTrue(t.isCompressing());
            MailboxName box = MailboxName.of("Compressed");
            ok(run(t, Command.Create.of(box)));
            StringBuilder sb = new StringBuilder("From: a@example.org\r\nSubject: big\r\n\r\n");
            java.util.Random random = new java.util.Random(7);
            while (sb.length() < 300_000) {
                sb.append(Long.toHexString(random.nextLong())).append(sb.length() % 70 == 0 ? "\r\n" : " ");
            }
            sb.append("\r\n");
            byte[] message = sb.toString().getBytes(StandardCharsets.US_ASCII);
            ok(run(t, new Command.Append(box, List.of(Command.AppendMessage.of(Bytes.of(message))))));
            ok(run(t, Command.Select.of(box)));
            List<byte[]> bodies = new ArrayList<>();
            ok(t.execute(new Command.Fetch(SequenceSet.of(1),
                    List.of(new FetchAttribute.BodySection(Section.whole(), true, null)), false, null, false),
                    new CommandListener() {
                        @Override
                        public void onData(Untagged response) {
                            if (response instanceof Untagged.Fetch f) {
                                for (FetchItem i : f.items()) {
                                    if (i instanceof FetchItem.BodySection b && b.data() instanceof BodyData.InMemory m) {
                                        bodies.add(m.bytes().toByteArray());
                                    }
                                }
                            }
                        }
                    }));
            assertEquals(1, bodies.size());
            assertArrayEquals(message, bodies.get(0));
            idleSeesANewMessage(t, d, box);
        }
    }

    private void idleSeesANewMessage(ImapTransport idler, DovecotServer d, MailboxName box) throws Exception {
        CountDownLatch idling = new CountDownLatch(1);
        ImapCall idle = idler.submit(new Command.Idle(), new CommandListener() {
            @Override
            public void onContinuation(ImapCall call, Bytes challenge) {
                idling.countDown();
            }
        });
        Thread waiter = new Thread(idle::await, "idle-waiter");
        waiter.start();
        assertTrue(idling.await(10, TimeUnit.SECONDS), "IDLE accepted");
        TransportOptions o = base(d.host(), d.imapPort(), TlsMode.PLAIN).build();
        try (ImapTransport other = connect(o, ConnectionListener.NONE)) {
            login(other, DovecotServer.USER, DovecotServer.PASSWORD);
            ok(run(other, new Command.Append(box, List.of(Command.AppendMessage.of(
                    Bytes.utf8("Subject: second\r\n\r\nhi\r\n"))))));
        }
        Thread.sleep(300); // let the server's notification reach the idling connection before DONE
        idle.done();
        ok(idle.future().get(10, TimeUnit.SECONDS));
        waiter.join(10_000);
        ok(run(idler, new Command.Noop()));
    }

    @Test
    void idleIsReissuedToStayAliveAndEndsCleanly() throws Exception {
        DovecotServer d = dovecot();
        AtomicInteger idles = new AtomicInteger();
        List<Untagged> unsolicited = Collections.synchronizedList(new ArrayList<>());
        TransportOptions o = base(d.host(), d.imapPort(), TlsMode.PLAIN).idleRefresh(Duration.ofMillis(700))
                .trace((dir, text) -> {
                    if (dir == org.imap4j.session.TraceListener.Direction.OUT && text.contains(" IDLE")) {
                        idles.incrementAndGet();
                    }
                }).build();
        try (ImapTransport t = connect(o, new ConnectionListener() {
            @Override
            public void onUnsolicited(Untagged response) {
                unsolicited.add(response);
            }
        })) {
            login(t, DovecotServer.USER, DovecotServer.PASSWORD);
            ok(run(t, Command.Select.of(MailboxName.INBOX)));
            ImapCall idle = t.submit(new Command.Idle(), CommandListener.NONE);
            Thread stopper = new Thread(() -> {
                try {
                    Thread.sleep(2500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                idle.done();
            }, "idle-stopper");
            stopper.start();
            ok(idle.await());
            stopper.join();
            assertTrue(idles.get() >= 3, "IDLE re-issued at least twice in 2.5 s with a 0.7 s refresh: " + idles);
            ok(run(t, new Command.Noop()));
        }
    }

    // ---------------------------------------------------------------- hostile server

    /*
     * Memory bounds of the hostile scenarios (MemoryProbe). Retained: what the used heap may grow by, after full
     * collections, across a whole scenario. A closed client should keep nothing; the JVM around it (JIT, class-loading
     * caches, JUnit's reports, TLS session caches of the first handshake) moves the figure by a few hundred KiB, so
     * 8 MiB is a wide margin, yet 8x below the smallest line bomb a leaky client would keep. Allocated bounds for the
     * bombs are set per test, each a small fraction of its bomb and many times what the client needs.
     */
    private static final long RETAINED_LIMIT = 8L << 20;
    /*
     * The same grace as for threads and descriptors. Scenarios keep a 5-minute connect deadline on purpose: the NIO
     * loop once kept a closed connection's pending timers (and through them the connection and its buffers, +16 to
     * +20 MiB after the deflate bomb) until they came due; a closed connection must leave nothing reachable however
     * far away its deadlines are.
     */
    private static final Duration RETAINED_GRACE = Duration.ofSeconds(5);
    private static final Duration BOMB_READ_TIMEOUT = Duration.ofSeconds(3);
    private static final long MIB = 1L << 20;
    /*
     * A line is buffered up to maxLineLength before it is refused, in a buffer that doubles as it grows, so the client
     * legitimately allocates about 4x maxLineLength (measured on both transports: 32 MiB with the default 8 MiB, 6 MiB
     * with 1 MiB). The 64 MiB line therefore runs with a 1 MiB limit, so that the bound (16 MiB) is 2.7x what the
     * client needs and 4x below the bomb; the deflate bomb keeps the default 8 MiB limit, as 64 MiB is 2x its need and
     * 4x below 256 MiB. The literal announcement needs no buffer at all (measured: under 0.1 MiB); 64 MiB is 1/32 of
     * the 2 GiB a trusting client would take.
     */
    private static final long LINE_BOMB_ALLOCATION = 16 * MIB;
    private static final CodecLimits LINE_BOMB_LIMITS = CodecLimits.defaults().withMaxLineLength(1 << 20);
    private static final long DEFLATE_BOMB_ALLOCATION = 64 * MIB;
    private static final long LITERAL_BOMB_ALLOCATION = 64 * MIB;
    /* the 200 KB line is refused while framing (too deep); a built 100,000-deep tree would be some 10 MiB */
    private static final long NESTING_BOMB_ALLOCATION = 4 * MIB;

    private ImapException hostile(HostileServer.Script script, TlsMode mode, Duration read, Command... commands)
            throws Exception {
        return hostileWithin(Long.MAX_VALUE, CodecLimits.defaults(), script, mode, read, commands);
    }

    /*
     * Runs a scenario: resources (threads, descriptors) and retained heap come back to where they were, and the
     * client's threads allocated less than maxAllocated bytes meanwhile (Long.MAX_VALUE: not checked).
     */
    private ImapException hostileWithin(long maxAllocated, CodecLimits limits, HostileServer.Script script,
            TlsMode mode, Duration read, Command... commands) throws Exception {
        ResourceSnapshot before = ResourceSnapshot.take();
        ImapException failure = null;
        MemoryProbe probe;
        try (HostileServer server = HostileServer.start(script)) {
            probe = MemoryProbe.start();
            TransportOptions o = base("localhost", server.port(), mode).tls(trusting(TestCertificates.ca()))
                    .readTimeout(read).greetingTimeout(read).connectTimeout(Duration.ofMinutes(5))
                    .engine(EngineConfig.defaults().withLimits(limits)).build();
            try (ImapTransport t = connect(o, ConnectionListener.NONE)) {
                for (Command c : commands) {
                    run(t, c);
                }
            } catch (ImapException e) {
                failure = e;
            }
            assertEquals(List.of(), server.errors());
        }
        MemoryProbe.Result memory = probe.stop(RETAINED_LIMIT, RETAINED_GRACE);
        ResourceSnapshot.take().assertNoLeaks(before, Duration.ofSeconds(5));
        checkMemory(memory, maxAllocated);
        return failure;
    }

    private void checkMemory(MemoryProbe.Result memory, long maxAllocated) {
        String where = getClass().getSimpleName() + " " + StackWalker.getInstance()
                .walk(s -> s.filter(f -> f.getMethodName().matches("^[a-z].*[A-Z].*") && !f.getMethodName()
                        .startsWith("hostile") && !f.getMethodName().equals("checkMemory")).findFirst()
                        .map(StackWalker.StackFrame::getMethodName).orElse("?"));
        // printed so a report can quote the figures of every run (surefire keeps them in the test output)
        System.out.println("memory " + where + ": " + memory);
        assertTrue(memory.retainedBytes() < RETAINED_LIMIT, () -> where + " retained heap: " + memory);
        assertTrue(memory.allocatedBytes() < maxAllocated, () -> where + " allocated more than "
                + maxAllocated / MIB + " MiB, so it held (part of) the bomb: " + memory);
    }

    @Test
    void starttlsInjectionIsATypedErrorAndNothingIsActedOn() throws Exception {
        ImapException e = hostile(HostileScripts.starttlsInjection(), TlsMode.STARTTLS, Duration.ofSeconds(5),
                new Command.Login("alice", Secret.of("secret1")));
        assertInstanceOf(ImapProtocolException.class, e, () -> String.valueOf(e));
        assertTrue(e.getMessage().contains("STARTTLS injection"), e.getMessage());
    }

    @Test
    void connectionClosedMidLiteralFailsThePendingCommand() throws Exception {
        ImapException e = hostile(HostileScripts.closeMidLiteral(), TlsMode.PLAIN, Duration.ofSeconds(5),
                new Command.Noop());
        assertInstanceOf(ImapConnectionException.class, e, () -> String.valueOf(e));
    }

    @Test
    void connectionClosedMidLineFailsThePendingCommand() throws Exception {
        ImapException e = hostile(peer -> {
            peer.send(HostileScripts.PLAIN_GREETING);
            peer.readCommand();
            peer.send("* 1 FETCH (UID 5 FLAGS (\\Se");
            peer.close();
        }, TlsMode.PLAIN, Duration.ofSeconds(5), new Command.Noop());
        assertInstanceOf(ImapConnectionException.class, e, () -> String.valueOf(e));
    }

    @Test
    void connectionClosedMidTlsRecordFailsThePendingCommand() throws Exception {
        ImapException e = hostile(peer -> {
            java.net.Socket raw = peer.socket();
            peer.startTls(TestCertificates.localhost().serverContext());
            peer.send("* OK [CAPABILITY IMAP4rev1] tls\r\n");
            peer.readCommand();
            // an application-data record header announcing 64 bytes, then three of them, then the end
            raw.getOutputStream().write(new byte[] {0x17, 0x03, 0x03, 0x00, 0x40, 1, 2, 3});
            raw.getOutputStream().flush();
            raw.close();
        }, TlsMode.IMPLICIT, Duration.ofSeconds(5), new Command.Noop());
        assertInstanceOf(ImapConnectionException.class, e, () -> String.valueOf(e));
    }

    @Test
    void stalledServerTimesOut() throws Exception {
        long start = System.nanoTime();
        ImapException e = hostile(HostileScripts.stallForever(), TlsMode.PLAIN, Duration.ofMillis(800),
                new Command.Noop());
        assertInstanceOf(ImapTimeoutException.class, e, () -> String.valueOf(e));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20));
    }

    @Test
    void serverThatStopsReadingDuringALargeAppendTimesOut() throws Exception {
        byte[] big = new byte[8 << 20];
        java.util.Arrays.fill(big, (byte) 'x');
        ImapException e = hostile(peer -> {
            peer.send("* OK [CAPABILITY IMAP4rev1 LITERAL+] reads no more\r\n");
            peer.readLine();
            while (!peer.socket().isClosed()) {
                Thread.sleep(50); // reads nothing: the client's send buffer fills and its write blocks
            }
        }, TlsMode.PLAIN, Duration.ofMillis(1500), new Command.Append(MailboxName.INBOX,
                List.of(Command.AppendMessage.of(Bytes.of(big)))));
        assertInstanceOf(ImapTimeoutException.class, e, () -> String.valueOf(e));
    }

    @Test
    void aServerThatTricklesOneByteAtATimeHitsTheCommandTimeout() throws Exception {
        long start = System.nanoTime();
        ResourceSnapshot before = ResourceSnapshot.take();
        ImapException failure = null;
        try (HostileServer server = HostileServer.start(peer -> {
            peer.send(HostileScripts.PLAIN_GREETING);
            peer.readCommand();
            byte[] drip = "* 1 FETCH (FLAGS (\\Seen))\r\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; !peer.socket().isClosed(); i++) {
                peer.send(new byte[] {drip[i % drip.length]});
                Thread.sleep(200);
            }
        })) {
            // the read timeout is longer than the command timeout, so only the latter can fire, however slow the host
            TransportOptions o = base("localhost", server.port(), TlsMode.PLAIN).readTimeout(Duration.ofSeconds(5))
                    .commandTimeout(Duration.ofMillis(1500)).build();
            try (ImapTransport t = connect(o, ConnectionListener.NONE)) {
                run(t, new Command.Noop());
            } catch (ImapException e) {
                failure = e;
            }
        }
        ResourceSnapshot.take().assertNoLeaks(before, Duration.ofSeconds(5));
        ImapException e = failure;
        assertInstanceOf(ImapTimeoutException.class, e, () -> String.valueOf(e));
        assertTrue(e.getMessage().contains("command timeout"), e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15));
    }

    @Test
    void unknownTagsAndStrayContinuationsHarmNothing() throws Exception {
        List<ImapProtocolException> malformed = Collections.synchronizedList(new ArrayList<>());
        try (HostileServer server = HostileServer.start(peer -> {
            peer.send(HostileScripts.PLAIN_GREETING);
            String tag = peer.readCommand().tag().value();
            peer.send("A999 OK a tag never sent\r\n+ a continuation nobody asked for\r\n" + tag
                    + "x OK a stale-looking tag\r\n* 3 EXISTS\r\n" + tag + " OK the real one\r\n");
            peer.readCommand();
        })) {
            TransportOptions o = base("localhost", server.port(), TlsMode.PLAIN).build();
            try (ImapTransport t = connect(o, new ConnectionListener() {
                @Override
                public void onMalformed(ImapProtocolException error) {
                    malformed.add(error);
                }
            })) {
                ok(run(t, new Command.Noop()));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (malformed.size() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(3, malformed.size(), malformed::toString);
            }
            assertEquals(List.of(), server.errors());
        }
    }

    @Test
    void appendRefusedInsteadOfAContinuationNeverSendsTheMessage() throws Exception {
        List<String> afterRefusal = Collections.synchronizedList(new ArrayList<>());
        try (HostileServer server = HostileServer.start(peer -> {
            peer.send("* OK [CAPABILITY IMAP4rev1] no LITERAL+ here\r\n");
            String line = peer.readLine();
            String tag = line.substring(0, line.indexOf(' '));
            peer.send(tag + " NO [TRYCREATE] no such mailbox\r\n");
            afterRefusal.add(peer.readLine());
            String noop = afterRefusal.get(0);
            peer.send(noop.substring(0, noop.indexOf(' ')) + " OK\r\n");
            peer.stallForever();
        })) {
            TransportOptions o = base("localhost", server.port(), TlsMode.PLAIN).build();
            try (ImapTransport t = connect(o, ConnectionListener.NONE)) {
                Tagged no = run(t, new Command.Append(MailboxName.of("Nowhere"), List.of(Command.AppendMessage.of(
                        Bytes.utf8("Subject: secret plans\r\n\r\nnever to be sent\r\n")))));
                assertEquals(Condition.NO, no.status());
                ok(run(t, new Command.Noop()));
            }
            assertEquals(1, afterRefusal.size());
            assertTrue(afterRefusal.get(0).endsWith("NOOP"), "the next thing sent is the next command: "
                    + afterRefusal);
            assertEquals(List.of(), server.errors());
        }
    }

    @Test
    void deepNestingOnASmallStackIsATypedErrorNotAStackOverflow() throws Exception {
        List<Object> outcome = Collections.synchronizedList(new ArrayList<>());
        MemoryProbe probe;
        try (HostileServer server = HostileServer.start(peer -> {
            peer.send(HostileScripts.PLAIN_GREETING);
            String tag = peer.readCommand().tag().value();
            StringBuilder sb = new StringBuilder("* 1 FETCH (BODYSTRUCTURE ");
            sb.append("(".repeat(100_000)).append(")".repeat(100_000)).append(")\r\n");
            peer.send(sb.toString());
            peer.send(tag + " OK done\r\n");
            peer.stallForever();
        })) {
            probe = MemoryProbe.start();
            TransportOptions o = base("localhost", server.port(), TlsMode.PLAIN).build();
            Thread small = new Thread(null, () -> {
                try (ImapTransport t = connect(o, new ConnectionListener() {
                    @Override
                    public void onMalformed(ImapProtocolException error) {
                        outcome.add(error);
                    }
                })) {
                    outcome.add(t.execute(new Command.Fetch(SequenceSet.of(1),
                            List.of(FetchAttribute.Item.BODYSTRUCTURE), false, null, false), CommandListener.NONE));
                } catch (Throwable e) {
                    outcome.add(e);
                }
            }, "small-stack", 128 * 1024);
            small.start();
            small.join(20_000);
        }
        // the 200,000-byte line is buffered (it is below maxLineLength) but never built into a 100,000-deep tree,
        // which would cost >= 100,000 lists of some 100 bytes each, about 10 MiB
        checkMemory(probe.stop(RETAINED_LIMIT, RETAINED_GRACE), NESTING_BOMB_ALLOCATION);
        assertTrue(outcome.stream().noneMatch(x -> x instanceof StackOverflowError), outcome::toString);
        assertTrue(outcome.stream().anyMatch(x -> x instanceof ImapProtocolException), outcome::toString);
        // issue 14 item 8: a limit broken inside a response fails the waiting command with it and closes the connection
        assertTrue(outcome.stream().anyMatch(x -> x instanceof ImapProtocolException p
                && "maxNestingDepth".equals(p.limit())), outcome::toString);
        assertTrue(outcome.stream().noneMatch(x -> x instanceof Tagged), "the command must not complete: " + outcome);
    }

    @Test
    void a64MebibyteLineFailsTheConnectionWithoutBufferingIt() throws Exception {
        // LINE_BOMB_ALLOCATION: the client reads into fixed buffers and stops at maxLineLength; holding the line
        // would cost at least 64 MiB (plus copies while a buffer grows)
        ImapException e = hostileWithin(LINE_BOMB_ALLOCATION, LINE_BOMB_LIMITS, peer -> {
            peer.send(HostileScripts.PLAIN_GREETING);
            peer.readCommand();
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'x');
            peer.send("* OK ");
            for (int i = 0; i < 64; i++) {
                peer.send(chunk);
            }
        }, TlsMode.PLAIN, BOMB_READ_TIMEOUT, new Command.Noop());
        assertInstanceOf(ImapProtocolException.class, e, () -> String.valueOf(e));
    }

    @Test
    void aDeflateBombIsStoppedByTheLineLimit() throws Exception {
        // 256 MiB inflate from ~256 KiB on the wire: inflating it all, even into a reused buffer, is not what is
        // measured (a reused buffer allocates nothing), but buffering it as one line would be
        ImapException e = hostileWithin(DEFLATE_BOMB_ALLOCATION, CodecLimits.defaults(), peer -> {
            peer.send("* OK [CAPABILITY IMAP4rev1 COMPRESS=DEFLATE] hi\r\n");
            String line = peer.readLine();
            peer.send(line.substring(0, line.indexOf(' ')) + " OK DEFLATE active\r\n");
            java.util.zip.Deflater z = new java.util.zip.Deflater(9, true);
            byte[] plain = new byte[1 << 20];
            java.util.Arrays.fill(plain, (byte) 'a');
            byte[] out = new byte[1 << 16];
            z.setInput("* OK ".getBytes(StandardCharsets.US_ASCII));
            for (int mib = 0; mib < 256; mib++) {
                z.setInput(plain);
                int n;
                while ((n = z.deflate(out, 0, out.length, java.util.zip.Deflater.SYNC_FLUSH)) > 0) {
                    peer.send(java.util.Arrays.copyOf(out, n));
                    if (n < out.length) {
                        break;
                    }
                }
            }
        }, TlsMode.PLAIN, BOMB_READ_TIMEOUT, Command.Compress.DEFLATE, new Command.Noop());
        assertInstanceOf(ImapProtocolException.class, e, () -> String.valueOf(e));
    }

    @Test
    void silentGreetingTimesOut() throws Exception {
        ImapException e = hostile(HostileScripts.stallGreeting(), TlsMode.PLAIN, Duration.ofMillis(800));
        assertInstanceOf(ImapTimeoutException.class, e, () -> String.valueOf(e));
    }

    @Test
    void twoGibibyteLiteralHeaderIsRefusedWithoutAllocating() throws Exception {
        // a client that trusted the announcement would allocate 2 GiB at once (the heap here is larger than that)
        ImapException e = hostileWithin(LITERAL_BOMB_ALLOCATION, CodecLimits.defaults(),
                HostileScripts.hugeLiteralHeader(), TlsMode.PLAIN, BOMB_READ_TIMEOUT, new Command.Noop());
        assertInstanceOf(ImapProtocolException.class, e, () -> String.valueOf(e));
    }

    @Test
    void preauthWhenStarttlsIsRequiredIsRefused() throws Exception {
        ImapException e = hostile(HostileScripts.preauthGreeting(), TlsMode.STARTTLS, Duration.ofSeconds(5));
        assertInstanceOf(ImapTlsException.class, e, () -> String.valueOf(e));
    }

    @Test
    void missingStarttlsFailsBeforeAnyCredential() throws Exception {
        ImapException e = hostile(HostileScripts.noStarttls(), TlsMode.STARTTLS, Duration.ofSeconds(5),
                new Command.Login("alice", Secret.of("secret1")));
        assertInstanceOf(ImapTlsException.class, e, () -> String.valueOf(e));
    }

    @Test
    void byeDuringACommandFailsItWithTheServersReason() throws Exception {
        ImapException e = hostile(HostileScripts.byeMidCommand(), TlsMode.PLAIN, Duration.ofSeconds(5),
                new Command.Noop(), new Command.Noop());
        assertInstanceOf(ImapConnectionException.class, e, () -> String.valueOf(e));
        assertTrue(e.getMessage().contains("BYE"), e.getMessage());
    }

    // ---------------------------------------------------------------- nothing said before TLS is trusted after it

    /** What the client let through of {@link HostileScripts#pretlsLies(boolean)}, as strings. */
    private static final class PretlsRun {
        final List<String> beforeReady = Collections.synchronizedList(new ArrayList<>());
        final List<String> afterReady = Collections.synchronizedList(new ArrayList<>());
        final List<String> commandData = Collections.synchronizedList(new ArrayList<>());
        List<String> capabilities;
        Tagged login;
        Tagged noop;
        ImapException failure;

        static boolean pretls(String s) {
            return s.contains("pre-tls") || s.contains("X-EVIL");
        }
    }

    private PretlsRun pretlsRun(boolean silentAfterTls) throws Exception {
        PretlsRun run = new PretlsRun();
        ResourceSnapshot before = ResourceSnapshot.take();
        java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean();
        try (HostileServer server = HostileServer.start(HostileScripts.pretlsLies(silentAfterTls))) {
            TransportOptions o = base("localhost", server.port(), TlsMode.STARTTLS)
                    .tls(trusting(TestCertificates.ca())).build();
            CommandListener data = new CommandListener() {
                @Override
                public void onData(Untagged response) {
                    run.commandData.add(String.valueOf(response));
                }
            };
            try (ImapTransport t = connect(o, new ConnectionListener() {
                @Override
                public void onUnsolicited(Untagged response) {
                    (ready.get() ? run.afterReady : run.beforeReady).add(String.valueOf(response));
                }
            })) {
                ready.set(true);
                assertTrue(t.isSecure());
                run.capabilities = t.capabilities().stream().map(Capability::wire).collect(
                        java.util.stream.Collectors.toList());
                // 8-bit, so it must go as a literal: synchronizing, since LITERAL+ was only offered in cleartext
                run.login = t.execute(new Command.Login("alice", Secret.of("p\u00e4ssword")), data);
                run.noop = t.execute(new Command.Noop(), data);
                // after a round trip every response read before it has been delivered
                run(t, new Command.Noop());
            } catch (ImapException e) {
                run.failure = e;
            }
            assertEquals(List.of(), server.errors());
        }
        ResourceSnapshot.take().assertNoLeaks(before, Duration.ofSeconds(5));
        return run;
    }

    @Test
    void capabilitiesAndAlertsFromBeforeStarttlsAreNeverTrustedAfterIt() throws Exception {
        PretlsRun r = pretlsRun(false);
        assertEquals(null, r.failure, () -> "unexpected " + r.failure);
        // exactly the post-TLS CAPABILITY response: neither the greeting's code nor a cleartext CAPABILITY survives
        assertEquals(List.of(HostileScripts.POST_TLS_CAPABILITIES.split(" ")), r.capabilities);
        assertEquals(Condition.NO, r.login.status(), () -> String.valueOf(r.login));
        ok(r.noop);
        // a connection that requires TLS hands the application nothing a man in the middle could have written: an
        // ALERT shown to the user (RFC 9051 section 7.1) or capabilities delivered during the opening would be his
        assertTrue(r.beforeReady.stream().noneMatch(PretlsRun::pretls), "cleartext responses were delivered to the "
                + "application of a STARTTLS connection: " + r.beforeReady);
        assertTrue(r.afterReady.stream().noneMatch(PretlsRun::pretls), "cleartext responses were delivered after "
                + "the TLS session was ready: " + r.afterReady);
        assertTrue(r.commandData.stream().noneMatch(PretlsRun::pretls), "cleartext responses were delivered as data "
                + "of a protected command: " + r.commandData);
    }

    @Test
    void literalPlusOfferedOnlyBeforeStarttlsIsNotUsedAfterIt() throws Exception {
        // the server answers the post-TLS CAPABILITY with no capability at all: nothing may fill the gap, least of
        // all what the cleartext greeting claimed
        PretlsRun r = pretlsRun(true);
        System.out.println("silent post-TLS CAPABILITY: capabilities " + r.capabilities + ", failure " + r.failure);
        if (r.failure != null) {
            // refusing a server that announces no capabilities is acceptable too, as long as it is typed
            assertInstanceOf(ImapProtocolException.class, r.failure, () -> String.valueOf(r.failure));
            return;
        }
        assertTrue(r.capabilities.stream().noneMatch(PretlsRun::pretls), r.capabilities::toString);
        assertFalse(r.capabilities.contains("LITERAL+"), r.capabilities::toString);
        assertEquals(Condition.NO, r.login.status(), () -> String.valueOf(r.login));
        assertTrue(r.afterReady.stream().noneMatch(PretlsRun::pretls), r.afterReady::toString);
        assertTrue(r.commandData.stream().noneMatch(PretlsRun::pretls), r.commandData::toString);
    }
}
