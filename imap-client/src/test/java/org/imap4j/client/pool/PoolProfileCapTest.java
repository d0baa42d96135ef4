package org.imap4j.client.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imap4j.client.Fallback;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.ScriptedImapServer;
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

    /** Greets with these capabilities and text, answers OK to everything (BYE to LOGOUT). */
    private static ImapScript greeting(String text, String... capabilities) {
        List<Capability> caps = new ArrayList<>();
        for (String c : capabilities) {
            caps.add(Capability.of(c));
        }
        return ImapScript.create().greeting(new Untagged.StatusResponse(Condition.OK,
                new ResponseCode.Capabilities(caps), text)).capabilities(capabilities).handler(x -> false);
    }

    /** Serves every connection with {@code script}. */
    private static ScriptedImapServer server(ImapScript script) throws Exception {
        return ScriptedImapServer.start(script);
    }

    /**
     * Serves {@code allowed} connections with {@code script}, then refuses each further one as Gmail does (the
     * connections here are opened one after another and stay open, so connection order stands for connections open
     * at once).
     */
    private static ScriptedImapServer server(ImapScript script, int allowed) throws Exception {
        ImapScript[] scripts = new ImapScript[allowed + 1];
        java.util.Arrays.fill(scripts, 0, allowed, script);
        scripts[allowed] = ImapScript.create().greeting(new Untagged.StatusResponse(Condition.BYE,
                new ResponseCode.Simple(ResponseCode.Kind.LIMIT), "Too many simultaneous connections. (Failure)"))
                .handler(x -> false);
        return ScriptedImapServer.start(scripts);
    }

    private static ImapClientConfig config(ScriptedImapServer s) {
        return ImapClient.builder("127.0.0.1").port(s.port()).tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true)
                .readTimeout(Duration.ofSeconds(10)).enableImap4rev2(false).build();
    }

    private static final ClientAuthenticator LOGIN = c -> c.login("alice", "pw");

    @Test
    void theFirstConnectionsFamilySetsTheCapOfAnUnknownHost() throws Exception {
        try (ScriptedImapServer gmail = server(greeting("Gimap ready for requests", "IMAP4rev1", "UNSELECT", "IDLE",
                "NAMESPACE", "QUOTA", "ID", "XLIST", "CHILDREN", "X-GM-EXT-1", "UIDPLUS", "COMPRESS=DEFLATE", "ENABLE",
                "MOVE", "CONDSTORE", "ESEARCH", "UTF8=ACCEPT", "LIST-EXTENDED", "LIST-STATUS", "LITERAL-",
                "SPECIAL-USE", "APPENDLIMIT=35651584"));
                ImapPool pool = ImapPool.create(config(gmail), LOGIN)) {
            assertEquals(PoolConfig.DEFAULT_CAP, pool.config().maxConnections(), "127.0.0.1 tells no provider");
            pool.withLease(null, lease -> null);
            assertEquals(15, pool.config().maxConnections());
            List<Fallback> f = pool.fallbacks();
            assertEquals(1, f.size(), f.toString());
            assertEquals(Fallback.Kind.QUIRK, f.get(0).kind());
            assertTrue(f.get(0).detail().contains("X-GM-EXT-1") && f.get(0).detail().contains("15"), f.toString());
        }
        try (ScriptedImapServer dovecot = server(greeting("Dovecot (Debian) ready.", "IMAP4rev1", "LITERAL+",
                "SASL-IR", "LOGIN-REFERRALS", "ID", "ENABLE", "IDLE", "AUTH=PLAIN"));
                ImapPool pool = ImapPool.create(config(dovecot), LOGIN)) {
            pool.withLease(null, lease -> null);
            assertEquals(PoolConfig.DEFAULT_CAP, pool.config().maxConnections());
            assertEquals(List.of(), pool.fallbacks());
        }
        try (ScriptedImapServer gmail = server(greeting("Gimap ready", "IMAP4rev1", "X-GM-EXT-1"));
                ImapPool pool = ImapPool.create(config(gmail), LOGIN, PoolConfig.forHost("127.0.0.1")
                        .withMaxConnections(3))) {
            pool.withLease(null, lease -> null);
            assertEquals(3, pool.config().maxConnections(), "a cap the caller set is kept");
        }
    }

    @Test
    void aRefusalOfOneConnectionTooManyLowersTheCapAndTheLeaseWaits() throws Exception {
        try (ScriptedImapServer s = server(greeting("ready", "IMAP4rev1", "IDLE"), 2);
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
