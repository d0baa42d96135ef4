package org.imap4j.session.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapTimeoutException;
import org.imap4j.codec.ImapTlsException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.session.ChannelBinding;
import org.imap4j.session.CommandListener;
import org.imap4j.session.ConnectionListener;
import org.imap4j.session.HostResolver;
import org.imap4j.session.ImapProxyException;
import org.imap4j.session.ImapTransport;
import org.imap4j.session.ProxyOptions;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TlsOptions;
import org.imap4j.session.TransportOptions;
import org.imap4j.testing.servers.DovecotServer;
import org.imap4j.testing.servers.GreenMailServer;
import org.imap4j.testing.servers.TestCertificates;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Connectivity both transports must share, against GreenMail (and Dovecot for STARTTLS): SOCKS5 and HTTP CONNECT
 * proxies ({@link TestProxy}) with and without credentials, wrong credentials, refusing and silent proxies; TLS end
 * to end through the tunnel with the server's name verified; parallel connection attempts past a
 * {@link BlackHole}; and the one connect deadline over resolving, the proxy, TCP, TLS and the greeting. A transport's
 * test class extends this and says how to connect. Every test takes a second or two at most.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class AbstractConnectivitySuite extends AbstractLiveSuite {
    private static final String PROXY_USER = "proxy-user-7f3a";
    private static final String PROXY_PASSWORD = "proxy-pass-91c2";
    /** A name no resolver knows: only a proxy (through an alias) can reach it. */
    private static final String TARGET = "imap.test";
    /** Fails every lookup: through a proxy, the client must not resolve the server's name. */
    private static final HostResolver NO_DNS = host -> {
        throw new UnknownHostException("this test resolves nothing: " + host);
    };

    private ImapTransport connect(TransportOptions options) {
        return connect(options, ConnectionListener.NONE);
    }

    private static TransportOptions.Builder base(String host, int port, TlsMode mode) {
        return TransportOptions.builder(host).port(port).tlsMode(mode)
                .connectTimeout(Duration.ofSeconds(10)).greetingTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(10)).resolver(NO_DNS);
    }

    private TlsOptions trustingGreenMail() {
        Assumptions.assumeTrue(greenMail.usesTestCertificates(), "GreenMail presents its built-in certificate");
        return TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(greenMail.ca())));
    }

    private static HostResolver table(Map<String, List<String>> names) {
        return host -> {
            List<String> found = names.get(host);
            if (found == null) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> out = new ArrayList<>();
            for (String a : found) {
                out.add(InetAddress.getByName(a));
            }
            return out;
        };
    }

    private static void loginAndNoop(ImapTransport t, String user, String password) {
        Tagged login = t.execute(new Command.Login(user, Secret.of(password)), CommandListener.NONE);
        assertEquals(Condition.OK, login.status(), login::toString);
        assertEquals(Condition.OK, t.execute(new Command.Noop(), CommandListener.NONE).status());
    }

    private void useGreenMail(ImapTransport t) {
        loginAndNoop(t, GreenMailServer.USER, GreenMailServer.PASSWORD);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** @return a plain connection to GreenMail's port on {@code host}, through {@code proxy} */
    private ImapTransport plainThrough(String host, ProxyOptions proxy) {
        return connect(base(host, greenMail.imapPort(), TlsMode.PLAIN).proxy(proxy).build());
    }

    /** @return why a plain connection to {@link #TARGET} through {@code proxy} failed (it must fail) */
    private ImapProxyException refusedThrough(ProxyOptions proxy) {
        return assertThrows(ImapProxyException.class, () -> plainThrough(TARGET, proxy));
    }

    private static void assertNoSecret(String text) {
        assertFalse(text.contains(PROXY_PASSWORD), text);
        assertFalse(text.contains(PROXY_USER), text);
    }

    // ---------------------------------------------------------------- SOCKS5

    @Test
    void socks5SendsTheServersNameForTheProxyToResolve() {
        try (TestProxy proxy = TestProxy.socks5().alias(TARGET, "127.0.0.1").start();
                ImapTransport t = plainThrough(TARGET, ProxyOptions.socks5(proxy.host(), proxy.port()))) {
            useGreenMail(t);
            assertEquals(List.of(new TestProxy.Request("DOMAINNAME", TARGET, greenMail.imapPort(), false)),
                    proxy.requests());
        }
    }

    @Test
    void socks5WithCredentialsCarriesImplicitTlsVerifiedAgainstTheServer() {
        TlsOptions tls = trustingGreenMail();
        try (TestProxy proxy = TestProxy.socks5().credentials(PROXY_USER, PROXY_PASSWORD)
                .alias("localhost", "127.0.0.1").start();
                ImapTransport t = connect(base("localhost", greenMail.imapsPort(), TlsMode.IMPLICIT).tls(tls)
                        .proxy(ProxyOptions.socks5(proxy.host(), proxy.port())
                                .withCredentials(PROXY_USER, Secret.of(PROXY_PASSWORD))).build())) {
            assertTrue(t.isSecure());
            assertTrue(t.channelBinding(ChannelBinding.TLS_SERVER_END_POINT).isPresent());
            useGreenMail(t);
            assertEquals(List.of(new TestProxy.Request("DOMAINNAME", "localhost", greenMail.imapsPort(), true)),
                    proxy.requests());
        }
    }

    @Test
    void tlsThroughAProxyVerifiesTheServersNameNotTheProxys() {
        TlsOptions tls = trustingGreenMail();
        // the proxy is reached as "localhost", a name the certificate carries; the server as one it does not
        try (TestProxy proxy = TestProxy.socks5().alias(TestCertificates.WRONG_HOST, "127.0.0.1").start()) {
            TransportOptions o = base(TestCertificates.WRONG_HOST, greenMail.imapsPort(), TlsMode.IMPLICIT).tls(tls)
                    .resolver(table(Map.of("localhost", List.of("127.0.0.1"))))
                    .proxy(ProxyOptions.socks5("localhost", proxy.port())).build();
            ImapException e = assertThrows(ImapException.class, () -> connect(o));
            assertInstanceOf(ImapTlsException.class, e, e::toString);
            assertEquals(1, proxy.requests().size(), "the tunnel was open; TLS failed inside it");
        }
    }

    @Test
    void socks5WrongPasswordIsATypedRefusalWithoutTheSecret() {
        try (TestProxy proxy = TestProxy.socks5().credentials(PROXY_USER, "another").start()) {
            TransportOptions o = base(TARGET, greenMail.imapPort(), TlsMode.PLAIN)
                    .proxy(ProxyOptions.socks5(proxy.host(), proxy.port())
                            .withCredentials(PROXY_USER, Secret.of(PROXY_PASSWORD))).build();
            ImapProxyException e = assertThrows(ImapProxyException.class, () -> connect(o));
            assertEquals(1, e.replyCode(), e::toString);
            assertTrue(e.getMessage().contains("rejected the username and password"), e.getMessage());
            assertTrue(e.getMessage().contains("SOCKS5 proxy 127.0.0.1:" + proxy.port()), e.getMessage());
            assertNoSecret(e.getMessage());
            assertNoSecret(o.toString());
            assertEquals(List.of(), proxy.requests());
        }
    }

    @Test
    void socks5ProxyRequiringCredentialsRefusesAClientWithout() {
        try (TestProxy proxy = TestProxy.socks5().credentials(PROXY_USER, PROXY_PASSWORD).start()) {
            ImapProxyException e = refusedThrough(ProxyOptions.socks5(proxy.host(), proxy.port()));
            assertEquals(255, e.replyCode(), e::toString);
            assertTrue(e.getMessage().contains("accepts none of the authentication methods"), e.getMessage());
        }
    }

    @Test
    void socks5RefusalCarriesTheReplyCode() {
        try (TestProxy proxy = TestProxy.socks5().behaviour(TestProxy.Behaviour.REFUSE).start()) {
            ImapProxyException e = refusedThrough(ProxyOptions.socks5(proxy.host(), proxy.port()));
            assertEquals(5, e.replyCode(), e::toString);
            assertTrue(e.getMessage().contains("refused to connect to " + TARGET + ":" + greenMail.imapPort()
                    + ": connection refused (SOCKS5 reply 5)"), e.getMessage());
        }
    }

    @Test
    void socks5SendsAnIpv6LiteralAsAnAddress() {
        try (TestProxy proxy = TestProxy.socks5().alias("0:0:0:0:0:0:0:1", "127.0.0.1").start();
                ImapTransport t = plainThrough("::1", ProxyOptions.socks5(proxy.host(), proxy.port()))) {
            useGreenMail(t);
            assertEquals(List.of(new TestProxy.Request("IPV6", "0:0:0:0:0:0:0:1", greenMail.imapPort(), false)),
                    proxy.requests());
        }
    }

    @Test
    void socks5SendsAnIpv4LiteralAsAnAddress() {
        try (TestProxy proxy = TestProxy.socks5().start();
                ImapTransport t = plainThrough("127.0.0.1", ProxyOptions.socks5(proxy.host(), proxy.port()))) {
            useGreenMail(t);
            assertEquals(List.of(new TestProxy.Request("IPV4", "127.0.0.1", greenMail.imapPort(), false)),
                    proxy.requests());
        }
    }

    @Test
    void starttlsRunsEndToEndThroughSocks5() {
        DovecotServer dovecot = dovecot();
        TlsOptions tls = TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(dovecot.ca())));
        try (TestProxy proxy = TestProxy.socks5().credentials(PROXY_USER, PROXY_PASSWORD)
                .alias("localhost", dovecot.host()).start();
                ImapTransport t = connect(base("localhost", dovecot.imapPort(), TlsMode.STARTTLS).tls(tls)
                        .proxy(ProxyOptions.socks5(proxy.host(), proxy.port())
                                .withCredentials(PROXY_USER, Secret.of(PROXY_PASSWORD))).build())) {
            assertTrue(t.isSecure());
            loginAndNoop(t, DovecotServer.USER, DovecotServer.PASSWORD);
        }
    }

    // ---------------------------------------------------------------- HTTP CONNECT

    @Test
    void httpConnectTunnelsToTheNamedServer() {
        try (TestProxy proxy = TestProxy.http().alias(TARGET, "127.0.0.1").start();
                ImapTransport t = plainThrough(TARGET, ProxyOptions.httpConnect(proxy.host(), proxy.port()))) {
            useGreenMail(t);
            assertEquals(List.of(new TestProxy.Request("AUTHORITY", TARGET, greenMail.imapPort(), false)),
                    proxy.requests());
        }
    }

    @Test
    void httpConnectWithBasicAuthenticationCarriesImplicitTls() {
        TlsOptions tls = trustingGreenMail();
        try (TestProxy proxy = TestProxy.http().credentials(PROXY_USER, PROXY_PASSWORD)
                .alias("localhost", "127.0.0.1").start();
                ImapTransport t = connect(base("localhost", greenMail.imapsPort(), TlsMode.IMPLICIT).tls(tls)
                        .proxy(ProxyOptions.httpConnect(proxy.host(), proxy.port())
                                .withCredentials(PROXY_USER, Secret.of(PROXY_PASSWORD))).build())) {
            assertTrue(t.isSecure());
            useGreenMail(t);
            assertEquals(List.of(new TestProxy.Request("AUTHORITY", "localhost", greenMail.imapsPort(), true)),
                    proxy.requests());
        }
    }

    @Test
    void httpConnectWritesAnIpv6LiteralInBrackets() {
        try (TestProxy proxy = TestProxy.http().alias("::1", "127.0.0.1").start();
                ImapTransport t = plainThrough("[::1]", ProxyOptions.httpConnect(proxy.host(), proxy.port()))) {
            useGreenMail(t);
            assertEquals(List.of(new TestProxy.Request("AUTHORITY", "::1", greenMail.imapPort(), false)),
                    proxy.requests());
        }
    }

    @Test
    void httpConnectWrongCredentialsGive407WithoutTheSecret() {
        try (TestProxy proxy = TestProxy.http().credentials(PROXY_USER, "another").start()) {
            TransportOptions o = base(TARGET, greenMail.imapPort(), TlsMode.PLAIN)
                    .proxy(ProxyOptions.httpConnect(proxy.host(), proxy.port())
                            .withCredentials(PROXY_USER, Secret.of(PROXY_PASSWORD))).build();
            ImapProxyException e = assertThrows(ImapProxyException.class, () -> connect(o));
            assertEquals(407, e.replyCode(), e::toString);
            assertTrue(e.getMessage().contains("HTTP proxy 127.0.0.1:" + proxy.port()
                    + " (with credentials) rejected the credentials (HTTP status 407)"), e.getMessage());
            assertNoSecret(e.getMessage());
            assertNoSecret(o.toString());
        }
    }

    @Test
    void httpConnectWithoutCredentialsIsToldTheyAreRequired() {
        try (TestProxy proxy = TestProxy.http().credentials(PROXY_USER, PROXY_PASSWORD).start()) {
            ImapProxyException e = refusedThrough(ProxyOptions.httpConnect(proxy.host(), proxy.port()));
            assertEquals(407, e.replyCode(), e::toString);
            assertTrue(e.getMessage().contains("requires authentication"), e.getMessage());
        }
    }

    @Test
    void httpConnectRefusalCarriesTheStatus() {
        try (TestProxy proxy = TestProxy.http().behaviour(TestProxy.Behaviour.REFUSE).start()) {
            ImapProxyException e = refusedThrough(ProxyOptions.httpConnect(proxy.host(), proxy.port()));
            assertEquals(403, e.replyCode(), e::toString);
            assertTrue(e.getMessage().contains("refused to connect to " + TARGET + ":" + greenMail.imapPort()
                    + " (HTTP status 403)"), e.getMessage());
        }
    }

    @Test
    void proxyCredentialsReachNeitherTheTraceNorTheOptionsText() {
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        try (TestProxy proxy = TestProxy.socks5().credentials(PROXY_USER, PROXY_PASSWORD)
                .alias(TARGET, "127.0.0.1").start()) {
            TransportOptions o = base(TARGET, greenMail.imapPort(), TlsMode.PLAIN)
                    .trace((direction, text) -> trace.add(direction + " " + text))
                    .proxy(ProxyOptions.socks5(proxy.host(), proxy.port())
                            .withCredentials(PROXY_USER, Secret.of(PROXY_PASSWORD))).build();
            try (ImapTransport t = connect(o)) {
                useGreenMail(t);
            }
            assertFalse(trace.isEmpty(), "the IMAP exchange is traced");
            assertNoSecret(String.join("\n", trace));
            assertNoSecret(o.toString());
            assertNoSecret(o.proxy().toString());
        }
    }

    // ---------------------------------------------------------------- parallel connect (RFC 8305)

    @Test
    void aBlackHoledAddressBeforeAGoodOneCostsOnlyTheAttemptDelay() {
        try (BlackHole hole = BlackHole.on("127.0.0.2", greenMail.imapPort())) {
            TransportOptions o = base(TARGET, greenMail.imapPort(), TlsMode.PLAIN)
                    .resolver(table(Map.of(TARGET, List.of("127.0.0.2", "127.0.0.1"))))
                    .connectTimeout(Duration.ofSeconds(20)).build();
            ResourceSnapshot before = ResourceSnapshot.take();
            long start = System.nanoTime();
            try (ImapTransport t = connect(o)) {
                long ms = millisSince(start);
                assertTrue(ms < 3000, "connected after " + ms + " ms: the second address must not wait for the "
                        + "first attempt's timeout");
                assertTrue(ms >= 200, "connected after " + ms + " ms: the first address is tried alone first");
                useGreenMail(t);
            }
            // the losing attempt (still connecting into the black hole) was closed with its helper, if any
            ResourceSnapshot.take().assertNoLeaks(before, Duration.ofSeconds(5));
        }
    }

    @Test
    void theProxysAddressesAreRacedToo() {
        try (TestProxy proxy = TestProxy.socks5().alias(TARGET, "127.0.0.1").start();
                BlackHole hole = BlackHole.on("127.0.0.2", proxy.port())) {
            long start = System.nanoTime();
            try (ImapTransport t = connect(base(TARGET, greenMail.imapPort(), TlsMode.PLAIN)
                    .resolver(table(Map.of("proxy.test", List.of("127.0.0.2", "127.0.0.1"))))
                    .connectTimeout(Duration.ofSeconds(20))
                    .proxy(ProxyOptions.socks5("proxy.test", proxy.port())).build())) {
                long ms = millisSince(start);
                assertTrue(ms < 3000, "connected after " + ms + " ms");
                useGreenMail(t);
            }
        }
    }

    @Test
    void everyRefusedAddressIsReported() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        TransportOptions o = base(TARGET, closedPort, TlsMode.PLAIN)
                .resolver(table(Map.of(TARGET, List.of("127.0.0.3", "127.0.0.4")))).build();
        long start = System.nanoTime();
        ImapException e = assertThrows(ImapException.class, () -> connect(o));
        assertInstanceOf(ImapConnectionException.class, e, e::toString);
        assertFalse(e instanceof ImapTimeoutException, e::toString);
        assertTrue(e.getMessage().contains("none of its 2 addresses could be reached"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.3") && e.getMessage().contains("127.0.0.4"), e.getMessage());
        assertTrue(millisSince(start) < 2000, "a refused attempt starts the next at once");
    }

    // ---------------------------------------------------------------- one connect deadline

    private static void assertConnectTimeout(ImapException e, long start, String step) {
        long ms = millisSince(start);
        assertInstanceOf(ImapTimeoutException.class, e, e::toString);
        assertTrue(e.getMessage().contains("connect timeout"), e.getMessage());
        assertTrue(e.getMessage().contains(step), e.getMessage());
        assertTrue(ms >= 350 && ms < 3000, "failed after " + ms + " ms, the deadline was 400 ms");
    }

    @Test
    void theConnectDeadlineCoversAProxyThatNeverAnswers() {
        try (TestProxy proxy = TestProxy.socks5().behaviour(TestProxy.Behaviour.SILENT).start()) {
            long start = System.nanoTime();
            ImapException e = assertThrows(ImapException.class, () -> connect(
                    base(TARGET, greenMail.imapPort(), TlsMode.PLAIN).connectTimeout(Duration.ofMillis(400))
                            .proxy(ProxyOptions.socks5(proxy.host(), proxy.port())).build()));
            assertConnectTimeout(e, start, "proxy handshake");
            assertTrue(e.getMessage().contains("through SOCKS5 proxy"), e.getMessage());
        }
    }

    @Test
    void theConnectDeadlineCoversAnHttpProxyThatNeverAnswers() {
        try (TestProxy proxy = TestProxy.http().behaviour(TestProxy.Behaviour.SILENT).start()) {
            long start = System.nanoTime();
            ImapException e = assertThrows(ImapException.class, () -> connect(
                    base(TARGET, greenMail.imapPort(), TlsMode.IMPLICIT).connectTimeout(Duration.ofMillis(400))
                            .proxy(ProxyOptions.httpConnect(proxy.host(), proxy.port())).build()));
            assertConnectTimeout(e, start, "proxy handshake");
        }
    }

    @Test
    void theConnectDeadlineCoversNameResolution() {
        HostResolver slow = host -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        };
        long start = System.nanoTime();
        ImapException e = assertThrows(ImapException.class, () -> connect(
                base(TARGET, greenMail.imapPort(), TlsMode.PLAIN).resolver(slow)
                        .connectTimeout(Duration.ofMillis(400)).build()));
        assertConnectTimeout(e, start, "resolving " + TARGET);
    }

    @Test
    void theConnectDeadlineCoversTcp() {
        try (BlackHole hole = BlackHole.on("127.0.0.2", 0)) {
            long start = System.nanoTime();
            ImapException e = assertThrows(ImapException.class, () -> connect(
                    base("127.0.0.2", hole.port(), TlsMode.PLAIN).connectTimeout(Duration.ofMillis(400)).build()));
            assertConnectTimeout(e, start, "connecting");
        }
    }

    @Test
    void theConnectDeadlineCoversTheGreeting() throws IOException {
        try (ServerSocket mute = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(mute.accept()); // and never greet
                } catch (IOException ignored) {
                    // test over
                }
            }, "mute-server");
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            ImapException e = assertThrows(ImapException.class, () -> connect(
                    base("127.0.0.1", mute.getLocalPort(), TlsMode.PLAIN).greetingTimeout(Duration.ofSeconds(30))
                            .connectTimeout(Duration.ofMillis(400)).build()));
            assertConnectTimeout(e, start, "no greeting yet");
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void theConnectDeadlineCoversTheTlsHandshake() throws IOException {
        try (ServerSocket mute = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(mute.accept()); // reads the ClientHello into its buffer, answers nothing
                } catch (IOException ignored) {
                    // test over
                }
            }, "mute-server");
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            ImapException e = assertThrows(ImapException.class, () -> connect(
                    base("127.0.0.1", mute.getLocalPort(), TlsMode.IMPLICIT)
                            .connectTimeout(Duration.ofMillis(400)).build()));
            assertConnectTimeout(e, start, "TLS handshake");
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
