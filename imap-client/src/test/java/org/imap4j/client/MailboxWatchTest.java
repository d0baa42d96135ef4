package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.imap4j.client.LiveServers.Srv;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.session.ImapConnectionLostException;
import org.imap4j.session.ImapLivenessException;
import org.imap4j.session.ReconnectPolicy;
import org.imap4j.session.SyncStateStore;
import org.imap4j.session.TlsMode;
import org.imap4j.session.WatchEvent;
import org.imap4j.testing.servers.DovecotServer;
import org.imap4j.testing.servers.FaultProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The supervised session against Dovecot and Cyrus through a fault-injecting proxy, on both transports and with each
 * resynchronisation (QRESYNC, CONDSTORE, the full comparison): the socket is reset, black-holed or the server
 * restarted during IDLE; another client changes the mailbox meanwhile; every new message, expunge and flag change
 * is reported exactly once, event by event, with the lifecycle events between.
 */
class MailboxWatchTest {
    private static final AtomicInteger BOXES = new AtomicInteger();
    private static LiveServers live;
    private static DovecotServer dovecot;

    /** A server as the tests reach it. */
    private static Srv dovecotSrv() {
        return live.dovecotSrv();
    }

    @BeforeAll
    static void start() {
        // Cyrus for the cases that run on both servers (started where installed, and always on CI)
        live = LiveServers.startOrSkip();
        dovecot = live.dovecot();
    }

    @AfterAll
    static void stop() {
        if (live != null) {
            live.close();
        }
    }

    /** @return the servers the two-server cases run on (Cyrus only where it could be started) */
    static List<Srv> servers() {
        return live.all();
    }

    /** The events a watch delivered, and waits on them. */
    private static final class Events {
        final List<WatchEvent> all = new CopyOnWriteArrayList<>();

        void add(WatchEvent e) {
            all.add(e);
        }

        <T extends WatchEvent> List<T> of(Class<T> kind) {
            List<T> r = new ArrayList<>();
            for (WatchEvent e : all) {
                if (kind.isInstance(e)) {
                    r.add(kind.cast(e));
                }
            }
            return r;
        }

        /** Waits (polling the delivered events, up to 40 s) until {@code p} holds. */
        void await(String what, Predicate<Events> p) {
            long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (!p.test(this)) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("timed out waiting for " + what + "; events: " + all);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        int count(WatchEvent e) {
            int n = 0;
            for (WatchEvent x : all) {
                if (x.equals(e)) {
                    n++;
                }
            }
            return n;
        }
    }

    private static ImapClient direct(MailboxName box) {
        return direct(dovecotSrv(), box);
    }

    private static ImapClient direct(Srv s, MailboxName box) {
        ImapClient c = ImapClient.builder(s.host()).port(s.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).connect();
        c.login(s.user(), s.password());
        if (box != null) {
            c.select(box);
        }
        return c;
    }

    private static MailboxName freshBox() {
        return freshBox(dovecotSrv());
    }

    private static MailboxName freshBox(Srv s) {
        MailboxName box = MailboxName.of("Watch" + BOXES.incrementAndGet());
        try (ImapClient c = direct(s, null)) {
            c.create(box);
        }
        return box;
    }

    private static long append(ImapClient c, MailboxName box, String subject) {
        return c.append(box, Bytes.utf8("Subject: " + subject + "\r\nMessage-ID: <" + subject + "@imap4j.test>\r\n\r\n"
                + "body\r\n")).uid().orElseThrow();
    }

    private static MailboxWatch.Builder watch(FaultProxy proxy, ImapClientConfig.Transport t, MailboxName box,
            Events events) {
        return watch(dovecotSrv(), proxy, t, box, events);
    }

    private static MailboxWatch.Builder watch(Srv s, FaultProxy proxy, ImapClientConfig.Transport t, MailboxName box,
            Events events) {
        ImapClientConfig config = ImapClient.builder(proxy.host()).port(proxy.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(t).liveness(Duration.ofSeconds(3))
                .connectTimeout(Duration.ofSeconds(3)).greetingTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(5)).build();
        return MailboxWatch.builder(config, SessionAuthenticator.login(s.user(), Secret.of(s.password())))
                .mailbox(box).listener(events::add)
                .policy(ReconnectPolicy.defaults().withDelays(Duration.ofMillis(100), Duration.ofMillis(500)));
    }

    static List<Arguments> transportsAndResyncs() {
        List<Arguments> r = new ArrayList<>();
        for (Srv s : servers()) {
            for (ImapClientConfig.Transport t : ImapClientConfig.Transport.values()) {
                for (MailboxWatch.Resync m : MailboxWatch.Resync.values()) {
                    r.add(Arguments.of(s, t, m));
                }
            }
        }
        return r;
    }

    static List<Arguments> serversAndTransports() {
        List<Arguments> r = new ArrayList<>();
        for (Srv s : servers()) {
            for (ImapClientConfig.Transport t : ImapClientConfig.Transport.values()) {
                r.add(Arguments.of(s, t));
            }
        }
        return r;
    }

    private static WatchEvent.Method expected(MailboxWatch.Resync m) {
        return switch (m) {
            case AUTO -> WatchEvent.Method.QRESYNC;
            case CONDSTORE -> WatchEvent.Method.CONDSTORE;
            case FULL -> WatchEvent.Method.FULL;
        };
    }

    @ParameterizedTest
    @MethodSource("transportsAndResyncs")
    @Timeout(90)
    void changesWhileTheSocketIsDownAreReportedExactlyOnce(Srv s, ImapClientConfig.Transport t,
            MailboxWatch.Resync m) {
        MailboxName box = freshBox(s);
        Events ev = new Events();
        try (ImapClient other = direct(s, box); FaultProxy proxy = FaultProxy.to(s.host(), s.port())) {
            long keep = append(other, box, "keep");
            long gone = append(other, box, "gone");
            long flagged = append(other, box, "flagged");
            try (MailboxWatch w = watch(s, proxy, t, box, ev).resync(m).start()) {
                assertTrue(w.awaitConnected(Duration.ofSeconds(30)), "connected: " + ev.all);
                assertEquals(List.of(new WatchEvent.Resynced(WatchEvent.Method.BASELINE, 0, 0, 0)), ev.all,
                        "the baseline reports nothing");

                long live = append(other, box, "live");
                ev.await("the live message", e -> e.count(new WatchEvent.NewMessage(live, Set.of())) == 1);

                proxy.refuse();
                proxy.resetAll(); // killed during IDLE; reconnects are refused meanwhile
                ev.await("the reconnect attempts", e -> !e.of(WatchEvent.Reconnecting.class).isEmpty());
                other.addFlags(SequenceSet.of(flagged), Flag.FLAGGED);
                other.addFlags(SequenceSet.of(gone), Flag.DELETED);
                other.expunge(SequenceSet.of(gone));
                long added = append(other, box, "added");
                proxy.passThrough();

                ev.await("the resync", e -> e.of(WatchEvent.Resynced.class).size() == 2);
                assertEquals(1, ev.of(WatchEvent.Disconnected.class).size(), ev.all.toString());
                assertEquals(1, ev.of(WatchEvent.Reconnected.class).size(), ev.all.toString());
                assertEquals(new WatchEvent.Resynced(expected(m), 1, 1, 1), ev.of(WatchEvent.Resynced.class).get(1));
                assertEquals(1, ev.count(new WatchEvent.Expunged(gone)));
                assertEquals(1, ev.count(new WatchEvent.FlagsChanged(flagged, Set.of(Flag.FLAGGED))));
                assertEquals(1, ev.count(new WatchEvent.NewMessage(added, Set.of())));
                assertEquals(2, ev.of(WatchEvent.NewMessage.class).size(), "live and added, once each: " + ev.all);
                assertEquals(0, ev.count(new WatchEvent.NewMessage(keep, Set.of())));

                // the session goes on after the reconnect: a live change still arrives once
                other.addFlags(SequenceSet.of(keep), Flag.SEEN);
                ev.await("the live flag change",
                        e -> e.count(new WatchEvent.FlagsChanged(keep, Set.of(Flag.SEEN))) == 1);
                assertEquals(1, ev.of(WatchEvent.Expunged.class).size(), ev.all.toString());
                assertEquals(2, ev.of(WatchEvent.FlagsChanged.class).size(), ev.all.toString());
            }
            assertInstanceOf(WatchEvent.Stopped.class, ev.all.get(ev.all.size() - 1));
        }
    }

    @ParameterizedTest
    @MethodSource("serversAndTransports")
    @Timeout(90)
    void aBlackHoledIdleIsDetectedAndTheWatchResumes(Srv s, ImapClientConfig.Transport t) {
        MailboxName box = freshBox(s);
        Events ev = new Events();
        try (ImapClient other = direct(s, box); FaultProxy proxy = FaultProxy.to(s.host(), s.port());
                MailboxWatch w = watch(s, proxy, t, box, ev).start()) {
            assertTrue(w.awaitConnected(Duration.ofSeconds(30)));
            proxy.blackHole();
            ev.await("the dead link", e -> !e.of(WatchEvent.Disconnected.class).isEmpty());
            assertInstanceOf(ImapLivenessException.class, ev.of(WatchEvent.Disconnected.class).get(0).cause());
            long added = append(other, box, "while-dead");
            proxy.resetAll(); // the hung reconnect attempts end at once
            proxy.passThrough();
            ev.await("the message", e -> e.count(new WatchEvent.NewMessage(added, Set.of())) == 1);
            assertEquals(1, ev.of(WatchEvent.Reconnected.class).size(), ev.all.toString());
            assertEquals(1, ev.of(WatchEvent.NewMessage.class).size(), ev.all.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("serversAndTransports")
    @Timeout(90)
    void aServerRestartIsSurvived(Srv s, ImapClientConfig.Transport t) {
        MailboxName box = freshBox(s);
        Events ev = new Events();
        try (FaultProxy proxy = FaultProxy.to(s.host(), s.port());
                MailboxWatch w = watch(s, proxy, t, box, ev).start()) {
            assertTrue(w.awaitConnected(Duration.ofSeconds(30)));
            s.restart().run();
            long added;
            try (ImapClient other = direct(s, box)) {
                added = append(other, box, "after-restart");
            }
            ev.await("the message", e -> e.count(new WatchEvent.NewMessage(added, Set.of())) == 1);
            ev.await("the reconnect", e -> e.of(WatchEvent.Reconnected.class).size() == 1);
            assertEquals(1, ev.of(WatchEvent.Disconnected.class).size(), ev.all.toString());
            assertEquals(1, ev.of(WatchEvent.NewMessage.class).size(), ev.all.toString());
            long messages = w.call(c -> c.status(box, StatusAttribute.MESSAGES).messages().orElse(-1));
            assertEquals(1L, messages);
        }
    }

    /** On both servers a DELETE and CREATE of the name gives the mailbox a new UIDVALIDITY. */
    @ParameterizedTest
    @MethodSource("serversAndTransports")
    @Timeout(90)
    void aUidValidityChangeWhileDisconnectedIsItsOwnEvent(Srv s, ImapClientConfig.Transport t) {
        MailboxName box = freshBox(s);
        Events ev = new Events();
        try (FaultProxy proxy = FaultProxy.to(s.host(), s.port())) {
            try (ImapClient other = direct(s, box)) {
                append(other, box, "old");
            }
            try (MailboxWatch w = watch(s, proxy, t, box, ev).start()) {
                assertTrue(w.awaitConnected(Duration.ofSeconds(30)));
                long before = w.state().orElseThrow().uidValidity();
                proxy.refuse();
                proxy.resetAll();
                ev.await("the reconnect attempts", e -> !e.of(WatchEvent.Reconnecting.class).isEmpty());
                try (ImapClient other = direct(s, null)) {
                    other.delete(box);
                    other.create(box);
                    append(other, box, "new1");
                    append(other, box, "new2");
                }
                proxy.passThrough();
                ev.await("the UIDVALIDITY event", e -> !e.of(WatchEvent.UidValidityChanged.class).isEmpty());
                ev.await("the baseline", e -> e.of(WatchEvent.Resynced.class).size() == 2);
                WatchEvent.UidValidityChanged v = ev.of(WatchEvent.UidValidityChanged.class).get(0);
                assertEquals(before, v.previous());
                assertTrue(v.current() != before);
                assertEquals(2, v.messages());
                assertEquals(WatchEvent.Method.BASELINE, ev.of(WatchEvent.Resynced.class).get(1).method());
                assertTrue(ev.of(WatchEvent.NewMessage.class).isEmpty(), "not merged as new mail: " + ev.all);
                assertTrue(ev.of(WatchEvent.Expunged.class).isEmpty(), "not merged as expunges: " + ev.all);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("serversAndTransports")
    @Timeout(90)
    void anOperationInFlightWhenTheLinkDiesFailsRetryably(Srv s, ImapClientConfig.Transport t) {
        MailboxName box = freshBox(s);
        Events ev = new Events();
        long big;
        try (ImapClient setup = direct(s, box)) {
            big = setup.append(box, Bytes.utf8("Subject: big\r\n\r\n" + "x".repeat(2_000_000) + "\r\n")).uid()
                    .orElseThrow();
        }
        try (FaultProxy proxy = FaultProxy.to(s.host(), s.port());
                MailboxWatch w = watch(s, proxy, t, box, ev).start()) {
            assertTrue(w.awaitConnected(Duration.ofSeconds(30)));

            proxy.delay(Duration.ofMillis(40)); // slow enough to be cut in the middle
            CompletableFuture<FetchResults> fetch = w.submit(c -> c.fetchMessage(SequenceSet.of(big)), false);
            CompletableFuture<AppendResult> append = new CompletableFuture<>();
            // FETCH: the socket is reset while the body streams
            awaitBytesFlowing(proxy);
            proxy.resetAll();
            Throwable f = assertThrows(Exception.class, fetch::join).getCause();
            assertInstanceOf(ImapConnectionLostException.class, f, String.valueOf(f));
            assertTrue(((ImapConnectionLostException) f).retryable());

            // APPEND: the socket is reset while the message is sent
            ev.await("reconnected", e -> e.of(WatchEvent.Reconnected.class).size() == 1);
            w.submit(c -> c.append(box, Bytes.utf8("Subject: up\r\nMessage-ID: <up@imap4j.test>\r\n\r\n"
                    + "y".repeat(2_000_000) + "\r\n")), false)
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            append.completeExceptionally(e);
                        } else {
                            append.complete(r);
                        }
                    });
            awaitBytesFlowing(proxy);
            proxy.resetAll();
            Throwable a = assertThrows(Exception.class, append::join).getCause();
            assertInstanceOf(ImapConnectionLostException.class, a, String.valueOf(a));
            assertTrue(((ImapConnectionLostException) a).retryable());

            // an idempotent operation is run again on the next connection
            proxy.delay(Duration.ZERO);
            assertEquals(List.of(big), w.callIdempotent(c -> new ArrayList<>(c.fetchFlags(SequenceSet.of(big))
                    .keySet())));
            assertEquals(2, ev.of(WatchEvent.Disconnected.class).size(), ev.all.toString());

            // nothing lost: whether the cut APPEND took effect is found by its Message-ID, as the exception's
            // Javadoc advises; a message that did arrive is reported once, and nothing else is
            List<Long> up = w.callIdempotent(c -> c.search(SearchKey.header("Message-ID", "<up@imap4j.test>")).ids());
            assertTrue(up.size() <= 1, "at most one copy: " + up);
            List<WatchEvent.NewMessage> news = new ArrayList<>();
            for (Long uid : up) {
                news.add(new WatchEvent.NewMessage(uid, Set.of()));
            }
            if (!up.isEmpty()) {
                ev.await("the appended message", e -> e.of(WatchEvent.NewMessage.class).size() == 1);
            }
            assertEquals(news, ev.of(WatchEvent.NewMessage.class), ev.all.toString());
            assertTrue(ev.of(WatchEvent.Expunged.class).isEmpty(), ev.all.toString());
            assertEquals(1 + up.size(), (long) w.call(c -> c.status(box, StatusAttribute.MESSAGES).messages()
                    .orElse(-1)));
        }
    }

    /** Waits until the proxy has a relayed connection that moves bytes (so a reset cuts an operation under way). */
    private static void awaitBytesFlowing(FaultProxy proxy) {
        long before = proxy.relayed();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (proxy.relayed() < before + 64 * 1024) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no bytes flowed");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    @Timeout(90)
    void aFileStoreResumesAfterARestartOfTheApplication(@TempDir Path dir) {
        MailboxName box = freshBox();
        Events first = new Events();
        Events second = new Events();
        SyncStateStore store = SyncStateStore.files(dir);
        try (ImapClient other = direct(box); FaultProxy proxy = FaultProxy.to(dovecot.host(), dovecot.imapPort())) {
            long a = append(other, box, "a");
            try (MailboxWatch w = watch(proxy, ImapClientConfig.Transport.BLOCKING, box, first).store(store)
                    .start()) {
                assertTrue(w.awaitConnected(Duration.ofSeconds(30)));
            }
            other.addFlags(SequenceSet.of(a), Flag.ANSWERED);
            long b = append(other, box, "b");
            try (MailboxWatch w = watch(proxy, ImapClientConfig.Transport.BLOCKING, box, second)
                    .store(SyncStateStore.files(dir)).start()) {
                assertTrue(w.awaitConnected(Duration.ofSeconds(30)));
                assertEquals(List.of(new WatchEvent.FlagsChanged(a, Set.of(Flag.ANSWERED)),
                        new WatchEvent.NewMessage(b, Set.of()),
                        new WatchEvent.Resynced(WatchEvent.Method.QRESYNC, 1, 0, 1)), second.all);
            }
        }
    }

    /** A wall clock that the test moves forward (a suspend and resume, as the wall clock sees it). */
    private static final class MovableClock extends java.time.Clock {
        final java.util.concurrent.atomic.AtomicLong offset = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.now().plusMillis(offset.get());
        }
    }

    @Test
    @Timeout(90)
    void aWallClockJumpChecksTheLinkAndTheWatchGoesOn() {
        MailboxName box = freshBox();
        Events ev = new Events();
        MovableClock wall = new MovableClock();
        try (ImapClient other = direct(box); FaultProxy proxy = FaultProxy.to(dovecot.host(), dovecot.imapPort());
                MailboxWatch w = watch(proxy, ImapClientConfig.Transport.BLOCKING, box, ev)
                        .clockCheck(Duration.ofMillis(200), Duration.ofSeconds(5)).clocks(wall, System::nanoTime)
                        .start()) {
            assertTrue(w.awaitConnected(Duration.ofSeconds(30)));
            wall.offset.addAndGet(Duration.ofHours(1).toMillis());
            ev.await("the jump", e -> !e.of(WatchEvent.ClockJumped.class).isEmpty());
            assertTrue(ev.of(WatchEvent.ClockJumped.class).get(0).skew().compareTo(Duration.ofMinutes(59)) > 0);
            long added = append(other, box, "after-jump");
            ev.await("the message", e -> e.count(new WatchEvent.NewMessage(added, Set.of())) == 1);
            assertTrue(ev.of(WatchEvent.Disconnected.class).isEmpty(), "a live link passes the check: " + ev.all);
        }
    }
    /** Every server with NOTIFY on (it falls back to polling where not offered), and Dovecot with it refused. */
    static List<Arguments> serversTransportsAndNotify() {
        List<Arguments> r = new ArrayList<>();
        for (Srv s : servers()) {
            for (ImapClientConfig.Transport t : ImapClientConfig.Transport.values()) {
                r.add(Arguments.of(s, t, true));
                if (s.name().equals("Dovecot")) {
                    r.add(Arguments.of(s, t, false));
                }
            }
        }
        return r;
    }

    /** The counters a STATUS shows now, as the watch reports them. */
    private static WatchEvent.MailboxStatusChanged statusNow(ImapClient c, MailboxName box) {
        StatusResult r = c.status(box, StatusAttribute.MESSAGES, StatusAttribute.UIDNEXT, StatusAttribute.UNSEEN,
                StatusAttribute.UIDVALIDITY, StatusAttribute.HIGHESTMODSEQ);
        return new WatchEvent.MailboxStatusChanged(box, r.messages().orElseThrow(), r.uidNext().orElseThrow(),
                r.unseen().orElseThrow(), r.uidValidity().orElseThrow(), r.highestModSeq().orElseThrow());
    }

    /**
     * Two more mailboxes watched on the watch's one connection: with NOTIFY (Dovecot) each change is pushed (the STATUS
     * poll is set to an hour, so nothing else could find it); without (Cyrus, or Dovecot with NOTIFY refused) a
     * STATUS poll finds it. Event by event: each change once, with the counters a STATUS shows; a change made while
     * the link was down comes once after the reconnect; the selected mailbox is still reported as before.
     */
    @ParameterizedTest
    @MethodSource("serversTransportsAndNotify")
    @Timeout(120)
    void otherMailboxesOnTheOneConnectionAreReportedOnceEach(Srv s, ImapClientConfig.Transport t, boolean notify)
            throws InterruptedException {
        MailboxName box = freshBox(s);
        MailboxName a = freshBox(s);
        MailboxName b = freshBox(s);
        Events ev = new Events();
        List<WatchEvent.MailboxStatusChanged> expected = new ArrayList<>();
        boolean pushed;
        try (ImapClient probe = direct(s, null)) {
            pushed = notify && probe.hasCapability("NOTIFY");
        }
        try (ImapClient other = direct(s, null); FaultProxy proxy = FaultProxy.to(s.host(), s.port());
                MailboxWatch w = watch(s, proxy, t, box, ev).alsoWatch(a, b).useNotify(notify)
                        .statusPollInterval(pushed ? Duration.ofHours(1) : Duration.ofMillis(300)).start()) {
            assertTrue(w.awaitConnected(Duration.ofSeconds(30)));
            assertEquals(pushed, w.notifying(), "NOTIFY in use");
            assertEquals(List.of(), ev.of(WatchEvent.MailboxStatusChanged.class), "the baseline reports nothing");
            assertEquals(1, proxy.open(), "one connection watches the three mailboxes");

            long a1 = append(other, a, "a1");
            expected.add(statusNow(other, a));
            ev.await("a1", e -> e.of(WatchEvent.MailboxStatusChanged.class).size() == 1);
            assertEquals(expected, ev.of(WatchEvent.MailboxStatusChanged.class));

            append(other, b, "b1");
            expected.add(statusNow(other, b));
            ev.await("b1", e -> e.of(WatchEvent.MailboxStatusChanged.class).size() == 2);
            assertEquals(expected, ev.of(WatchEvent.MailboxStatusChanged.class));

            other.select(a);
            other.addFlags(SequenceSet.of(a1), Flag.SEEN);
            other.unselect();
            expected.add(statusNow(other, a));
            assertEquals(0, expected.get(2).unseen());
            ev.await("a1 seen", e -> e.of(WatchEvent.MailboxStatusChanged.class).size() == 3);
            assertEquals(expected, ev.of(WatchEvent.MailboxStatusChanged.class));

            // killed during IDLE; a change to b while the link is down is found by the STATUS after the reconnect
            proxy.refuse();
            proxy.resetAll();
            ev.await("the reconnect attempts", e -> !e.of(WatchEvent.Reconnecting.class).isEmpty());
            append(other, b, "b2");
            expected.add(statusNow(other, b));
            proxy.passThrough();
            ev.await("b2", e -> e.of(WatchEvent.MailboxStatusChanged.class).size() == 4);
            assertEquals(expected, ev.of(WatchEvent.MailboxStatusChanged.class));
            assertEquals(1, ev.of(WatchEvent.Reconnected.class).size(), ev.all.toString());
            assertEquals(pushed, w.notifying(), "NOTIFY set again on the new connection");

            // live again on the new connection, and the selected mailbox as before
            append(other, a, "a2");
            expected.add(statusNow(other, a));
            ev.await("a2", e -> e.of(WatchEvent.MailboxStatusChanged.class).size() == 5);
            long sel = append(other, box, "selected");
            ev.await("the selected mailbox's message",
                    e -> e.count(new WatchEvent.NewMessage(sel, Set.of())) == 1);
            if (!pushed) {
                Thread.sleep(1000); // a few more STATUS polls: none may report anything again
            }
            w.call(c -> {
                c.noop();
                return null;
            }); // pushes before this are handled (the watch's thread ran it after them)
            assertEquals(expected, ev.of(WatchEvent.MailboxStatusChanged.class), ev.all.toString());
            assertEquals(1, ev.of(WatchEvent.NewMessage.class).size(), ev.all.toString());
            assertTrue(ev.of(WatchEvent.UidValidityChanged.class).isEmpty(), ev.all.toString());
        }
    }
    /** A watched mailbox that does not exist is skipped (STATUS refused), not a reason to drop the connection. */
    @ParameterizedTest
    @MethodSource("serversAndTransports")
    @Timeout(90)
    void aMissingOtherMailboxIsSkippedAndTheOthersAreStillReported(Srv s, ImapClientConfig.Transport t) {
        MailboxName box = freshBox(s);
        MailboxName a = freshBox(s);
        MailboxName missing = MailboxName.of("Missing" + BOXES.incrementAndGet());
        Events ev = new Events();
        try (ImapClient other = direct(s, null); FaultProxy proxy = FaultProxy.to(s.host(), s.port());
                MailboxWatch w = watch(s, proxy, t, box, ev).alsoWatch(missing, a)
                        .statusPollInterval(Duration.ofMillis(300)).start()) {
            assertTrue(w.awaitConnected(Duration.ofSeconds(30)));
            append(other, a, "a1");
            WatchEvent.MailboxStatusChanged expected = statusNow(other, a);
            ev.await("a1", e -> e.of(WatchEvent.MailboxStatusChanged.class).size() == 1);
            assertEquals(List.of(expected), ev.of(WatchEvent.MailboxStatusChanged.class));
            assertTrue(ev.of(WatchEvent.Disconnected.class).isEmpty(), ev.all.toString());
            assertEquals(1, proxy.accepted(), "the first connection still serves");
        }
    }
}
