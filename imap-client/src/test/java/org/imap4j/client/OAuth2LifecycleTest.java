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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.testing.LogCapture;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.Responses;
import org.imap4j.testing.ScriptedImapServer;
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

        /** @return a server script greeting with {@link #capabilities} as they are now */
        ImapScript script() {
            Set<Integer> authed = ConcurrentHashMap.newKeySet();
            return ImapScript.create().greeting(capabilities.split(" ")).handler(x -> {
                Command c = x.command();
                if (authed.contains(x.connection()) && notConnected && !(c instanceof Command.Logout)) {
                    x.bad("User is authenticated but not connected.");
                    return true;
                }
                if (c instanceof Command.Authenticate a) {
                    mechanisms.add(a.mechanism());
                    String decoded;
                    if (a.initialResponse() != null) {
                        decoded = a.initialResponse().utf8();
                    } else {
                        x.continuation("");
                        decoded = new String(Base64.getDecoder().decode(x.readLine()), StandardCharsets.UTF_8);
                    }
                    int at = decoded.indexOf("auth=Bearer ");
                    String token = decoded.substring(at + 12, decoded.indexOf('\u0001', at));
                    tokensSeen.add(token);
                    if (token.equals(valid())) {
                        authed.add(x.connection());
                        x.ok("AUTHENTICATE completed.");
                    } else if (json != null) {
                        x.continuation(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
                        x.readLine(); // the client's empty (or ^A) answer
                        x.no("Authentication failed");
                    } else {
                        // raw: the refusals are servers' own texts, one with a control character the codec would
                        // not write
                        x.sendRaw(x.tag().value() + " " + refusal + "\r\n");
                    }
                } else if (c instanceof Command.Capability) {
                    x.send(new Untagged.Capabilities(Arrays.stream(capabilities.split(" "))
                            .map(Capability::of).toList()));
                    x.ok();
                } else if (c instanceof Command.Select || c instanceof Command.Examine) {
                    x.send(new Untagged.Exists(MESSAGES), Responses.ok(new ResponseCode.UidValidity(7), "ok"),
                            Responses.ok(new ResponseCode.UidNext(MESSAGES + 1), "ok"));
                    x.ok(new ResponseCode.Simple(ResponseCode.Kind.READ_WRITE), "selected");
                } else if (c instanceof Command.Fetch) {
                    for (int i = 1; i <= MESSAGES; i++) {
                        if (i == byeAtFetch) {
                            byeAtFetch = -1;
                            generation.incrementAndGet();
                            x.send(Responses.bye("Session invalidated - AccessTokenExpired"));
                            x.close();
                            return true;
                        }
                        x.send(new Untagged.Fetch(i, List.of(new FetchItem.Uid(i),
                                new FetchItem.Flags(List.of(Flag.SEEN)))));
                    }
                    x.ok("FETCH completed");
                } else if (c instanceof Command.Idle) {
                    x.continuation("idling");
                    if (byeInIdle) {
                        byeInIdle = false;
                        x.send(new Untagged.Exists(MESSAGES + 1));
                        generation.incrementAndGet();
                        x.send(Responses.bye("Session invalidated - AccessTokenExpired"));
                        x.close();
                        return true;
                    }
                    x.readLine();
                    x.ok("IDLE terminated");
                } else {
                    return false; // LOGOUT: BYE and OK; anything else: OK
                }
                return true;
            });
        }
    }

    private static ImapClient connect(ScriptedImapServer server, ImapClientConfig.Transport transport,
                                      List<String> trace) {
        return HandlerScripts.client(server, transport)
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
        try (LogCapture logs = LogCapture.start(); ScriptedImapServer server = ScriptedImapServer.start(world.script())) {
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
            assertEquals(List.of(), server.problems());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void tokenExpiresMidIdle(ImapClientConfig.Transport transport) throws Exception {
        OAuthWorld world = new OAuthWorld();
        RefreshingTokenSource tokens = RefreshingTokenSource.of(world.idp());
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        try (ScriptedImapServer server = ScriptedImapServer.start(world.script())) {
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
        try (ScriptedImapServer server = ScriptedImapServer.start(world.script());
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
        try (ScriptedImapServer server = ScriptedImapServer.start(world.script());
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
        try (ScriptedImapServer server = ScriptedImapServer.start(world.script());
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
        try (ScriptedImapServer server = ScriptedImapServer.start(world.script());
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
        try (ScriptedImapServer server = ScriptedImapServer.start(world.script());
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
        try (ScriptedImapServer server = ScriptedImapServer.start(world.script())) {
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
        try (ScriptedImapServer server = ScriptedImapServer.start(world.script());
             ImapClient client = connect(server, transport, new ArrayList<>())) {
            assertEquals(new OAuth2Login("OAUTHBEARER", false),
                    client.authenticate(USER, RefreshingTokenSource.of(world.idp())));
            assertEquals(List.of("OAUTHBEARER"), world.mechanisms);
        }
        world.capabilities = "IMAP4rev1 SASL-IR AUTH=PLAIN";
        world.mechanisms.clear();
        try (ScriptedImapServer server = ScriptedImapServer.start(world.script());
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
        try (ScriptedImapServer server = ScriptedImapServer.start(world.script());
             AsyncImapClient client = HandlerScripts.client(server, ImapClientConfig.Transport.NIO).connectAsync()
                     .get(30, TimeUnit.SECONDS)) {
            assertEquals(new OAuth2Login("XOAUTH2", true),
                    client.authenticate(USER, tokens).get(30, TimeUnit.SECONDS));
        }
    }
}
