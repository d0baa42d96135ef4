package org.imap4j.transport.nio;

import static org.imap4j.transport.nio.PlainTransportTest.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapTlsException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.ChannelBinding;
import org.imap4j.session.CommandListener;
import org.imap4j.session.ConnectionListener;
import org.imap4j.session.ImapTransport;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TlsOptions;
import org.imap4j.session.TlsProvider;
import org.imap4j.session.TransportOptions;
import org.imap4j.testing.Responses;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TlsTransportTest {
    private static final TlsOptions TRUSTING = TlsOptions.defaults()
            .withTrust(new TlsOptions.Trust.Certificates(List.of(TestCerts.LOCALHOST.certificate)));

    private NioTransportGroup group;
    private final CommandRouter router = new CommandRouter();
    private ScriptedImapServer server;

    @BeforeEach
    void setUp() {
        group = NioTransportGroup.create();
    }

    @AfterEach
    void tearDown() {
        group.close();
        if (server != null) {
            server.close();
        }
    }

    private TransportOptions.Builder options(String host, TlsMode mode, TlsOptions tls) {
        return TransportOptions.builder(host).port(server.port()).tlsMode(mode).tls(tls)
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5));
    }

    @Test
    void implicitTlsWithATrustedCertificate() throws Exception {
        server = ScriptedImapServer.start(TestCerts.LOCALHOST.serverContext, router.script());
        ImapTransport t = group.connect(options("localhost", TlsMode.IMPLICIT, TRUSTING).build(),
                ConnectionListener.NONE).get(10, TimeUnit.SECONDS);
        assertTrue(t.isSecure());
        assertEquals(Condition.OK, t.execute(new Command.Noop(), CommandListener.NONE).status());
        Bytes endPoint = t.channelBinding(ChannelBinding.TLS_SERVER_END_POINT).orElseThrow();
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(TestCerts.LOCALHOST.certificate.getEncoded());
        assertEquals(Bytes.of(expected), endPoint);
        // the JDK provider cannot export keying material
        assertTrue(t.channelBinding(ChannelBinding.TLS_EXPORTER).isEmpty());
        // a large response crosses several TLS records
        String big = "y".repeat(100_000);
        router.on(Command.Noop.class, x -> {
            x.send(Responses.ok(new ResponseCode.Simple(ResponseCode.Kind.ALERT), big));
            x.ok("done");
            return true;
        });
        assertEquals(Condition.OK, t.execute(new Command.Noop(), CommandListener.NONE).status());
        assertEquals(Condition.OK, t.execute(new Command.Logout(), CommandListener.NONE).status());
    }

    @Test
    void bouncyCastleGivesTlsUniqueOnTls12() throws Exception {
        server = ScriptedImapServer.start(TestCerts.LOCALHOST.serverContext, router.script());
        ImapTransport t = group.connect(options("localhost", TlsMode.IMPLICIT,
                TRUSTING.withProvider(TlsProvider.BOUNCY_CASTLE).withProtocols(List.of("TLSv1.2"))).build(),
                ConnectionListener.NONE).get(10, TimeUnit.SECONDS);
        assertTrue(t.isSecure());
        // tls-unique is the first Finished message: 12 bytes in TLS 1.2
        assertEquals(12, t.channelBinding(ChannelBinding.TLS_UNIQUE).orElseThrow().size());
        assertTrue(t.channelBinding(ChannelBinding.TLS_SERVER_END_POINT).isPresent());
        assertEquals(Condition.OK, t.execute(new Command.Noop(), CommandListener.NONE).status());
    }

    @Test
    void silentTlsServerGivesHandshakeTimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (java.net.Socket s = silent.accept()) {
                    s.getInputStream().readAllBytes(); // swallow the ClientHello, answer nothing
                } catch (IOException ignored) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            ImapException e = failureOf(group.connect(TransportOptions.builder("localhost").port(silent.getLocalPort())
                    .tlsMode(TlsMode.IMPLICIT).tls(TRUSTING).connectTimeout(Duration.ofMillis(300)).build(),
                    ConnectionListener.NONE));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertInstanceOf(org.imap4j.codec.ImapTimeoutException.class, e, e.toString());
            assertTrue(ms < 5000, ms + " ms");
        }
    }

    @Test
    void renegotiationOnTls12IsRefused() throws Exception {
        server = ScriptedImapServer.start(TestCerts.LOCALHOST.serverContext, router.script());
        router.on(Command.Noop.class, x -> {
            x.ok("done");
            ((javax.net.ssl.SSLSocket) x.socket()).startHandshake(); // a HelloRequest on TLS 1.2
            return true;
        });
        java.util.concurrent.CompletableFuture<ImapException> closed = new java.util.concurrent.CompletableFuture<>();
        ImapTransport t = group.connect(options("localhost", TlsMode.IMPLICIT,
                TRUSTING.withProtocols(List.of("TLSv1.2"))).build(), new ConnectionListener() {
                    @Override
                    public void onClosed(ImapException cause) {
                        closed.complete(cause);
                    }
                }).get(10, TimeUnit.SECONDS);
        assertEquals(Condition.OK, t.execute(new Command.Noop(), CommandListener.NONE).status());
        ImapException cause = closed.get(10, TimeUnit.SECONDS);
        assertSame(ImapTlsException.class, cause.getClass(), String.valueOf(cause));
        assertTrue(cause.getMessage().contains("renegotiation"), cause.getMessage());
    }

    @Test
    void untrustedCertificateFailsWithTlsException() throws Exception {
        server = ScriptedImapServer.start(TestCerts.LOCALHOST.serverContext, router.script());
        ImapException e = failureOf(group.connect(options("localhost", TlsMode.IMPLICIT, TlsOptions.defaults())
                .build(), ConnectionListener.NONE));
        assertSame(ImapTlsException.class, e.getClass(), e.toString());
        assertInstanceOf(javax.net.ssl.SSLException.class, e.getCause());
    }

    @Test
    void wrongHostFailsWithTlsException() throws Exception {
        server = ScriptedImapServer.start(TestCerts.LOCALHOST.serverContext, router.script());
        ImapException e = failureOf(group.connect(options("127.0.0.1", TlsMode.IMPLICIT, TRUSTING).build(),
                ConnectionListener.NONE));
        assertSame(ImapTlsException.class, e.getClass(), e.toString());
    }

    @Test
    void startTlsUpgradesAndRereadsCapabilities() throws Exception {
        AtomicInteger capabilityCommands = new AtomicInteger();
        router.on(Command.Capability.class, x -> {
            capabilityCommands.incrementAndGet();
            x.send(new Untagged.Capabilities(Stream.of("IMAP4rev1", x.isSecure() ? "AUTH=PLAIN" : "STARTTLS",
                    x.isSecure() ? "IDLE" : "LOGINDISABLED").map(Capability::of).toList()));
            x.ok("done");
            return true;
        });
        server = ScriptedImapServer.start(router.script().capabilities("IMAP4rev1", "STARTTLS", "LOGINDISABLED"));
        ImapTransport t = group.connect(options("localhost", TlsMode.STARTTLS, TRUSTING).build(),
                ConnectionListener.NONE).get(10, TimeUnit.SECONDS);
        assertTrue(t.isSecure());
        assertEquals(2, capabilityCommands.get());
        assertTrue(Capability.has(t.capabilities(), Capability.Known.IDLE), t.capabilities().toString());
        assertFalse(Capability.has(t.capabilities(), Capability.Known.STARTTLS));
        assertEquals(Condition.OK, t.execute(new Command.Noop(), CommandListener.NONE).status());
    }

    @Test
    void startTlsInjectionIsRefusedAndNothingElseIsSent() throws Exception {
        server = ScriptedImapServer.start(router.script().capabilities("IMAP4rev1", "STARTTLS"));
        CountDownLatch clientDone = new CountDownLatch(1);
        AtomicInteger bytesAfter = new AtomicInteger(-1);
        router.on(Command.StartTls.class, x -> {
            // the OK and an injected response in one write, as a man in the middle would have it
            x.send(new Tagged(x.tag(), Condition.OK, null, "begin TLS"),
                    new Untagged.Capabilities(List.of(Capability.of("IMAP4rev1"), Capability.of("AUTH=PLAIN"))));
            bytesAfter.set((int) x.stall());
            clientDone.countDown();
            return true;
        });
        ImapException e = failureOf(group.connect(options("localhost", TlsMode.STARTTLS, TRUSTING).build(),
                ConnectionListener.NONE));
        assertInstanceOf(ImapProtocolException.class, e, e.toString());
        assertTrue(e.getMessage().contains("STARTTLS injection"), e.getMessage());
        assertTrue(clientDone.await(5, TimeUnit.SECONDS));
        assertEquals(0, bytesAfter.get(), "no ClientHello nor anything else after the OK");
    }

    @Test
    void startTlsNotOfferedIsRefused() throws Exception {
        server = ScriptedImapServer.start(router.script().capabilities("IMAP4rev1"));
        ImapException e = failureOf(group.connect(options("localhost", TlsMode.STARTTLS, TRUSTING).build(),
                ConnectionListener.NONE));
        assertSame(ImapTlsException.class, e.getClass(), e.toString());
    }

    @Test
    void preauthOnStartTlsIsRefused() throws Exception {
        server = ScriptedImapServer.start(router.script()
                .greeting(new Untagged.StatusResponse(Condition.PREAUTH, null, "welcome")));
        ImapException e = failureOf(group.connect(options("localhost", TlsMode.STARTTLS, TRUSTING).build(),
                ConnectionListener.NONE));
        assertSame(ImapTlsException.class, e.getClass(), e.toString());
    }
}
