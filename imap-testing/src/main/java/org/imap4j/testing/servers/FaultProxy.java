package org.imap4j.testing.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault-injecting TCP proxy on loopback, between a client and a real server: it passes bytes through, and on
 * command resets every relayed connection (RST), closes them (FIN), black-holes them (the sockets stay open, every
 * byte either way is dropped: a NAT mapping that vanished), delays what it forwards, or refuses new connections
 * (the server is down) until told otherwise. Combined with a server fixture's restart it stands for every way a
 * long-lived IMAP session dies. It also counts: connections accepted, open and the most open at once (what the server
 * saw), and the bytes read from clients and written to them, so it serves as the plain counting relay of tests too.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.to(dovecot.host(), dovecot.imapPort())) {
 *     // connect to 127.0.0.1:proxy.port()
 *     proxy.blackHole();   // the link goes silent, nothing is closed
 *     proxy.passThrough(); // new connections work again
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {
    /** What the proxy does with the bytes it relays and with new connections. */
    public enum Mode {
        /** Forward every byte both ways. */
        PASS,
        /** Keep the sockets open and drop every byte both ways (nothing is closed, nothing is answered). */
        BLACK_HOLE,
        /** Accept a new connection and close it at once (the server is down); relayed ones go on. */
        REFUSE
    }

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong fromClient = new AtomicLong();
    private final AtomicLong toClient = new AtomicLong();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private volatile Mode mode = Mode.PASS;
    private volatile long delayMillis;
    private volatile boolean closed;

    private record Link(Socket client, Socket upstream, AtomicInteger directions) {
        void close(boolean reset) {
            try {
                if (reset) {
                    client.setSoLinger(true, 0); // close() sends RST instead of FIN
                    upstream.setSoLinger(true, 0);
                }
            } catch (IOException e) {
                // already closed
            }
            quietly(client);
            quietly(upstream);
        }
    }

    private FaultProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "fault-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    /**
     * @param host the server's host
     * @param port the server's port
     * @return a started proxy in {@link Mode#PASS}
     */
    public static FaultProxy to(String host, int port) {
        try {
            return new FaultProxy(host, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the proxy", e);
        }
    }

    /** @return the loopback address the proxy listens on, {@code 127.0.0.1} */
    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    /** @return the port the proxy listens on */
    public int port() {
        return server.getLocalPort();
    }

    /** @return how many connections the proxy has accepted so far */
    public int accepted() {
        return accepted.get();
    }

    /** @return how many bytes the proxy has forwarded so far, both ways */
    public long relayed() {
        return relayed.get();
    }

    /** @return how many relayed connections are open now */
    public int open() {
        return links.size();
    }

    /** @return the most relayed connections that were open at once */
    public int maxOpen() {
        return maxOpen.get();
    }

    /** @return the bytes read from clients so far (counted as read, also when the server side is gone) */
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
     * @param limit the longest wait
     * @return whether they all ended in time
     * @throws InterruptedException if interrupted
     */
    public boolean awaitQuiet(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (running.get() > 0) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** @return the mode */
    public Mode mode() {
        return mode;
    }

    /** Forwards again (relayed connections that are still open, and new ones). */
    public void passThrough() {
        mode = Mode.PASS;
    }

    /** From now on every byte either way is dropped; the sockets stay open, new connections hang after accept. */
    public void blackHole() {
        mode = Mode.BLACK_HOLE;
    }

    /** New connections are closed as soon as accepted (as if the server were down) until {@link #passThrough()}. */
    public void refuse() {
        mode = Mode.REFUSE;
    }

    /** @param d how long each forwarded chunk waits before it is written (zero: none) */
    public void delay(Duration d) {
        delayMillis = d.toMillis();
    }

    /** Resets every relayed connection (RST to the client and to the server). */
    public void resetAll() {
        for (Link l : links) {
            links.remove(l);
            l.close(true);
        }
    }

    /** Closes every relayed connection cleanly (FIN to the client and to the server). */
    public void closeAll() {
        for (Link l : links) {
            links.remove(l);
            l.close(false);
        }
    }

    private void accept() {
        while (!closed) {
            Socket c;
            try {
                c = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (mode == Mode.REFUSE) {
                quietly(c);
                continue;
            }
            Socket u = new Socket();
            try {
                u.connect(new InetSocketAddress(targetHost, targetPort), 5000);
                c.setTcpNoDelay(true);
                u.setTcpNoDelay(true);
            } catch (IOException e) {
                quietly(c);
                quietly(u);
                continue;
            }
            Link l = new Link(c, u, new AtomicInteger(2));
            links.add(l);
            maxOpen.accumulateAndGet(links.size(), Math::max);
            running.incrementAndGet();
            start(l, c, u, "up");
            start(l, u, c, "down");
        }
    }

    private void start(Link l, Socket from, Socket to, String direction) {
        Thread t = new Thread(() -> pump(l, from, to), "fault-proxy-" + direction);
        t.setDaemon(true);
        t.start();
    }

    private void pump(Link l, Socket from, Socket to) {
        boolean up = from == l.client();
        byte[] buf = new byte[16384];
        boolean writable = true;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (up) {
                    fromClient.addAndGet(n);
                }
                if (mode == Mode.BLACK_HOLE || !writable) {
                    continue; // dropped: no FIN, no RST, no byte (or the other side is gone: keep reading this one)
                }
                long d = delayMillis;
                if (d > 0) {
                    Thread.sleep(d);
                }
                try {
                    out.write(buf, 0, n);
                    out.flush();
                } catch (IOException e) {
                    writable = false;
                    continue;
                }
                relayed.addAndGet(n);
                if (!up) {
                    toClient.addAndGet(n);
                }
            }
            if (mode != Mode.BLACK_HOLE) {
                to.shutdownOutput(); // pass the FIN on; the other direction may still run (a half-closed link)
            }
        } catch (IOException e) {
            // the link was reset or closed: end both sides (a black hole keeps them, as it keeps everything)
            if (mode != Mode.BLACK_HOLE && links.remove(l)) {
                l.close(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (l.directions().decrementAndGet() == 0) {
            running.decrementAndGet();
            if (mode != Mode.BLACK_HOLE && links.remove(l)) {
                l.close(false);
            }
        }
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    /** Stops listening and closes every relayed connection. */
    @Override
    public void close() {
        closed = true;
        quietly(server);
        resetAll();
    }

    private static void quietly(ServerSocket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
