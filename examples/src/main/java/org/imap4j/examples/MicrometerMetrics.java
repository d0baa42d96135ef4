package org.imap4j.examples;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.SelectResult;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.response.Condition;
import org.imap4j.session.ImapEventListener;
import org.imap4j.session.ProxyOptions;

/**
 * Feeding Micrometer from imap4j's {@link ImapEventListener}: a timer per command name and status, the TLS handshake
 * time, the bytes on the wire, the open connections and the failed connects. One listener is made per connection
 * ({@link ImapClientConfig.Builder#eventListenerFactory}), so it can time its own connect and handshake; the meters
 * are shared through the registry.
 *
 * <pre>{@code
 * MeterRegistry registry = ...;   // Prometheus, OTLP, JMX...
 * ImapClient client = ImapClient.builder("imap.example.org")
 *         .eventListenerFactory(MicrometerMetrics.factory(registry))
 *         .connect();
 * }</pre>
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>kind</th><th>tags</th></tr>
 * <tr><td>imap.command</td><td>timer</td><td>command ({@code LOGIN}, {@code UID FETCH}...), status ({@code OK},
 * {@code NO}, {@code BAD}, {@code NONE} when the connection ended first)</td></tr>
 * <tr><td>imap.connect</td><td>timer</td><td>from the start of the connect to the TCP connection (DNS and proxy
 * included)</td></tr>
 * <tr><td>imap.tls.handshake</td><td>timer</td><td>protocol</td></tr>
 * <tr><td>imap.bytes.sent, imap.bytes.received</td><td>counter</td><td>(what crossed the socket, TLS included)</td></tr>
 * <tr><td>imap.connections.open</td><td>gauge</td><td></td></tr>
 * <tr><td>imap.connections.failed</td><td>counter</td><td>exception (its simple class name)</td></tr>
 * </table>
 *
 * <p>Run it against your server: it logs in, selects INBOX, logs out and prints the meters.
 *
 * <pre>
 * IMAP_PASSWORD=... java -cp "$CP" org.imap4j.examples.MicrometerMetrics imap.example.org alice
 * </pre>
 *
 * <p>{@code MicrometerMetricsTest} runs it against an embedded GreenMail.
 */
public final class MicrometerMetrics {
    private MicrometerMetrics() {
    }

    /**
     * @param args host and user; the password is read from the {@code IMAP_PASSWORD} environment variable
     */
    public static void main(String[] args) {
        if (args.length != 2 || System.getenv("IMAP_PASSWORD") == null) {
            System.err.println("usage: IMAP_PASSWORD=... MicrometerMetrics HOST USER");
            System.exit(2);
        }
        MeterRegistry registry = new SimpleMeterRegistry();
        run(ImapClient.builder(args[0]), args[1], Secret.of(System.getenv("IMAP_PASSWORD")), registry, System.out);
    }

    /**
     * Logs in, selects INBOX, logs out, and prints every meter the session fed.
     *
     * @param server   where to connect (host, port, TLS settings)
     * @param user     the user
     * @param password the password
     * @param registry where the meters go
     * @param out      where to print
     */
    public static void run(ImapClientConfig.Builder server, String user, Secret password, MeterRegistry registry,
            PrintStream out) {
        try (ImapClient client = server.eventListenerFactory(factory(registry)).connect()) {
            client.login(user, password);
            SelectResult inbox = client.select(MailboxName.INBOX);
            out.println(inbox.exists() + " messages in INBOX");
            client.logout();
        } finally {
            for (Meter m : registry.getMeters()) {
                out.println(m.getId().getName() + " " + m.getId().getTags() + " " + m.measure());
            }
        }
    }

    /**
     * @param registry where the meters go
     * @return a factory that makes one listener per connection, all feeding {@code registry}
     */
    public static ImapEventListener.Factory factory(MeterRegistry registry) {
        AtomicInteger open = registry.gauge("imap.connections.open", new AtomicInteger());
        return options -> new Metrics(registry, open);
    }

    /**
     * One connection's listener: called on that connection's thread (its reader and a writer may report at the same
     * time on the blocking transport, hence the volatile fields), so it only updates meters and never blocks.
     */
    private static final class Metrics implements ImapEventListener {
        private final MeterRegistry registry;
        private final AtomicInteger open;
        private final Counter sent;
        private final Counter received;
        private volatile long connectStarted;
        private volatile long tlsStarted;
        private volatile boolean connected;

        Metrics(MeterRegistry registry, AtomicInteger open) {
            this.registry = registry;
            this.open = open;
            this.sent = registry.counter("imap.bytes.sent");
            this.received = registry.counter("imap.bytes.received");
        }

        @Override
        public void connectStart(String host, int port, ProxyOptions proxy) {
            connectStarted = System.nanoTime();
        }

        @Override
        public void connectEnd(InetSocketAddress address) {
            registry.timer("imap.connect").record(System.nanoTime() - connectStarted, TimeUnit.NANOSECONDS);
            connected = true;
            open.incrementAndGet();
        }

        @Override
        public void connectFailed(ImapException cause) {
            registry.counter("imap.connections.failed", "exception", cause.getClass().getSimpleName()).increment();
            closed();
        }

        @Override
        public void tlsStart() {
            tlsStarted = System.nanoTime();
        }

        @Override
        public void tlsEnd(String protocol, String cipherSuite) {
            registry.timer("imap.tls.handshake", "protocol", protocol)
                    .record(System.nanoTime() - tlsStarted, TimeUnit.NANOSECONDS);
        }

        @Override
        public void commandEnd(String tag, String command, Condition status, long durationNanos) {
            Timer.builder("imap.command").tag("command", command).tag("status", status == null ? "NONE" : status.name())
                    .register(registry).record(durationNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void bytesSent(long count) {
            sent.increment(count);
        }

        @Override
        public void bytesReceived(long count) {
            received.increment(count);
        }

        @Override
        public void connectionClosed(ImapException cause) {
            closed();
        }

        private void closed() {
            if (connected) {
                connected = false;
                open.decrementAndGet();
            }
        }
    }
}
