package org.imap4j.session.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback that counts the bytes it forwards each way, for checking what a transport says went over
 * its socket. It forwards to one target, for any number of connections; bytes from the client are counted as read
 * (and the client is read until it closes, even once the target is gone), bytes to the client as written.
 *
 * <pre>{@code
 * try (CountingRelay relay = CountingRelay.to(server.host(), server.imapPort())) {
 *     // connect to 127.0.0.1:relay.port()
 *     assertEquals(relay.fromClient(), sentByTheTransport);
 * }
 * }</pre>
 */
public final class CountingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final AtomicLong fromClient = new AtomicLong();
    private final AtomicLong toClient = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private CountingRelay(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "counting-relay-accept");
        t.setDaemon(true);
        t.start();
    }

    /**
     * @param host the target's host
     * @param port the target's port
     * @return a started relay
     */
    public static CountingRelay to(String host, int port) {
        try {
            return new CountingRelay(host, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the relay", e);
        }
    }

    /** @return the port the relay listens on (on the loopback address) */
    public int port() {
        return server.getLocalPort();
    }

    /** @return the bytes read from clients so far */
    public long fromClient() {
        return fromClient.get();
    }

    /** @return the bytes written to clients so far (counted once each write returned) */
    public long toClient() {
        return toClient.get();
    }

    /**
     * Waits until every relayed connection has ended both ways.
     *
     * @param millis the longest wait
     * @return whether they all ended in time
     * @throws InterruptedException if interrupted
     */
    public boolean awaitQuiet(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (running.get() > 0) {
            if (System.currentTimeMillis() > end) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(client);
            Socket target = new Socket();
            try {
                target.connect(new InetSocketAddress(targetHost, targetPort), 5000);
            } catch (IOException e) {
                close(client);
                continue;
            }
            sockets.add(target);
            running.incrementAndGet();
            AtomicInteger directions = new AtomicInteger(2);
            pump(client, target, fromClient, true, directions);
            pump(target, client, toClient, false, directions);
        }
    }

    private void pump(Socket from, Socket to, AtomicLong count, boolean countReads, AtomicInteger directions) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            boolean writable = true;
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (countReads) {
                        count.addAndGet(n);
                    }
                    if (writable) {
                        try {
                            out.write(buf, 0, n);
                            out.flush();
                            if (!countReads) {
                                count.addAndGet(n);
                            }
                        } catch (IOException e) {
                            writable = false; // the other side is gone; keep reading (and counting) this side
                        }
                    }
                }
            } catch (IOException e) {
                // this direction ended
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException e) {
                    // already closed
                }
                if (directions.decrementAndGet() == 0) {
                    close(from);
                    close(to);
                    running.decrementAndGet();
                }
            }
        }, "counting-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // nothing more to do
        }
        for (Socket s : sockets) {
            close(s);
        }
    }
}
