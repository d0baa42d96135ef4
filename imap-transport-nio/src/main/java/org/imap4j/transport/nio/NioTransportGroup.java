package org.imap4j.transport.nio;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.session.ConnectionListener;
import org.imap4j.session.ImapTransport;
import org.imap4j.session.TlsOptions;
import org.imap4j.session.TransportOptions;
import org.imap4j.transport.nio.internal.Connection;
import org.imap4j.transport.nio.internal.SelectorLoop;

/**
 * A set of selector threads that serve many IMAP connections, with a shared default callback executor. Connections
 * are spread over the threads; each stays on one.
 *
 * <pre>{@code
 * try (NioTransportGroup group = NioTransportGroup.create()) {
 *     TransportOptions o = TransportOptions.builder("imap.example.org").build();
 *     ImapTransport t = group.connect(o, ConnectionListener.NONE).join();
 *     Tagged ok = t.execute(new Command.Noop(), CommandListener.NONE);
 * }
 * }</pre>
 *
 * <p>Closing the group closes every connection (pending commands fail with an
 * {@link org.imap4j.codec.ImapConnectionException}) and stops its threads.
 */
public final class NioTransportGroup implements AutoCloseable {
    private static final AtomicInteger GROUPS = new AtomicInteger();

    private final SelectorLoop[] loops;
    private final ExecutorService executor;
    private final Map<TlsOptions, SSLContext> contexts = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private NioTransportGroup(int threads) {
        int id = GROUPS.incrementAndGet();
        AtomicInteger callbackThreads = new AtomicInteger();
        // Bounded: each connection's callbacks run one at a time anyway, so a few threads serve thousands of
        // connections; idle ones retire after 2 s so a quiet group holds no callback thread.
        int poolSize = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(poolSize, poolSize, 2, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "imap4j-nio-" + id + "-callback-" + callbackThreads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        executor = pool;
        loops = new SelectorLoop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new SelectorLoop("imap4j-nio-" + id + "-selector-" + i);
            loops[i].start();
        }
    }

    /** @return a group with one selector thread (enough for thousands of mostly idle connections) */
    public static NioTransportGroup create() {
        return create(1);
    }

    /**
     * @param threads the number of selector threads, at least 1
     * @return a new group
     */
    public static NioTransportGroup create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        return new NioTransportGroup(threads);
    }

    /**
     * Opens a connection. The future completes when the session is ready: greeting read, STARTTLS done when chosen,
     * capabilities known. It fails with an {@link org.imap4j.codec.ImapTimeoutException} when the connect or a
     * deadline passes, an {@link org.imap4j.codec.ImapTlsException} when TLS fails (untrusted certificate, host name
     * mismatch, STARTTLS missing or refused, PREAUTH on a STARTTLS connection), an
     * {@link org.imap4j.codec.ImapProtocolException} when the server breaks the protocol (such as bytes injected
     * after the STARTTLS OK), or an {@link org.imap4j.codec.ImapConnectionException} for I/O failures.
     *
     * @param options  where and how to connect; {@code callbackExecutor} chooses where listeners and futures run
     *                 (default: this group's pool)
     * @param listener receives unsolicited responses and the end of the connection
     * @return the ready transport
     */
    public CompletableFuture<ImapTransport> connect(TransportOptions options, ConnectionListener listener) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new ImapConnectionException("the transport group is closed"));
        }
        Executor callbacks = options.callbackExecutor() != null ? options.callbackExecutor() : executor;
        SelectorLoop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        Connection c = new Connection(loop, options, listener, callbacks, this::context);
        NioTransport t = new NioTransport(c);
        // the name is resolved on the pool, never on a selector thread
        return c.start(t, executor);
    }

    private SSLContext context(TransportOptions options) {
        // building a context initialises trust managers: once per distinct TLS configuration
        return contexts.computeIfAbsent(options.tls(), TlsOptions::createContext);
    }

    /** Closes every connection (pending commands fail), then stops and joins the threads. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (SelectorLoop loop : loops) {
            for (Connection c : loop.connections()) {
                c.close();
            }
        }
        for (SelectorLoop loop : loops) {
            loop.shutdown();
        }
        executor.shutdown();
    }
}
