package org.imap4j.client.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imap4j.client.Fallback;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.session.TlsMode;
import org.imap4j.session.testing.HostileServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pool's connection cap from what servers say: a pool made with the host defaults for a host whose name tells no
 * provider takes the cap of the family its first connection detects (a Gmail greeting and capabilities: 15; Dovecot:
 * the default 5, unchanged), and a server that refuses one connection too many ({@code * BYE [LIMIT] Too many
 * simultaneous connections}, Gmail's words) lowers the cap to the connections open, the lease waiting for one of them
 * instead of failing. Scripted servers with the profiles' greetings, and a real Dovecot limited to two connections
 * per user and address ({@code mail_max_userip_connections = 2}); each change reported in {@link
 * ImapPool#fallbacks()}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PoolProfileCapTest {

    /** Greets as given (or refuses past {@code allowed} connections at once), answers OK to everything. */
    private static HostileServer server(String greeting, int allowed) throws Exception {
        AtomicInteger open = new AtomicInteger();
        return HostileServer.start(peer -> {
            if (open.incrementAndGet() > allowed) {
                open.decrementAndGet();
                peer.send("* BYE [LIMIT] Too many simultaneous connections. (Failure)\r\n");
                return;
            }
            try {
                peer.send(greeting);
                while (true) {
                    String line = peer.readLine();
                    String[] w = line.split(" ", 3);
                    if (w.length < 2) {
                        continue;
                    }
                    if (w[1].equalsIgnoreCase("LOGOUT")) {
                        peer.send("* BYE bye\r\n" + w[0] + " OK done\r\n");
                        return;
                    }
                    peer.send(w[0] + " OK done\r\n");
                }
            } finally {
                open.decrementAndGet();
            }
        });
    }

    private static ImapClientConfig config(HostileServer s) {
        return ImapClient.builder("127.0.0.1").port(s.port()).tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true)
                .readTimeout(Duration.ofSeconds(10)).enableImap4rev2(false).build();
    }

    private static final ClientAuthenticator LOGIN = c -> c.login("alice", "pw");

    @Test
    void theFirstConnectionsFamilySetsTheCapOfAnUnknownHost() throws Exception {
        try (HostileServer gmail = server("* OK [CAPABILITY IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN "
                + "X-GM-EXT-1 UIDPLUS COMPRESS=DEFLATE ENABLE MOVE CONDSTORE ESEARCH UTF8=ACCEPT LIST-EXTENDED "
                + "LIST-STATUS LITERAL- SPECIAL-USE APPENDLIMIT=35651584] Gimap ready for requests\r\n", 50);
                ImapPool pool = ImapPool.create(config(gmail), LOGIN)) {
            assertEquals(PoolConfig.DEFAULT_CAP, pool.config().maxConnections(), "127.0.0.1 tells no provider");
            pool.withLease(null, lease -> null);
            assertEquals(15, pool.config().maxConnections());
            List<Fallback> f = pool.fallbacks();
            assertEquals(1, f.size(), f.toString());
            assertEquals(Fallback.Kind.QUIRK, f.get(0).kind());
            assertTrue(f.get(0).detail().contains("X-GM-EXT-1") && f.get(0).detail().contains("15"), f.toString());
        }
        try (HostileServer dovecot = server("* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE "
                + "IDLE AUTH=PLAIN] Dovecot (Debian) ready.\r\n", 50);
                ImapPool pool = ImapPool.create(config(dovecot), LOGIN)) {
            pool.withLease(null, lease -> null);
            assertEquals(PoolConfig.DEFAULT_CAP, pool.config().maxConnections());
            assertEquals(List.of(), pool.fallbacks());
        }
        try (HostileServer gmail = server("* OK [CAPABILITY IMAP4rev1 X-GM-EXT-1] Gimap ready\r\n", 50);
                ImapPool pool = ImapPool.create(config(gmail), LOGIN, PoolConfig.forHost("127.0.0.1")
                        .withMaxConnections(3))) {
            pool.withLease(null, lease -> null);
            assertEquals(3, pool.config().maxConnections(), "a cap the caller set is kept");
        }
    }

    @Test
    void aRefusalOfOneConnectionTooManyLowersTheCapAndTheLeaseWaits() throws Exception {
        try (HostileServer s = server("* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n", 2);
                ImapPool pool = ImapPool.create(config(s), LOGIN, PoolConfig.forHost("127.0.0.1")
                        .withMaxConnections(4).withLeaseTimeout(Duration.ofSeconds(20)))) {
            Lease a = pool.lease(null);
            Lease b = pool.lease(null);
            CompletableFuture<Lease> third = CompletableFuture.supplyAsync(() -> pool.lease(null));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pool.fallbacks().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(2, pool.config().maxConnections(), pool.fallbacks().toString());
            assertTrue(!third.isDone(), "the third lease waits for a lent connection instead of failing");
            a.close();
            Lease c = third.get(10, TimeUnit.SECONDS);
            List<Fallback> f = pool.fallbacks();
            assertEquals(1, f.size(), f.toString());
            assertEquals(Fallback.Kind.CONNECTION_CAP_LOWERED, f.get(0).kind());
            assertTrue(f.get(0).detail().contains("from 4 to 2"), f.get(0).detail());
            assertEquals(2, pool.stats().open());
            c.close();
            b.close();
        }
    }

    @Test
    void dovecotsConnectionLimitLowersTheCap() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.imap4j.testing.servers.DovecotServer.installed()
                || System.getenv("CI") != null, "Dovecot not installed");
        try (org.imap4j.testing.servers.DovecotServer d = org.imap4j.testing.servers.DovecotServer.start(null,
                "\nprotocol imap {\n  mail_max_userip_connections = 2\n}\n");
                ImapPool pool = ImapPool.create(ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                        .allowCleartextPasswords(true).readTimeout(Duration.ofSeconds(10)).build(),
                        c -> c.login(org.imap4j.testing.servers.DovecotServer.USER,
                                org.imap4j.testing.servers.DovecotServer.PASSWORD),
                        PoolConfig.forHost(d.host()).withMaxConnections(4).withLeaseTimeout(Duration.ofSeconds(20)))) {
            Lease a = pool.lease(null);
            Lease b = pool.lease(null);
            CompletableFuture<Lease> third = CompletableFuture.supplyAsync(() -> pool.lease(null));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pool.fallbacks().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(2, pool.config().maxConnections(), pool.fallbacks().toString());
            assertEquals(Fallback.Kind.CONNECTION_CAP_LOWERED, pool.fallbacks().get(0).kind());
            assertTrue(pool.fallbacks().get(0).detail().contains("Maximum number of connections"),
                    pool.fallbacks().toString());
            b.close();
            third.get(10, TimeUnit.SECONDS).close();
            a.close();
        }
    }
}
