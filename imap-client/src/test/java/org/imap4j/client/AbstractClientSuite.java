package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.imap4j.client.auth.Sasl;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.MailboxAttribute;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TlsOptions;
import org.imap4j.testing.ImapHandler;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.ScriptedImapServer;
import org.imap4j.testing.servers.DovecotServer;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Every client operation against real servers: embedded GreenMail for the core protocol, a private Dovecot for the
 * extensions GreenMail lacks. A subclass picks the transport; the same tests run over both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class AbstractClientSuite {
    private GreenMailServer greenMail;
    private DovecotServer dovecot;
    private static final AtomicLong UNIQUE = new AtomicLong();

    /** @return the transport under test */
    protected abstract ImapClientConfig.Transport transport();

    @BeforeAll
    void start() {
        greenMail = GreenMailServer.start();
    }

    @AfterAll
    void stop() {
        greenMail.close();
        if (dovecot != null) {
            dovecot.close();
        }
    }

    private DovecotServer dovecot() {
        if (dovecot == null) {
            dovecot = DovecotServer.startOrSkip();
        }
        return dovecot;
    }

    private static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 100000 + "-" + UNIQUE.incrementAndGet();
    }

    private ImapClientConfig.Builder greenMailPlain() {
        return ImapClient.builder(greenMail.host()).port(greenMail.imapPort()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(transport()).readTimeout(Duration.ofSeconds(20));
    }

    /** A cleartext client of a scripted server on loopback (passwords allowed in clear: nothing real is at stake). */
    private ImapClientConfig.Builder scripted(ScriptedImapServer server) {
        return ImapClient.builder("127.0.0.1").port(server.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(transport());
    }

    /**
     * A typed scripted server (one script for every connection): greets with these capabilities and text, the
     * handler answers what the test is about, the rest gets the default answer.
     */
    private static ScriptedImapServer typedServer(String text, List<String> capabilities, ImapHandler handler)
            throws java.io.IOException {
        return ScriptedImapServer.start(ImapScript.create()
                .greeting(new Untagged.StatusResponse(Condition.OK, new ResponseCode.Capabilities(
                        capabilities.stream().map(Capability::of).toList()), text))
                .capabilities(capabilities.toArray(String[]::new)).handler(handler));
    }

    private ImapClient greenMailClient() {
        ImapClient c = greenMailPlain().connect();
        c.login(GreenMailServer.USER, GreenMailServer.PASSWORD);
        return c;
    }

    private ImapClientConfig.Builder dovecotTls() {
        DovecotServer d = dovecot();
        return ImapClient.builder(d.host()).port(d.imapsPort()).tlsMode(TlsMode.IMPLICIT)
                .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(d.ca()))))
                .transport(transport()).readTimeout(Duration.ofSeconds(20));
    }

    private ImapClient dovecotClient() {
        ImapClient c = dovecotTls().connect();
        c.login(DovecotServer.USER, DovecotServer.PASSWORD);
        return c;
    }

    private static Bytes message(String subject, String body) {
        return Bytes.utf8("From: sender@example.org\r\nTo: alice@example.org\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + UNIQUE.incrementAndGet() + "@imap4j.test>\r\n\r\n" + body + "\r\n");
    }

    // ---------------------------------------------------------------- the seed workflow

    @Test
    void seedWorkflowVerifiedByASecondConnection() {
        MailboxName box = MailboxName.of(unique("Seed"));
        try (ImapClient c = greenMailClient()) {
            c.create(box);
            List<Long> uids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                uids.add(c.append(box, message("seed " + i, "body " + i), Flag.SEEN).uid().orElseThrow());
            }
            SelectResult sel = c.select(box);
            assertEquals(3, sel.exists());
            SequenceSet all = SequenceSet.of(uids);
            Map<Long, List<Flag>> flags = c.getFlags(all);
            assertEquals(Set.copyOf(uids), flags.keySet());
            flags.values().forEach(f -> assertTrue(f.contains(Flag.SEEN), f::toString));
            c.removeFlags(all, Flag.SEEN);
            c.addFlags(all, Flag.ANSWERED);
            StoreResult set = c.setFlags(SequenceSet.of(uids.get(0), uids.get(1)), Flag.SEEN, Flag.ANSWERED);
            assertEquals(Set.of(Flag.SEEN, Flag.ANSWERED), Set.copyOf(set.flags().get(uids.get(0))));
            c.deleteMessages(SequenceSet.of(uids.get(1)));
            List<Long> expunged = c.expunge();
            assertEquals(List.of(2L), expunged, "the second message (sequence number 2) was expunged");
            c.logout();
        }
        try (ImapClient check = greenMailClient()) {
            SelectResult sel = check.examine(box);
            assertEquals(2, sel.exists());
            Map<Long, FetchResult> now = check.fetchFlags(SequenceSet.all());
            assertEquals(2, now.size());
            List<Set<Flag>> states = new ArrayList<>();
            for (FetchResult f : now.values()) {
                Set<Flag> fl = new java.util.HashSet<>(f.flags().orElseThrow());
                fl.remove(Flag.RECENT);
                states.add(fl);
            }
            assertEquals(List.of(Set.of(Flag.SEEN, Flag.ANSWERED), Set.of(Flag.ANSWERED)), states);
            check.logout();
        }
    }

    // ---------------------------------------------------------------- fetch

    @Test
    void everyFetchFormReturnsTypedItems() {
        MailboxName box = MailboxName.of(unique("Fetch"));
        try (ImapClient c = greenMailClient()) {
            c.create(box);
            long uid = c.append(box, message("fetch me", "the text")).uid().orElseThrow();
            c.select(box);
            SequenceSet one = SequenceSet.of(uid);
            assertEquals("fetch me", c.fetchEnvelope(one).get(uid).envelope().orElseThrow().subject());
            assertTrue(c.fetchBodyStructure(one).get(uid).bodyStructure().isPresent());
            assertTrue(c.fetchSimplifiedBody(one).get(uid).bodyStructure().isPresent());
            long size = c.fetchSize(one).get(uid).size().orElseThrow();
            // GreenMail 2.1 reports the size of the body only (8 here), not of the whole message as RFC 9051 says
            assertTrue(size >= 8, "RFC822.SIZE " + size);
            assertTrue(c.fetchInternalDate(one).get(uid).internalDate().isPresent());
            assertTrue(c.fetchFast(one).get(uid).flags().isPresent());
            assertTrue(c.fetchAll(one).get(uid).envelope().isPresent());
            assertTrue(c.fetchFull(one).get(uid).bodyStructure().isPresent());
            String header = c.fetchHeaders(one).get(uid).body(Section.header()).orElseThrow().utf8();
            assertTrue(header.contains("Subject: fetch me"), header);
            String text = c.fetchBody(one).get(uid).body(Section.text()).orElseThrow().utf8();
            // GreenMail keeps messages as JavaMail objects and drops the final CRLF of the body
            assertEquals("the text", text.strip());
            String whole = c.fetchMessage(one).get(uid).message().orElseThrow().utf8();
            assertTrue(whole.startsWith("From: ") && whole.strip().endsWith("\r\n\r\nthe text"), whole);
            Map<Long, FetchResult> partial = c.fetchSpecific(one, Section.text(), true, 4L, 4L);
            assertEquals("text", partial.get(uid).body(Section.text()).orElseThrow().utf8(), "bytes 4..7 of TEXT");
            Map<Long, FetchResult> fields = c.fetchSpecific(one, Section.headerFields("Subject"), true, null, null);
            // RFC 9051 includes the blank line after the fields; GreenMail 2.1 omits it
            assertEquals("Subject: fetch me",
                    fields.get(uid).body(Section.headerFields("Subject")).orElseThrow().utf8().strip());
            assertFalse(c.getFlags(one).get(uid).contains(Flag.SEEN), "PEEK left \\Seen alone");
            Map<Long, FetchResult> bySeq = c.bySequence().fetchEnvelope(SequenceSet.of(1));
            assertEquals(Set.of(1L), bySeq.keySet(), "sequence-number view keys by sequence number");
        }
    }

    @Test
    void largeBodiesStreamToASinkWithProgress() {
        MailboxName box = MailboxName.of(unique("Big"));
        StringBuilder sb = new StringBuilder();
        java.util.Random r = new java.util.Random(11);
        while (sb.length() < 3_000_000) {
            sb.append(Long.toString(r.nextLong(), 36)).append(sb.length() % 77 == 0 ? "\r\n" : " ");
        }
        Bytes big = message("big", sb.toString());
        try (ImapClient c = greenMailClient()) {
            c.create(box);
            long uid = c.append(box, big).uid().orElseThrow();
            c.select(box);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<long[]> progress = Collections.synchronizedList(new ArrayList<>());
            c.fetchMessage(uid, out, (done, total) -> progress.add(new long[] {done, total}));
            assertArrayEquals(big.toByteArray(), out.toByteArray());
            assertTrue(progress.size() > 1, "progress reported while streaming: " + progress.size());
            long[] last = progress.get(progress.size() - 1);
            assertEquals(big.size(), last[0]);
            assertEquals(big.size(), last[1]);
            assertArrayEquals(big.toByteArray(),
                    c.fetchMessage(SequenceSet.of(uid)).get(uid).message().orElseThrow().toByteArray(),
                    "without a sink the streamed body is assembled in memory");
        }
    }

    /** A message of about {@code size} bytes of random text, so bodies of different messages differ. */
    private static Bytes sized(String subject, int size, long seed) {
        StringBuilder sb = new StringBuilder(size + 100);
        java.util.Random r = new java.util.Random(seed);
        while (sb.length() < size) {
            sb.append(Long.toString(r.nextLong(), 36)).append(sb.length() % 61 == 0 ? "\r\n" : " ");
        }
        return message(subject, sb.toString());
    }

    /** A sink that keeps each body by UID and records the calls, to compare with what was appended. */
    private static final class CollectingSink implements BodySink {
        final Map<Long, ByteArrayOutputStream> bodies = Collections.synchronizedMap(new java.util.LinkedHashMap<>());
        final List<long[]> opened = Collections.synchronizedList(new ArrayList<>());
        final Set<Long> closed = Collections.synchronizedSet(new java.util.HashSet<>());

        @Override
        public java.io.OutputStream open(long uid, long seq, long size) {
            opened.add(new long[] {uid, seq, size});
            ByteArrayOutputStream out = new ByteArrayOutputStream() {
                @Override
                public void close() {
                    closed.add(uid);
                }
            };
            bodies.put(uid, out); // a second body for one UID shows as opened.size() > bodies.size()
            return out;
        }
    }

    @Test
    void bodiesOfARangeStreamToOneSinkPerMessageInOneFetch() throws Exception {
        MailboxName box = MailboxName.of(unique("Range"));
        Map<Long, Bytes> appended = new java.util.LinkedHashMap<>();
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        try (ImapClient c = dovecotTls().trace((d, t) -> {
            if (d == org.imap4j.session.TraceListener.Direction.OUT) {
                sent.add(t);
            }
        }).connect()) {
            c.login(DovecotServer.USER, DovecotServer.PASSWORD);
            c.create(box);
            for (int i = 0; i < 20; i++) {
                // three bodies above the 1 MiB stream threshold (chunked), the rest parsed in memory
                Bytes m = i % 7 == 3 ? sized("big " + i, 1_100_000 + i * 50_000, i)
                        : sized("small " + i, 200 + i * 900, i);
                appended.put(c.append(box, m).uid().orElseThrow(), m);
            }
            c.select(box);
            SequenceSet all = SequenceSet.of(List.copyOf(appended.keySet()));
            sent.clear();
            CollectingSink sink = new CollectingSink();
            Map<Long, FetchResult> result = c.fetchMessages(all, sink);

            assertEquals(List.copyOf(appended.keySet()), List.copyOf(sink.bodies.keySet()),
                    "every UID, known before its body, in the server's (ascending) order");
            assertEquals(appended.keySet(), sink.closed, "every stream closed at its body's end");
            assertEquals(appended.size(), sink.opened.size(), "one body per message");
            long seq = 0;
            for (long[] o : sink.opened) {
                assertEquals(++seq, o[1], "sequence numbers in order");
                assertEquals(appended.get(o[0]).size(), o[2], "the announced size");
                assertArrayEquals(appended.get(o[0]).toByteArray(), sink.bodies.get(o[0]).toByteArray(),
                        () -> "body of UID " + o[0]);
            }
            assertEquals(appended.keySet(), result.keySet());
            result.forEach((uid, r) -> {
                assertEquals(uid, r.uid().orElseThrow());
                assertTrue(r.message().isEmpty(), "bodies went to the sink, not into the result");
                assertTrue(r.items().stream().anyMatch(i -> i instanceof org.imap4j.codec.fetch.FetchItem.BodySection b
                        && b.data().equals(new org.imap4j.codec.fetch.BodyData.Streamed(appended.get(uid).size(),
                        false))), () -> "a placeholder with the size: " + r.items());
            });
            List<String> fetches = sent.stream().filter(t -> t.contains(" FETCH ")).toList();
            assertEquals(1, fetches.size(), () -> "one command for the range: " + fetches);
            assertTrue(fetches.get(0).contains("UID FETCH") && fetches.get(0).contains("(UID BODY.PEEK[])"),
                    fetches::toString);

            // a section of a few messages: the header, blank line included
            List<Long> two = List.copyOf(appended.keySet()).subList(2, 4);
            CollectingSink headers = new CollectingSink();
            c.fetchSpecific(SequenceSet.of(two), Section.header(), headers);
            for (long uid : two) {
                String whole = appended.get(uid).latin1();
                assertEquals(whole.substring(0, whole.indexOf("\r\n\r\n") + 4),
                        headers.bodies.get(uid).toString(StandardCharsets.ISO_8859_1));
            }
        }

        AsyncImapClient a = dovecotTls().connectAsync().get(20, TimeUnit.SECONDS);
        try {
            a.login(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD)).get(20, TimeUnit.SECONDS);
            a.select(box).get(20, TimeUnit.SECONDS);
            CollectingSink sink = new CollectingSink();
            Map<Long, FetchResult> result = a.fetchMessages(SequenceSet.all(), sink).get(30, TimeUnit.SECONDS);
            assertEquals(appended.keySet(), result.keySet());
            assertEquals(List.copyOf(appended.keySet()), List.copyOf(sink.bodies.keySet()));
            appended.forEach((uid, m) -> assertArrayEquals(m.toByteArray(), sink.bodies.get(uid).toByteArray(),
                    () -> "async body of UID " + uid));
            assertEquals(appended.keySet(), sink.closed);
            a.logout().get(20, TimeUnit.SECONDS);
        } finally {
            a.close();
        }
    }

    @Test
    void aFailingBodySinkFailsTheCallOnlyAfterTheCommandAndTheClientStaysUsable() throws Exception {
        MailboxName box = MailboxName.of(unique("SinkFails"));
        List<Long> uids = new ArrayList<>();
        try (ImapClient c = dovecotClient()) {
            c.create(box);
            for (int i = 0; i < 6; i++) {
                uids.add(c.append(box, i == 4 ? sized("big", 1_500_000, i) : sized("small", 500, i)).uid()
                        .orElseThrow());
            }
            c.select(box);
            SequenceSet all = SequenceSet.of(uids);
            // refusing to open the second body
            List<Long> asked = Collections.synchronizedList(new ArrayList<>());
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                    () -> c.fetchMessages(all, (uid, seq, size) -> {
                        asked.add(uid);
                        if (uid == uids.get(1)) {
                            throw new java.io.IOException("disk full");
                        }
                        return java.io.OutputStream.nullOutputStream();
                    }));
            assertEquals("disk full", e.getCause().getMessage());
            assertEquals(uids.subList(0, 2), asked, "the sink is not used again once it failed");
            assertEquals(Set.copyOf(uids), c.fetchFlags(all).keySet(), "the connection is still in step");

            // failing in the middle of a streamed (chunked) body
            java.io.UncheckedIOException mid = assertThrows(java.io.UncheckedIOException.class,
                    () -> c.fetchMessages(all, (uid, seq, size) -> uid != uids.get(4)
                            ? java.io.OutputStream.nullOutputStream() : new java.io.OutputStream() {
                                @Override
                                public void write(int b) throws java.io.IOException {
                                    throw new java.io.IOException("broken pipe");
                                }
                            }));
            assertEquals("broken pipe", mid.getCause().getMessage());
            CollectingSink sink = new CollectingSink();
            assertEquals(Set.copyOf(uids), c.fetchMessages(all, sink).keySet(), "usable afterwards");
            assertEquals(uids, List.copyOf(sink.bodies.keySet()));
        }

        AsyncImapClient a = dovecotTls().connectAsync().get(20, TimeUnit.SECONDS);
        try {
            a.login(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD)).get(20, TimeUnit.SECONDS);
            a.select(box).get(20, TimeUnit.SECONDS);
            Throwable t = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> a.fetchMessages(SequenceSet.all(), (uid, seq, size) -> {
                        throw new java.io.IOException("no space");
                    }).get(30, TimeUnit.SECONDS)).getCause();
            assertInstanceOf(java.io.UncheckedIOException.class, t);
            assertEquals("no space", t.getCause().getMessage());
            assertEquals(Set.copyOf(uids), a.fetchFlags(SequenceSet.all()).get(20, TimeUnit.SECONDS).keySet());
        } finally {
            a.close();
        }
    }

    // ---------------------------------------------------------------- mailboxes

    @Test
    void mailboxLifecycleWithNonAsciiNames() {
        MailboxName box = MailboxName.of(unique("Entwürfe & Ölfässer"));
        MailboxName renamed = MailboxName.of(box.toString() + "-renamed");
        try (ImapClient c = greenMailClient()) {
            c.create(box);
            assertTrue(c.list("", "*").stream().anyMatch(e -> e.mailbox().equals(box)), "created and listed");
            c.subscribe(box);
            assertTrue(c.lsub("", "*").stream().anyMatch(e -> e.mailbox().equals(box)), "subscribed");
            c.append(box, message("in box", "x"));
            StatusResult st = c.status(box, StatusAttribute.MESSAGES, StatusAttribute.UIDNEXT,
                    StatusAttribute.UIDVALIDITY, StatusAttribute.UNSEEN);
            assertEquals(1, st.messages().orElseThrow());
            assertTrue(st.uidValidity().isPresent());
            c.unsubscribe(box);
            c.rename(box, renamed);
            List<ListEntry> after = c.list("", "*");
            assertTrue(after.stream().anyMatch(e -> e.mailbox().equals(renamed)), after::toString);
            assertFalse(after.stream().anyMatch(e -> e.mailbox().equals(box)));
            c.delete(renamed);
            assertFalse(c.list("", "*").stream().anyMatch(e -> e.mailbox().equals(renamed)));
        }
    }

    @Test
    void searchCopyAndCheckCloseUnselect() {
        MailboxName box = MailboxName.of(unique("Search"));
        MailboxName dest = MailboxName.of(unique("Dest"));
        try (ImapClient c = greenMailClient()) {
            c.create(box);
            c.create(dest);
            c.append(box, message("apple pie", "x"));
            long banana = c.append(box, message("banana split", "y"), Flag.FLAGGED).uid().orElseThrow();
            c.select(box);
            SearchResult found = c.search(SearchKey.subject("banana"));
            assertEquals(List.of(banana), found.ids());
            assertTrue(found.uid());
            assertEquals(2, c.search(SearchKey.all()).ids().size());
            assertEquals(List.of(banana), c.search(SearchKey.flagged()).ids());
            c.copy(found.toSet(), dest);
            assertEquals(1, c.status(dest, StatusAttribute.MESSAGES).messages().orElseThrow());
            c.check();
            c.noop();
            c.unselect();
            c.select(box);
            c.closeMailbox();
        }
    }

    @Test
    void noBecomesATypedExceptionAndTheClientStaysUsable() {
        try (ImapClient c = greenMailClient()) {
            ImapCommandException e = assertThrows(ImapCommandException.class,
                    () -> c.select(MailboxName.of(unique("Missing"))));
            assertEquals(org.imap4j.codec.response.Condition.NO, e.status());
            assertNotNull(e.getMessage());
            c.noop();
            assertNotNull(c.select(MailboxName.INBOX));
        }
    }

    @Test
    void passwordsAreNotSentInCleartextUnlessAllowed() {
        try (ImapClient c = greenMailPlain().allowCleartextPasswords(false).connect()) {
            ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class,
                    () -> c.login(GreenMailServer.USER, GreenMailServer.PASSWORD));
            assertTrue(e.getMessage().contains("cleartext"), e.getMessage());
            assertThrows(ImapAuthenticationException.class,
                    () -> c.authenticate(Sasl.plain(GreenMailServer.USER, Secret.of(GreenMailServer.PASSWORD))));
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() {
        try (ImapClient c = greenMailPlain().connect()) {
            ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class,
                    () -> c.login(GreenMailServer.USER, "wrong"));
            assertInstanceOf(ImapCommandException.class, e.getCause());
        }
    }

    @Test
    void asyncClientRunsTheSameOperations() throws Exception {
        MailboxName box = MailboxName.of(unique("Async"));
        AsyncImapClient a = greenMailPlain().connectAsync().get(20, TimeUnit.SECONDS);
        try {
            a.login(GreenMailServer.USER, Secret.of(GreenMailServer.PASSWORD)).get(20, TimeUnit.SECONDS);
            a.create(box).get(20, TimeUnit.SECONDS);
            long uid = a.append(box, message("async", "z")).get(20, TimeUnit.SECONDS).uid().orElseThrow();
            SelectResult sel = a.select(box).get(20, TimeUnit.SECONDS);
            assertEquals(1, sel.exists());
            // independent commands pipelined
            var flags = a.fetchFlags(SequenceSet.of(uid));
            var env = a.fetchEnvelope(SequenceSet.of(uid));
            var search = a.search(SearchKey.all());
            assertEquals("async", env.get(20, TimeUnit.SECONDS).get(uid).envelope().orElseThrow().subject());
            assertTrue(flags.get(20, TimeUnit.SECONDS).containsKey(uid));
            assertEquals(List.of(uid), search.get(20, TimeUnit.SECONDS).ids());
            Throwable no = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> a.select(MailboxName.of(unique("Nope"))).get(20, TimeUnit.SECONDS)).getCause();
            assertInstanceOf(ImapCommandException.class, no, "a NO completes the future with ImapCommandException");
            a.logout().get(20, TimeUnit.SECONDS);
        } finally {
            a.close();
        }
    }

    // ---------------------------------------------------------------- Dovecot: extensions

    @Test
    void moveWithUidMappingAndUidExpunge() {
        MailboxName src = MailboxName.of(unique("MoveSrc"));
        MailboxName dst = MailboxName.of(unique("MoveDst"));
        try (ImapClient c = dovecotClient()) {
            c.create(src);
            c.create(dst);
            long a = c.append(src, message("one", "1")).uid().orElseThrow();
            long b = c.append(src, message("two", "2")).uid().orElseThrow();
            c.select(src);
            CopyResult moved = c.move(SequenceSet.of(a), dst);
            assertEquals(1, moved.mapping().size());
            assertEquals(a, moved.mapping().keySet().iterator().next());
            assertEquals(1, c.status(dst, StatusAttribute.MESSAGES).messages().orElseThrow());
            c.deleteMessages(SequenceSet.of(b));
            assertEquals(1, c.expunge(SequenceSet.of(b)).size());
            assertEquals(0, c.search(SearchKey.all()).ids().size());
        }
    }

    @Test
    void esearchSortThreadAndSpecialUse() {
        MailboxName box = MailboxName.of(unique("Sorting"));
        try (ImapClient c = dovecotClient()) {
            assertTrue(c.hasCapability("ESEARCH") && c.hasCapability("SORT"));
            // the same check typed, and by name in any case (capability names compare case-insensitively)
            assertTrue(c.hasCapability(Capability.Known.ESEARCH) && c.hasCapability(Capability.Known.SORT));
            assertTrue(c.hasCapability("esearch") && c.hasCapability(Capability.of("sort")));
            assertFalse(c.hasCapability(Capability.of("X-NOT-OFFERED")));
            assertEquals(c.capabilities().contains(Capability.Known.MOVE), c.hasCapability(Capability.Known.MOVE));
            c.create(box);
            long z = c.append(box, message("zebra", "1")).uid().orElseThrow();
            long a = c.append(box, message("aardvark", "2")).uid().orElseThrow();
            long re = c.append(box, message("Re: zebra", "3")).uid().orElseThrow();
            c.select(box);
            assertEquals(List.of(z, a, re), c.search(SearchKey.all()).ids());
            // base subjects (RFC 5256): aardvark, zebra, zebra; ties in arrival order
            assertEquals(List.of(a, z, re), c.sort(List.of(new Command.SortCriterion(false,
                    Command.SortKey.SUBJECT)), SearchKey.all()));
            assertFalse(c.thread("ORDEREDSUBJECT", SearchKey.all()).isEmpty());
            List<ListEntry> special = c.listSpecialUse();
            assertTrue(special.stream().anyMatch(e -> e.has(MailboxAttribute.Known.TRASH)), special::toString);
            List<ListEntry> withStatus = c.listWithStatus("", box.toString(), StatusAttribute.MESSAGES);
            assertEquals(3, withStatus.get(0).status().orElseThrow().messages().orElseThrow());
        }
    }

    @Test
    void condstoreUnchangedSinceAndQresyncSelect() {
        MailboxName box = MailboxName.of(unique("Condstore"));
        try (ImapClient c = dovecotClient()) {
            c.create(box);
            long a = c.append(box, message("a", "1")).uid().orElseThrow();
            long b = c.append(box, message("b", "2")).uid().orElseThrow();
            SelectResult first = c.select(box, true, null);
            long modseq = first.highestModSeq().orElseThrow();
            long validity = first.uidValidity().orElseThrow();
            c.addFlags(SequenceSet.of(a), Flag.FLAGGED);
            Map<Long, FetchResult> changed = c.fetchChangedSince(SequenceSet.all(), modseq, FetchAttribute.Item.FLAGS);
            assertEquals(Set.of(a), changed.keySet(), "only a changed since " + modseq);
            assertTrue(changed.get(a).modSeq().orElseThrow() > modseq);
            StoreResult conditional = c.store(SequenceSet.of(a, b), Command.StoreMode.ADD, false, modseq,
                    Flag.SEEN);
            assertNotNull(conditional.modified(), "message a changed since modseq " + modseq);
            assertTrue(conditional.modified().contains(a, Long.MAX_VALUE));
            c.deleteMessages(SequenceSet.of(b));
            c.expunge();
            c.unselect();
            SelectResult resync = c.select(box, false, new Command.Qresync(validity, modseq, null, null, null));
            assertTrue(resync.vanished() != null && resync.vanished().contains(b, Long.MAX_VALUE),
                    "VANISHED (EARLIER) reports b: " + resync.vanished());
            assertTrue(resync.changed().stream().anyMatch(f -> f.uid().orElse(-1) == a), resync.changed()::toString);
        }
    }

    @Test
    void idleReportsAnotherConnectionsAppend() throws Exception {
        MailboxName box = MailboxName.of(unique("Idle"));
        CountDownLatch arrived = new CountDownLatch(1);
        AtomicLong exists = new AtomicLong();
        try (ImapClient c = dovecotTls().listener(new MailboxListener() {
            @Override
            public void newMessages(long count, long recent) {
                exists.set(count);
                arrived.countDown();
            }
        }).connect()) {
            c.login(DovecotServer.USER, DovecotServer.PASSWORD);
            c.create(box);
            c.select(box);
            Idle idle = c.idle();
            Thread waiter = new Thread(idle::await, "idle-await");
            waiter.start();
            idle.started().get(10, TimeUnit.SECONDS);
            try (ImapClient other = dovecotClient()) {
                other.append(box, message("pushed", "p"));
            }
            assertTrue(arrived.await(10, TimeUnit.SECONDS), "EXISTS pushed during IDLE");
            idle.done();
            waiter.join(10_000);
            assertFalse(waiter.isAlive());
            assertEquals(1, exists.get());
            c.noop();
        }
    }

    @Test
    void namespaceIdEnableQuotaAndCompress() {
        try (ImapClient c = dovecotClient()) {
            assertFalse(c.namespace().personal().isEmpty());
            assertNotNull(c.id(List.of(new Command.IdField("name", "imap4j"))));
            assertFalse(c.enable("CONDSTORE").isEmpty());
            QuotaRootResult q = c.getQuotaRoot(MailboxName.INBOX);
            assertFalse(q.roots().isEmpty());
            assertFalse(q.quotas().isEmpty());
            assertFalse(c.getQuota(q.roots().get(0)).isEmpty());
            c.compress();
            assertTrue(c.transport().isCompressing());
            assertNotNull(c.select(MailboxName.INBOX));
        }
    }

    @Test
    void saslMechanismsAgainstDovecot() {
        for (var m : List.of(Sasl.scramSha256(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD)),
                Sasl.scramSha1(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD)),
                Sasl.cramMd5(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD)),
                Sasl.plain(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD)),
                Sasl.login(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD)))) {
            try (ImapClient c = dovecotTls().connect()) {
                c.authenticate(m);
                assertNotNull(c.select(MailboxName.INBOX), m.name());
            }
        }
        try (ImapClient c = dovecotTls().connect()) {
            c.authenticate(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD));
            assertNotNull(c.select(MailboxName.INBOX));
        }
    }

    @Test
    void fallbacksOnARealServerWithoutTheExtensions() {
        // Dovecot told to advertise none of MOVE, ESEARCH, UNSELECT, MULTIAPPEND, LIST-STATUS, SPECIAL-USE
        try (DovecotServer bare = DovecotServer.startOrSkip("IMAP4rev1 LITERAL+ SASL-IR UIDPLUS IDLE")) {
            ImapClientConfig.Builder b = ImapClient.builder(bare.host()).port(bare.imapsPort())
                    .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(bare.ca()))))
                    .transport(transport()).readTimeout(Duration.ofSeconds(20));
            try (ImapClient c = b.connect()) {
                c.login(DovecotServer.USER, DovecotServer.PASSWORD);
                assertFalse(c.hasCapability("MOVE") || c.hasCapability("ESEARCH") || c.hasCapability("MULTIAPPEND"),
                        c.capabilities()::toString);
                MailboxName src = MailboxName.of("Src");
                MailboxName dst = MailboxName.of("Dst");
                c.create(src);
                c.create(dst);
                AppendResult added = c.appendAll(src, List.of(
                        new Command.AppendMessage(List.of(), null, message("keep", "k"), false),
                        new Command.AppendMessage(List.of(), null, message("move", "m"), false),
                        new Command.AppendMessage(List.of(Flag.DELETED), null, message("deleted", "d"), false)));
                assertEquals(3, added.uids().size(), "one APPEND each, UIDs from APPENDUID");
                long move = added.uids().get(1);
                long deletedElsewhere = added.uids().get(2);
                c.select(src);
                assertEquals(added.uids(), c.search(SearchKey.all()).ids(), "plain SEARCH without ESEARCH");
                CopyResult moved = c.move(SequenceSet.of(move), dst);
                assertEquals(Set.of(move), moved.mapping().keySet(), "COPYUID from the emulating COPY");
                List<Long> left = c.search(SearchKey.all()).ids();
                assertEquals(List.of(added.uids().get(0), deletedElsewhere), left,
                        "the emulation expunged only the moved message, not the other \\Deleted one");
                List<ListEntry> st = c.listWithStatus("", "Dst", StatusAttribute.MESSAGES);
                assertEquals(1, st.get(0).status().orElseThrow().messages().orElseThrow(), "LIST then STATUS");
                c.unselect();
                c.noop();
                assertThrows(ImapCommandException.class, () -> c.fetchFlags(SequenceSet.of(1)),
                        "no mailbox is selected after the UNSELECT emulation");
            }
        }
    }

    @Test
    void unsolicitedFlagChangesAndExpungesReachTheListener() throws Exception {
        MailboxName box = MailboxName.of(unique("Watch"));
        List<FlagUpdate> updates = Collections.synchronizedList(new ArrayList<>());
        List<Long> expunged = Collections.synchronizedList(new ArrayList<>());
        try (ImapClient other = dovecotClient(); ImapClient watcher = dovecotTls().listener(new MailboxListener() {
            @Override
            public void flagsChanged(FlagUpdate update) {
                updates.add(update);
            }

            @Override
            public void expunged(long seq) {
                expunged.add(seq);
            }
        }).connect()) {
            watcher.login(DovecotServer.USER, DovecotServer.PASSWORD);
            other.create(box);
            long a = other.append(box, message("a", "1")).uid().orElseThrow();
            long b = other.append(box, message("b", "2")).uid().orElseThrow();
            watcher.select(box);
            other.select(box);
            other.addFlags(SequenceSet.of(a), Flag.FLAGGED);
            other.deleteMessages(SequenceSet.of(b));
            other.expunge();
            watcher.noop();
            assertTrue(updates.stream().anyMatch(u -> u.seq() == 1 && u.flags().contains(Flag.FLAGGED)),
                    updates::toString);
            assertEquals(List.of(2L), expunged);
        }
    }

    @Test
    void loginDisabledIsHonouredBeforeAnythingIsSent() throws Exception {
        try (ScriptedImapServer server = typedServer("no plaintext here", List.of("IMAP4rev1", "LOGINDISABLED"),
                x -> {
                    if (x.command() instanceof Command.Login) {
                        x.fail("the client sent LOGIN despite LOGINDISABLED");
                    }
                    return false;
                })) {
            try (ImapClient c = scripted(server).connect()) {
                assertThrows(ImapAuthenticationException.class, () -> c.login("alice", "secret"));
                c.noop();
            }
            assertEquals(List.of(), server.problems());
        }
    }

    @Test
    void aListenerThatCallsTheClientIsServedWithoutAHang() throws Exception {
        try (ScriptedImapServer server = typedServer("ready", List.of("IMAP4rev1"), x -> {
                    if (x.command() instanceof Command.Select) {
                        x.send(new Untagged.Exists(1));
                        x.ok(new ResponseCode.Simple(ResponseCode.Kind.READ_WRITE), "selected");
                    } else if (x.command() instanceof Command.Fetch) {
                        // new mail arrives during the FETCH: the listener hears of it while the caller waits
                        x.send(new Untagged.Exists(2), new Untagged.Fetch(1, List.of(new FetchItem.Uid(1),
                                new FetchItem.Flags(List.of()))));
                        x.ok("done");
                    } else {
                        return false;
                    }
                    return true;
                })) {
            java.util.concurrent.atomic.AtomicReference<ImapClient> client = new java.util.concurrent.atomic.AtomicReference<>();
            List<Throwable> seen = Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
            try (ImapClient c = scripted(server).readTimeout(Duration.ofSeconds(10))
                    .listener(new MailboxListener() {
                        @Override
                        public void newMessages(long exists, long recent) {
                            if (exists == 2) {
                                try {
                                    // listeners run on the delivery lane, never on the reading thread: a blocking
                                    // call from here is served (it used to be refused with IllegalStateException)
                                    client.get().noop();
                                    served.incrementAndGet();
                                } catch (RuntimeException e) {
                                    seen.add(e);
                                }
                            }
                        }
                    }).connect()) {
                client.set(c);
                c.login("alice", "secret");
                c.select(MailboxName.INBOX);
                assertEquals(Set.of(1L), c.fetchFlags(SequenceSet.all()).keySet(), "the FETCH completes");
                // the caller returns after the listener has handled what came before its result
                assertEquals(List.of(), seen);
                assertEquals(1, served.get(), "the listener's NOOP completed");
                c.noop(); // and the client is fine afterwards
            }
            assertEquals(List.of(), server.problems());
        }
    }

    @Test
    void anUnreadableResponseIsSkippedReportedAndHarmsNothingElse() throws Exception {
        try (ScriptedImapServer server = typedServer("ready", List.of("IMAP4rev1"), x -> {
                    if (x.command() instanceof Command.ListMailboxes) {
                        x.send(new Untagged.MailboxList(false, List.of(), "/", MailboxName.INBOX, List.of()));
                        // raw: the middle entry breaks the grammar beyond any quirk, which the codec would never write
                        x.sendRaw("* LIST (\\Noselect \"/\" broken\r\n");
                        x.send(new Untagged.MailboxList(false, List.of(), "/", MailboxName.of("Archive"), List.of()));
                        x.ok("done");
                        return true;
                    }
                    return false;
                })) {
            List<org.imap4j.codec.ImapProtocolException> unreadable = Collections.synchronizedList(new ArrayList<>());
            try (ImapClient c = scripted(server).listener(new MailboxListener() {
                        @Override
                        public void unreadableResponse(org.imap4j.codec.ImapProtocolException error) {
                            unreadable.add(error);
                        }
                    }).connect()) {
                c.login("alice", "secret");
                List<ListEntry> l = c.list("", "*");
                assertEquals(List.of(MailboxName.INBOX, MailboxName.of("Archive")),
                        l.stream().map(ListEntry::mailbox).toList());
                assertEquals(1, unreadable.size(), unreadable::toString);
                assertTrue(unreadable.get(0).getMessage().contains("broken"), unreadable.get(0)::getMessage);
                c.noop();
            }
            assertEquals(List.of(), server.problems());
        }
    }

    @Test
    void gmailIdsLabelsAndRawSearchAgainstAScriptedGmail() throws Exception {
        // Gmail cannot run here: a scripted server answers as Google documents X-GM-EXT-1, and checks what it gets
        try (ScriptedImapServer server = typedServer("Gimap ready", List.of("IMAP4rev1", "UIDPLUS", "X-GM-EXT-1"),
                x -> {
                    Command c = x.command();
                    if (c instanceof Command.Select) {
                        x.send(new Untagged.Exists(1), new Untagged.StatusResponse(Condition.OK,
                                new ResponseCode.UidValidity(11), "x"));
                        x.ok(new ResponseCode.Simple(ResponseCode.Kind.READ_WRITE), "ok");
                    } else if (c instanceof Command.Fetch) {
                        // X-GM-MSGID is unsigned 64-bit: 2^64 - 1 is -1 as a Java long
                        x.send(new Untagged.Fetch(1, List.of(new FetchItem.Uid(5), new FetchItem.GmailMessageId(-1L),
                                new FetchItem.GmailThreadId(1278455344230334865L),
                                new FetchItem.GmailLabels(List.of("\\Inbox", "Work stuff")))));
                        x.ok("done");
                    } else if (c instanceof Command.StoreGmailLabels g) {
                        if (!g.equals(new Command.StoreGmailLabels(SequenceSet.of(5), Command.StoreMode.ADD,
                                false, List.of("Receipts", "\\Starred"), true))) {
                            x.fail("unexpected label STORE " + g);
                        }
                        x.send(new Untagged.Fetch(1, List.of(new FetchItem.Uid(5), new FetchItem.GmailLabels(
                                List.of("\\Inbox", "\\Starred", "Work stuff", "Receipts")))));
                        x.ok("done");
                    } else if (c instanceof Command.Search) {
                        x.send(new Untagged.Search(List.of(5L), null));
                        x.ok("done");
                    } else {
                        return false;
                    }
                    return true;
                })) {
            try (ImapClient c = scripted(server).connect()) {
                c.login("alice@gmail.com", "app-password");
                c.select(MailboxName.of("[Gmail]/All Mail"));
                FetchResult f = c.fetchGmail(SequenceSet.all()).get(5L);
                assertEquals("18446744073709551615", Long.toUnsignedString(f.gmailMessageId().orElseThrow()));
                assertEquals(1278455344230334865L, f.gmailThreadId().orElseThrow());
                assertEquals(List.of("\\Inbox", "Work stuff"), f.gmailLabels().orElseThrow());
                assertEquals(Map.of(5L, List.of("\\Inbox", "\\Starred", "Work stuff", "Receipts")),
                        c.storeGmailLabels(SequenceSet.of(5), Command.StoreMode.ADD, "Receipts", "\\Starred"));
                assertEquals(List.of(5L), c.search(SearchKey.gmailRaw("has:attachment in:unread")).ids());
            }
            assertEquals(List.of(), server.problems());
        }
        try (ImapClient c = greenMailClient()) {
            assertThrows(ImapCapabilityException.class, () -> c.fetchGmail(SequenceSet.all()));
        }
    }

    @Test
    void manualStartTlsThenLoginAndAppendFromAStream() {
        DovecotServer d = dovecot();
        MailboxName box = MailboxName.of(unique("Stream"));
        try (ImapClient c = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(d.ca()))))
                .transport(transport()).connect()) {
            assertFalse(c.isSecure());
            assertThrows(ImapAuthenticationException.class, () -> c.login(DovecotServer.USER, DovecotServer.PASSWORD),
                    "no password over the plain connection");
            c.startTls();
            assertTrue(c.isSecure());
            c.login(DovecotServer.USER, DovecotServer.PASSWORD);
            c.create(box);
            byte[] raw = message("streamed", "from an InputStream").toByteArray();
            long uid = c.append(box, new java.io.ByteArrayInputStream(raw), raw.length, Flag.DRAFT).uid()
                    .orElseThrow();
            c.select(box);
            assertArrayEquals(raw, c.fetchMessage(SequenceSet.of(uid)).get(uid).message().orElseThrow()
                    .toByteArray());
            assertTrue(c.getFlags(SequenceSet.of(uid)).get(uid).contains(Flag.DRAFT));
        }
    }

    @Test
    void everyKindOfUnsolicitedEventReachesTheListener() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch closed = new CountDownLatch(1);
        MailboxListener listener = new MailboxListener() {
            @Override
            public void newMessages(long exists, long recent) {
                events.add("exists " + exists + " recent " + recent);
            }

            @Override
            public void expunged(long seq) {
                events.add("expunge " + seq);
            }

            @Override
            public void vanished(SequenceSet uids, boolean earlier) {
                events.add("vanished " + uids + " " + earlier);
            }

            @Override
            public void flagsChanged(FlagUpdate u) {
                events.add("flags " + u.seq() + " uid " + u.uid().orElse(-1) + " " + u.flags());
            }

            @Override
            public void modeChanged(boolean writable) {
                events.add("writable " + writable);
            }

            @Override
            public void alert(String text) {
                events.add("alert " + text);
            }

            @Override
            public void bye(String text) {
                events.add("bye " + text);
            }

            @Override
            public void closed(org.imap4j.codec.ImapException cause) {
                events.add("closed " + (cause == null ? null : cause.getClass().getSimpleName()));
                closed.countDown();
            }
        };
        java.util.concurrent.atomic.AtomicInteger commands = new java.util.concurrent.atomic.AtomicInteger();
        try (ScriptedImapServer server = typedServer("events", List.of("IMAP4rev1", "IDLE"), x -> {
                    if (commands.incrementAndGet() == 1) {
                        x.send(new Untagged.Recent(4), new Untagged.Exists(5), new Untagged.Expunge(3),
                                new Untagged.Fetch(2, List.of(new FetchItem.Flags(List.of(Flag.SEEN)),
                                        new FetchItem.Uid(9))),
                                new Untagged.Vanished(false, SequenceSet.range(7, 8)),
                                new Untagged.StatusResponse(Condition.OK,
                                        new ResponseCode.Simple(ResponseCode.Kind.READ_ONLY), "now read-only"),
                                new Untagged.StatusResponse(Condition.OK,
                                        new ResponseCode.Simple(ResponseCode.Kind.ALERT), "disk nearly full"));
                        x.ok("noop");
                    } else {
                        x.send(new Untagged.StatusResponse(Condition.BYE, null, "shutting down"));
                        x.close();
                    }
                    return true;
                })) {
            try (ImapClient c = ImapClient.builder("127.0.0.1").port(server.port()).tlsMode(TlsMode.PLAIN)
                    .transport(transport()).listener(listener).connect()) {
                c.noop();
                assertThrows(org.imap4j.codec.ImapConnectionException.class, c::noop);
                assertTrue(closed.await(10, TimeUnit.SECONDS));
            }
            assertEquals(List.of(), server.problems());
        }
        assertEquals(List.of("exists 5 recent 4", "expunge 3", "flags 2 uid 9 [\\Seen]", "vanished 7:8 false",
                "writable false", "alert disk nearly full", "bye shutting down", "closed ImapConnectionException"),
                events);
    }

    /**
     * A listener that blocks while the server floods pushes holds the server back (the connection stops reading; TCP
     * does the rest) instead of queueing every event in memory, and misses nothing once it goes on.
     */
    @Test
    void aBlockedListenerHoldsAFloodingServerBackAndMissesNothing() throws Exception {
        int pushes = Integer.getInteger("flood.pushes", 1_000_000);
        String line = "* 1 FETCH (FLAGS (\\Seen))\r\n"; // 27 bytes: 27 MB in all
        AtomicLong sent = new AtomicLong();
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong events = new AtomicLong();
        CountDownLatch all = new CountDownLatch(1);
        MailboxListener listener = new MailboxListener() {
            @Override
            public void flagsChanged(FlagUpdate update) {
                long n = events.incrementAndGet();
                if (n == 1) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (n == pushes) {
                    all.countDown();
                }
            }
        };
        try (ScriptedImapServer server = typedServer("flood", List.of("IMAP4rev1", "IDLE"), x -> {
                    if (x.command() instanceof Command.Idle) {
                        x.continuation("idling");
                        String chunk = line.repeat(2000);
                        for (int i = 0; i < pushes / 2000; i++) {
                            x.sendRaw(chunk);
                            sent.addAndGet(chunk.length());
                        }
                        x.readLine();
                        x.ok();
                        return true;
                    }
                    return false; // SELECT and the rest: the scripted server's default answer
                });
                ImapClient c = scripted(server).listener(listener).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            Idle idle = c.idle();
            Thread waiter = new Thread(idle::await, "idle-await"); // on the blocking transport the waiter reads
            waiter.start();
            Thread.sleep(2000);
            long held = sent.get();
            // without back-pressure all 27 MB are read into the listener's queue; with it, the socket buffers and the
            // lane's bound (a few MB on loopback) are all the server gets rid of
            assertTrue(held < 16L << 20, "the server wrote " + (held >> 20) + " MB while the listener was blocked");
            release.countDown();
            assertTrue(all.await(40, TimeUnit.SECONDS), "every push reached the listener: " + events.get());
            idle.done();
            waiter.join(10_000);
            assertFalse(waiter.isAlive(), "IDLE ended");
            c.noop();
        }
    }

    /**
     * A listener that calls the client while more callbacks wait than the back-pressure allows: its command's answer
     * is still read (the lane keeps the reading on while one of its callbacks waits), so it returns at once instead of
     * at the command's deadline.
     */
    @Test
    void aListenerCallingTheClientDuringAFloodIsAnswered() throws Exception {
        int pushes = 50_000; // far above the lane's high-water mark
        AtomicLong events = new AtomicLong();
        CountDownLatch answered = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<ImapClient> self = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        MailboxListener listener = new MailboxListener() {
            @Override
            public void flagsChanged(FlagUpdate update) {
                if (events.incrementAndGet() == 1) {
                    try {
                        Thread.sleep(500); // the flood piles up behind this callback meanwhile
                        self.get().noop();
                        answered.countDown();
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                }
            }
        };
        AtomicLong noops = new AtomicLong();
        try (ScriptedImapServer server = typedServer("flood", List.of("IMAP4rev1"), x -> {
                    if (x.command() instanceof Command.Noop && noops.incrementAndGet() == 1) {
                        x.sendRaw("* 1 FETCH (FLAGS (\\Seen))\r\n".repeat(pushes));
                        x.ok();
                        return true;
                    }
                    return false; // SELECT and the rest: the scripted server's default answer
                });
                ImapClient c = scripted(server).listener(listener).commandTimeout(Duration.ofSeconds(60)).connect()) {
            self.set(c);
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            c.operations().noop().future(); // the flood's NOOP, not waited for here (on the blocking transport a
            // reader thread reads for it)
            assertTrue(answered.await(20, TimeUnit.SECONDS),
                    "the listener's NOOP was answered (events so far " + events.get() + ", " + failure.get() + ")");
            assertEquals(null, failure.get());
        }
    }

    @Test
    void loginOnAConnectionTheServerEndedIsAConnectionError() throws Exception {
        try (ScriptedImapServer server = typedServer("bye soon", List.of("IMAP4rev1", "AUTH=PLAIN"), x -> {
                    x.send(new Untagged.StatusResponse(Condition.BYE, null, "shutting down"));
                    x.close();
                    return true;
                });
                ImapClient c = scripted(server).connect()) {
            assertThrows(org.imap4j.codec.ImapConnectionException.class, c::noop);
            // the server ended the connection: a typed connection error, not a caller's IllegalStateException
            assertThrows(org.imap4j.codec.ImapConnectionException.class, () -> c.login("alice", "secret"));
            assertThrows(org.imap4j.codec.ImapConnectionException.class,
                    () -> c.authenticate("alice", Secret.of("secret")));
        }
    }

    @Test
    void noSecretReachesTheTraceOrAnException() {
        // its own Dovecot: failed logins make Dovecot slow down later logins from this address
        try (DovecotServer own = DovecotServer.startOrSkip()) {
            secretsStayHidden(ImapClient.builder(own.host()).port(own.imapsPort()).tls(TlsOptions.defaults()
                    .withTrust(new TlsOptions.Trust.Certificates(List.of(own.ca())))).transport(transport()));
        }
    }

    @Test
    void noSecretReachesTheTraceOrAnExceptionWithoutSaslIr() {
        // a Dovecot that does not offer SASL-IR (RFC 4959): AUTHENTICATE PLAIN goes out bare, the server answers with
        // an empty challenge, and the credentials travel as the answer to a continuation, a different code path from
        // the initial response that the test above covers
        try (DovecotServer own = DovecotServer.startOrSkip("IMAP4rev1 LITERAL+ UIDPLUS IDLE")) {
            ImapClientConfig.Builder server = ImapClient.builder(own.host()).port(own.imapsPort())
                    .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(own.ca()))))
                    .transport(transport());
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            try (ImapClient c = server.trace((d, t) -> seen.add(d + " " + t)).connect()) {
                assertFalse(c.transport().capabilities().stream().anyMatch(k -> k.wire().equals("SASL-IR")),
                        () -> "the server must not offer SASL-IR here: " + c.transport().capabilities());
                c.authenticate(Sasl.plain(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD)));
            }
            String all = String.join("\n", seen);
            assertTrue(all.matches("(?s).*AUTHENTICATE PLAIN\\s*\n.*"), () -> "PLAIN went without an initial "
                    + "response: " + all);
            assertTrue(all.contains("IN + "), () -> "the server sent a continuation: " + all);
            secretsStayHidden(server);
            assertNoSecret(all, "");
        }
    }

    private static void assertNoSecret(String all, String token) {
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        for (String secret : List.of(DovecotServer.PASSWORD, token, "ss\\word", "line")) {
            if (secret.isEmpty()) {
                continue;
            }
            assertFalse(all.contains(secret), "secret " + secret + " leaked");
            assertFalse(all.contains(b64.encodeToString(secret.getBytes(StandardCharsets.UTF_8))));
        }
        assertFalse(all.contains(b64.encodeToString(("\0" + DovecotServer.USER + "\0" + DovecotServer.PASSWORD)
                .getBytes(StandardCharsets.UTF_8))), "PLAIN's base64 blob leaked");
    }

    private void secretsStayHidden(ImapClientConfig.Builder server) {
        String token = "ya29.tok-" + UNIQUE.incrementAndGet();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<org.imap4j.client.auth.SaslMechanism> mechanisms = List.of(
                Sasl.plain(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD)),
                Sasl.login(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD)),
                Sasl.scramSha256(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD)),
                Sasl.cramMd5(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD)),
                Sasl.xoauth2(DovecotServer.USER, Secret.of(token)),
                Sasl.oauthBearer(DovecotServer.USER, Secret.of(token)));
        for (var m : mechanisms) {
            try (ImapClient c = server.trace((d, t) -> seen.add(t)).connect()) {
                c.authenticate(m);
            } catch (RuntimeException e) {
                seen.add(String.valueOf(e) + " " + e.getCause());
            }
        }
        for (String password : List.of(DovecotServer.PASSWORD, "pa\"ss\\word", "multi\r\nline")) {
            try (ImapClient c = server.trace((d, t) -> seen.add(t)).connect()) {
                c.login(DovecotServer.USER, password); // quoted, and forced into literals by quote / CR LF
            } catch (RuntimeException e) {
                seen.add(String.valueOf(e) + " " + e.getCause());
            }
        }
        String all = String.join("\n", seen);
        assertNoSecret(all, token);
        assertTrue(all.contains("AUTHENTICATE") && all.contains("LOGIN"), "the trace did run");
    }

    @Test
    void expungesAndForeignFlagChangesDuringAFetchGoToTheListener() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        try (ScriptedImapServer server = typedServer("hi", List.of("IMAP4rev1"), x -> {
                    if (x.command() instanceof Command.Fetch) {
                        x.send(new Untagged.Fetch(1, List.of(new FetchItem.Uid(10), new FetchItem.Flags(List.of()))),
                                new Untagged.Fetch(3, List.of(new FetchItem.Flags(List.of(Flag.FLAGGED)),
                                        new FetchItem.Uid(55))),
                                new Untagged.Expunge(2),
                                new Untagged.Fetch(2, List.of(new FetchItem.Uid(20),
                                        new FetchItem.Flags(List.of(Flag.SEEN)))));
                        x.ok("done");
                        return true;
                    }
                    return false;
                })) {
            try (ImapClient c = ImapClient.builder("127.0.0.1").port(server.port()).tlsMode(TlsMode.PLAIN)
                    .transport(transport()).listener(new MailboxListener() {
                        @Override
                        public void flagsChanged(FlagUpdate u) {
                            events.add("flags uid " + u.uid().orElse(-1) + " " + u.flags());
                        }

                        @Override
                        public void expunged(long seq) {
                            events.add("expunge " + seq);
                        }
                    }).connect()) {
                Map<Long, List<Flag>> flags = c.getFlags(SequenceSet.of(10, 20));
                assertEquals(Map.of(10L, List.of(), 20L, List.of(Flag.SEEN)), flags, "results keyed by UID");
            }
            assertEquals(List.of(), server.problems());
        }
        assertEquals(List.of("flags uid 55 [\\Flagged]", "expunge 2"), events);
    }

    @Test
    void hostileStringsGoAsLiteralsOrAreRefusedAndNeverInjectACommand() {
        String inject = "\r\nX1 CREATE Injected\r\n";
        List<String> hostile = List.of("a" + inject, "quote\"back\\slash", "brace{5}", "nul\0byte",
                "ünïcødé ✓", "(paren) [bracket] %*", "{3+}\r\nabc");
        try (ImapClient c = dovecotClient()) {
            MailboxName box = MailboxName.of(unique("Inject"));
            c.create(box);
            c.append(box, message("target", "t"));
            c.select(box);
            int sent = 0;
            for (String h : hostile) {
                sent += attempt(() -> c.create(MailboxName.of(box + "/" + h)));
                sent += attempt(() -> c.search(SearchKey.subject(h)));
                sent += attempt(() -> c.search(SearchKey.header(h, h)));
                sent += attempt(() -> c.addFlags(SequenceSet.all(), Flag.of(h)));
                sent += attempt(() -> c.id(List.of(new Command.IdField("name", h))));
                sent += attempt(() -> c.fetchSpecific(SequenceSet.all(), Section.headerFields(h), true, null, null));
                sent += attempt(() -> c.login(h, h));
            }
            // below the client's own state check: LOGIN while authenticated, which Dovecot refuses with BAD before
            // reading any literal; the CR LF string must therefore go as a synchronizing literal, never sent
            org.imap4j.codec.response.Tagged bad = c.transport().execute(new Command.Login("a" + inject,
                    Secret.of("x" + inject)), org.imap4j.session.CommandListener.NONE);
            assertEquals(org.imap4j.codec.response.Condition.BAD, bad.status());
            assertTrue(sent > 10, "many hostile strings were sent safely as literals or quoted: " + sent);
            c.noop();
            assertFalse(c.list("", "*").stream().anyMatch(e -> e.mailbox().toString().equals("Injected")),
                    "no injected CREATE ran");
            assertEquals(1, c.search(SearchKey.all()).ids().size(), "nothing else changed");
        }
    }

    /** @return 1 if the call reached the server (any server answer), 0 if refused locally before sending */
    private static int attempt(Runnable call) {
        try {
            call.run();
            return 1;
        } catch (IllegalArgumentException | IllegalStateException refusedLocally) {
            return 0;
        } catch (ImapCommandException | ImapAuthenticationException serverAnswered) {
            return serverAnswered instanceof ImapAuthenticationException
                    && serverAnswered.getCause() == null ? 0 : 1;
        }
    }

    @Test
    void fetchesFromManyThreadsOnOneBlockingClientEachGetTheirOwnResults() throws Exception {
        // Dovecot runs pipelined FETCHes at once and interleaves their responses; untagged responses carry no tag.
        // Watched on the wire: two FETCHes are never in flight together, and a barrier (NOOP, a FETCH by sequence
        // number) is never sent while anything else is in flight (RFC 9051 section 5.5).
        MailboxName box = MailboxName.of(unique("Threads"));
        java.util.Map<String, Boolean> inFlight = new java.util.HashMap<>(); // tag -> is a UID FETCH
        AtomicLong maxFetches = new AtomicLong();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        // trace text comes per read or write, so a line may be split across calls: only whole lines are looked at
        StringBuilder pendingIn = new StringBuilder();
        org.imap4j.session.TraceListener trace = (direction, text) -> {
            synchronized (inFlight) {
                String all = text;
                if (direction == org.imap4j.session.TraceListener.Direction.IN) {
                    all = pendingIn.append(text).toString();
                    int last = all.lastIndexOf('\n');
                    pendingIn.setLength(0);
                    pendingIn.append(all.substring(last + 1));
                    all = all.substring(0, last + 1);
                }
                for (String line : all.split("\r?\n")) {
                    String[] w = line.split(" ", 4);
                    if (direction == org.imap4j.session.TraceListener.Direction.OUT && w.length > 1
                            && w[0].startsWith("A")) {
                        boolean uidFetch = w.length > 2 && w[1].equals("UID") && w[2].equals("FETCH");
                        boolean barrier = w[1].equals("NOOP") || w[1].equals("FETCH");
                        if (barrier && !inFlight.isEmpty()) {
                            violations.add(line + " sent while " + inFlight.keySet() + " in flight");
                        }
                        if (inFlight.values().stream().anyMatch(b -> !b)) {
                            violations.add(line + " sent during a barrier " + inFlight);
                        }
                        inFlight.put(w[0], uidFetch);
                        maxFetches.accumulateAndGet(inFlight.values().stream().filter(b -> b).count(), Math::max);
                    } else if (direction == org.imap4j.session.TraceListener.Direction.IN && w.length > 1) {
                        inFlight.remove(w[0]);
                    }
                }
            }
        };
        try (ImapClient c = dovecotTls().trace(trace).connect()) {
            c.login(DovecotServer.USER, DovecotServer.PASSWORD);
            c.create(box);
            for (int i = 0; i < 10; i++) {
                c.append(box, message("t" + i, "body " + i));
            }
            c.select(box);
            inFlight.clear();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<Integer>> sizes = new ArrayList<>();
                for (int t = 0; t < 60; t++) {
                    int kind = t % 3;
                    sizes.add(pool.submit(() -> {
                        if (kind == 2) {
                            c.noop();
                            return c.bySequence().fetchFlags(SequenceSet.of(1)).size() * 10;
                        }
                        Map<Long, FetchResult> r = kind == 0 ? c.fetchEnvelope(SequenceSet.all())
                                : c.fetchFlags(SequenceSet.all());
                        for (FetchResult f : r.values()) {
                            assertTrue(kind == 0 ? f.envelope().isPresent() : f.flags().isPresent(), f::toString);
                        }
                        return r.size();
                    }));
                }
                for (java.util.concurrent.Future<Integer> f : sizes) {
                    assertEquals(10, f.get(30, TimeUnit.SECONDS));
                }
                assertEquals(1, maxFetches.get(), "FETCHes from different threads never overlap");
                assertEquals(List.of(), violations);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void idleWithATimeLimitEndsItselfOrEarlierWhenToldTo() throws Exception {
        MailboxName box = MailboxName.of(unique("IdleLimit"));
        try (ImapClient c = dovecotClient()) {
            c.create(box);
            c.select(box);
            long t0 = System.nanoTime();
            assertFalse(c.idle().await(Duration.ofMillis(400)), "nothing happened: the limit ended IDLE");
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(400));
            c.noop();
            Idle idle = c.idle();
            idle.done(); // before the server's "+" even arrives: DONE follows it (blocking: read during await)
            long t1 = System.nanoTime();
            assertTrue(idle.await(Duration.ofSeconds(30)), "ended by done() long before the limit");
            assertTrue(System.nanoTime() - t1 < TimeUnit.SECONDS.toNanos(20));
            c.noop();
        }
    }

    @Test
    void trycreateIsCarriedByTheException() {
        try (ImapClient c = dovecotClient()) {
            ImapCommandException e = assertThrows(ImapCommandException.class,
                    () -> c.append(MailboxName.of(unique("NoSuchBox")), message("x", "y")));
            assertEquals(new ResponseCode.Simple(ResponseCode.Kind.TRYCREATE), e.code());
        }
    }
}
