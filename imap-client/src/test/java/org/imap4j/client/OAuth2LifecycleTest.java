package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imap4j.client.auth.AuthFailure;
import org.imap4j.client.auth.AuthFailureException;
import org.imap4j.client.oauth.AccessToken;
import org.imap4j.client.oauth.OAuth2Login;
import org.imap4j.client.oauth.RefreshingTokenSource;
import org.imap4j.client.oauth.TokenSource;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.session.testing.HostileServer;
import org.imap4j.session.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16 item 3 against a scripted OAuth server on both transports: a token that expires at a random point in the
 * middle of a FETCH or of an IDLE (BYE with Microsoft's "AccessTokenExpired"), the refused old token and the accepted
 * refreshed one on the next connection, the JSON error challenge, a failing refresh, Microsoft's "authenticated but
 * not connected", the mechanism choice, and that no token reaches the trace, the logs or a message.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OAuth2LifecycleTest {
    private static final String USER = "someone@example.com";
    private static final int MESSAGES = 40;

    /** The identity provider and the IMAP server share which token generation is valid. */
    static final class OAuthWorld {
        final AtomicInteger generation = new AtomicInteger(1);
        final AtomicInteger fetched = new AtomicInteger();
        final List<String> mechanisms = Collections.synchronizedList(new ArrayList<>());
        final List<String> tokensSeen = Collections.synchronizedList(new ArrayList<>());
        volatile String capabilities = "IMAP4rev1 IDLE SASL-IR AUTH=XOAUTH2";
        volatile String refusal = "NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)";
        volatile String json;
        volatile boolean notConnected;
        volatile int byeAtFetch = -1;
        volatile boolean byeInIdle;
        volatile boolean idpFails;
        volatile boolean idpIssuesStale;

        String valid() {
            return "tok-" + generation.get() + "-s3cr3t";
        }

        /** The identity provider: a fresh token at every call. */
        TokenSource idp() {
            return () -> {
                fetched.incrementAndGet();
                if (idpFails) {
                    throw new IOException("invalid_grant from the identity provider");
                }
                return AccessToken.of(Secret.of(idpIssuesStale ? "tok-0-s3cr3t" : valid()),
                        Instant.now().plus(Duration.ofHours(1)));
            };
        }

        HostileServer.Script script() {
            return peer -> {
                peer.send("* OK [CAPABILITY " + capabilities + "] oauth scripted\r\n");
                boolean authed = false;
                while (true) {
                    String line = peer.readLine();
                    String[] w = line.split(" ");
                    if (w.length < 2) {
                        continue;
                    }
                    String tag = w[0];
                    String verb = w[1].toUpperCase(Locale.ROOT);
                    if (verb.equals("UID") && w.length > 2) {
                        verb = w[2].toUpperCase(Locale.ROOT);
                    }
                    if (authed && notConnected && !verb.equals("LOGOUT")) {
                        peer.send(tag + " BAD User is authenticated but not connected.\r\n");
                        continue;
                    }
                    switch (verb) {
                        case "AUTHENTICATE" -> {
                            mechanisms.add(w[2]);
                            String ir = w.length > 3 ? w[3] : null;
                            if (ir == null) {
                                peer.send("+ \r\n");
                                ir = peer.readLine();
                            }
                            String decoded = new String(Base64.getDecoder().decode(ir), StandardCharsets.UTF_8);
                            int at = decoded.indexOf("auth=Bearer ");
                            String token = decoded.substring(at + 12, decoded.indexOf('\u0001', at));
                            tokensSeen.add(token);
                            if (token.equals(valid())) {
                                authed = true;
                                peer.send(tag + " OK AUTHENTICATE completed.\r\n");
                            } else if (json != null) {
                                peer.send("+ " + Base64.getEncoder().encodeToString(
                                        json.getBytes(StandardCharsets.UTF_8)) + "\r\n");
                                peer.readLine(); // the client's empty (or ^A) answer
                                peer.send(tag + " NO Authentication failed\r\n");
                            } else {
                                peer.send(tag + " " + refusal + "\r\n");
                            }
                        }
                        case "CAPABILITY" -> peer.send("* CAPABILITY " + capabilities + "\r\n" + tag + " OK\r\n");
                        case "SELECT", "EXAMINE" -> peer.send("* " + MESSAGES + " EXISTS\r\n"
                                + "* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT " + (MESSAGES + 1) + "] ok\r\n"
                                + tag + " OK [READ-WRITE] selected\r\n");
                        case "FETCH" -> {
                            for (int i = 1; i <= MESSAGES; i++) {
                                if (i == byeAtFetch) {
                                    byeAtFetch = -1;
                                    generation.incrementAndGet();
                                    peer.send("* BYE Session invalidated - AccessTokenExpired\r\n");
                                    return;
                                }
                                peer.send("* " + i + " FETCH (UID " + i + " FLAGS (\\Seen))\r\n");
                            }
                            peer.send(tag + " OK FETCH completed\r\n");
                        }
                        case "IDLE" -> {
                            peer.send("+ idling\r\n");
                            if (byeInIdle) {
                                byeInIdle = false;
                                peer.send("* " + (MESSAGES + 1) + " EXISTS\r\n");
                                generation.incrementAndGet();
                                peer.send("* BYE Session invalidated - AccessTokenExpired\r\n");
                                return;
                            }
                            peer.readLine();
                            peer.send(tag + " OK IDLE terminated\r\n");
                        }
                        case "LOGOUT" -> {
                            peer.send("* BYE bye\r\n" + tag + " OK LOGOUT done\r\n");
                            return;
                        }
                        default -> peer.send(tag + " OK done\r\n");
                    }
                }
            };
        }
    }

    private static ImapClient connect(HostileServer server, ImapClientConfig.Transport transport,
                                      List<String> trace) {
        return ScriptedImap.client(server, transport)
                .trace((direction, text) -> trace.add(direction + " " + text)).connect();
    }

    /** Every message of the cause chain, for the no-secret assertions. */
    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable x = t; x != null; x = x.getCause()) {
            sb.append(x).append('\n');
        }
        return sb.toString();
    }

    private static void assertNoToken(String where, String text) {
        assertFalse(text.contains("s3cr3t"), where + " shows a token: " + text);
        assertFalse(text.contains(Base64.getEncoder().encodeToString("auth=Bearer".getBytes(StandardCharsets.UTF_8))
                .substring(0, 8)), where + " shows an encoded token: " + text);
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void tokenExpiresAtARandomPointMidFetchAndTheNextConnectionRefreshes(ImapClientConfig.Transport transport)
            throws Exception {
        long seed = System.nanoTime();
        int byeAt = 2 + new Random(seed).nextInt(MESSAGES - 2);
        OAuthWorld world = new OAuthWorld();
        RefreshingTokenSource tokens = RefreshingTokenSource.of(world.idp());
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        try (LogCapture logs = LogCapture.start(); HostileServer server = HostileServer.start(world.script())) {
            ImapClient first = connect(server, transport, trace);
            assertEquals(new OAuth2Login("XOAUTH2", false), first.authenticate(USER, tokens));
            first.select(MailboxName.INBOX);
            world.byeAtFetch = byeAt;
            ImapConnectionException lost = assertThrows(ImapConnectionException.class,
                    () -> first.fetch(SequenceSet.all(), FetchAttribute.Item.FLAGS), "seed " + seed);
            assertEquals(AuthFailure.TOKEN_INVALID, AuthFailureException.classify(lost, true).orElseThrow(),
                    "the BYE names the expired token: " + lost.getMessage());
            first.close();

            // The supervisor's next connection: the cached token is refused, a refreshed one is accepted.
            try (ImapClient second = connect(server, transport, trace)) {
                OAuth2Login login = second.authenticate(USER, tokens);
                assertEquals(new OAuth2Login("XOAUTH2", true), login);
                second.select(MailboxName.INBOX);
                assertEquals(MESSAGES, second.fetch(SequenceSet.all(), FetchAttribute.Item.FLAGS).size());
                second.logout();
            }
            assertEquals(List.of("tok-1-s3cr3t", "tok-1-s3cr3t", "tok-2-s3cr3t"), world.tokensSeen);
            assertEquals(2, tokens.fetches());
            assertNoToken("the trace", String.join("\n", trace));
            assertNoToken("the logs", logs.dump());
            assertNoToken("the failure", messages(lost));
            assertEquals(List.of(), server.errors());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void tokenExpiresMidIdle(ImapClientConfig.Transport transport) throws Exception {
        OAuthWorld world = new OAuthWorld();
        RefreshingTokenSource tokens = RefreshingTokenSource.of(world.idp());
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        try (HostileServer server = HostileServer.start(world.script())) {
            ImapClient first = connect(server, transport, trace);
            first.authenticate(USER, tokens);
            first.select(MailboxName.INBOX);
            world.byeInIdle = true;
            Idle idle = first.idle();
            ImapException ended = assertThrows(ImapException.class, idle::await);
            assertEquals(AuthFailure.TOKEN_INVALID, AuthFailureException.classify(ended, true).orElseThrow(),
                    messages(ended));
            first.close();
            try (ImapClient second = connect(server, transport, trace)) {
                assertTrue(second.authenticate(USER, tokens).refreshed());
                second.logout();
            }
            assertEquals(List.of("tok-1-s3cr3t", "tok-1-s3cr3t", "tok-2-s3cr3t"), world.tokensSeen);
            assertNoToken("the trace", String.join("\n", trace));
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void jsonChallengeMeansRefreshOnceOnTheSameConnection(ImapClientConfig.Transport transport) throws Exception {
        OAuthWorld world = new OAuthWorld();
        world.json = "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.example/\"}";
        world.generation.set(5); // the first token the source returns (tok-5) is made stale below
        RefreshingTokenSource tokens = RefreshingTokenSource.of(world.idp());
        tokens.token();
        world.generation.set(6);
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        try (HostileServer server = HostileServer.start(world.script());
             ImapClient client = connect(server, transport, trace)) {
            assertEquals(new OAuth2Login("XOAUTH2", true), client.authenticate(USER, tokens));
            assertEquals(1, server.connections());
            assertEquals(List.of("tok-5-s3cr3t", "tok-6-s3cr3t"), world.tokensSeen);
            assertNoToken("the trace", String.join("\n", trace));
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void insufficientScopeIsNotRefreshed(ImapClientConfig.Transport transport) throws Exception {
        OAuthWorld world = new OAuthWorld();
        world.json = "{\"status\":\"insufficient_scope\",\"scope\":\"mail\"}";
        world.idpIssuesStale = true;
        try (HostileServer server = HostileServer.start(world.script());
             ImapClient client = connect(server, transport, new ArrayList<>())) {
            AuthFailureException e = assertThrows(AuthFailureException.class,
                    () -> client.authenticate(USER, RefreshingTokenSource.of(world.idp())));
            assertEquals(AuthFailure.INSUFFICIENT_SCOPE, e.reason());
            assertFalse(e.tokenRefreshed());
            assertEquals(1, world.tokensSeen.size());
            assertNoToken("the failure", messages(e));
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void refreshedTokenRefusedTooIsTokenInvalidAfterOneRefresh(ImapClientConfig.Transport transport)
            throws Exception {
        OAuthWorld world = new OAuthWorld();
        world.idpIssuesStale = true;
        try (HostileServer server = HostileServer.start(world.script());
             ImapClient client = connect(server, transport, new ArrayList<>())) {
            RefreshingTokenSource tokens = RefreshingTokenSource.of(world.idp());
            AuthFailureException e = assertThrows(AuthFailureException.class,
                    () -> client.authenticate(USER, tokens));
            assertEquals(AuthFailure.TOKEN_INVALID, e.reason());
            assertTrue(e.tokenRefreshed());
            assertEquals(2, world.tokensSeen.size(), "exactly one refresh");
            assertEquals(2, tokens.fetches());
            assertNoToken("the failure", messages(e));
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void failingRefreshIsTokenSourceFailed(ImapClientConfig.Transport transport) throws Exception {
        OAuthWorld world = new OAuthWorld();
        RefreshingTokenSource tokens = RefreshingTokenSource.of(world.idp());
        tokens.token(); // tok-1, then the server moves on and the identity provider starts refusing
        world.generation.set(2);
        world.idpFails = true;
        try (HostileServer server = HostileServer.start(world.script());
             ImapClient client = connect(server, transport, new ArrayList<>())) {
            AuthFailureException e = assertThrows(AuthFailureException.class,
                    () -> client.authenticate(USER, tokens));
            assertEquals(AuthFailure.TOKEN_SOURCE_FAILED, e.reason());
            assertTrue(e.tokenRefreshed());
            assertInstanceOf(IOException.class, e.getCause());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void microsoftAuthenticatedButNotConnected(ImapClientConfig.Transport transport) throws Exception {
        OAuthWorld world = new OAuthWorld();
        world.notConnected = true;
        try (HostileServer server = HostileServer.start(world.script());
             ImapClient client = connect(server, transport, new ArrayList<>())) {
            AuthFailureException e = assertThrows(AuthFailureException.class,
                    () -> client.authenticate(USER, RefreshingTokenSource.of(world.idp())));
            assertEquals(AuthFailure.AUTHENTICATED_NOT_CONNECTED, e.reason());
            assertFalse(e.tokenRefreshed(), "a tenant misconfiguration is not a token problem");
            assertEquals(1, world.tokensSeen.size());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void limitAndUnavailableAreTyped(ImapClientConfig.Transport transport) throws Exception {
        OAuthWorld world = new OAuthWorld();
        world.idpIssuesStale = true;
        String[][] cases = {
            {"NO [LIMIT] Too many simultaneous connections. (Failure)", "TOO_MANY_CONNECTIONS"},
            {"NO Too many simultaneous connections", "TOO_MANY_CONNECTIONS"},
            {"NO [UNAVAILABLE] Mailbox server busy", "ACCOUNT_UNAVAILABLE"},
            {"NO [PRIVACYREQUIRED] Use TLS", "ACCOUNT_UNAVAILABLE"},
            {"NO [EXPIRED] Account expired \u001b[2J", "ACCOUNT_UNAVAILABLE"},
        };
        try (HostileServer server = HostileServer.start(world.script())) {
            for (String[] c : cases) {
                world.refusal = c[0];
                try (ImapClient client = connect(server, transport, new ArrayList<>())) {
                    AuthFailureException e = assertThrows(AuthFailureException.class,
                            () -> client.authenticate(USER, RefreshingTokenSource.of(world.idp())));
                    assertEquals(AuthFailure.valueOf(c[1]), e.reason(), c[0]);
                    assertFalse(e.getMessage().contains("\u001b"), "escaped: " + e.getMessage());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void oauthBearerIsPreferredWhenOffered(ImapClientConfig.Transport transport) throws Exception {
        OAuthWorld world = new OAuthWorld();
        world.capabilities = "IMAP4rev1 SASL-IR AUTH=XOAUTH2 AUTH=OAUTHBEARER";
        try (HostileServer server = HostileServer.start(world.script());
             ImapClient client = connect(server, transport, new ArrayList<>())) {
            assertEquals(new OAuth2Login("OAUTHBEARER", false),
                    client.authenticate(USER, RefreshingTokenSource.of(world.idp())));
            assertEquals(List.of("OAUTHBEARER"), world.mechanisms);
        }
        world.capabilities = "IMAP4rev1 SASL-IR AUTH=PLAIN";
        world.mechanisms.clear();
        try (HostileServer server = HostileServer.start(world.script());
             ImapClient client = connect(server, transport, new ArrayList<>())) {
            assertThrows(ImapCapabilityException.class,
                    () -> client.authenticate(USER, RefreshingTokenSource.of(world.idp())));
            assertEquals(List.of(), world.mechanisms);
        }
    }

    @Test
    void asyncClientRefreshesToo() throws Exception {
        OAuthWorld world = new OAuthWorld();
        RefreshingTokenSource tokens = RefreshingTokenSource.of(world.idp());
        tokens.token();
        world.generation.set(2);
        try (HostileServer server = HostileServer.start(world.script());
             AsyncImapClient client = ScriptedImap.client(server, ImapClientConfig.Transport.NIO).connectAsync()
                     .get(30, TimeUnit.SECONDS)) {
            assertEquals(new OAuth2Login("XOAUTH2", true),
                    client.authenticate(USER, tokens).get(30, TimeUnit.SECONDS));
        }
    }
}
