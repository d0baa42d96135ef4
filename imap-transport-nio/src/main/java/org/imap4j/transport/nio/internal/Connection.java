package org.imap4j.transport.nio.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.imap4j.codec.ConnectionState;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapTimeoutException;
import org.imap4j.codec.ImapTlsException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.ChannelBinding;
import org.imap4j.session.CommandListener;
import org.imap4j.session.ConnectionEvents;
import org.imap4j.session.ConnectionListener;
import org.imap4j.session.HostResolver;
import org.imap4j.session.ImapCall;
import org.imap4j.session.ImapTransport;
import org.imap4j.session.ProxyHandshake;
import org.imap4j.session.ProxyOptions;
import org.imap4j.session.SessionDriver;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TransportOptions;

/**
 * One connection of the NIO transport: a socket channel on one {@link SelectorLoop}, the codec's
 * {@link SessionDriver}, an optional {@link SslEngineDriver} and a bounded write queue.
 *
 * <p>Threading: {@link #lock} guards the driver, the TLS engine, the write queue and the channel's interest set.
 * It is taken by the loop thread (readiness, timers) and by callers (submit, IDLE DONE, close); it is never held
 * during a blocking call or while user code runs. Deliveries (listener calls, future completions) are enqueued
 * under the lock, in the driver's order, and run after it is released through a {@link SerialExecutor}.
 */
public final class Connection implements SslEngineDriver.Sink {
    /** How often a deadline is looked at again while reading is paused. */
    private static final long PAUSED_RECHECK_NANOS = 100_000_000L;

    private final SelectorLoop loop;
    private final TransportOptions options;
    private final ConnectionListener listener;
    private final Function<TransportOptions, SSLContext> contexts;
    private final ReentrantLock lock = new ReentrantLock();
    private final SerialExecutor callbacks;
    private final CompletableFuture<ImapTransport> connected = new CompletableFuture<>();
    private final ConnectionEvents events;
    /** The address the winning attempt connected to. */
    private InetSocketAddress remote;
    private ImapTransport facade;

    private SocketChannel channel;
    private SelectionKey key;
    private SessionDriver driver;
    private SslEngineDriver tls;
    private ArrayDeque<ByteBuffer> writeQueue;
    private long queuedBytes;
    private long ioDeadline = Long.MAX_VALUE;
    private String ioWhat;
    private boolean closed;
    private boolean channelClosed;
    private boolean readPaused;
    /**
     * The most one socket read takes into the engine's receive buffer. The JDK caches a temporary direct buffer of each
     * heap read's size per thread, so this bounds the loop thread's native memory (the blocking transport reads at
     * most 16 KiB a read); 64 KiB is above what one read of a loopback stream typically returns.
     */
    static final int MAX_READ = 64 * 1024;
    /** Reading paused by a consumer that lags behind ({@link #pauseReading(boolean)}), apart from the backlog. */
    private boolean consumerPaused;
    private long timerHint = Long.MAX_VALUE;
    private long now;
    private List<Runnable> pending;
    /** Whether every delivery in {@link #pending} may run on the loop thread ({@link SessionDriver#isPrompt}). */
    private boolean pendingPrompt;
    /** Set when connecting starts: the driver's deadlines count from it. */
    private long startNanos;
    /** When the connect timeout passes. */
    private long connectDeadline = Long.MAX_VALUE;
    /** While connecting: the addresses in attempt order, the next to try, when, those racing and those failed. */
    private List<InetSocketAddress> candidates;
    private int nextCandidate;
    private long nextAttemptAt = Long.MAX_VALUE;
    private List<Attempt> attempts;
    private List<Map.Entry<InetSocketAddress, IOException>> failures;
    /** While the proxy handshake runs (after TCP, before the session). */
    private ProxyHandshake proxy;

    /** One racing connection attempt. */
    private static final class Attempt {
        final SocketChannel channel;
        final SelectionKey key;
        final InetSocketAddress address;

        Attempt(SocketChannel channel, SelectionKey key, InetSocketAddress address) {
            this.channel = channel;
            this.key = key;
            this.address = address;
        }
    }
    /** Owned by the loop thread: the earliest deadline in its timer queue for this connection. */
    long scheduledAt = Long.MAX_VALUE;

    /**
     * @param loop     the loop that serves it
     * @param options  its options
     * @param listener its connection listener
     * @param executor where deliveries run
     * @param contexts SSL contexts by options (cached by the group)
     */
    public Connection(SelectorLoop loop, TransportOptions options, ConnectionListener listener, Executor executor,
            Function<TransportOptions, SSLContext> contexts) {
        this.loop = loop;
        this.options = options;
        this.listener = listener;
        this.contexts = contexts;
        this.callbacks = new SerialExecutor(executor);
        this.events = ConnectionEvents.of(options);
    }

    /**
     * Starts connecting; the result completes when the session is ready. The connect deadline (the options'
     * connect timeout) runs from now and covers resolving, connecting, the proxy handshake, TLS, the greeting and
     * the opening exchanges.
     *
     * @param transport the public face of this connection, handed to the caller when ready
     * @param resolver  where the name is resolved (never the loop thread: DNS may block)
     * @return the future of the ready transport
     */
    public CompletableFuture<ImapTransport> start(ImapTransport transport, Executor resolver) {
        this.facade = transport;
        events.connectStart();
        loop.add(this);
        String host = proxyHost();
        lock.lock();
        try {
            startNanos = System.nanoTime();
            now = startNanos;
            connectDeadline = startNanos + options.connectTimeout().toNanos();
            ioDeadline = connectDeadline;
            ioWhat = "resolving " + host;
            afterIo(0);
        } finally {
            lock.unlock();
        }
        Optional<InetAddress> literal = HostResolver.ipLiteral(host);
        if (literal.isPresent()) {
            openOnLoop(List.of(literal.get()));
            return connected;
        }
        try {
            resolver.execute(() -> {
                List<InetAddress> found;
                try {
                    found = options.resolver().resolve(host);
                } catch (UnknownHostException e) {
                    failEarly(new ImapConnectionException("cannot resolve host " + host + ": unknown host", e));
                    return;
                } catch (RuntimeException e) {
                    failEarly(new ImapConnectionException("cannot resolve host " + host + ": " + e, e));
                    return;
                }
                if (found == null || found.isEmpty()) {
                    failEarly(new ImapConnectionException("cannot resolve host " + host
                            + ": the resolver found no address"));
                    return;
                }
                List<InetAddress> ordered = HostResolver.attemptOrder(found);
                events.dnsEnd(host, ordered);
                openOnLoop(ordered);
            });
        } catch (RuntimeException e) {
            failEarly(new ImapConnectionException("the transport group is closed", e));
        }
        return connected;
    }

    private void openOnLoop(List<InetAddress> addresses) {
        try {
            loop.execute(() -> open(addresses));
        } catch (IllegalStateException e) {
            failEarly(new ImapConnectionException("the transport group is closed", e));
        }
    }

    /** @return the name to resolve and connect to: the proxy's, or the server's */
    private String proxyHost() {
        ProxyOptions p = options.proxy();
        if (p instanceof ProxyOptions.Socks5 s) {
            return s.host();
        }
        return p instanceof ProxyOptions.HttpConnect h ? h.host() : options.host();
    }

    private int proxyPort() {
        ProxyOptions p = options.proxy();
        if (p instanceof ProxyOptions.Socks5 s) {
            return s.port();
        }
        return p instanceof ProxyOptions.HttpConnect h ? h.port() : options.port();
    }

    private void failEarly(ImapException e) {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                failConnect(e);
                closeChannel();
                afterIo(0);
            }
        } finally {
            lock.unlock();
        }
        callbacks.kick();
    }

    // ------------------------------------------------------------------ loop thread: connect, read, write, timers

    private void open(List<InetAddress> addresses) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            now = System.nanoTime();
            int port = proxyPort();
            candidates = new ArrayList<>(addresses.size());
            for (InetAddress a : addresses) {
                candidates.add(new InetSocketAddress(a, port));
            }
            attempts = new ArrayList<>(Math.min(addresses.size(), 4));
            failures = new ArrayList<>(0);
            ioWhat = "connecting";
            startAttempt();
            afterIo(0);
        } finally {
            lock.unlock();
        }
        callbacks.kick();
    }

    /** Starts the next connection attempt, beside those running (RFC 8305 section 5). */
    private void startAttempt() {
        InetSocketAddress a = candidates.get(nextCandidate++);
        nextAttemptAt = nextCandidate < candidates.size() ? now + options.connectAttemptDelay().toNanos()
                : Long.MAX_VALUE;
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true); // liveness: the platform probes idle links
            boolean done = ch.connect(a);
            Attempt at = new Attempt(ch, ch.register(loop.selector(), done ? 0 : SelectionKey.OP_CONNECT, this), a);
            attempts.add(at);
            if (done) {
                won(at);
            }
        } catch (IOException e) {
            if (ch != null) {
                closeQuietly(ch);
            }
            attemptFailed(a, e);
        }
    }

    private void attemptFailed(InetSocketAddress a, IOException e) {
        failures.add(new AbstractMap.SimpleImmutableEntry<>(a, e));
        if (nextCandidate < candidates.size()) {
            startAttempt(); // a failure starts the next attempt at once
        } else if (attempts.isEmpty()) {
            failConnect(cannotConnect());
            closeChannel();
        }
    }

    private ImapConnectionException cannotConnect() {
        StringBuilder sb = new StringBuilder("cannot connect to ").append(describe()).append(": ");
        if (failures.size() == 1) {
            sb.append(failures.get(0).getValue().getMessage());
        } else {
            sb.append("none of its ").append(failures.size()).append(" addresses could be reached (");
            for (int i = 0; i < failures.size(); i++) {
                Map.Entry<InetSocketAddress, IOException> f = failures.get(i);
                sb.append(i == 0 ? "" : "; ").append(f.getKey().getAddress().getHostAddress()).append(": ")
                        .append(f.getValue().getMessage());
            }
            sb.append(')');
        }
        ImapConnectionException e = new ImapConnectionException(sb.toString(), failures.get(0).getValue());
        for (int i = 1; i < failures.size(); i++) {
            e.addSuppressed(failures.get(i).getValue());
        }
        return e;
    }

    /** The first attempt to connect wins: the others are closed, and the proxy handshake or the session begins. */
    private void won(Attempt winner) {
        attempts.remove(winner);
        closeAttempts();
        nextAttemptAt = Long.MAX_VALUE;
        candidates = null;
        failures = null;
        channel = winner.channel;
        key = winner.key;
        remote = winner.address;
        if (options.proxy() instanceof ProxyOptions.Direct) {
            connectedTcp();
            return;
        }
        try {
            proxy = ProxyHandshake.start(options.proxy(), options.host(), options.port());
        } catch (ImapException e) {
            failConnect(e);
            closeChannel();
            return;
        }
        ioWhat = "the proxy handshake";
        proxyIo();
    }

    private void closeAttempts() {
        if (attempts == null) {
            return;
        }
        for (Attempt a : attempts) {
            closeQuietly(a.channel);
        }
        attempts = null;
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // a losing attempt: nothing more to do
        }
    }

    /**
     * The proxy handshake, driven by the selector before any TLS or IMAP byte: writes its requests, reads no more
     * than it asks for (so the server's first bytes stay in the socket), and hands over to the session when done.
     */
    private void proxyIo() {
        try {
            while (true) {
                for (ByteBuffer b; (b = proxy.pollOutput()) != null; ) {
                    net(b);
                }
                if (!writeQueued()) {
                    key.interestOps(SelectionKey.OP_WRITE);
                    return;
                }
                ByteBuffer buf = loop.readBuffer();
                buf.limit(Math.min(buf.capacity(), proxy.wanted()));
                int n = channel.read(buf);
                events.bytesReceived(n);
                if (n < 0) {
                    proxy.endOfStream();
                } else if (n == 0) {
                    key.interestOps(SelectionKey.OP_READ);
                    return;
                } else {
                    buf.flip();
                    proxy.receive(buf);
                }
                if (proxy.isDone()) {
                    proxy = null;
                    key.interestOps(0);
                    connectedTcp();
                    return;
                }
            }
        } catch (ImapException e) {
            failConnect(e);
            closeChannel();
        } catch (IOException e) {
            failConnect(new ImapConnectionException("the connection to the " + options.proxy()
                    + " failed during the handshake: " + e.getMessage(), e));
            closeChannel();
        }
    }

    void onReady(SelectionKey k, int ops) {
        if ((ops & SelectionKey.OP_CONNECT) != 0) {
            onConnectable(k);
            return;
        }
        if (proxy != null) {
            onProxyReady();
            return;
        }
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            onWritable();
        }
        if ((ops & SelectionKey.OP_READ) != 0) {
            onReadable();
        }
    }

    private void onConnectable(SelectionKey k) {
        lock.lock();
        try {
            if (channelClosed || attempts == null) {
                return;
            }
            Attempt at = null;
            for (Attempt a : attempts) {
                if (a.key == k) {
                    at = a;
                }
            }
            if (at == null) {
                return; // an attempt closed since the selector reported it
            }
            now = System.nanoTime();
            try {
                if (!at.channel.finishConnect()) {
                    return;
                }
            } catch (IOException e) {
                attempts.remove(at);
                closeQuietly(at.channel);
                attemptFailed(at.address, e);
                afterIo(0);
                return;
            }
            won(at);
            afterIo(0);
        } finally {
            lock.unlock();
            callbacks.kick();
        }
    }

    private void onProxyReady() {
        lock.lock();
        try {
            if (channelClosed || proxy == null) {
                return;
            }
            now = System.nanoTime();
            proxyIo();
            afterIo(0);
        } finally {
            lock.unlock();
        }
        callbacks.kick();
    }

    /** TCP is up: the session begins (under the lock). */
    private void connectedTcp() {
        ioDeadline = Long.MAX_VALUE; // the driver's own deadlines (the connect timeout among them) take over
        events.connectEnd(remote);
        driver = new SessionDriver(options, listener, startNanos, events);
        driver.ready().whenComplete((v, ex) -> {
            if (ex == null) {
                connected.complete(facade);
            } else {
                connected.completeExceptionally(unwrap(ex));
            }
        });
        if (options.tlsMode() == TlsMode.IMPLICIT) {
            startTls();
        }
    }

    private void startTls() {
        try {
            SSLContext ctx = contexts.apply(options);
            SSLEngine engine = ctx.createSSLEngine(options.host(), options.port());
            engine.setUseClientMode(true);
            engine.setSSLParameters(options.tls().parameters(engine.getSSLParameters(), options.host()));
            tls = new SslEngineDriver(engine);
            ioDeadline = connectDeadline;
            ioWhat = "the TLS handshake";
            events.tlsStart();
            tls.begin(this);
        } catch (SSLException e) {
            lose(tlsFailure(e));
        } catch (ImapException e) {
            lose(e);
        } catch (RuntimeException e) {
            lose(new ImapTlsException("cannot set up TLS for " + where() + ": " + e, e));
        }
    }

    private void onReadable() {
        long weight = 0;
        lock.lock();
        try {
            if (channelClosed || driver == null) {
                return;
            }
            if (callbacks.pauseIfOverloaded(this::resumeReading)) {
                readPaused = true;
                updateInterest();
                return;
            }
            now = System.nanoTime();
            try {
                // A connection that holds a receive buffer (a response is being read: a FETCH stream, a body) reads
                // straight into the engine's buffer, as the blocking transport does: one copy fewer of every byte
                // (the JDK's temporary direct buffer -> the engine, rather than -> the loop's buffer -> the engine).
                // An idle one (it holds none) reads into the loop's shared buffer, so a push allocates nothing.
                ByteBuffer into = tls == null && driver.receiveBufferCapacity() > 0
                        ? driver.inputBuffer(SelectorLoop.READ_BUFFER) : null;
                if (into != null) {
                    // a duplicate reads: the driver finds what was read at the free space it handed out; at most
                    // MAX_READ of it, because the JDK reads a heap buffer through a temporary direct buffer of the
                    // buffer's remaining size that it keeps per thread: unbounded, the loop thread would keep one as
                    // large as the free space of the largest response it ever read (megabytes of native memory), and
                    // make a larger one whenever a larger response comes
                    ByteBuffer dst = into.duplicate();
                    if (dst.remaining() > MAX_READ) {
                        dst.limit(dst.position() + MAX_READ);
                    }
                    int n = channel.read(dst);
                    events.bytesReceived(n);
                    if (n < 0) {
                        driver.commitInput(0, now);
                        eof();
                    } else {
                        weight = n;
                        driver.commitInput(n, now);
                    }
                } else if (tls == null) {
                    ByteBuffer buf = loop.readBuffer();
                    int n = channel.read(buf);
                    events.bytesReceived(n);
                    if (n < 0) {
                        eof();
                    } else if (n > 0) {
                        weight = n;
                        buf.flip();
                        // all of it, even bytes after a STARTTLS OK: the engine reports those as an injection
                        driver.receive(buf, now);
                    }
                } else {
                    int packet = tls.engine().getSession().getPacketBufferSize();
                    ByteBuffer net = loop.netBuffer(2 * packet);
                    tls.restoreLeftover(net);
                    int n = channel.read(net);
                    events.bytesReceived(n);
                    if (n < 0) {
                        eof();
                    } else if (n > 0) {
                        weight = n;
                        net.flip();
                        if (tls.unwrap(net, loop::appBuffer, this)) {
                            eof();
                        }
                    }
                }
            } catch (SSLException e) {
                lose(tlsFailure(e));
            } catch (IOException e) {
                // BouncyCastle reports some TLS alerts as plain IOExceptions
                lose(org.imap4j.session.TlsOptions.isTlsFailure(e)
                        ? new ImapTlsException("TLS with " + where() + " failed: " + e.getMessage(), e)
                        : new ImapConnectionException("reading from " + where() + " failed: " + e.getMessage(), e));
            }
            afterIo(weight);
        } finally {
            lock.unlock();
        }
        // on the loop thread: pushed responses for a listener that only hands them on, and the data and completion
        // of a command whose listener only collects (SessionDriver.isPrompt), run here (one hand-off fewer per read
        // batch) unless many connections are ready at once: then the executor's threads collect while the loop
        // keeps reading the others. Anything else goes to the connection's executor.
        if (loop.quietRound()) {
            callbacks.kickHere();
        } else {
            callbacks.kick();
        }
    }

    private void eof() {
        lose(new ImapConnectionException("the server " + where() + " closed the connection"));
    }

    private void onWritable() {
        lock.lock();
        try {
            if (channelClosed) {
                return;
            }
            now = System.nanoTime();
            afterIo(0);
        } finally {
            lock.unlock();
        }
        callbacks.kick();
    }

    private void resumeReading() {
        if (!loop.running()) {
            return;
        }
        loop.execute(() -> {
            lock.lock();
            try {
                readPaused = false;
                if (!channelClosed) {
                    updateInterest();
                }
            } finally {
                lock.unlock();
            }
        });
    }

    void onTimer() {
        lock.lock();
        try {
            if (channelClosed) {
                return;
            }
            now = System.nanoTime();
            if (ioDeadline <= now) {
                ioDeadline = Long.MAX_VALUE;
                ImapTimeoutException e = new ImapTimeoutException("connecting to " + describe()
                        + " did not finish within the connect timeout of " + options.connectTimeout() + " ("
                        + ioWhat + " was still running)");
                if (driver == null) {
                    failConnect(e);
                    closeChannel();
                } else {
                    lose(e);
                }
            } else if (driver == null && nextAttemptAt <= now && attempts != null) {
                startAttempt(); // the running attempts stay; the next address joins them
            } else if (driver != null && driver.nextDeadline() <= now && !readPaused) {
                // while reading is paused for slow callbacks, the server's silence is ours: no read timeout
                driver.onTimer(now);
            }
            timerHint = Long.MAX_VALUE;
            afterIo(0);
        } finally {
            lock.unlock();
        }
        callbacks.kick();
    }

    /** An unexpected failure on the loop thread: this connection ends with it, the loop goes on. */
    void crashed(Throwable t) {
        lock.lock();
        try {
            if (!channelClosed) {
                lose(new ImapConnectionException("internal error in the NIO transport: " + t, t));
            }
            afterIo(0);
        } catch (RuntimeException e) {
            closeChannel();
        } finally {
            lock.unlock();
        }
        callbacks.kick();
    }

    // ------------------------------------------------------------------ any thread: the transport's operations

    /**
     * @param command  the command
     * @param listener its listener
     * @return the call
     */
    public ImapCall submit(Command command, CommandListener listener) {
        return submit(command, listener, null);
    }

    /**
     * @return a new exclusive section of this connection's engine
     */
    public org.imap4j.codec.ExclusiveSection openSection() {
        lock.lock();
        try {
            if (driver == null) {
                throw new IllegalStateException("not connected: " + where());
            }
            return driver.openSection();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes an exclusive section and writes what it released.
     *
     * @param section the section
     */
    public void closeSection(org.imap4j.codec.ExclusiveSection section) {
        lock.lock();
        try {
            now = System.nanoTime();
            driver.closeSection(section);
            afterIo(0);
        } finally {
            lock.unlock();
        }
        callbacks.kick();
    }

    /**
     * @param command  the command
     * @param listener its listener
     * @param section  the exclusive section it belongs to, or {@code null}
     * @return the call
     */
    public ImapCall submit(Command command, CommandListener listener, org.imap4j.codec.ExclusiveSection section) {
        NioCall call = new NioCall(this, command);
        lock.lock();
        try {
            now = System.nanoTime();
            if (queuedBytes >= options.maxQueuedWrite() && driver != null && !driver.isClosed()) {
                CompletableFuture<Tagged> failed = new CompletableFuture<>();
                call.refuse(failed);
                ImapConnectionException e = new ImapConnectionException("write queue full: " + queuedBytes
                        + " bytes wait to be written to " + where() + " (maxQueuedWrite "
                        + options.maxQueuedWrite() + ")");
                deliver(() -> failed.completeExceptionally(e));
            } else {
                call.bind(driver.submit(command, listener, call, now, section));
            }
            afterIo(0);
        } finally {
            lock.unlock();
        }
        callbacks.kick();
        return call;
    }

    void respond(NioCall call, Bytes response) {
        act(call, () -> driver.respond(call.driverCall(), response));
    }

    void cancel(NioCall call) {
        act(call, () -> driver.cancel(call.driverCall()));
    }

    void done(NioCall call) {
        act(call, () -> driver.done(call.driverCall(), now));
    }

    private void act(NioCall call, Runnable op) {
        if (call.driverCall() == null) {
            throw new IllegalStateException("the command was refused: " + call.command());
        }
        lock.lock();
        try {
            now = System.nanoTime();
            op.run();
            afterIo(0);
        } finally {
            lock.unlock();
        }
        callbacks.kick();
    }

    /**
     * Stops or resumes reading for a consumer that lags behind (a pulled FETCH): the channel's read interest is
     * cleared on the selector thread, and the driver stops counting the server's silence meanwhile.
     *
     * @param paused whether to pause
     */
    public void pauseReading(boolean paused) {
        Runnable change = () -> {
            lock.lock();
            try {
                consumerPaused = paused;
                now = System.nanoTime();
                if (driver != null) {
                    driver.readPaused(paused, now);
                }
                if (!channelClosed) {
                    updateInterest();
                    afterIo(0);
                }
            } finally {
                lock.unlock();
            }
            callbacks.kick();
        };
        if (loop.running()) {
            loop.execute(change);
        }
    }

    /** Closes at once: pending commands fail, the listener hears {@code onClosed(null)}. Idempotent. */
    public void close() {
        lock.lock();
        try {
            if (driver != null) {
                driver.close();
            } else if (!closed) {
                failConnect(new ImapConnectionException("connection to " + where() + " closed by the client"));
            }
            closed = true;
            afterIo(0);
            closeChannel();
        } finally {
            lock.unlock();
        }
        callbacks.kick();
    }

    /**
     * Waits (interruptibly) for a future that this connection's deliveries complete.
     *
     * @param condition what to wait for
     * @param limit     the longest wait
     * @return whether it completed in time
     */
    public boolean awaitCompletion(CompletableFuture<?> condition, java.time.Duration limit) {
        if (condition.isDone()) {
            return true;
        }
        if (inDelivery()) {
            throw new IllegalStateException("waiting in a callback of the same connection would wait forever: "
                    + "its deliveries run after the callback returns");
        }
        try {
            long n = limit.isNegative() ? 0 : limit.toNanos();
            condition.get(n, java.util.concurrent.TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.imap4j.codec.ImapInterruptedException("interrupted while waiting for " + where(), e);
        }
    }

    /** @return whether the current thread runs this connection's deliveries */
    boolean inDelivery() {
        return callbacks.inDelivery();
    }

    /** @return whether the calling thread is the selector thread that serves this connection */
    public boolean inLoop() {
        return loop.inLoop();
    }

    /** @return the greeting */
    public Untagged.StatusResponse greeting() {
        return read(() -> driver.greeting());
    }

    /** @return the capabilities last announced */
    public List<Capability> capabilities() {
        return read(() -> driver.capabilities());
    }

    /** @return the protocol state */
    public ConnectionState state() {
        return read(() -> driver.state());
    }

    /** @return whether TLS is established */
    public boolean isSecure() {
        return read(() -> tls != null && tls.handshakeDone() && !channelClosed);
    }

    /** @return whether COMPRESS=DEFLATE is on */
    public boolean isCompressing() {
        return read(() -> driver.isCompressing());
    }

    /**
     * @param type the binding type
     * @return its data, or empty
     */
    public Optional<Bytes> channelBinding(ChannelBinding type) {
        return read(() -> tls != null && tls.handshakeDone() && !channelClosed
                ? TlsBindings.of(tls.engine(), type) : Optional.<Bytes>empty());
    }

    private <T> T read(Supplier<T> s) {
        lock.lock();
        try {
            return s.get();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ under the lock

    /** After any driver operation: TLS start, output, closing, deliveries, the next deadline. */
    private void afterIo(long weight) {
        if (driver != null && !channelClosed) {
            if (driver.tlsPending() && tls == null && !driver.isClosed()) {
                startTls();
            }
            flush();
            if (driver.isClosed()) {
                closeChannel();
            }
        }
        if (driver != null) {
            Runnable r;
            while ((r = driver.pollDelivery()) != null) {
                deliver(r);
            }
        }
        if (pending != null) {
            callbacks.enqueue(pending, weight, pendingPrompt);
            pending = null;
        }
        long d = channelClosed ? Long.MAX_VALUE
                : Math.min(Math.min(ioDeadline, nextAttemptAt),
                        driver == null ? Long.MAX_VALUE : driver.nextDeadline());
        if (readPaused && d != Long.MAX_VALUE) {
            d = Math.max(d, now + PAUSED_RECHECK_NANOS);
        }
        if (d < timerHint) {
            timerHint = d;
            loop.schedule(this, d);
        }
    }

    private void deliver(Runnable r) {
        boolean prompt = SessionDriver.isPrompt(r);
        if (pending == null) {
            pending = new ArrayList<>(4);
            pendingPrompt = prompt;
        } else {
            pendingPrompt &= prompt;
        }
        pending.add(r);
    }

    private void flush() {
        if (channelClosed) {
            return;
        }
        try {
            while (true) {
                if (tls == null || tls.handshakeDone()) {
                    while (queuedBytes < options.maxQueuedWrite()) {
                        ByteBuffer b = driver.pollOutput(now);
                        if (b == null) {
                            break;
                        }
                        if (tls == null) {
                            net(b);
                        } else {
                            tls.wrap(b, this);
                        }
                    }
                }
                if (!writeQueued() || !driver.hasOutput() || (tls != null && !tls.handshakeDone())) {
                    break;
                }
            }
        } catch (SSLException e) {
            lose(tlsFailure(e));
        } catch (IOException e) {
            lose(new ImapConnectionException("writing to " + where() + " failed: " + e.getMessage(), e));
        }
        if (!channelClosed) {
            updateInterest();
        }
    }

    /**
     * Writes what the socket takes now.
     *
     * @return whether the queue is empty
     */
    private boolean writeQueued() throws IOException {
        if (writeQueue == null || writeQueue.isEmpty()) {
            return true;
        }
        while (!writeQueue.isEmpty()) {
            ByteBuffer[] batch = writeQueue.toArray(new ByteBuffer[Math.min(writeQueue.size(), 16)]);
            int count = Math.min(writeQueue.size(), 16);
            long n = channel.write(batch, 0, count);
            events.bytesSent(n);
            queuedBytes -= n;
            while (!writeQueue.isEmpty() && !writeQueue.peek().hasRemaining()) {
                writeQueue.poll();
            }
            if (n == 0) {
                return false;
            }
        }
        writeQueue = null; // an idle connection keeps no queue
        return true;
    }

    private void updateInterest() {
        if (key == null || !key.isValid() || driver == null) {
            return;
        }
        int ops = readPaused || consumerPaused ? 0 : SelectionKey.OP_READ;
        if (writeQueue != null && !writeQueue.isEmpty()) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
            loop.wakeup();
        }
    }

    /** The connection broke: the driver fails everything pending; the channel closes in {@link #afterIo}. */
    private void lose(ImapException cause) {
        if (driver != null) {
            driver.connectionLost(cause);
        } else {
            failConnect(cause);
        }
        closeChannel();
    }

    private void failConnect(ImapException e) {
        events.closed(e);
        if (!connected.isDone()) {
            deliver(() -> connected.completeExceptionally(e));
        }
    }

    private void closeChannel() {
        if (channelClosed) {
            return;
        }
        channelClosed = true;
        closed = true;
        ioDeadline = Long.MAX_VALUE;
        if (tls != null && channel != null && channel.isConnected()) {
            // close_notify: one non-blocking attempt, never a wait
            tls.close(this);
            try {
                writeQueued();
            } catch (IOException ignored) {
                // the peer is gone already
            }
        }
        writeQueue = null;
        queuedBytes = 0;
        nextAttemptAt = Long.MAX_VALUE;
        proxy = null;
        closeAttempts();
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
            loop.wakeup();
        }
        loop.remove(this);
    }

    private ImapTlsException tlsFailure(SSLException e) {
        String what = tls != null && tls.handshakeDone() ? "TLS with " : "TLS handshake with ";
        return new ImapTlsException(what + where() + " failed: " + e.getMessage(), e);
    }

    private String where() {
        return options.host() + ":" + options.port();
    }

    /** @return {@code host:port}, and the proxy when there is one */
    private String describe() {
        return options.proxy() instanceof ProxyOptions.Direct ? where() : where() + " through " + options.proxy();
    }

    private static ImapException unwrap(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c instanceof ImapException ie ? ie : new ImapConnectionException("connection failed: " + c, c);
    }

    // ------------------------------------------------------------------ SslEngineDriver.Sink

    @Override
    public void net(ByteBuffer record) {
        if (writeQueue == null) {
            writeQueue = new ArrayDeque<>(4);
        }
        writeQueue.add(record);
        queuedBytes += record.remaining();
    }

    @Override
    public void app(ByteBuffer plain) {
        driver.receive(plain, now);
    }

    @Override
    public void handshakeFinished() {
        ioDeadline = Long.MAX_VALUE;
        events.tlsEnd(tls.engine().getSession());
        if (driver.tlsPending()) {
            driver.tlsEstablished(now);
        }
    }
}
