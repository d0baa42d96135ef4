package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fault injection against a real server: a TCP proxy between the client and Dovecot fragments the stream into
 * random pieces, delays some, and cuts the connection after a random number of bytes in either direction. Over many
 * seeded rounds on both transports, every operation ends in a result or a typed {@link ImapException} within its
 * deadline, and an APPEND the client reported successful is in the mailbox exactly once.
 */
class FaultInjectionTest {
    private static final int ROUNDS = 40;

    /** A proxy whose faults come from one seed. */
    private static final class FaultyProxy implements AutoCloseable {
        private final ServerSocket listener;
        private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

        FaultyProxy(int targetPort, long seed) throws IOException {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    sockets.add(client);
                    sockets.add(server);
                    Random r = new Random(seed);
                    // cut somewhere in the first ~6 KB in one direction, or not at all
                    long cutUp = r.nextInt(3) == 0 ? r.nextInt(6000) : Long.MAX_VALUE;
                    long cutDown = r.nextInt(3) == 0 ? r.nextInt(6000) : Long.MAX_VALUE;
                    pump(client, server, new Random(r.nextLong()), cutUp);
                    pump(server, client, new Random(r.nextLong()), cutDown);
                } catch (IOException e) {
                    // closed before a client came
                }
            }, "fault-proxy-accept");
            accept.setDaemon(true);
            accept.start();
            threads.add(accept);
        }

        int port() {
            return listener.getLocalPort();
        }

        private void pump(Socket from, Socket to, Random r, long cutAfter) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                long total = 0;
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        int off = 0;
                        while (off < n) {
                            int piece = Math.min(n - off, 1 + r.nextInt(64));
                            if (total + piece > cutAfter) {
                                out.write(buf, off, (int) (cutAfter - total));
                                out.flush();
                                closeAll();
                                return;
                            }
                            out.write(buf, off, piece);
                            out.flush();
                            off += piece;
                            total += piece;
                            if (r.nextInt(40) == 0) {
                                Thread.sleep(r.nextInt(30));
                            }
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    // the other side closed, or a cut
                } finally {
                    closeAll();
                }
            }, "fault-proxy-pump");
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }

        private void closeAll() {
            synchronized (sockets) {
                for (Socket s : sockets) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            closeAll();
        }
    }

    @Test
    @Timeout(300)
    void everyOperationEndsInAResultOrATypedErrorAndAppendsAreExact() throws Exception {
        AtomicLong unique = new AtomicLong(System.nanoTime());
        int completed = 0;
        int failed = 0;
        try (DovecotServer d = DovecotServer.startOrSkip()) {
            MailboxName box = MailboxName.of("Faults");
            try (ImapClient setup = direct(d)) {
                setup.create(box);
            }
            for (int round = 0; round < ROUNDS; round++) {
                ImapClientConfig.Transport transport = round % 2 == 0 ? ImapClientConfig.Transport.BLOCKING
                        : ImapClientConfig.Transport.NIO;
                String id = "<fault-" + unique.incrementAndGet() + "@imap4j.test>";
                Long appended = null;
                long start = System.nanoTime();
                try (FaultyProxy proxy = new FaultyProxy(d.imapPort(), 1000 + round);
                        ImapClient c = ImapClient.builder("127.0.0.1").port(proxy.port()).tlsMode(TlsMode.PLAIN)
                                .allowCleartextPasswords(true).transport(transport)
                                .connectTimeout(Duration.ofSeconds(3)).greetingTimeout(Duration.ofSeconds(3))
                                .readTimeout(Duration.ofSeconds(3)).commandTimeout(Duration.ofSeconds(8))
                                .connect()) {
                    c.login(DovecotServer.USER, DovecotServer.PASSWORD);
                    c.select(box);
                    appended = c.append(box, Bytes.utf8("Message-ID: " + id + "\r\nSubject: round " + round
                            + "\r\n\r\n" + "x".repeat(2000) + "\r\n")).uid().orElseThrow();
                    c.noop();
                    c.search(SearchKey.header("Message-ID", id));
                    c.addFlags(SequenceSet.of(appended), Flag.FLAGGED);
                    c.fetchEnvelope(SequenceSet.of(appended));
                    c.logout();
                    completed++;
                } catch (ImapException e) {
                    failed++; // a typed outcome: the fault was seen as what it is
                }
                long took = System.nanoTime() - start;
                assertTrue(took < Duration.ofSeconds(30).toNanos(), "round " + round + " took " + took / 1e9 + " s");
                try (ImapClient check = direct(d)) {
                    check.select(box);
                    int copies = check.search(SearchKey.header("Message-ID", id)).ids().size();
                    if (appended != null) {
                        assertEquals(1, copies, "round " + round + ": a reported APPEND is there exactly once");
                    } else {
                        assertTrue(copies <= 1, "round " + round + ": never duplicated");
                    }
                }
            }
        }
        System.out.println("fault injection: " + completed + " rounds completed, " + failed + " ended in a typed error");
        assertTrue(failed > 0 && completed > 0,
                "the seeds produce both clean and faulty rounds: " + completed + " ok, " + failed + " failed");
    }

    private static ImapClient direct(DovecotServer d) {
        ImapClient c = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).connect();
        c.login(DovecotServer.USER, DovecotServer.PASSWORD);
        return c;
    }
}
