package org.imap4j.client.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Secret;
import org.junit.jupiter.api.Test;

/** PLAIN, LOGIN, CRAM-MD5, XOAUTH2, OAUTHBEARER and EXTERNAL. */
class SaslMechanismsTest {
    private static final SaslContext CONTEXT = SaslContext.of("server.example.com", 143, true);

    private static String b64(Bytes b) {
        return Base64.getEncoder().encodeToString(b.toByteArray());
    }

    private static Bytes unb64(String s) {
        return Bytes.of(Base64.getDecoder().decode(s));
    }

    /** RFC 4616 section 4: the two examples. */
    @Test
    void plainRfc4616Examples() {
        SaslExchange x = Sasl.plain("tim", Secret.of("tanstaaftanstaaf")).start(CONTEXT);
        assertTrue(x.hasInitialResponse());
        assertFalse(x.isComplete());
        assertEquals("\u0000tim\u0000tanstaaftanstaaf", x.initialResponse().utf8());
        assertEquals("AHRpbQB0YW5zdGFhZnRhbnN0YWFm", b64(x.initialResponse()));
        assertTrue(x.isComplete());

        SaslExchange y = Sasl.plain("Ursel", "Kurt", Secret.of("xipj3plmq")).start(CONTEXT);
        assertEquals("Ursel\u0000Kurt\u0000xipj3plmq", y.initialResponse().utf8());
    }

    @Test
    void plainFlags() {
        SaslMechanism m = Sasl.plain("tim", Secret.of("x"));
        assertEquals("PLAIN", m.name());
        assertTrue(m.sendsReusableSecret());
        assertFalse(m.needsChannelBinding());
        assertFalse(m.toString().contains("\"x\""));
    }

    @Test
    void plainWithoutSaslIrAndUnexpectedChallenge() {
        SaslExchange x = Sasl.plain("tim", Secret.of("pw")).start(CONTEXT);
        assertEquals("\u0000tim\u0000pw", x.evaluate(Bytes.empty()).utf8());
        assertThrows(ImapAuthenticationException.class, () -> x.evaluate(Bytes.utf8("more?")));
    }

    @Test
    void plainRefusesNul() {
        assertThrows(IllegalArgumentException.class, () -> Sasl.plain("t\u0000m", Secret.of("pw")));
        assertThrows(IllegalArgumentException.class, () -> Sasl.plain("tim", Secret.of("p\u0000w")));
    }

    @Test
    void loginAnswersByOrderNotByText() {
        SaslMechanism m = Sasl.login("tim", Secret.of("pw"));
        assertEquals("LOGIN", m.name());
        assertTrue(m.sendsReusableSecret());
        SaslExchange x = m.start(CONTEXT);
        assertFalse(x.hasInitialResponse());
        assertThrows(IllegalStateException.class, x::initialResponse);
        assertEquals("tim", x.evaluate(Bytes.utf8("Benutzername:")).utf8());
        assertFalse(x.isComplete());
        assertEquals("pw", x.evaluate(Bytes.utf8("Username:")).utf8());
        assertTrue(x.isComplete());
        assertThrows(ImapAuthenticationException.class, () -> x.evaluate(Bytes.utf8("Password:")));
    }

    /** RFC 2195 section 2: the example exchange. */
    @Test
    void cramMd5Rfc2195Example() {
        SaslMechanism m = Sasl.cramMd5("tim", Secret.of("tanstaaftanstaaf"));
        assertEquals("CRAM-MD5", m.name());
        assertFalse(m.sendsReusableSecret());
        SaslExchange x = m.start(CONTEXT);
        assertFalse(x.hasInitialResponse());
        Bytes challenge = unb64("PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+");
        assertEquals("<1896.697170952@postoffice.reston.mci.net>", challenge.utf8());
        Bytes answer = x.evaluate(challenge);
        assertEquals("tim b913a602c7eda7a495b4e6e7334d3890", answer.utf8());
        assertEquals("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw", b64(answer));
        assertTrue(x.isComplete());
        assertThrows(ImapAuthenticationException.class, () -> x.evaluate(challenge));
    }

    @Test
    void cramMd5RefusesAnEmptyChallenge() {
        SaslExchange x = Sasl.cramMd5("tim", Secret.of("pw")).start(CONTEXT);
        assertThrows(ImapAuthenticationException.class, () -> x.evaluate(Bytes.empty()));
    }

    @Test
    void xoauth2InitialResponseAndError() {
        SaslMechanism m = Sasl.xoauth2("someuser@example.com", Secret.of("ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"));
        assertEquals("XOAUTH2", m.name());
        assertTrue(m.sendsReusableSecret());
        SaslExchange x = m.start(CONTEXT);
        // Google's documented example.
        assertEquals("dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ==",
                b64(x.initialResponse()));
        assertNull(x.serverError());
        String json = "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}";
        assertEquals(Bytes.empty(), x.evaluate(Bytes.utf8(json)));
        assertEquals(json, x.serverError());
        assertThrows(ImapAuthenticationException.class, () -> x.evaluate(Bytes.utf8(json)));
    }

    /** RFC 7628 section 4.1 and 4.3: the successful and the failed examples. */
    @Test
    void oauthBearerRfc7628Examples() {
        SaslMechanism m = Sasl.oauthBearer("user@example.com", Secret.of("vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg=="));
        assertEquals("OAUTHBEARER", m.name());
        assertTrue(m.sendsReusableSecret());
        SaslExchange x = m.start(CONTEXT);
        assertEquals("n,a=user@example.com,\u0001host=server.example.com\u0001port=143"
                + "\u0001auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\u0001\u0001", x.initialResponse().utf8());
        assertEquals("bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9MTQzAWF1dGg9QmVhcmVyI"
                + "HZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQEB", b64(x.initialResponse()));
        assertTrue(x.isComplete());

        SaslExchange failed = m.start(CONTEXT);
        failed.initialResponse();
        Bytes error = unb64("eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIiwic2NvcGUiOiJleGFtcGxlX3Njb3BlIiwib3BlbmlkLWNvbmZpZ3VyYXRp"
                + "b24iOiJodHRwczovL2V4YW1wbGUuY29tLy53ZWxsLWtub3duL29wZW5pZC1jb25maWd1cmF0aW9uIn0=");
        Bytes answer = failed.evaluate(error);
        assertEquals("AQ==", b64(answer));
        assertTrue(failed.serverError().contains("invalid_token"), failed.serverError());
        assertThrows(ImapAuthenticationException.class, () -> failed.evaluate(error));
    }

    @Test
    void oauthBearerEscapesTheUserAndAllowsNone() {
        assertTrue(Sasl.oauthBearer("a=b,c", Secret.of("t")).start(CONTEXT).initialResponse().utf8()
                .startsWith("n,a=a=3Db=2Cc,\u0001host="));
        assertTrue(Sasl.oauthBearer(null, Secret.of("t")).start(CONTEXT).initialResponse().utf8()
                .startsWith("n,,\u0001host=server.example.com\u0001port=143\u0001"));
    }

    @Test
    void externalSendsTheAuthzidOrNothing() {
        SaslMechanism m = Sasl.external(null);
        assertEquals("EXTERNAL", m.name());
        assertFalse(m.sendsReusableSecret());
        SaslExchange x = m.start(CONTEXT);
        assertTrue(x.hasInitialResponse());
        assertEquals(0, x.initialResponse().size());
        assertTrue(x.isComplete());
        assertThrows(ImapAuthenticationException.class, () -> x.evaluate(Bytes.utf8("?")));

        SaslExchange y = Sasl.external("fred@example.com").start(CONTEXT);
        assertArrayEquals("fred@example.com".getBytes(), y.evaluate(Bytes.empty()).toByteArray());
    }

    @Test
    void contextValidates() {
        assertThrows(NullPointerException.class, () -> SaslContext.of(null, 1, true));
        assertThrows(IllegalArgumentException.class, () -> SaslContext.of("h", 65536, true));
        assertTrue(SaslContext.of("h", 993, true).bindingData(org.imap4j.session.ChannelBinding.TLS_EXPORTER)
                .isEmpty());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        for (SaslMechanism m : new SaslMechanism[] {Sasl.plain("u", Secret.of("hunter2")),
            Sasl.login("u", Secret.of("hunter2")), Sasl.cramMd5("u", Secret.of("hunter2")),
            Sasl.xoauth2("u", Secret.of("hunter2")), Sasl.oauthBearer("u", Secret.of("hunter2")),
            Sasl.scramSha256("u", Secret.of("hunter2")), Sasl.scramSha1Plus("u", Secret.of("hunter2"))}) {
            assertFalse(m.toString().contains("hunter2"), m.toString());
        }
    }
}
