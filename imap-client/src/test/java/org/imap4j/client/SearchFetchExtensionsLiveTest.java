package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.imap4j.client.LiveServers.Srv;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.PartialRange;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.response.QuotaResource;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.CyrusServer;
import org.imap4j.testing.servers.DovecotServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The typed search and fetch extensions against real servers, on both transports: ESEARCH result options, SEARCHRES
 * ({@code SAVE} then {@code $}), ESORT, {@code fetchUid}, QRESYNC's {@code VANISHED (EARLIER)} on
 * {@code UID FETCH ... (CHANGEDSINCE m VANISHED)} and PREVIEW (LAZY) on Dovecot and Cyrus (each where it offers
 * them); OBJECTID (EMAILID, THREADID, MAILBOXID) and SETQUOTA on Cyrus; APPENDLIMIT on Cyrus (its real
 * {@code APPENDLIMIT=n}) and on a Dovecot told to announce a small one. The refusals of what a server lacks (PARTIAL
 * on both, SEARCHRES on Cyrus) are typed and sent nothing.
 */
class SearchFetchExtensionsLiveTest {
    private static LiveServers live;
    private static CyrusServer cyrus;
    private static final AtomicInteger BOXES = new AtomicInteger();

    /** A server and a transport. */
    record Case(Srv server, ImapClientConfig.Transport transport) {
        @Override
        public String toString() {
            return server + "/" + transport;
        }
    }

    @BeforeAll
    static void start() {
        live = LiveServers.startOrSkip();
        cyrus = live.cyrus();
    }

    @AfterAll
    static void stop() {
        if (live != null) {
            live.close();
        }
    }

    static Srv dovecotSrv() {
        return live.dovecotSrv();
    }

    static List<Case> both() {
        List<Case> out = new ArrayList<>();
        for (Srv s : live.all()) {
            for (ImapClientConfig.Transport t : ImapClientConfig.Transport.values()) {
                out.add(new Case(s, t));
            }
        }
        return out;
    }

    static List<Case> dovecotOnly() {
        List<Case> out = new ArrayList<>();
        for (ImapClientConfig.Transport t : ImapClientConfig.Transport.values()) {
            out.add(new Case(dovecotSrv(), t));
        }
        return out;
    }

    static List<Case> cyrusOnly() {
        List<Case> out = new ArrayList<>();
        if (cyrus != null) {
            for (ImapClientConfig.Transport t : ImapClientConfig.Transport.values()) {
                out.add(new Case(live.cyrusSrv(), t));
            }
        }
        return out;
    }

    private static ImapClient connect(Srv s, ImapClientConfig.Transport t) {
        ImapClient c = ImapClient.builder(s.host()).port(s.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(t).readTimeout(Duration.ofSeconds(30)).connect();
        c.login(s.user(), s.password());
        return c;
    }

    private static Bytes message(int i, int bodyLines) {
        StringBuilder b = new StringBuilder("From: a@example.com\r\nTo: b@example.com\r\nSubject: message " + i
                + "\r\nMessage-ID: <m" + i + "." + System.nanoTime() + "@example.com>\r\n\r\n");
        b.append("Hello number ").append(i).append(", this is the body text.\r\n");
        for (int k = 0; k < bodyLines; k++) {
            b.append("filler line ").append(k).append("\r\n");
        }
        return Bytes.of(b.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** A fresh mailbox with {@code n} messages, message i having i*3 filler lines (so sizes grow with i). */
    private static MailboxName fill(ImapClient c, int n) {
        MailboxName box = MailboxName.of("ext" + BOXES.incrementAndGet() + "x" + System.nanoTime() % 100000);
        c.create(box);
        for (int i = 1; i <= n; i++) {
            c.append(box, message(i, i * 3));
        }
        return box;
    }

    private static List<Long> uids(ImapClient c) {
        return c.search(SearchKey.all()).ids();
    }

    @ParameterizedTest
    @MethodSource("both")
    void esearchReturnsTypedMinMaxCountAll(Case k) {
        try (ImapClient c = connect(k.server(), k.transport())) {
            MailboxName box = fill(c, 5);
            c.select(box);
            List<Long> uids = uids(c);
            assertEquals(5, uids.size());
            c.store(SequenceSet.of(uids.get(1), uids.get(3)), Command.StoreMode.ADD, true, null, Flag.FLAGGED);

            ESearchResult r = c.search(SearchKey.all(), Command.SearchReturn.MIN, Command.SearchReturn.MAX,
                    Command.SearchReturn.COUNT);
            assertTrue(r.uid());
            assertEquals(uids.get(0), r.min().getAsLong());
            assertEquals(uids.get(4), r.max().getAsLong());
            assertEquals(5, r.count().getAsLong());
            assertTrue(r.all().isEmpty(), "ALL was not asked for");

            ESearchResult flagged = c.search(SearchKey.flagged(), Command.SearchReturn.ALL,
                    Command.SearchReturn.COUNT);
            assertEquals(List.of(uids.get(1), uids.get(3)), flagged.ids());
            assertEquals(2, flagged.count().getAsLong());

            ESearchResult none = c.search(SearchKey.keyword("nothere"), Command.SearchReturn.COUNT,
                    Command.SearchReturn.MIN);
            assertEquals(0, none.count().orElse(0));
            assertTrue(none.min().isEmpty());

            ESearchResult bySeq = c.bySequence().search(SearchKey.flagged(), Command.SearchReturn.MIN,
                    Command.SearchReturn.MAX);
            assertFalse(bySeq.uid());
            assertEquals(2, bySeq.min().getAsLong());
            assertEquals(4, bySeq.max().getAsLong());

            // both lack PARTIAL: refused typed, before anything is sent, and the connection goes on
            assertThrows(ImapCapabilityException.class, () -> c.searchPage(SearchKey.all(), PartialRange.first(2)));
            assertThrows(ImapCapabilityException.class, () -> c.fetchPage(SequenceSet.all(), PartialRange.last(2),
                    FetchAttribute.Item.FLAGS));
            assertEquals(5, c.search(SearchKey.all(), Command.SearchReturn.COUNT).count().getAsLong());
        }
    }

    @ParameterizedTest
    @MethodSource("dovecotOnly")
    void searchresSavesAResultThatDollarNamesInFetchStoreCopyAndSearch(Case k) {
        try (ImapClient c = connect(k.server(), k.transport())) {
            MailboxName box = fill(c, 6);
            MailboxName other = fill(c, 0);
            c.select(box);
            List<Long> uids = uids(c);
            c.store(SequenceSet.of(uids.get(0), uids.get(2), uids.get(5)), Command.StoreMode.ADD, true, null,
                    Flag.FLAGGED);

            ESearchResult saved = c.search(SearchKey.flagged(), Command.SearchReturn.SAVE,
                    Command.SearchReturn.COUNT);
            assertTrue(saved.saved());
            assertEquals(3, saved.count().getAsLong(), "SAVE with COUNT still returns the count");

            FetchResults f = c.fetchUid(SequenceSet.lastResult(), FetchAttribute.Item.FLAGS);
            assertEquals(Set.of(uids.get(0), uids.get(2), uids.get(5)), f.keySet(), "$ is the saved result");

            c.store(SequenceSet.lastResult(), Command.StoreMode.ADD, true, null, Flag.SEEN);
            assertEquals(List.of(uids.get(0), uids.get(2), uids.get(5)), c.search(SearchKey.seen()).ids());

            c.copy(SequenceSet.lastResult(), other);
            assertEquals(3, c.status(other, StatusAttribute.MESSAGES).messages().getAsLong());

            // $ inside a search key narrows the saved result
            ESearchResult narrowed = c.search(SearchKey.and(SearchKey.uid(SequenceSet.lastResult()),
                    SearchKey.larger(message(3, 9).size() - 1)), Command.SearchReturn.ALL);
            assertEquals(List.of(uids.get(2), uids.get(5)), narrowed.ids());
        }
    }

    @ParameterizedTest
    @MethodSource("both")
    void esortReturnsTheSortedOrderAndItsEnds(Case k) {
        try (ImapClient c = connect(k.server(), k.transport())) {
            MailboxName box = fill(c, 5);
            c.select(box);
            List<Long> uids = uids(c);
            List<Command.SortCriterion> bySizeDown = List.of(new Command.SortCriterion(true, Command.SortKey.SIZE));
            List<Long> plain = c.sort(bySizeDown, SearchKey.all());
            List<Long> expected = new ArrayList<>(uids);
            java.util.Collections.reverse(expected);
            assertEquals(expected, plain, "larger messages have higher UIDs");

            ESearchResult r = c.sort(bySizeDown, SearchKey.all(), Command.SearchReturn.ALL,
                    Command.SearchReturn.MIN, Command.SearchReturn.MAX, Command.SearchReturn.COUNT);
            assertEquals(plain, r.ids(), "ALL keeps the sorted order");
            assertEquals(5, r.count().getAsLong());
            // RFC 5267 section 3.2 names MIN and MAX "the lowest / highest sorted message": Dovecot 2.3 reads it as
            // the first and last in sorted order, Cyrus 3.6 as the lowest and highest numbers. Both are passed on.
            if (k.server().name().equals("Dovecot")) {
                assertEquals(plain.get(0), r.min().getAsLong());
                assertEquals(plain.get(4), r.max().getAsLong());
            } else {
                assertEquals(uids.get(0), r.min().getAsLong());
                assertEquals(uids.get(4), r.max().getAsLong());
            }
            assertThrows(ImapCapabilityException.class, () -> c.sortPage(bySizeDown, SearchKey.all(),
                    PartialRange.first(2)), "no PARTIAL here");
        }
    }

    @ParameterizedTest
    @MethodSource("both")
    void fetchUidIsKeyedByUidWhateverTheAddressing(Case k) {
        try (ImapClient c = connect(k.server(), k.transport())) {
            MailboxName box = fill(c, 4);
            c.select(box);
            List<Long> uids = uids(c);
            c.store(SequenceSet.of(uids.get(0)), Command.StoreMode.ADD, true, null, Flag.DELETED);
            c.expunge(SequenceSet.of(uids.get(0))); // now sequence numbers and UIDs differ
            ImapClient bySeq = c.bySequence();
            SequenceSet last2 = SequenceSet.of(uids.get(2), uids.get(3));
            FetchResults r = bySeq.fetchUid(last2, FetchAttribute.Item.FLAGS, FetchAttribute.Item.RFC822_SIZE);
            assertEquals(Set.of(uids.get(2), uids.get(3)), r.keySet());
            assertEquals(2, r.get(uids.get(2)).seq());
            assertTrue(r.get(uids.get(3)).size().isPresent());
        }
    }

    @ParameterizedTest
    @MethodSource("both")
    void changedSinceWithVanishedReturnsTheExpungedUidsAndTheChangedMessages(Case k) {
        try (ImapClient c = connect(k.server(), k.transport())) {
            MailboxName box = fill(c, 6);
            c.select(box);
            List<Long> uids = uids(c);
            // not enabled yet: refused before anything is sent
            assertThrows(ImapCapabilityException.class, () -> c.fetchChanges(SequenceSet.all(), 1,
                    FetchAttribute.Item.FLAGS));
            c.unselect();
            c.enable("QRESYNC");
            SelectResult sel = c.select(box);
            long known = sel.highestModSeq().getAsLong();

            c.store(SequenceSet.of(uids.get(1)), Command.StoreMode.ADD, true, null, Flag.FLAGGED);
            c.store(SequenceSet.of(uids.get(2), uids.get(4)), Command.StoreMode.ADD, true, null, Flag.DELETED);
            c.expunge(SequenceSet.of(uids.get(2), uids.get(4)));

            MessageChanges ch = c.fetchChanges(SequenceSet.range(uids.get(0), uids.get(5)), known,
                    FetchAttribute.Item.FLAGS);
            assertTrue(ch.vanished().isPresent(), "VANISHED (EARLIER) came back typed");
            SequenceSet gone = ch.vanished().get();
            assertTrue(gone.contains(uids.get(2), Long.MAX_VALUE) && gone.contains(uids.get(4), Long.MAX_VALUE),
                    gone::toString);
            for (long u : List.of(uids.get(0), uids.get(1), uids.get(3), uids.get(5))) {
                assertFalse(gone.contains(u, Long.MAX_VALUE), "a live message is not vanished: " + u);
            }
            assertEquals(Set.of(uids.get(1)), ch.changed().keySet(), "only the flagged one changed");
            FetchResult flagged = ch.changed().get(uids.get(1));
            assertTrue(flagged.flags().get().contains(Flag.FLAGGED));
            assertTrue(flagged.modSeq().getAsLong() > known);
        }
    }

    @ParameterizedTest
    @MethodSource("both")
    void previewPlainAndLazy(Case k) {
        try (ImapClient c = connect(k.server(), k.transport())) {
            MailboxName box = fill(c, 2);
            c.select(box);
            List<Long> uids = uids(c);
            FetchResults lazy = c.fetch(SequenceSet.of(uids.get(0)), FetchAttribute.Preview.LAZY);
            assertTrue(lazy.get(uids.get(0)).hasPreviewItem(), "PREVIEW (LAZY) answered, text or NIL");
            FetchResults r = c.fetch(SequenceSet.of(uids.get(0), uids.get(1)), FetchAttribute.Item.PREVIEW);
            assertTrue(r.get(uids.get(1)).hasPreviewItem());
            if (k.server().name().equals("Dovecot")) {
                // Dovecot 2.3 answers NIL to LAZY for a preview it has not computed, and computes it without LAZY
                assertTrue(lazy.get(uids.get(0)).preview().isEmpty(), lazy::toString);
                String p = r.get(uids.get(1)).preview().orElseThrow();
                assertTrue(p.startsWith("Hello number 2"), p);
                assertTrue(p.length() <= 256, "RFC 8970: at most 256 characters");
            }
            // Cyrus 3.6 (without a search index) answers PREVIEW NIL to both: the item is there, with no text
        }
    }

    @ParameterizedTest
    @MethodSource("cyrusOnly")
    void objectIdsOnFetchSelectAndStatus(Case k) {
        try (ImapClient c = connect(k.server(), k.transport())) {
            MailboxName box = fill(c, 3);
            SelectResult sel = c.select(box);
            String mailboxId = sel.mailboxId().orElseThrow(() -> new AssertionError("MAILBOXID on SELECT"));
            assertEquals(mailboxId, c.status(box, StatusAttribute.MAILBOXID).mailboxId().orElseThrow(),
                    "MAILBOXID on STATUS is the same");
            FetchResults r = c.fetch(SequenceSet.all(), FetchAttribute.Item.EMAILID, FetchAttribute.Item.THREADID);
            Set<String> emailIds = new HashSet<>();
            for (FetchResult f : r.values()) {
                emailIds.add(f.emailId().orElseThrow(() -> new AssertionError("EMAILID")));
                assertTrue(f.items().stream().anyMatch(i -> i instanceof org.imap4j.codec.fetch.FetchItem.ThreadId),
                        "THREADID answered (an id, or NIL without conversations)");
            }
            assertEquals(3, emailIds.size(), "one EMAILID per message");
            // the EMAILID survives a COPY (RFC 8474 section 5.1): the copy has the same one
            MailboxName other = fill(c, 0);
            long first = uids(c).get(0);
            c.copy(SequenceSet.of(first), other);
            String original = r.get(first).emailId().get();
            c.select(other);
            assertEquals(original, c.fetch(SequenceSet.all(), FetchAttribute.Item.EMAILID).values().iterator()
                    .next().emailId().get());
            assertNotEquals(mailboxId, c.status(other, StatusAttribute.MAILBOXID).mailboxId().get());
        }
    }

    @ParameterizedTest
    @MethodSource("dovecotOnly")
    void theAsynchronousClientPipelinesTheSameOperations(Case k) throws Exception {
        Srv s = k.server();
        try (ImapClient setup = connect(s, k.transport())) {
            MailboxName box = fill(setup, 3);
            AsyncImapClient c = ImapClient.builder(s.host()).port(s.port()).tlsMode(TlsMode.PLAIN)
                    .allowCleartextPasswords(true).transport(k.transport()).readTimeout(Duration.ofSeconds(30))
                    .connectAsync().get(30, java.util.concurrent.TimeUnit.SECONDS);
            try {
                c.login(s.user(), s.password()).get(30, java.util.concurrent.TimeUnit.SECONDS);
                // submitted together, without waiting: SELECT, then an ESEARCH with SAVE, then FETCH of $
                var sel = c.select(box);
                var saved = c.search(SearchKey.all(), Command.SearchReturn.SAVE, Command.SearchReturn.MIN,
                        Command.SearchReturn.MAX);
                var fetched = c.fetchUid(SequenceSet.lastResult(), FetchAttribute.Item.RFC822_SIZE);
                var sorted = c.sort(List.of(new Command.SortCriterion(true, Command.SortKey.SIZE)), SearchKey.all(),
                        Command.SearchReturn.COUNT);
                assertEquals(3, sel.get(30, java.util.concurrent.TimeUnit.SECONDS).exists());
                ESearchResult r = saved.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(r.saved());
                // RFC 5182 section 2.4: SAVE with MIN and MAX (without ALL or COUNT) saves just those two messages
                assertEquals(Set.of(r.min().getAsLong(), r.max().getAsLong()),
                        fetched.get(30, java.util.concurrent.TimeUnit.SECONDS).keySet());
                assertEquals(3, sorted.get(30, java.util.concurrent.TimeUnit.SECONDS).count().getAsLong());
                var refused = c.searchPage(SearchKey.all(), PartialRange.first(1));
                java.util.concurrent.ExecutionException e = assertThrows(
                        java.util.concurrent.ExecutionException.class,
                        () -> refused.get(30, java.util.concurrent.TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof ImapCapabilityException, e.getCause()::toString);
            } finally {
                c.close();
            }
        }
    }

    @Test
    void setQuotaAsTheCyrusAdministrator() {
        org.junit.jupiter.api.Assumptions.assumeTrue(cyrus != null, "Cyrus not installed");
        Srv admin = live.cyrusSrv().as(CyrusServer.ADMIN, CyrusServer.ADMIN_PASSWORD);
        String root = "user" + cyrus.separator() + CyrusServer.USER2;
        try (ImapClient c = connect(admin, ImapClientConfig.Transport.BLOCKING)) {
            List<Untagged.Quota> set = c.setQuota(root, new Command.QuotaLimit("STORAGE", 2048));
            assertTrue(set.isEmpty() || set.get(0).root().equals(root), "Cyrus 3.6 sends no QUOTA for SETQUOTA");
            QuotaResource storage = c.getQuota(root).get(0).resources().stream()
                    .filter(q -> q.name().equals("STORAGE")).findFirst().orElseThrow();
            assertEquals(2048, storage.limit(), "GETQUOTA shows the new limit");
            c.setQuota(root, new Command.QuotaLimit("STORAGE", 1024 * 1024)); // back to the 1 GiB of the others
        }
        // a user who is not an administrator is refused by the server, typed
        try (ImapClient c = connect(live.cyrusSrv(), ImapClientConfig.Transport.NIO)) {
            assertThrows(ImapCommandException.class, () -> c.setQuota(root,
                    new Command.QuotaLimit("STORAGE", 1)));
            // and Cyrus lacks SEARCHRES: SAVE is refused before sending
            c.select(MailboxName.INBOX);
            assertThrows(ImapCapabilityException.class, () -> c.search(SearchKey.all(), Command.SearchReturn.SAVE));
        }
    }

    @Test
    void appendLimitFromTheCapabilityIsCheckedBeforeSending() throws Exception {
        // a real Dovecot told to announce a small server-wide limit (it does not enforce one itself: whatever is
        // refused here was refused by the client)
        try (DovecotServer small = DovecotServer.start("+APPENDLIMIT=2000")) {
            for (ImapClientConfig.Transport t : ImapClientConfig.Transport.values()) {
                try (ImapClient c = connect(LiveServers.of(small), t)) {
                    MailboxName box = fill(c, 0);
                    assertEquals(2000, c.appendLimit(box).getAsLong());
                    c.append(box, message(1, 10)); // under the limit
                    Bytes big = message(2, 200);
                    assertTrue(big.size() > 2000);
                    ImapAppendLimitException e = assertThrows(ImapAppendLimitException.class,
                            () -> c.append(box, big));
                    assertEquals(2000, e.limit());
                    assertEquals(big.size(), e.size());
                    assertFalse(e.perMailbox());
                    assertTrue(e.getMessage().contains("2000") && e.getMessage().contains("" + big.size()),
                            e.getMessage());
                    assertThrows(ImapAppendLimitException.class, () -> c.append(box,
                            new java.io.ByteArrayInputStream(new byte[3000]), 3000));
                    assertEquals(1, c.status(box, StatusAttribute.MESSAGES).messages().getAsLong(),
                            "only the small message was stored");
                }
            }
        }
        if (cyrus != null) {
            try (ImapClient c = connect(live.cyrusSrv(), ImapClientConfig.Transport.BLOCKING)) {
                assertEquals(4294967295L, c.appendLimit(MailboxName.INBOX).getAsLong(), "Cyrus's own APPENDLIMIT=");
            }
        }
    }
}
