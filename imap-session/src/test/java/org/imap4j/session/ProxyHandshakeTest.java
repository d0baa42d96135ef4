package org.imap4j.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.core.Secret;
import org.junit.jupiter.api.Test;

/** The proxy handshakes byte for byte, with no socket (RFC 1928, RFC 1929, RFC 9110 section 9.3.6). */
class ProxyHandshakeTest {
    private static final ProxyOptions.Socks5 SOCKS = ProxyOptions.socks5("proxy.example", 1080);
    private static final ProxyOptions.HttpConnect HTTP = ProxyOptions.httpConnect("proxy.example", 3128);

    private static byte[] out(ProxyHandshake h) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (ByteBuffer x; (x = h.pollOutput()) != null; ) {
            byte[] a = new byte[x.remaining()];
            x.get(a);
            b.writeBytes(a);
        }
        return b.toByteArray();
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    /** Feeds one byte at a time, checking that the handshake never asks for more than the reply holds. */
    private static void feedByteByByte(ProxyHandshake h, byte[] reply) {
        for (byte b : reply) {
            assertTrue(h.wanted() >= 1, "wants more while its reply is not complete");
            h.receive(ByteBuffer.wrap(new byte[] {b}));
        }
    }

    @Test
    void socks5WithoutCredentialsSendsTheNameAsADomain() {
        ProxyHandshake h = ProxyHandshake.start(SOCKS, "imap.example.org", 993);
        assertArrayEquals(bytes(5, 1, 0), out(h));
        assertEquals(2, h.wanted());
        h.receive(ByteBuffer.wrap(bytes(5, 0)));
        byte[] name = "imap.example.org".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(bytes(5, 1, 0, 3, name.length));
        req.writeBytes(name);
        req.writeBytes(bytes(993 >> 8, 993 & 0xFF));
        assertArrayEquals(req.toByteArray(), out(h));
        assertFalse(h.isDone());
        feedByteByByte(h, bytes(5, 0, 0, 1, 10, 0, 0, 1, 0x04, 0x38));
        assertTrue(h.isDone());
        assertEquals(0, h.wanted());
        assertNull(h.pollOutput());
    }

    @Test
    void socks5ReplyWithADomainOrIpv6BoundAddressIsReadToItsEndAndNoFurther() {
        ProxyHandshake h = ProxyHandshake.start(SOCKS, "imap.example.org", 143);
        out(h);
        h.receive(ByteBuffer.wrap(bytes(5, 0)));
        out(h);
        // a DOMAINNAME bound address of 3 bytes, then the server's greeting in the same read
        ByteBuffer in = ByteBuffer.wrap(bytes(5, 0, 0, 3, 3, 'a', 'b', 'c', 0, 25, '*', ' ', 'O', 'K'));
        h.receive(in);
        assertTrue(h.isDone());
        assertEquals(4, in.remaining(), "the greeting's bytes are left for the session");

        ProxyHandshake h6 = ProxyHandshake.start(SOCKS, "imap.example.org", 143);
        out(h6);
        h6.receive(ByteBuffer.wrap(bytes(5, 0)));
        out(h6);
        byte[] reply = new byte[22];
        reply[0] = 5;
        reply[3] = 4;
        feedByteByByte(h6, reply);
        assertTrue(h6.isDone());
    }

    @Test
    void socks5WithCredentialsSendsThemOnlyWhenTheProxyChoosesThatMethod() {
        ProxyOptions.Socks5 p = SOCKS.withCredentials("u\u00e9", Secret.of("pw"));
        ProxyHandshake h = ProxyHandshake.start(p, "192.0.2.7", 143);
        assertArrayEquals(bytes(5, 2, 0, 2), out(h));
        h.receive(ByteBuffer.wrap(bytes(5, 2)));
        assertArrayEquals(bytes(1, 3, 'u', 0xC3, 0xA9, 2, 'p', 'w'), out(h));
        h.receive(ByteBuffer.wrap(bytes(1, 0)));
        assertArrayEquals(bytes(5, 1, 0, 1, 192, 0, 2, 7, 0, 143), out(h), "an IPv4 literal is sent as an address");
        h.receive(ByteBuffer.wrap(bytes(5, 0, 0, 1, 0, 0, 0, 0, 0, 0)));
        assertTrue(h.isDone());

        ProxyHandshake none = ProxyHandshake.start(p, "imap.example.org", 143);
        out(none);
        none.receive(ByteBuffer.wrap(bytes(5, 0)));
        assertEquals(5, out(none)[0], "no authentication chosen: straight to CONNECT");
    }

    @Test
    void socks5Ipv6LiteralIsSentAsAnAddress() {
        ProxyHandshake h = ProxyHandshake.start(SOCKS, "[2001:db8::1]", 993);
        out(h);
        h.receive(ByteBuffer.wrap(bytes(5, 0)));
        byte[] req = out(h);
        assertEquals(4 + 16 + 2, req.length);
        assertEquals(4, req[3], "ATYP IPv6");
        assertEquals((byte) 0x20, req[4]);
        assertEquals((byte) 0x01, req[19]);
    }

    @Test
    void socks5Refusals() {
        ProxyHandshake a = ProxyHandshake.start(SOCKS.withCredentials("zorro", Secret.of("hunter2")), "h.example", 1);
        out(a);
        a.receive(ByteBuffer.wrap(bytes(5, 2)));
        out(a);
        ImapProxyException bad = assertThrows(ImapProxyException.class,
                () -> a.receive(ByteBuffer.wrap(bytes(1, 1))));
        assertEquals(1, bad.replyCode());
        assertFalse(bad.getMessage().contains("hunter2") || bad.getMessage().contains("zorro"), bad.getMessage());
        assertEquals(0, a.wanted(), "a failed handshake wants nothing more");

        ProxyHandshake b = ProxyHandshake.start(SOCKS, "h.example", 1);
        out(b);
        b.receive(ByteBuffer.wrap(bytes(5, 0)));
        out(b);
        ImapProxyException refused = assertThrows(ImapProxyException.class,
                () -> b.receive(ByteBuffer.wrap(bytes(5, 2, 0, 1))));
        assertEquals(2, refused.replyCode());
        assertEquals("SOCKS5 proxy proxy.example:1080 refused to connect to h.example:1: connection not allowed by "
                + "ruleset (SOCKS5 reply 2)", refused.getMessage());

        ProxyHandshake c = ProxyHandshake.start(SOCKS, "h.example", 1);
        out(c);
        ImapProxyException notSocks = assertThrows(ImapProxyException.class,
                () -> c.receive(ByteBuffer.wrap("HTTP/1.1 400 Bad\r\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(ImapProxyException.NO_REPLY_CODE, notSocks.replyCode());
        assertEquals("SOCKS5 proxy proxy.example:1080 is not a SOCKS5 proxy: its method selection begins with 0x48 "
                + "(expected 0x05)", notSocks.getMessage());

        ProxyHandshake d = ProxyHandshake.start(SOCKS, "h.example", 1);
        out(d);
        assertEquals(255, assertThrows(ImapProxyException.class,
                () -> d.receive(ByteBuffer.wrap(bytes(5, 0xFF)))).replyCode());

        ProxyHandshake e = ProxyHandshake.start(SOCKS, "h.example", 1);
        out(e);
        e.receive(ByteBuffer.wrap(bytes(5)));
        ImapProxyException eof = assertThrows(ImapProxyException.class, e::endOfStream);
        assertTrue(eof.getMessage().contains("closed the connection during the handshake (after 1 bytes"),
                eof.getMessage());
    }

    @Test
    void httpConnectRequestAndAnswers() {
        ProxyHandshake h = ProxyHandshake.start(HTTP.withCredentials("Aladdin", Secret.of("open sesame")),
                "imap.example.org", 993);
        String req = new String(out(h), StandardCharsets.US_ASCII);
        assertEquals("CONNECT imap.example.org:993 HTTP/1.1\r\nHost: imap.example.org:993\r\n"
                + "Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString(
                        "Aladdin:open sesame".getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n", req);
        byte[] reply = "HTTP/1.1 200 Connection established\r\nVia: x\r\n\r\n* OK"
                .getBytes(StandardCharsets.US_ASCII);
        ByteBuffer in = ByteBuffer.wrap(reply);
        while (!h.isDone()) {
            int before = in.position();
            ByteBuffer chunk = in.duplicate();
            chunk.limit(Math.min(in.limit(), before + h.wanted()));
            h.receive(chunk);
            in.position(chunk.position());
        }
        assertEquals(4, in.remaining(), "reading at most wanted() leaves the greeting unread");

        ProxyHandshake v6 = ProxyHandshake.start(HTTP, "2001:db8::1", 143);
        assertTrue(new String(out(v6), StandardCharsets.US_ASCII).startsWith("CONNECT [2001:db8::1]:143 HTTP/1.1\r\n"
                + "Host: [2001:db8::1]:143\r\n"));
        v6.receive(ByteBuffer.wrap("HTTP/1.0 200\n\n".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(v6.isDone(), "bare LF line ends and an empty reason phrase are accepted");
    }

    @Test
    void httpConnectRefusals() {
        ProxyHandshake a = ProxyHandshake.start(HTTP, "h.example", 143);
        out(a);
        ImapProxyException e = assertThrows(ImapProxyException.class, () -> a.receive(ByteBuffer.wrap(
                "HTTP/1.1 502 Bad Gateway\r\n\u001b[2J: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))));
        assertEquals(502, e.replyCode());
        assertEquals("HTTP proxy proxy.example:3128 refused to connect to h.example:143 (HTTP status 502)",
                e.getMessage(), "the code, never the proxy's bytes");

        ProxyHandshake b = ProxyHandshake.start(HTTP, "h.example", 143);
        out(b);
        assertEquals(ImapProxyException.NO_REPLY_CODE, assertThrows(ImapProxyException.class,
                () -> b.receive(ByteBuffer.wrap(bytes(5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '\n', '\n'))))
                .replyCode());

        ProxyHandshake c = ProxyHandshake.start(HTTP, "h.example", 143);
        out(c);
        byte[] endless = new byte[ProxyHandshake.MAX_HTTP_HEAD + 10];
        java.util.Arrays.fill(endless, (byte) 'a');
        System.arraycopy("HTTP/1.1 200 OK\r\nX: ".getBytes(StandardCharsets.US_ASCII), 0, endless, 0, 20);
        ImapProxyException tooLong = assertThrows(ImapProxyException.class,
                () -> c.receive(ByteBuffer.wrap(endless)));
        assertTrue(tooLong.getMessage().contains("longer than 8192 bytes"), tooLong.getMessage());
    }

    @Test
    void aHostThatCannotBeSentIsRefusedBeforeAnyByte() {
        assertThrows(ImapConnectionException.class, () -> ProxyHandshake.start(HTTP, "h.example\r\nX: y", 143));
        assertThrows(ImapConnectionException.class, () -> ProxyHandshake.start(SOCKS, "b\u00fccher.example", 143));
        assertThrows(ImapConnectionException.class, () -> ProxyHandshake.start(SOCKS, "a".repeat(256), 143));
        assertThrows(ImapConnectionException.class, () -> ProxyHandshake.start(SOCKS, "fe80::1%eth0", 143));
        assertThrows(IllegalArgumentException.class,
                () -> ProxyHandshake.start(ProxyOptions.direct(), "h.example", 143));
    }

    @Test
    void credentialsAreValidatedAndNeverShown() {
        assertThrows(IllegalArgumentException.class, () -> SOCKS.withCredentials("", Secret.of("x")));
        assertThrows(IllegalArgumentException.class, () -> SOCKS.withCredentials("u", Secret.of("")));
        assertThrows(IllegalArgumentException.class, () -> SOCKS.withCredentials("u", Secret.of("x".repeat(256))));
        assertThrows(IllegalArgumentException.class, () -> HTTP.withCredentials("a:b", Secret.of("x")));
        assertThrows(IllegalArgumentException.class, () -> HTTP.withCredentials("a\nb", Secret.of("x")));
        assertThrows(IllegalArgumentException.class, () -> ProxyOptions.socks5("p", 0));
        assertThrows(IllegalArgumentException.class, () -> ProxyOptions.httpConnect("p q", 80));
        String shown = SOCKS.withCredentials("someone", Secret.of("pa55")).toString()
                + HTTP.withCredentials("someone", Secret.of("pa55"))
                + new ProxyOptions.Credentials("someone", Secret.of("pa55"));
        assertFalse(shown.contains("someone") || shown.contains("pa55"), shown);
        assertEquals("SOCKS5 proxy [::1]:1080", ProxyOptions.socks5("::1", 1080).toString());
    }
}
