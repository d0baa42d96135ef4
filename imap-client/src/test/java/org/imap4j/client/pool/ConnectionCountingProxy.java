package org.imap4j.client.pool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay that counts the connections open through it at once (what the server sees), keeps the most
 * ever open, and can cut every connection (both sockets closed) to make pooled connections stale.
 */
final class ConnectionCountingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String host;
    private final int port;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    ConnectionCountingProxy(String host, int port) throws IOException {
        this.host = host;
        this.port = port;
        this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "pool-test-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** @return connections open through the relay now */
    int open() {
        return open.get();
    }

    /** @return the most connections that were open through the relay at once */
    int maxOpen() {
        return max.get();
    }

    /** @return connections accepted so far */
    int accepted() {
        return accepted.get();
    }

    /** Cuts every connection open now. */
    void dropAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            Socket target;
            try {
                target = new Socket(host, port);
            } catch (IOException e) {
                closeQuietly(client);
                continue;
            }
            int now = open.incrementAndGet();
            max.accumulateAndGet(now, Math::max);
            sockets.add(client);
            sockets.add(target);
            AtomicInteger ends = new AtomicInteger();
            Runnable end = () -> {
                closeQuietly(client);
                closeQuietly(target);
                if (ends.incrementAndGet() == 2) {
                    sockets.remove(client);
                    sockets.remove(target);
                    open.decrementAndGet();
                }
            };
            pump(client, target, end);
            pump(target, client, end);
        }
    }

    private static void pump(Socket from, Socket to, Runnable end) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side went away: end both
            } finally {
                end.run();
            }
        }, "pool-test-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        dropAll();
    }
}
