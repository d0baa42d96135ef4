package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imap4j.client.oauth.AccessToken;
import org.imap4j.client.oauth.OAuth2Login;
import org.imap4j.client.oauth.RefreshingTokenSource;
import org.imap4j.client.oauth.TokenSource;
import org.imap4j.client.pool.ImapPool;
import org.imap4j.client.pool.Lease;
import org.imap4j.client.pool.PoolConfig;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OAuth 2.0 against a live Dovecot: its XOAUTH2 and OAUTHBEARER mechanisms hand the bearer token to the passdb as a
 * password, so the fixture's passwd-file stands in for a token validator (the user's password is the one valid
 * token). A stale cached token is refused and the refreshed one accepted, on both transports.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OAuth2DovecotTest {

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void staleTokenIsRefreshedAgainstDovecot(ImapClientConfig.Transport transport) throws Exception {
        run(transport, "plain login xoauth2 oauthbearer", "OAUTHBEARER");
        run(transport, "plain login xoauth2", "XOAUTH2");
    }

    private static void run(ImapClientConfig.Transport transport, String mechanisms, String expected)
            throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        try (DovecotServer dovecot = DovecotServer.start(null, "auth_mechanisms = " + mechanisms + "\n")) {
            RefreshingTokenSource tokens = RefreshingTokenSource.of(() -> AccessToken.of(Secret.of(
                    fetches.incrementAndGet() == 1 ? "stale-token" : DovecotServer.PASSWORD),
                    Instant.now().plus(Duration.ofHours(1))));
            List<String> trace = Collections.synchronizedList(new ArrayList<>());
            try (ImapClient client = ImapClient.builder(dovecot.host()).port(dovecot.imapPort())
                    .tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true).transport(transport)
                    .readTimeout(Duration.ofSeconds(30)).trace((d, t) -> trace.add(d + " " + t)).connect()) {
                OAuth2Login login = client.authenticate(DovecotServer.USER, tokens);
                assertEquals(new OAuth2Login(expected, true), login);
                assertTrue(client.isAuthenticated());
                client.select(MailboxName.INBOX);
                client.logout();
            }
            assertEquals(2, tokens.fetches());
            String all = String.join("\n", trace);
            assertFalse(all.contains("stale-token") || all.contains(DovecotServer.PASSWORD), all);
        }
    }

    /** The README's "OAuth2 and connection pools" example: pooled connections share one cached token. */
    @Test
    void pooledConnectionsAuthenticateWithTheSharedToken() throws Exception {
        try (DovecotServer dovecot = DovecotServer.start(null,
                "auth_mechanisms = plain login xoauth2 oauthbearer\n")) {
            AtomicInteger fetches = new AtomicInteger();
            TokenSource tokens = RefreshingTokenSource.of(() -> {
                fetches.incrementAndGet();
                return AccessToken.of(Secret.of(DovecotServer.PASSWORD), Instant.now().plusSeconds(3600));
            });
            ImapClientConfig cfg = ImapClient.builder(dovecot.host()).port(dovecot.imapPort())
                    .tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true).build();
            try (ImapPool pool = ImapPool.create(cfg, c -> c.authenticate(DovecotServer.USER, tokens),
                    PoolConfig.forHost(dovecot.host()).withMaxConnections(2))) {
                int unseen = pool.withLease(MailboxName.INBOX,
                        lease -> pool.withLease(MailboxName.INBOX, (Lease inner) -> {
                            assertTrue(inner.client().isAuthenticated());
                            return inner.client().search(SearchKey.unseen()).ids().size();
                        }));
                assertEquals(0, unseen);
                assertEquals(2, pool.stats().created());
                assertEquals(1, fetches.get(), "both connections used the cached token");
            }
        }
    }
}
