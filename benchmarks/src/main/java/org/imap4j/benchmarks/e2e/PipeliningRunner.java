package org.imap4j.benchmarks.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.imap4j.benchmarks.corpus.Loader;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.ImapOperations;
import org.imap4j.client.Operation;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;

/**
 * "Pipelining pays" (issue 19 item 4): eight independent commands over a link with a long round trip, one at a time
 * versus all in flight at once. A private Dovecot ({@link DovecotServer}) sits behind a relay of this class that
 * holds every chunk for half the round trip in each direction (so a round trip costs {@code rtt} plus the server's
 * time), and one imap4j connection runs the same eight operations of the one operation model either awaiting each
 * before starting the next, or starting all eight and then awaiting them. The eight are chosen so that RFC 9051
 * section 5.5, as the engine applies it, lets them overlap: each collects a different kind of untagged response
 * (UID FETCH, UID SEARCH, STATUS, CAPABILITY, NAMESPACE, ID, GETQUOTAROOT) or none (SUBSCRIBE), and none is a
 * barrier.
 *
 * <pre>
 * mvn -B -ntp -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar org.imap4j.benchmarks.e2e.PipeliningRunner [rttMs] [rounds] [BLOCKING|NIO]
 * </pre>
 * Defaults: 50 ms, 20 measured rounds after 3 warm-up rounds, both transports. Prints the median and the minimum of
 * a round for each way and their ratio.
 */
public final class PipeliningRunner {
    private static final MailboxName BOX = MailboxName.of("Pipe");

    private PipeliningRunner() {
    }

    /**
     * @param args [rttMs] [rounds] [transport...]
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        long rttMs = args.length > 0 ? Long.parseLong(args[0]) : 50;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<ImapClientConfig.Transport> transports = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            transports.add(ImapClientConfig.Transport.valueOf(args[i]));
        }
        if (transports.isEmpty()) {
            transports = List.of(ImapClientConfig.Transport.BLOCKING, ImapClientConfig.Transport.NIO);
        }
        System.out.println("JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " CPUs; round trip " + rttMs + " ms; " + rounds
                + " rounds of 8 commands after 3 warm-up rounds");
        try (DovecotServer d = DovecotServer.start();
                DelayRelay relay = new DelayRelay(d.host(), d.imapPort(), rttMs / 2)) {
            System.out.println("| transport | one at a time, median ms | all 8 in flight, median ms | speed-up (median) "
                    + "| one at a time, min ms | in flight, min ms |");
            System.out.println("|---|---|---|---|---|---|");
            for (ImapClientConfig.Transport t : transports) {
                ImapClientConfig.Builder b = ImapClient.builder("127.0.0.1").port(relay.port()).tlsMode(TlsMode.PLAIN)
                        .allowCleartextPasswords(true).readTimeout(Duration.ofSeconds(60)).transport(t);
                try (ImapClient c = b.connect()) {
                    c.login(DovecotServer.USER, DovecotServer.PASSWORD);
                    if (t == transports.get(0)) {
                        Loader.load(c, BOX, true, 20, 7);
                    }
                    c.select(BOX);
                    ImapOperations ops = c.operations();
                    List<Supplier<Operation<?>>> eight = List.of(
                            () -> ops.fetch(SequenceSet.all(), FetchAttribute.Item.FLAGS),
                            () -> ops.search(SearchKey.all()),
                            () -> ops.status(MailboxName.INBOX, StatusAttribute.MESSAGES),
                            ops::refreshCapabilities,
                            ops::namespace,
                            () -> ops.id(List.of(new Command.IdField("name", "imap4j-bench"))),
                            () -> ops.getQuotaRoot(BOX),
                            () -> ops.subscribe(BOX));
                    long[] serial = new long[rounds];
                    long[] piped = new long[rounds];
                    for (int r = -3; r < rounds; r++) {
                        long t0 = System.nanoTime();
                        for (Supplier<Operation<?>> s : eight) {
                            s.get().await();
                        }
                        long t1 = System.nanoTime();
                        List<Operation<?>> all = new ArrayList<>();
                        for (Supplier<Operation<?>> s : eight) {
                            all.add(s.get());
                        }
                        for (Operation<?> o : all) {
                            o.await();
                        }
                        long t2 = System.nanoTime();
                        if (r >= 0) {
                            serial[r] = t1 - t0;
                            piped[r] = t2 - t1;
                        }
                    }
                    c.logout();
                    Arrays.sort(serial);
                    Arrays.sort(piped);
                    double ms = 1e6;
                    System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2fx | %.1f | %.1f |%n", t,
                            serial[rounds / 2] / ms, piped[rounds / 2] / ms,
                            (double) serial[rounds / 2] / piped[rounds / 2], serial[0] / ms, piped[0] / ms);
                }
            }
        }
    }

    /**
     * A loopback relay to one server that delays every chunk by a fixed time in each direction, keeping order (a
     * link with a long round trip and plenty of bandwidth). Two threads per direction per connection: one reads and
     * stamps, one writes when the stamp is due.
     */
    static final class DelayRelay implements AutoCloseable {
        private final ServerSocket listener;
        private final List<Socket> sockets = new ArrayList<>();

        DelayRelay(String host, int port, long delayMs) throws IOException {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket client = listener.accept();
                        Socket server = new Socket(host, port);
                        client.setTcpNoDelay(true);
                        server.setTcpNoDelay(true);
                        synchronized (sockets) {
                            sockets.add(client);
                            sockets.add(server);
                        }
                        pump(client, server, delayMs);
                        pump(server, client, delayMs);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "delay-relay-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private record Chunk(long dueNanos, byte[] bytes) {
        }

        private static void pump(Socket from, Socket to, long delayMs) {
            BlockingQueue<Chunk> q = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                byte[] buf = new byte[64 * 1024];
                try (InputStream in = from.getInputStream()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        q.put(new Chunk(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs),
                                Arrays.copyOf(buf, n)));
                    }
                } catch (IOException | InterruptedException e) {
                    // the connection is over
                }
                q.add(new Chunk(0, null));
            }, "delay-relay-read");
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = to.getOutputStream();
                    while (true) {
                        Chunk c = q.take();
                        if (c.bytes() == null) {
                            to.shutdownOutput();
                            return;
                        }
                        long wait = c.dueNanos() - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        out.write(c.bytes());
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // the connection is over
                }
            }, "delay-relay-write");
            reader.setDaemon(true);
            writer.setDaemon(true);
            reader.start();
            writer.start();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            synchronized (sockets) {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }
}
