package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.client.auth.AuthenticatorRegistry;
import org.imap4j.client.auth.Sasl;
import org.imap4j.client.auth.SaslContext;
import org.imap4j.client.auth.SaslExchange;
import org.imap4j.client.auth.SaslMechanism;
import org.imap4j.codec.core.Secret;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The authenticator registry {@code authenticate(user, password)} consults: the choice itself, a mechanism registered
 * by name against a scripted server that offers it, and the preference order live on Dovecot.
 */
class AuthenticatorRegistryTest {
    private static final Secret PW = Secret.of("pw");

    /** PLAIN under another name, for a server that offers that name. */
    private static SaslMechanism renamed(String name, SaslMechanism inner) {
        return new SaslMechanism() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean sendsReusableSecret() {
                return inner.sendsReusableSecret();
            }

            @Override
            public SaslExchange start(SaslContext context) {
                return inner.start(context);
            }
        };
    }

    private static String chosen(AuthenticatorRegistry r, List<String> offered, boolean secure, boolean binding) {
        return r.choose(offered, "u", PW, secure, binding).map(SaslMechanism::name).orElse("none");
    }

    @Test
    void theDefaultsPreferScramAndKeepPasswordsOffCleartext() {
        AuthenticatorRegistry d = AuthenticatorRegistry.defaults();
        List<String> all = List.of("AUTH=PLAIN", "AUTH=LOGIN", "auth=cram-md5", "AUTH=SCRAM-SHA-1",
                "AUTH=SCRAM-SHA-256", "AUTH=SCRAM-SHA-256-PLUS");
        assertEquals("SCRAM-SHA-256-PLUS", chosen(d, all, true, true));
        assertEquals("SCRAM-SHA-256", chosen(d, all, true, false), "-PLUS needs channel binding");
        assertEquals("CRAM-MD5", chosen(d, List.of("PLAIN", "CRAM-MD5"), false, false));
        assertEquals("none", chosen(d, List.of("PLAIN", "LOGIN"), false, false), "no password in cleartext");
        assertEquals("PLAIN", chosen(d, List.of("PLAIN", "LOGIN"), true, false));
    }

    @Test
    void preferenceOrderAndRegistration() {
        AuthenticatorRegistry r = AuthenticatorRegistry.defaults().preferring("PLAIN", "SCRAM-SHA-256");
        assertEquals(List.of("PLAIN", "SCRAM-SHA-256"), r.preference());
        assertEquals("PLAIN", chosen(r, List.of("SCRAM-SHA-256", "PLAIN"), true, false));
        assertEquals("SCRAM-SHA-256", chosen(r, List.of("SCRAM-SHA-256", "PLAIN"), false, false));
        assertEquals("none", chosen(r, List.of("CRAM-MD5"), true, false), "a mechanism not named is not used");

        AuthenticatorRegistry x = AuthenticatorRegistry.defaults().register("x-test",
                (u, p, c) -> c.offered().contains("PLAIN") ? null : renamed("X-TEST", Sasl.plain(u, p)));
        assertEquals("X-TEST", x.preference().get(0), "a new mechanism goes first");
        assertEquals("X-TEST", chosen(x, List.of("X-TEST", "SCRAM-SHA-256"), true, false));
        assertEquals("SCRAM-SHA-256", chosen(x, List.of("X-TEST", "SCRAM-SHA-256", "PLAIN"), true, false),
                "a factory may decline");
        assertEquals("none", chosen(x, List.of("X-TEST"), false, false), "a reusable secret needs TLS");
        assertThrows(IllegalArgumentException.class, () -> x.preferring("NOPE"));
        assertThrows(IllegalArgumentException.class, () -> x.preferring("PLAIN", "plain"));
        assertThrows(IllegalArgumentException.class, () -> x.register("bad name\r\n", (u, p, c) -> null));
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aRegisteredMechanismIsUsedWhenTheServerOffersIt(ImapClientConfig.Transport transport) throws Exception {
        ImapScript script = ImapScript.create().greeting("IMAP4rev1", "AUTH=X-TEST", "AUTH=PLAIN").handler(x -> {
            if (x.command() instanceof Command.Authenticate a) {
                if (a.initialResponse() == null) {
                    x.continuation("");
                    x.readLine(); // the client's response
                }
                x.ok(new ResponseCode.Capabilities(List.of(Capability.of("IMAP4rev1"))), "in");
                return true;
            }
            return false;
        });
        try (ScriptedImapServer server = ScriptedImapServer.start(script);
                ImapClient c = HandlerScripts.client(server, transport).authenticators(AuthenticatorRegistry.defaults()
                        .register("X-TEST", (u, p, conn) -> renamed("X-TEST", Sasl.plain(u, p)))).connect()) {
            c.authenticate("alice", Secret.of("secret"));
            assertTrue(server.received().stream().anyMatch(t -> t.command() instanceof Command.Authenticate a
                    && a.mechanism().equals("X-TEST")), server.received()::toString);
        }
    }

    /** Live: Dovecot offers PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-1 and SCRAM-SHA-256; the order picks one. */
    @Test
    void thePreferenceOrderPicksTheMechanismOnDovecot() {
        try (DovecotServer d = DovecotServer.startOrSkip()) {
            for (String preferred : List.of("CRAM-MD5", "SCRAM-SHA-1", "PLAIN")) {
                List<String> used = new CopyOnWriteArrayList<>();
                AuthenticatorRegistry base = AuthenticatorRegistry.defaults();
                AuthenticatorRegistry reg = base
                        .register("CRAM-MD5", (u, p, c) -> {
                            used.add("CRAM-MD5");
                            return Sasl.cramMd5(u, p);
                        })
                        .register("SCRAM-SHA-1", (u, p, c) -> {
                            used.add("SCRAM-SHA-1");
                            return Sasl.scramSha1(u, p);
                        })
                        .register("PLAIN", (u, p, c) -> {
                            used.add("PLAIN");
                            return Sasl.plain(u, p);
                        })
                        .preferring(preferred, "SCRAM-SHA-256");
                try (ImapClient c = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                        .allowCleartextPasswords(true).readTimeout(Duration.ofSeconds(20)).authenticators(reg)
                        .connect()) {
                    c.authenticate(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD));
                    assertTrue(c.isAuthenticated());
                    assertEquals(List.of(preferred), used);
                    assertEquals(Set.of(), Set.copyOf(used.subList(1, used.size())));
                }
            }
        }
    }
}
