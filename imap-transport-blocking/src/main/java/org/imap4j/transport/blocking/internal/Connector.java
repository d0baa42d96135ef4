package org.imap4j.transport.blocking.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapInterruptedException;
import org.imap4j.codec.ImapTimeoutException;
import org.imap4j.session.ConnectionEvents;
import org.imap4j.session.HostResolver;
import org.imap4j.session.ProxyHandshake;
import org.imap4j.session.ProxyOptions;
import org.imap4j.session.TransportOptions;

/**
 * Opens the TCP connection of a blocking transport, within the connect deadline: resolves the name (the proxy's,
 * through a proxy) on a helper thread, races the addresses RFC 8305 style, and runs the proxy handshake.
 *
 * <p>A classic socket's connect blocks its thread, so parallel attempts each get a short-lived daemon thread; the
 * caller waits for the first to connect and closes the others (closing a socket aborts its pending connect). With
 * one address (the common case, and every IP literal) the caller's thread connects and no thread is started.
 */
public final class Connector {
    private Connector() {
    }

    /**
     * @param options  where, through which proxy, with which resolver and attempt delay
     * @param deadline when the connect deadline passes ({@link System#nanoTime()} scale)
     * @param events   the connection's events: told of the resolved addresses and the connected one; the socket
     *                 reports its bytes to them
     * @return a connected socket; through a proxy, with the tunnel to the server open
     * @throws ImapTimeoutException    if the deadline passed
     * @throws ImapConnectionException if no address could be reached, or the proxy refused
     *                                 ({@link org.imap4j.session.ImapProxyException})
     */
    public static Socket open(TransportOptions options, long deadline, ConnectionEvents events) {
        ProxyOptions proxy = options.proxy();
        boolean direct = proxy instanceof ProxyOptions.Direct;
        String host = direct ? options.host() : proxyHost(proxy);
        int port = direct ? options.port() : proxyPort(proxy);
        List<InetAddress> addresses = resolve(options, host, deadline, events);
        Socket s = race(options, addresses, port, deadline, events);
        if (!direct) {
            try {
                handshake(options, s, deadline);
            } catch (RuntimeException e) {
                close(s);
                throw e;
            }
        }
        if (s.getRemoteSocketAddress() instanceof InetSocketAddress a) {
            events.connectEnd(a);
        }
        return s;
    }

    /** @return {@code "host:port"} or {@code "host:port through <proxy>"}, for messages */
    public static String describe(TransportOptions options) {
        String where = options.host() + ":" + options.port();
        return options.proxy() instanceof ProxyOptions.Direct ? where : where + " through " + options.proxy();
    }

    private static String proxyHost(ProxyOptions p) {
        return p instanceof ProxyOptions.Socks5 s ? s.host() : ((ProxyOptions.HttpConnect) p).host();
    }

    private static int proxyPort(ProxyOptions p) {
        return p instanceof ProxyOptions.Socks5 s ? s.port() : ((ProxyOptions.HttpConnect) p).port();
    }

    // ---------------------------------------------------------------- resolving

    private static List<InetAddress> resolve(TransportOptions options, String host, long deadline,
            ConnectionEvents events) {
        Optional<InetAddress> literal = HostResolver.ipLiteral(host);
        if (literal.isPresent()) {
            return List.of(literal.get());
        }
        // the resolver may block for longer than the deadline (a slow DNS server): it runs on a helper thread
        CompletableFuture<List<InetAddress>> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(options.resolver().resolve(host));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "imap4j-resolve");
        t.setDaemon(true);
        t.start();
        List<InetAddress> found;
        try {
            found = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw timeout(options, "resolving " + host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImapInterruptedException("interrupted while resolving " + host, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new ImapConnectionException("cannot resolve host " + host + ": "
                    + (c instanceof UnknownHostException ? "unknown host" : String.valueOf(c)), c);
        }
        if (found == null || found.isEmpty()) {
            throw new ImapConnectionException("cannot resolve host " + host + ": the resolver found no address");
        }
        List<InetAddress> ordered = HostResolver.attemptOrder(found);
        events.dnsEnd(host, ordered);
        return ordered;
    }

    // ---------------------------------------------------------------- connecting

    /** One connection attempt; its socket is made by the racing thread, so it can always be closed from there. */
    private static final class Attempt {
        final InetSocketAddress address;
        final Socket socket;
        volatile IOException error;

        Attempt(InetSocketAddress address, ConnectionEvents events) {
            this.address = address;
            this.socket = new CountingSocket(events);
        }
    }

    private static Socket race(TransportOptions options, List<InetAddress> addresses, int port, long deadline,
            ConnectionEvents events) {
        if (addresses.size() == 1) {
            Attempt a = new Attempt(new InetSocketAddress(addresses.get(0), port), events);
            connect(a, deadline);
            if (a.error != null) {
                close(a.socket);
                throw a.error instanceof SocketTimeoutException ? timeout(options, "connecting")
                        : cannotConnect(options, List.of(a));
            }
            return a.socket;
        }
        long stagger = options.connectAttemptDelay().toNanos();
        BlockingQueue<Attempt> finished = new LinkedBlockingQueue<>();
        List<Attempt> started = new ArrayList<>(addresses.size());
        List<Attempt> failed = new ArrayList<>();
        Attempt winner = null;
        try {
            int next = 0;
            long nextAt = System.nanoTime();
            int running = 0;
            while (true) {
                long now = System.nanoTime();
                if (next < addresses.size() && (running == 0 || now - nextAt >= 0)) {
                    Attempt a = new Attempt(new InetSocketAddress(addresses.get(next++), port), events);
                    started.add(a);
                    running++;
                    nextAt = now + stagger;
                    Thread t = new Thread(() -> {
                        connect(a, deadline);
                        finished.add(a);
                    }, "imap4j-connect");
                    t.setDaemon(true);
                    t.start();
                    continue;
                }
                if (now - deadline >= 0) {
                    throw timeout(options, "connecting (" + started.size() + " of " + addresses.size()
                            + " addresses tried)");
                }
                long until = next < addresses.size() && nextAt - deadline < 0 ? nextAt : deadline;
                Attempt done;
                try {
                    done = finished.poll(Math.max(1, until - now), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ImapInterruptedException("interrupted while connecting to " + describe(options), e);
                }
                if (done == null) {
                    continue;
                }
                running--;
                if (done.error == null) {
                    winner = done;
                    return done.socket;
                }
                failed.add(done);
                if (running == 0 && next >= addresses.size()) {
                    boolean allTimedOut = failed.stream().allMatch(f -> f.error instanceof SocketTimeoutException);
                    throw allTimedOut ? timeout(options, "connecting") : cannotConnect(options, failed);
                }
                // RFC 8305 section 5: a failed attempt starts the next one at once
                nextAt = System.nanoTime();
            }
        } finally {
            for (Attempt a : started) {
                if (a != winner) {
                    close(a.socket); // aborts a pending connect; closes one that connected too late
                }
            }
        }
    }

    private static void connect(Attempt a, long deadline) {
        try {
            a.socket.setTcpNoDelay(true);
            a.socket.setKeepAlive(true); // liveness: the platform probes a connection that is idle for long
            a.socket.connect(a.address, millis(deadline - System.nanoTime()));
        } catch (IOException e) {
            a.error = e;
        }
    }

    private static ImapConnectionException cannotConnect(TransportOptions options, List<Attempt> failed) {
        StringBuilder sb = new StringBuilder("cannot connect to ").append(describe(options)).append(": ");
        if (failed.size() == 1) {
            sb.append(failed.get(0).error.getMessage());
        } else {
            sb.append("none of its ").append(failed.size()).append(" addresses could be reached (");
            for (int i = 0; i < failed.size(); i++) {
                Attempt a = failed.get(i);
                sb.append(i == 0 ? "" : "; ").append(a.address.getAddress().getHostAddress()).append(": ")
                        .append(a.error.getMessage());
            }
            sb.append(')');
        }
        ImapConnectionException e = new ImapConnectionException(sb.toString(), failed.get(0).error);
        for (int i = 1; i < failed.size(); i++) {
            e.addSuppressed(failed.get(i).error);
        }
        return e;
    }

    // ---------------------------------------------------------------- the proxy

    private static void handshake(TransportOptions options, Socket s, long deadline) {
        ProxyHandshake h = ProxyHandshake.start(options.proxy(), options.host(), options.port());
        byte[] buf = new byte[256];
        try {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (!h.isDone()) {
                for (ByteBuffer b; (b = h.pollOutput()) != null; ) {
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    out.write(bytes);
                    java.util.Arrays.fill(bytes, (byte) 0); // may hold the proxy credentials
                }
                out.flush();
                s.setSoTimeout(millis(deadline - System.nanoTime()));
                int n = in.read(buf, 0, Math.min(buf.length, h.wanted()));
                if (n < 0) {
                    h.endOfStream();
                } else {
                    h.receive(ByteBuffer.wrap(buf, 0, n));
                }
            }
        } catch (SocketTimeoutException e) {
            throw timeout(options, "the proxy handshake");
        } catch (IOException e) {
            throw new ImapConnectionException("the connection to the " + options.proxy()
                    + " failed during the handshake: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * @param options the connection's options
     * @param what    the step that was still running
     * @return the timeout of the connect deadline
     */
    public static ImapTimeoutException timeout(TransportOptions options, String what) {
        return new ImapTimeoutException("connecting to " + describe(options) + " did not finish within the connect "
                + "timeout of " + options.connectTimeout() + " (" + what + " was still running)");
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing more to do with a socket that will not close
        }
    }

    /** @return at least 1 ms: a socket timeout of 0 would mean forever */
    static int millis(long nanos) {
        long ms = (nanos + 999_999) / 1_000_000;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, ms));
    }
}
