package org.imap4j.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Secret;
import org.imap4j.session.ChannelBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScramMechanismTest {
    private static final SaslContext PLAIN_CONTEXT = SaslContext.of("imap.example.com", 143, false);
    private static final String SHA1_NONCE = "fyko+d2lbbFgONRv9qkxdawL";
    private static final String SHA1_SERVER_FIRST =
            "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
    private static final String SHA256_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SHA256_SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

    private static ScramMechanism sha1(String nonce) {
        return new ScramMechanism(ScramMechanism.Hash.SHA_1, ScramMechanism.Binding.NONE, "user",
                Secret.of("pencil"), () -> nonce);
    }

    private static ScramMechanism sha256(ScramMechanism.Binding binding, String nonce) {
        return new ScramMechanism(ScramMechanism.Hash.SHA_256, binding, "user", Secret.of("pencil"), () -> nonce);
    }

    private static Bytes b(String s) {
        return Bytes.utf8(s);
    }

    /** RFC 5802 section 5: the SCRAM-SHA-1 example, byte for byte. */
    @Test
    void rfc5802Sha1Exchange() {
        SaslExchange x = sha1(SHA1_NONCE).start(PLAIN_CONTEXT);
        assertTrue(x.hasInitialResponse());
        assertEquals("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL", x.initialResponse().utf8());
        assertFalse(x.isComplete());
        assertEquals("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
                x.evaluate(b(SHA1_SERVER_FIRST)).utf8());
        assertFalse(x.isComplete());
        assertEquals(Bytes.empty(), x.evaluate(b("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")));
        assertTrue(x.isComplete());
    }

    /** RFC 7677 section 3: the SCRAM-SHA-256 example, byte for byte. */
    @Test
    void rfc7677Sha256Exchange() {
        SaslExchange x = sha256(ScramMechanism.Binding.NONE, SHA256_NONCE).start(PLAIN_CONTEXT);
        assertEquals("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", x.initialResponse().utf8());
        assertEquals("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", x.evaluate(b(SHA256_SERVER_FIRST)).utf8());
        assertEquals(Bytes.empty(), x.evaluate(b("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")));
        assertTrue(x.isComplete());
    }

    @Test
    void withoutSaslIrTheEmptyFirstChallengeGetsTheInitialResponse() {
        SaslExchange x = sha1(SHA1_NONCE).start(PLAIN_CONTEXT);
        assertEquals("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL", x.evaluate(Bytes.empty()).utf8());
        assertTrue(x.evaluate(b(SHA1_SERVER_FIRST)).utf8().endsWith("p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));
    }

    @Test
    void tamperedServerSignatureIsRejected() {
        SaslExchange x = sha1(SHA1_NONCE).start(PLAIN_CONTEXT);
        x.initialResponse();
        x.evaluate(b(SHA1_SERVER_FIRST));
        ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class,
                () -> x.evaluate(b("v=smF9pqV8S7suAoZWja4dJRkFsKQ=")));
        assertTrue(e.getMessage().contains("server signature does not match"), e.getMessage());
        assertFalse(x.isComplete());
    }

    @Test
    void serverErrorIsReported() {
        SaslExchange x = sha1(SHA1_NONCE).start(PLAIN_CONTEXT);
        x.initialResponse();
        x.evaluate(b(SHA1_SERVER_FIRST));
        ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class,
                () -> x.evaluate(b("e=invalid-proof")));
        assertTrue(e.getMessage().contains("invalid-proof"), e.getMessage());
    }

    @Test
    void challengeAfterCompletionIsRejected() {
        SaslExchange x = sha1(SHA1_NONCE).start(PLAIN_CONTEXT);
        x.initialResponse();
        x.evaluate(b(SHA1_SERVER_FIRST));
        x.evaluate(b("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="));
        assertThrows(ImapAuthenticationException.class, () -> x.evaluate(b("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "r=XXXX+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",   // nonce does not extend ours
        "r=fyko+d2lbbFgONRv9qkxdaw,s=QSXCR+Q6sek8bf92,i=4096",                     // nonce is a prefix of ours
        "r=fyko+d2lbbFgONRv9qkxdawL3rfc JY1,s=QSXCR+Q6sek8bf92,i=4096",             // space in nonce
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=0",       // iteration count 0
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=1000000000", // 10^9: CPU DoS
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=99999999999999999999999",
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=-1",
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=",
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92",           // missing i=
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,i=4096",                      // missing s=
        "s=QSXCR+Q6sek8bf92,i=4096",                                                 // missing r=
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,i=4096,s=QSXCR+Q6sek8bf92",   // wrong order
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSX*CR+Q6!,i=4096",          // bad base64 salt
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=,i=4096",                    // empty salt
        "m=ext,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096", // mandatory extension
        "e=other-error",
        "",
        ",,,",
        "garbage"
    })
    void hostileServerFirstIsRejected(String serverFirst) {
        SaslExchange x = sha1(SHA1_NONCE).start(PLAIN_CONTEXT);
        x.initialResponse();
        ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class,
                () -> x.evaluate(b(serverFirst)));
        assertTrue(e.getMessage().startsWith("SCRAM-SHA-1: "), e.getMessage());
        assertFalse(e.getMessage().contains("pencil"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v=", "v=!!notbase64!!", "x=abc", "rmF9pqV8S7suAoZWja4dJRkFsKQ="})
    void hostileServerFinalIsRejected(String serverFinal) {
        SaslExchange x = sha1(SHA1_NONCE).start(PLAIN_CONTEXT);
        x.initialResponse();
        x.evaluate(b(SHA1_SERVER_FIRST));
        assertThrows(ImapAuthenticationException.class, () -> x.evaluate(b(serverFinal)));
        assertFalse(x.isComplete());
    }

    @Test
    void invalidUtf8ChallengeIsRejected() {
        SaslExchange x = sha1(SHA1_NONCE).start(PLAIN_CONTEXT);
        x.initialResponse();
        assertThrows(ImapAuthenticationException.class,
                () -> x.evaluate(Bytes.of(new byte[] {'r', '=', (byte) 0xC3, (byte) 0x28})));
    }

    @Test
    void nonEmptyFirstChallengeWithoutInitialResponseIsRejected() {
        SaslExchange x = sha1(SHA1_NONCE).start(PLAIN_CONTEXT);
        assertThrows(ImapAuthenticationException.class, () -> x.evaluate(b(SHA1_SERVER_FIRST)));
    }

    @Test
    void iterationCountAtTheCapIsAccepted() {
        assertEquals(100_000, ScramMechanism.MAX_ITERATIONS);
        SaslExchange x = sha1(SHA1_NONCE).start(PLAIN_CONTEXT);
        x.initialResponse();
        String reply = x.evaluate(b("r=fyko+d2lbbFgONRv9qkxdawLsrv,s=QSXCR+Q6sek8bf92,i=1")).utf8();
        assertTrue(reply.startsWith("c=biws,r=fyko+d2lbbFgONRv9qkxdawLsrv,p="), reply);
    }

    @Test
    void iterationCountAboveTheConfiguredCapIsRefusedBeforeAnyRound() {
        for (String count : List.of("100001", "2147483647", "99999999999999999999")) {
            SaslExchange x = sha1(SHA1_NONCE).start(PLAIN_CONTEXT);
            x.initialResponse();
            long start = System.nanoTime();
            ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class,
                    () -> x.evaluate(b("r=fyko+d2lbbFgONRv9qkxdawLsrv,s=QSXCR+Q6sek8bf92,i=" + count)));
            assertTrue(System.nanoTime() - start < 500_000_000L, "refused before computing");
            assertTrue(e.getMessage().contains("maxScramIterations"), e.getMessage());
        }
        SaslContext strict = PLAIN_CONTEXT.withMaxScramIterations(4096);
        SaslExchange low = sha1(SHA1_NONCE).start(strict);
        low.initialResponse();
        assertThrows(ImapAuthenticationException.class,
                () -> low.evaluate(b("r=fyko+d2lbbFgONRv9qkxdawLsrv,s=QSXCR+Q6sek8bf92,i=4097")));
        SaslExchange ok = sha1(SHA1_NONCE).start(strict);
        ok.initialResponse();
        assertTrue(ok.evaluate(b("r=fyko+d2lbbFgONRv9qkxdawLsrv,s=QSXCR+Q6sek8bf92,i=4096")).utf8().startsWith("c="));
        assertThrows(IllegalArgumentException.class, () -> PLAIN_CONTEXT.withMaxScramIterations(0));
    }

    @Test
    void optionalExtensionsAreIgnored() {
        SaslExchange x = sha1(SHA1_NONCE).start(PLAIN_CONTEXT);
        x.initialResponse();
        String reply = x.evaluate(b(SHA1_SERVER_FIRST + ",x=future")).utf8();
        assertTrue(reply.startsWith("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p="), reply);
    }

    @Test
    void usernameIsPreparedAndEscaped() {
        ScramMechanism m = new ScramMechanism(ScramMechanism.Hash.SHA_256, ScramMechanism.Binding.NONE,
                "a=b,c\u00ADd\u00A0e", Secret.of("pw"), () -> "abc");
        assertEquals("n,,n=a=3Db=2Ccd e,r=abc", m.start(PLAIN_CONTEXT).initialResponse().utf8());
    }

    @Test
    void prohibitedPasswordFailsBeforeAnythingIsSent() {
        ScramMechanism m = new ScramMechanism(ScramMechanism.Hash.SHA_256, ScramMechanism.Binding.NONE,
                "user", Secret.of("pen\u0007cil"), () -> "abc");
        ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class,
                () -> m.start(PLAIN_CONTEXT));
        assertTrue(e.getMessage().contains("password") && e.getMessage().contains("index 3"), e.getMessage());
        assertFalse(e.getMessage().contains("pen"));
    }

    @Test
    void randomNonceIsPrintableAndFresh() {
        String a = ScramMechanism.randomNonce();
        String c = ScramMechanism.randomNonce();
        assertEquals(32, a.length());
        assertTrue(ScramMechanism.printable(a));
        assertFalse(a.equals(c));
        String first = Sasl.scramSha256("user", Secret.of("pencil")).start(PLAIN_CONTEXT).initialResponse().utf8();
        assertTrue(first.matches("n,,n=user,r=[A-Za-z0-9+/]{32}"), first);
    }

    // ---- channel binding ----

    private static SaslContext bindingContext(Map<ChannelBinding, byte[]> data) {
        return new SaslContext("imap.example.com", 993, true,
                type -> Optional.ofNullable(data.get(type)).map(Bytes::of));
    }

    private static final byte[] EXPORTER = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final byte[] END_POINT = {(byte) 0xFF, 0, 0x7F};

    @Test
    void plusPrefersTlsExporter() {
        ScramMechanism m = sha256(ScramMechanism.Binding.PLUS, "abc");
        assertEquals("SCRAM-SHA-256-PLUS", m.name());
        assertTrue(m.needsChannelBinding());
        SaslExchange x = m.start(bindingContext(Map.of(ChannelBinding.TLS_EXPORTER, EXPORTER,
                ChannelBinding.TLS_SERVER_END_POINT, END_POINT, ChannelBinding.TLS_UNIQUE, new byte[] {9})));
        assertEquals("p=tls-exporter,,n=user,r=abc", x.initialResponse().utf8());
        String reply = x.evaluate(b("r=abcdef,s=QSXCR+Q6sek8bf92,i=1")).utf8();
        byte[] expectedC = concat("p=tls-exporter,,".getBytes(), EXPORTER);
        assertTrue(reply.startsWith("c=" + Base64.getEncoder().encodeToString(expectedC) + ",r=abcdef,p="), reply);
        assertEquals("c=cD10bHMtZXhwb3J0ZXIsLAECAwQFBgcI", reply.substring(0, reply.indexOf(',')));
    }

    @Test
    void plusFallsBackToTlsUniqueThenServerEndPoint() {
        SaslExchange unique = sha256(ScramMechanism.Binding.PLUS, "abc").start(bindingContext(Map.of(
                ChannelBinding.TLS_UNIQUE, new byte[] {9}, ChannelBinding.TLS_SERVER_END_POINT, END_POINT)));
        assertEquals("p=tls-unique,,n=user,r=abc", unique.initialResponse().utf8());

        SaslExchange endPoint = sha256(ScramMechanism.Binding.PLUS, "abc").start(bindingContext(Map.of(
                ChannelBinding.TLS_SERVER_END_POINT, END_POINT)));
        assertEquals("p=tls-server-end-point,,n=user,r=abc", endPoint.initialResponse().utf8());
        String reply = endPoint.evaluate(b("r=abcdef,s=QSXCR+Q6sek8bf92,i=1")).utf8();
        byte[] expectedC = concat("p=tls-server-end-point,,".getBytes(), END_POINT);
        assertTrue(reply.startsWith("c=" + Base64.getEncoder().encodeToString(expectedC) + ",r=abcdef,"), reply);
    }

    @Test
    void plusWithoutBindingRefusesToStart() {
        ScramMechanism m = sha256(ScramMechanism.Binding.PLUS, "abc");
        ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class,
                () -> m.start(PLAIN_CONTEXT));
        assertTrue(e.getMessage().contains("channel binding"), e.getMessage());
        assertThrows(ImapAuthenticationException.class,
                () -> m.start(new SaslContext("h", 993, true, type -> null)));
    }

    @Test
    void clientSupportsBindingButServerOffersNoPlusSendsY() {
        SaslContext bindable = bindingContext(Map.of(ChannelBinding.TLS_EXPORTER, EXPORTER));
        SaslExchange y = sha256(ScramMechanism.Binding.CLIENT_SUPPORTS, "abc").start(bindable);
        assertEquals("y,,n=user,r=abc", y.initialResponse().utf8());
        String reply = y.evaluate(b("r=abcdef,s=QSXCR+Q6sek8bf92,i=1")).utf8();
        assertTrue(reply.startsWith("c=eSws,r=abcdef,p="), reply);

        SaslExchange n = sha256(ScramMechanism.Binding.CLIENT_SUPPORTS, "abc").start(PLAIN_CONTEXT);
        assertEquals("n,,n=user,r=abc", n.initialResponse().utf8());

        assertEquals("y,,", Sasl.scramSha256("user", Secret.of("pencil"), false).start(bindable)
                .initialResponse().utf8().substring(0, 3));
        assertEquals("n,,", Sasl.scramSha256("user", Secret.of("pencil"), true).start(bindable)
                .initialResponse().utf8().substring(0, 3));
        assertEquals("n,,", Sasl.scramSha256("user", Secret.of("pencil")).start(bindable)
                .initialResponse().utf8().substring(0, 3));
    }

    @Test
    void hiMatchesTheRfc6070Pbkdf2Vector() {
        // RFC 6070 test vector 2: "password" / "salt" / 2 iterations, PBKDF2-HMAC-SHA1, first 20 bytes.
        byte[] dk = ScramMechanism.hi("HmacSHA1", "password".getBytes(), "salt".getBytes(), 2);
        assertEquals("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957", java.util.HexFormat.of().formatHex(dk));
    }

    @Test
    void hiWithAnEmptyPasswordEqualsPbkdf2OfTheEmptyKey() {
        byte[] dk = ScramMechanism.hi("HmacSHA256", new byte[0], "salt".getBytes(), 2);
        assertEquals("62384466264daadc4144018c6bd864648272b34da8980d31521ffcce92ae003b",
                java.util.HexFormat.of().formatHex(dk));
    }

    @Test
    void emptyPasswordWorks() {
        SaslExchange x = new ScramMechanism(ScramMechanism.Hash.SHA_256, ScramMechanism.Binding.NONE, "user",
                Secret.of(""), () -> "abc").start(PLAIN_CONTEXT);
        x.initialResponse();
        assertTrue(x.evaluate(b("r=abcdef,s=QSXCR+Q6sek8bf92,i=2")).utf8().startsWith("c=biws,r=abcdef,p="));
    }

    private static byte[] concat(byte[] a, byte[] c) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + c.length);
        System.arraycopy(c, 0, r, a.length, c.length);
        return r;
    }
}
