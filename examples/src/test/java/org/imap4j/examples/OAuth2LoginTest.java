package org.imap4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.api.Test;

/**
 * GreenMail offers no AUTH=XOAUTH2 or AUTH=OAUTHBEARER, so a scripted server checks the initial client response byte
 * for byte and answers as Gmail does.
 */
class OAuth2LoginTest {
    private static final String USER = "someone@example.org";
    private static final String TOKEN = "ya29.a0AfH6SMBx-token";

    @Test
    void xoauth2SendsUserAndBearerTokenInTheInitialResponse() throws IOException {
        String expected = "user=" + USER + "\u0001auth=Bearer " + TOKEN + "\u0001\u0001";
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ScriptedImapServer server = oauthServer("XOAUTH2", () -> expected, true, seen)) {
            AtomicInteger asked = new AtomicInteger();
            Servers.Output out = new Servers.Output();

            String used = OAuth2Login.run(plain(server), USER, counting(asked), out.stream);

            assertEquals(List.of(), server.problems());
            assertEquals("XOAUTH2", used);
            assertEquals(1, asked.get(), "the token is asked for once per connection");
            assertTrue(out.text().contains("authenticated with XOAUTH2"), out.text());
            assertTrue(out.text().contains("2 messages in INBOX"), out.text());
            assertEquals(List.of("AUTHENTICATE", "SELECT", "LOGOUT"), withoutCapability(seen));
        }
    }

    @Test
    void oauthBearerIsPreferredAndCarriesTheGs2HeaderHostAndPort() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        int[] port = new int[1];
        // the expected response names the port, known once the server listens: the handler reads it late
        try (ScriptedImapServer server = oauthServer("OAUTHBEARER", () -> "n,a=" + USER + ",\u0001host=127.0.0.1"
                + "\u0001port=" + port[0] + "\u0001auth=Bearer " + TOKEN + "\u0001\u0001", true, seen)) {
            port[0] = server.port();
            Servers.Output out = new Servers.Output();

            String used = OAuth2Login.run(plain(server), USER, () -> Secret.of(TOKEN), out.stream);

            assertEquals(List.of(), server.problems());
            assertEquals("OAUTHBEARER", used);
            assertTrue(out.text().contains("2 messages in INBOX"), out.text());
        }
    }

    @Test
    void anExpiredTokenIsAnAuthenticationFailureAfterTheServersErrorChallenge() throws IOException {
        String expected = "user=" + USER + "\u0001auth=Bearer " + TOKEN + "\u0001\u0001";
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ScriptedImapServer server = oauthServer("XOAUTH2", () -> expected, false, seen)) {
            Servers.Output out = new Servers.Output();

            ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class,
                    () -> OAuth2Login.run(plain(server), USER, () -> Secret.of(TOKEN), out.stream));

            assertEquals(List.of(), server.problems());
            assertTrue(!e.getMessage().contains(TOKEN), "no token in the message: " + e.getMessage());
            assertTrue(!out.text().contains("authenticated"), out.text());
        }
    }

    /** Cleartext to the scripted server: tokens over cleartext must be allowed explicitly (loopback only). */
    private static ImapClientConfig.Builder plain(ScriptedImapServer server) {
        return ImapClient.builder(server.host()).port(server.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true);
    }

    private static Supplier<Secret> counting(AtomicInteger asked) {
        return () -> {
            asked.incrementAndGet();
            return Secret.of(TOKEN);
        };
    }

    private static List<String> withoutCapability(List<String> seen) {
        List<String> out = new ArrayList<>(seen);
        out.remove("CAPABILITY");
        return out;
    }

    /**
     * Offers only {@code mechanism} (with SASL-IR); checks the initial response; then accepts it, or (as Gmail does
     * for an expired token) sends a base64 JSON error challenge, takes the client's empty answer and says NO.
     */
    private static ScriptedImapServer oauthServer(String mechanism, Supplier<String> expectedInitialResponse,
            boolean accept, List<String> seen) throws IOException {
        String[] caps = {"IMAP4rev1", "SASL-IR", "AUTH=" + mechanism};
        return ScriptedImapServer.start(ImapScript.create().greeting(new Untagged.StatusResponse(Condition.OK,
                new ResponseCode.Capabilities(Arrays.stream(caps).map(Capability::of).toList()), "ready"))
                .capabilities(caps).handler(x -> {
                    Command cmd = x.command();
                    seen.add(cmd.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT));
                    if (cmd instanceof Command.Capability) {
                        return false; // the default answer lists caps
                    } else if (cmd instanceof Command.Authenticate a) {
                        String expected = expectedInitialResponse.get();
                        if (!a.mechanism().equals(mechanism) || a.initialResponse() == null
                                || !a.initialResponse().utf8().equals(expected)) {
                            x.fail("unexpected AUTHENTICATE " + a.mechanism() + " "
                                    + (a.initialResponse() == null ? "without initial response"
                                            : a.initialResponse().utf8().replace('\u0001', '|')));
                            x.no("unexpected");
                        } else if (accept) {
                            x.ok("authenticated");
                        } else {
                            // Gmail's error challenge: base64 of {"status":"401","schemes":"Bearer"}
                            x.continuation("eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiQmVhcmVyIn0=");
                            String answer = x.readLine();
                            if (answer == null || (!answer.isEmpty() && !answer.equals("AQ=="))) {
                                x.fail("the client's answer to the error challenge: " + answer);
                            }
                            x.no(new ResponseCode.Simple(ResponseCode.Kind.AUTHENTICATIONFAILED), "invalid token");
                        }
                    } else if (cmd instanceof Command.Select) {
                        x.send(new Untagged.Exists(2), new Untagged.StatusResponse(Condition.OK,
                                new ResponseCode.UidValidity(7), "ok"));
                        x.ok(new ResponseCode.Simple(ResponseCode.Kind.READ_WRITE), "selected");
                    } else if (cmd instanceof Command.Logout) {
                        return false; // BYE, then OK
                    } else {
                        x.fail("unexpected command " + cmd);
                        x.bad("unexpected");
                    }
                    return true;
                }));
    }
}
