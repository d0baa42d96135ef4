package org.imap4j.client.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imap4j.client.FetchResult;
import org.imap4j.client.FetchResults;
import org.imap4j.client.Idle;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.auth.AuthFailure;
import org.imap4j.client.auth.AuthFailureException;
import org.imap4j.client.LiveServers;
import org.imap4j.client.LiveServers.Srv;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;
import org.imap4j.testing.servers.FaultProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16 item 4 against Dovecot through a relay that counts the connections the server sees: 50 concurrent jobs
 * on a cap of 5 on both transports (against Cyrus too), mailbox affinity, nested leases at the cap, lease timeouts, health checks that
 * replace a cut connection, returning a lease while it IDLEs, graceful shutdown, and typed connect failures.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ImapPoolTest {
    private static final int BOXES = 5;
    private static final int PER_BOX = 3;
    private static final AtomicInteger UNIQUE = new AtomicInteger();
    private static LiveServers live;
    private static DovecotServer dovecot;
    private static final List<MailboxName> MAILBOXES = new ArrayList<>();

    @BeforeAll
    static void start() {
        // Cyrus for the fifty-job case (started where installed, and always on CI)
        live = LiveServers.start();
        dovecot = live.dovecot();
        for (int b = 0; b < BOXES; b++) {
            MAILBOXES.add(MailboxName.of("Pool" + b));
        }
        for (Srv s : servers()) {
            try (ImapClient admin = plain(s.host(), s.port(), ImapClientConfig.Transport.BLOCKING).connect()) {
                admin.login(s.user(), s.password());
                for (int b = 0; b < BOXES; b++) {
                    MailboxName box = MAILBOXES.get(b);
                    admin.create(box);
                    for (int m = 0; m < PER_BOX; m++) {
                        admin.append(box, Bytes.utf8("From: a@example.org\r\nSubject: pool " + b + "/" + m
                                + "\r\nMessage-ID: <pool" + b + "." + m + "@imap4j.test>\r\n\r\nbody\r\n"));
                    }
                }
                admin.logout();
            }
        }
    }

    @AfterAll
    static void stop() {
        if (live != null) {
            live.close();
        }
    }

    /** @return Dovecot, and Cyrus where it could be started */
    static List<Srv> servers() {
        return live.all();
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

    private static ImapClientConfig.Builder plain(int port, ImapClientConfig.Transport transport) {
        return plain(dovecot.host(), port, transport);
    }

    private static ImapClientConfig.Builder plain(String host, int port, ImapClientConfig.Transport transport) {
        return ImapClient.builder(host).port(port).tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true)
                .transport(transport).readTimeout(Duration.ofSeconds(30));
    }

    private static ImapPool pool(FaultProxy proxy, ImapClientConfig.Transport transport, int cap) {
        return ImapPool.create(plain(proxy.port(), transport).build(),
                c -> c.login(DovecotServer.USER, DovecotServer.PASSWORD),
                PoolConfig.forHost("127.0.0.1").withMaxConnections(cap).withLeaseTimeout(Duration.ofSeconds(60)));
    }

    @ParameterizedTest
    @MethodSource("serversAndTransports")
    void fiftyConcurrentJobsOnACapOfFive(Srv s, ImapClientConfig.Transport transport) throws Exception {
        String run = "j" + UNIQUE.incrementAndGet() + transport.name().charAt(0);
        ExecutorService threads = Executors.newFixedThreadPool(50);
        try (FaultProxy proxy = FaultProxy.to(s.host(), s.port());
             ImapPool pool = ImapPool.create(plain(s.host(), proxy.port(), transport).build(),
                     c -> c.login(s.user(), s.password()),
                     PoolConfig.forHost("127.0.0.1").withMaxConnections(5)
                             .withLeaseTimeout(Duration.ofSeconds(60)))) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> jobs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int job = i;
                MailboxName box = MAILBOXES.get(job % BOXES);
                jobs.add(threads.submit(() -> {
                    go.await();
                    return pool.withLease(box, lease -> {
                        assertEquals(Optional.of(box), lease.mailbox());
                        FetchResults all = lease.client().fetch(SequenceSet.all(), FetchAttribute.Item.FLAGS);
                        long uid = all.keySet().stream().sorted().toList().get(job % PER_BOX);
                        lease.client().addFlags(SequenceSet.of(uid), Flag.of(run + "x" + job));
                        return all.size();
                    });
                }));
            }
            go.countDown();
            for (Future<Integer> f : jobs) {
                assertEquals(PER_BOX, f.get(90, TimeUnit.SECONDS));
            }
            PoolStats stats = pool.stats();
            assertTrue(proxy.maxOpen() <= 5, "the server saw " + proxy.maxOpen() + " connections at once");
            assertTrue(stats.maxOpen() <= 5 && stats.created() <= 5, stats.toString());
            assertEquals(proxy.accepted(), stats.created(), stats.toString());
            // every lease either found its mailbox selected or selected it; how many found it depends on which of
            // the 45 waiting threads wins each released connection (a clean run of CI once saw none), so affinity
            // itself is checked where the order is fixed: affinityLendsTheConnectionThatHasTheMailboxSelected
            assertEquals(50, stats.selects() + stats.affinityHits(), stats.toString());
            assertEquals(0, stats.leased());
            // Every job's flag is on the server, checked by a connection outside the pool.
            try (ImapClient check = plain(s.host(), s.port(), transport).connect()) {
                check.login(s.user(), s.password());
                int found = 0;
                for (MailboxName box : MAILBOXES) {
                    check.select(box);
                    for (FetchResult r : check.fetch(SequenceSet.all(), FetchAttribute.Item.FLAGS).values()) {
                        for (Flag f : r.flags().orElseThrow()) {
                            if (f.value().startsWith(run + "x")) {
                                found++;
                            }
                        }
                    }
                }
                assertEquals(50, found);
                check.logout();
            }
            assertTrue(pool.shutdown(Duration.ofSeconds(30)));
            assertEquals(0, pool.stats().open());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void affinityLendsTheConnectionThatHasTheMailboxSelected() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(dovecot.host(), dovecot.imapPort());
             ImapPool pool = pool(proxy, ImapClientConfig.Transport.BLOCKING, 5)) {
            Lease a = pool.lease(MAILBOXES.get(0));
            Lease b = pool.lease(MAILBOXES.get(1));
            ImapClient onA = a.client();
            ImapClient onB = b.client();
            assertNotSame(onA, onB);
            a.close();
            b.close(); // b is now the most recently returned
            long selects = pool.stats().selects();
            try (Lease again = pool.lease(MAILBOXES.get(0))) {
                assertSame(onA, again.client());
            }
            try (Lease again = pool.lease(MAILBOXES.get(1))) {
                assertSame(onB, again.client());
            }
            assertEquals(selects, pool.stats().selects(), "no SELECT for an affine lease");
            assertEquals(2, pool.stats().affinityHits());
            try (Lease other = pool.lease(MAILBOXES.get(2))) {
                assertEquals(Optional.of(MAILBOXES.get(2)), other.mailbox());
                other.select(MAILBOXES.get(3));
            }
            try (Lease moved = pool.lease(MAILBOXES.get(3))) {
                assertEquals(3, pool.stats().affinityHits(), "a SELECT made through the lease is known");
                assertEquals(PER_BOX, moved.client().fetch(SequenceSet.all(), FetchAttribute.Item.FLAGS).size());
            }
            assertEquals(2, proxy.accepted());
        }
    }

    @Test
    void nestedLeaseAtTheCapFailsFastInsteadOfDeadlocking() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(dovecot.host(), dovecot.imapPort());
             ImapPool pool = pool(proxy, ImapClientConfig.Transport.BLOCKING, 1)) {
            long start = System.nanoTime();
            PoolException e = pool.withLease(MAILBOXES.get(0), outer -> assertThrows(PoolException.class,
                    () -> pool.lease(MAILBOXES.get(1))));
            assertEquals(PoolException.Reason.NESTED_LEASE_AT_CAP, e.reason());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(50), "failed fast, not after the "
                    + "60 s lease timeout");
            // The outer lease went back: the pool works on.
            assertEquals(PER_BOX, (int) pool.<Integer>withLease(MAILBOXES.get(1),
                    l -> l.client().fetch(SequenceSet.all(), FetchAttribute.Item.FLAGS).size()));
        }
        try (FaultProxy proxy = FaultProxy.to(dovecot.host(), dovecot.imapPort());
             ImapPool pool = pool(proxy, ImapClientConfig.Transport.BLOCKING, 2)) {
            int inner = pool.withLease(MAILBOXES.get(0), outer -> pool.withLease(MAILBOXES.get(1),
                    l -> l.client().fetch(SequenceSet.all(), FetchAttribute.Item.FLAGS).size()));
            assertEquals(PER_BOX, inner, "below the cap a nested lease is served");
        }
    }

    @Test
    void leaseTimesOutWhenAllAreLent() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(dovecot.host(), dovecot.imapPort());
             ImapPool pool = pool(proxy, ImapClientConfig.Transport.BLOCKING, 1);
             Lease held = pool.lease(null)) {
            CompletableFuture<PoolException> other = CompletableFuture.supplyAsync(() -> assertThrows(
                    PoolException.class, () -> pool.lease(null, Duration.ofMillis(300))));
            assertEquals(PoolException.Reason.LEASE_TIMEOUT, other.get(60, TimeUnit.SECONDS).reason());
            assertTrue(held.client().isAuthenticated());
        }
    }

    @Test
    void healthCheckReplacesACutConnection() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(dovecot.host(), dovecot.imapPort());
             ImapPool pool = ImapPool.create(plain(proxy.port(), ImapClientConfig.Transport.NIO).build(),
                     c -> c.login(DovecotServer.USER, DovecotServer.PASSWORD),
                     PoolConfig.forHost("127.0.0.1").withMaxConnections(1).withHealthCheckAfter(Duration.ZERO))) {
            ImapClient first = pool.withLease(MAILBOXES.get(0), Lease::client);
            proxy.closeAll();
            ImapClient second = pool.withLease(MAILBOXES.get(0), l -> {
                assertEquals(PER_BOX, l.client().fetch(SequenceSet.all(), FetchAttribute.Item.FLAGS).size());
                return l.client();
            });
            assertNotSame(first, second);
            assertEquals(1, pool.stats().replaced());
            assertEquals(2, pool.stats().created());
            assertEquals(2, proxy.accepted());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aLeaseReturnedWhileIdlingHasItsIdleEndedCleanly(ImapClientConfig.Transport transport) throws Exception {
        try (FaultProxy proxy = FaultProxy.to(dovecot.host(), dovecot.imapPort());
             ImapPool pool = pool(proxy, transport, 1)) {
            ImapClient idled;
            try (Lease lease = pool.lease(MAILBOXES.get(4))) {
                Idle idle = lease.idle();
                assertTrue(idle.awaitStarted(Duration.ofSeconds(30)));
                idled = lease.client();
            }
            try (Lease next = pool.lease(MAILBOXES.get(4))) {
                assertSame(idled, next.client());
                next.client().noop();
                assertEquals(PER_BOX, next.client().fetch(SequenceSet.all(), FetchAttribute.Item.FLAGS).size());
            }
            assertEquals(0, pool.stats().replaced());
            assertEquals(1, proxy.accepted());
        }
    }

    @Test
    void shutdownWaitsForLeasesThenLogsOut() throws Exception {
        FaultProxy proxy = FaultProxy.to(dovecot.host(), dovecot.imapPort());
        try (proxy) {
            ImapPool pool = pool(proxy, ImapClientConfig.Transport.BLOCKING, 2);
            Lease lent = pool.lease(MAILBOXES.get(0));
            ImapClient lentClient = lent.client();
            ImapClient idleClient = pool.withLease(MAILBOXES.get(1), Lease::client);
            CompletableFuture<Void> returner = CompletableFuture.runAsync(() -> {
                while (!pool.isShutdown()) {
                    Thread.onSpinWait();
                }
                lent.close();
            });
            assertTrue(pool.shutdown(Duration.ofSeconds(60)), "the lease came back before the deadline");
            returner.get(60, TimeUnit.SECONDS);
            assertFalse(lentClient.isAuthenticated());
            assertFalse(idleClient.isAuthenticated());
            assertEquals(0, pool.stats().open());
            PoolException refused = assertThrows(PoolException.class, () -> pool.lease(null));
            assertEquals(PoolException.Reason.CLOSED, refused.reason());

            ImapPool second = pool(proxy, ImapClientConfig.Transport.BLOCKING, 1);
            Lease stuck = second.lease(null);
            assertFalse(second.shutdown(Duration.ofMillis(200)), "a lease that never comes back");
            assertFalse(stuck.client().isAuthenticated(), "closed at the deadline");
            stuck.close(); // late return: nothing breaks
            assertEquals(0, second.stats().open());
        }
    }

    @Test
    void badCredentialsAreATypedConnectFailure() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(dovecot.host(), dovecot.imapPort());
             ImapPool pool = ImapPool.create(plain(proxy.port(), ImapClientConfig.Transport.BLOCKING).build(),
                     c -> c.login(DovecotServer.USER, "wrong-password"),
                     PoolConfig.forHost("127.0.0.1").withMaxConnections(2))) {
            PoolException e = assertThrows(PoolException.class, () -> pool.lease(MAILBOXES.get(0)));
            assertEquals(PoolException.Reason.CONNECT_FAILED, e.reason());
            assertEquals(AuthFailure.BAD_CREDENTIALS, AuthFailureException.classify(e, false).orElseThrow());
            assertFalse(e.getMessage().contains("wrong-password"));
            assertEquals(0, pool.stats().open(), "the failed connection gave its place back");
        }
    }

    @Test
    void providerCaps() {
        assertEquals(15, PoolConfig.defaultCap("imap.gmail.com"));
        assertEquals(16, PoolConfig.defaultCap("outlook.office365.com"));
        assertEquals(10, PoolConfig.defaultCap("imap.mail.me.com"));
        assertEquals(PoolConfig.DEFAULT_CAP, PoolConfig.defaultCap("mail.example.org"));
    }
}
