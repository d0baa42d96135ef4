package org.imap4j.session.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.session.CommandListener;
import org.imap4j.session.ConnectionEvents;
import org.imap4j.session.ConnectionListener;
import org.imap4j.session.ImapEventListener;
import org.imap4j.session.ImapTransport;
import org.imap4j.session.ProxyOptions;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TlsOptions;
import org.imap4j.session.TransportOptions;
import org.imap4j.testing.servers.DovecotServer;
import org.imap4j.testing.servers.FaultProxy;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link ImapEventListener} and the {@link System.Logger} lines of a transport, against GreenMail: the events of a
 * whole session in order, the bytes it reports against what a {@link FaultProxy} saw cross the wire, a listener
 * that throws everywhere, the failure of a connect, and the log (levels, the redacted trace, no password anywhere).
 * A transport's test class extends this and says how to connect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AbstractEventSuite extends AbstractLiveSuite {
    @BeforeAll
    void deliverMessage() {
        greenMail.deliver("From: a@example.org\r\nTo: alice@example.org\r\nSubject: events\r\n\r\nbody text\r\n");
    }

    /** Records every event but the byte counts as a line, and sums the byte counts. */
    private static final class Recorder implements ImapEventListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void connectStart(String host, int port, ProxyOptions proxy) {
            events.add("connectStart " + host + " " + (proxy instanceof ProxyOptions.Direct ? "direct" : proxy));
        }

        @Override
        public void dnsEnd(String host, List<InetAddress> addresses) {
            events.add("dnsEnd " + host);
        }

        @Override
        public void connectEnd(InetSocketAddress address) {
            events.add("connectEnd " + address.getPort());
        }

        @Override
        public void connectFailed(ImapException cause) {
            events.add("connectFailed " + cause.getClass().getSimpleName());
        }

        @Override
        public void tlsStart() {
            events.add("tlsStart");
        }

        @Override
        public void tlsEnd(String protocol, String cipherSuite) {
            events.add("tlsEnd " + protocol.startsWith("TLS") + " " + !cipherSuite.isEmpty());
        }

        @Override
        public void commandStart(String tag, String command) {
            events.add("commandStart " + command);
        }

        @Override
        public void commandEnd(String tag, String command, Condition status, long durationNanos) {
            events.add("commandEnd " + command + " " + status + (durationNanos >= 0 ? "" : " negative"));
        }

        @Override
        public void bytesSent(long count) {
            sent.addAndGet(count);
        }

        @Override
        public void bytesReceived(long count) {
            received.addAndGet(count);
        }

        @Override
        public void connectionClosed(ImapException cause) {
            events.add("connectionClosed " + (cause == null ? "clean" : cause.getClass().getSimpleName()));
        }
    }

    private static TransportOptions.Builder base(int port, TlsMode mode) {
        return TransportOptions.builder("127.0.0.1").port(port).tlsMode(mode)
                .connectTimeout(Duration.ofSeconds(10)).greetingTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(20));
    }

    private static void ok(Tagged t) {
        assertEquals(Condition.OK, t.status(), () -> t.status() + " " + t.text());
    }

    /** LOGIN, SELECT, FETCH; the caller logs out. */
    private static void work(ImapTransport t) {
        ok(t.execute(new Command.Login(GreenMailServer.USER, Secret.of(GreenMailServer.PASSWORD)),
                CommandListener.NONE));
        ok(t.execute(Command.Select.of(MailboxName.INBOX), CommandListener.NONE));
        ok(t.execute(new Command.Fetch(SequenceSet.of(1),
                List.of(new FetchAttribute.BodySection(Section.whole(), true, null)), true, null, false),
                CommandListener.NONE));
    }

    /** Waits until a counter reaches what the relay counted (the relay counts a write once it returned). */
    private static void assertEventually(LongSupplier expected, LongSupplier actual, String what)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (expected.getAsLong() != actual.getAsLong() && System.nanoTime() - end < 0) {
            Thread.sleep(10);
        }
        assertEquals(expected.getAsLong(), actual.getAsLong(), what);
    }

    @Test
    void tlsSessionReportsEveryStepInOrderAndTheBytesOnTheWire() throws Exception {
        Recorder r = new Recorder();
        int relayPort;
        try (FaultProxy relay = FaultProxy.to(greenMail.host(), greenMail.imapsPort())) {
            relayPort = relay.port();
            TransportOptions o = base(relay.port(), TlsMode.IMPLICIT)
                    .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(greenMail.ca()))))
                    .eventListener(r).build();
            try (ImapTransport t = connect(o, ConnectionListener.NONE)) {
                work(t);
                // quiet now (nothing pending): what the transport counted is what crossed the relay
                assertEventually(relay::fromClient, r.sent::get, "bytes sent");
                assertEventually(relay::toClient, r.received::get, "bytes received");
                assertTrue(r.sent.get() > 0 && r.received.get() > 0);
                ok(t.execute(new Command.Logout(), CommandListener.NONE));
            }
            assertTrue(relay.awaitQuiet(java.time.Duration.ofSeconds(5)), "the relayed connection ended");
            // the client's close_notify too: everything the transport wrote was read by the relay
            assertEventually(relay::fromClient, r.sent::get, "bytes sent, including the close");
        }
        // GreenMail's greeting carries no capabilities: the opening asks for them
        assertEquals(List.of("connectStart 127.0.0.1 direct", "connectEnd " + relayPort, "tlsStart",
                "tlsEnd true true",
                "commandStart CAPABILITY", "commandEnd CAPABILITY OK", "commandStart LOGIN", "commandEnd LOGIN OK",
                "commandStart SELECT", "commandEnd SELECT OK", "commandStart UID FETCH", "commandEnd UID FETCH OK",
                "commandStart LOGOUT", "commandEnd LOGOUT OK", "connectionClosed clean"), r.events);
    }

    @Test
    void starttlsIsReportedBetweenTheServersOkAndTheCapabilitiesReadAgain() {
        DovecotServer dovecot = dovecot();
        Recorder r = new Recorder();
        TransportOptions o = base(dovecot.imapPort(), TlsMode.STARTTLS)
                .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(dovecot.ca()))))
                .eventListener(r).build();
        try (ImapTransport t = connect(o, ConnectionListener.NONE)) {
            ok(t.execute(new Command.Login(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD)),
                    CommandListener.NONE));
            ok(t.execute(new Command.Logout(), CommandListener.NONE));
        }
        // Dovecot's greeting carries its capabilities: STARTTLS comes first, CAPABILITY after the handshake
        assertEquals(List.of("connectStart 127.0.0.1 direct", "connectEnd " + dovecot.imapPort(),
                "commandStart STARTTLS", "commandEnd STARTTLS OK", "tlsStart", "tlsEnd true true",
                "commandStart CAPABILITY", "commandEnd CAPABILITY OK", "commandStart LOGIN", "commandEnd LOGIN OK",
                "commandStart LOGOUT", "commandEnd LOGOUT OK", "connectionClosed clean"), r.events);
    }

    @Test
    void aResolvedNameIsReportedWithItsAddresses() {
        Recorder r = new Recorder();
        List<InetAddress> resolved = Collections.synchronizedList(new ArrayList<>());
        ImapEventListener both = new ImapEventListener() {
            @Override
            public void connectStart(String host, int port, ProxyOptions proxy) {
                r.connectStart(host, port, proxy);
            }

            @Override
            public void dnsEnd(String host, List<InetAddress> addresses) {
                r.dnsEnd(host, addresses);
                resolved.addAll(addresses);
            }

            @Override
            public void connectEnd(InetSocketAddress address) {
                r.connectEnd(address);
            }
        };
        TransportOptions o = TransportOptions.builder("imap.events.test").port(greenMail.imapPort())
                .tlsMode(TlsMode.PLAIN).resolver(name -> List.of(InetAddress.getLoopbackAddress()))
                .eventListener(both).build();
        try (ImapTransport t = connect(o, ConnectionListener.NONE)) {
            ok(t.execute(new Command.Logout(), CommandListener.NONE));
        }
        assertEquals(List.of("connectStart imap.events.test direct", "dnsEnd imap.events.test",
                "connectEnd " + greenMail.imapPort()), r.events);
        assertEquals(List.of(InetAddress.getLoopbackAddress()), resolved);
    }

    @Test
    void plainSessionBytesMatchTheWireBothWaysAfterLogout() throws Exception {
        Recorder r = new Recorder();
        try (FaultProxy relay = FaultProxy.to(greenMail.host(), greenMail.imapPort())) {
            TransportOptions o = base(relay.port(), TlsMode.PLAIN).eventListener(r).build();
            try (ImapTransport t = connect(o, ConnectionListener.NONE)) {
                work(t);
                ok(t.execute(new Command.Logout(), CommandListener.NONE));
            }
            assertTrue(relay.awaitQuiet(java.time.Duration.ofSeconds(5)), "the relayed connection ended");
            assertEquals(relay.fromClient(), r.sent.get(), "bytes sent");
            assertEquals(relay.toClient(), r.received.get(), "bytes received");
        }
        assertFalse(r.events.contains("tlsStart"), r.events::toString);
        assertEquals("connectionClosed clean", r.events.get(r.events.size() - 1));
    }

    @Test
    void aListenerThatThrowsEverywhereIsLoggedAndNeverBreaksTheConnection() {
        ImapEventListener hostile = new ImapEventListener() {
            private RuntimeException boom() {
                return new IllegalStateException("listener bug");
            }

            @Override
            public void connectStart(String host, int port, ProxyOptions proxy) {
                throw boom();
            }

            @Override
            public void connectEnd(InetSocketAddress address) {
                throw boom();
            }

            @Override
            public void commandStart(String tag, String command) {
                throw boom();
            }

            @Override
            public void commandEnd(String tag, String command, Condition status, long durationNanos) {
                throw boom();
            }

            @Override
            public void bytesSent(long count) {
                throw boom();
            }

            @Override
            public void bytesReceived(long count) {
                throw boom();
            }

            @Override
            public void connectionClosed(ImapException cause) {
                throw boom();
            }
        };
        try (LogCapture logs = LogCapture.start()) {
            TransportOptions o = base(greenMail.imapPort(), TlsMode.PLAIN).eventListener(hostile).build();
            try (ImapTransport t = connect(o, ConnectionListener.NONE)) {
                work(t);
                ok(t.execute(new Command.Noop(), CommandListener.NONE));
                ok(t.execute(new Command.Logout(), CommandListener.NONE));
            }
            List<LogRecord> warnings = logs.of(ConnectionEvents.LOGGER).stream()
                    .filter(l -> l.getLevel() == Level.WARNING).toList();
            assertEquals(1, warnings.size(), logs::dump);
            assertTrue(LogCapture.text(warnings.get(0)).contains("event listener threw"), logs::dump);
            assertInstanceOf(IllegalStateException.class, warnings.get(0).getThrown());
        }
    }

    @Test
    void aConnectThatFailsEndsInConnectFailedAndADebugLineOnly() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Recorder r = new Recorder();
        try (LogCapture logs = LogCapture.start()) {
            TransportOptions o = base(closedPort, TlsMode.PLAIN).eventListener(r).build();
            assertThrows(ImapConnectionException.class, () -> connect(o, ConnectionListener.NONE));
            assertEquals(List.of("connectStart 127.0.0.1 direct", "connectFailed ImapConnectionException"),
                    r.events);
            // the caller has the exception: the log says it at DEBUG only, never on a default console
            assertTrue(logs.of(ConnectionEvents.LOGGER).stream().anyMatch(l -> l.getLevel() == Level.FINE
                    && LogCapture.text(l).contains("connecting failed")), logs::dump);
            assertTrue(logs.of(ConnectionEvents.LOGGER).stream().noneMatch(l -> l.getLevel().intValue()
                    >= Level.INFO.intValue()), logs::dump);
        }
    }

    @Test
    void theLogHasTheLifecycleAtDebugTheRedactedTraceAndNoPassword() {
        try (LogCapture logs = LogCapture.start()) {
            TransportOptions o = base(greenMail.imapPort(), TlsMode.PLAIN).build();
            try (ImapTransport t = connect(o, ConnectionListener.NONE)) {
                work(t);
                ok(t.execute(new Command.Logout(), CommandListener.NONE));
            }
            String all = logs.dump();
            for (LogRecord l : logs.records()) {
                assertFalse(LogCapture.text(l).contains(GreenMailServer.PASSWORD), all);
                assertTrue(l.getLevel().intValue() < Level.INFO.intValue(),
                        () -> "a normal session logs nothing at INFO or above:\n" + all);
            }
            List<String> lifecycle = logs.of(ConnectionEvents.LOGGER).stream()
                    .filter(l -> l.getLevel() == Level.FINE).map(LogCapture::text).toList();
            assertTrue(lifecycle.stream().anyMatch(s -> s.contains("connecting to 127.0.0.1:" + greenMail.imapPort())),
                    all);
            assertTrue(lifecycle.stream().anyMatch(s -> s.contains("TCP connected")), all);
            assertTrue(lifecycle.stream().anyMatch(s -> s.contains("session ready")), all);
            assertTrue(lifecycle.get(lifecycle.size() - 1).endsWith(" closed"), all);
            List<String> trace = logs.of(ConnectionEvents.TRACE_LOGGER).stream()
                    .peek(l -> assertEquals(Level.FINER, l.getLevel(), "System.Logger TRACE is JUL FINER"))
                    .map(LogCapture::text).toList();
            assertTrue(trace.stream().anyMatch(s -> s.matches(".* C: \\S+ LOGIN <redacted>")), all);
            assertTrue(trace.stream().anyMatch(s -> s.matches(".* S: \\S+ OK .*")), all);
            assertTrue(trace.stream().anyMatch(s -> s.contains(" C: ") && s.contains("UID FETCH 1 ")), all);
        }
    }
}
