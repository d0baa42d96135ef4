package org.imap4j.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.imap4j.codec.core.Secret;
import org.junit.jupiter.api.Test;

class SaslChooseTest {
    private static final List<String> ALL = List.of("AUTH=LOGIN", "AUTH=PLAIN", "AUTH=CRAM-MD5", "AUTH=SCRAM-SHA-1",
            "AUTH=SCRAM-SHA-1-PLUS", "AUTH=SCRAM-SHA-256", "AUTH=SCRAM-SHA-256-PLUS");

    private static String choose(List<String> offered, boolean secure, boolean binding) {
        Optional<SaslMechanism> m = Sasl.choose(offered, "user", Secret.of("pencil"), secure, binding);
        return m.map(SaslMechanism::name).orElse("none");
    }

    @Test
    void prefersTheStrongest() {
        assertEquals("SCRAM-SHA-256-PLUS", choose(ALL, true, true));
        assertEquals("SCRAM-SHA-256", choose(ALL, true, false));
        assertEquals("SCRAM-SHA-1-PLUS", choose(List.of("SCRAM-SHA-1", "SCRAM-SHA-1-PLUS", "PLAIN"), true, true));
        assertEquals("SCRAM-SHA-1", choose(List.of("SCRAM-SHA-1", "SCRAM-SHA-1-PLUS", "PLAIN"), true, false));
        assertEquals("CRAM-MD5", choose(List.of("PLAIN", "CRAM-MD5", "LOGIN"), true, false));
        assertEquals("PLAIN", choose(List.of("LOGIN", "PLAIN"), true, false));
        assertEquals("LOGIN", choose(List.of("LOGIN", "XOAUTH2"), true, false));
    }

    @Test
    void acceptsAnyCaseAndBareNames() {
        assertEquals("SCRAM-SHA-256", choose(List.of("auth=scram-sha-256", "plain"), true, false));
    }

    @Test
    void neverSendsAPasswordInCleartext() {
        assertEquals("none", choose(List.of("PLAIN", "LOGIN"), false, false));
        assertEquals("CRAM-MD5", choose(List.of("PLAIN", "LOGIN", "CRAM-MD5"), false, false));
        assertEquals("SCRAM-SHA-256", choose(ALL, false, false));
    }

    @Test
    void nothingUsable() {
        assertEquals("none", choose(List.of("XOAUTH2", "OAUTHBEARER", "GSSAPI"), true, true));
        assertEquals("none", choose(List.of(), true, true));
        assertEquals("none", choose(List.of("SCRAM-SHA-256-PLUS"), true, false));
    }

    @Test
    void chosenMechanismsReportTheirNature() {
        assertTrue(Sasl.choose(ALL, "user", Secret.of("pencil"), true, true).orElseThrow().needsChannelBinding());
        assertTrue(Sasl.choose(List.of("PLAIN"), "u", Secret.of("p"), true, false).orElseThrow()
                .sendsReusableSecret());
    }
}
