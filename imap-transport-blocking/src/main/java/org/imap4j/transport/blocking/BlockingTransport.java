package org.imap4j.transport.blocking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.imap4j.codec.ConnectionState;
import org.imap4j.codec.ExclusiveSection;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapInterruptedException;
import org.imap4j.codec.ImapTimeoutException;
import org.imap4j.codec.ImapTlsException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.ChannelBinding;
import org.imap4j.session.ChannelBindings;
import org.imap4j.session.CommandListener;
import org.imap4j.session.ConnectionEvents;
import org.imap4j.session.ConnectionListener;
import org.imap4j.session.ImapCall;
import org.imap4j.session.ImapTransport;
import org.imap4j.session.SessionDriver;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TlsOptions;
import org.imap4j.session.TransportOptions;
import org.imap4j.transport.blocking.internal.BouncyCastleBindings;
import org.imap4j.transport.blocking.internal.Connector;
import org.imap4j.transport.blocking.internal.WriteWatchdog;

/**
 * An IMAP connection over a blocking {@link Socket} (or {@link SSLSocket}): no thread of its own; the threads that
 * wait for results do the reading, one at a time, and whichever reads runs the listeners. Behaves on virtual
 * threads: it holds only {@link ReentrantLock}s, never a monitor, around blocking I/O.
 *
 * <pre>{@code
 * TransportOptions o = TransportOptions.builder("imap.example.org").build();   // implicit TLS, port 993
 * try (BlockingTransport t = BlockingTransport.connect(o, ConnectionListener.NONE)) {
 *     Tagged r = t.execute(new Command.Login("alice", Secret.of("s3cret")), CommandListener.NONE);
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Three locks, always taken in this order and never while running user code except the read lock: {@code readLock}
 * (the one reader, which also runs deliveries so their order holds), {@code writeLock} (socket writes, in the
 * order the driver produced them), {@code lock} (the driver's state; held only for computation). Listeners run on a
 * caller's thread while it holds the read lock; they may submit commands and end IDLE, and must not block on a
 * result of the same connection. For futures no caller waits on, {@link #readInBackground} reads on a daemon thread
 * of this connection while they are pending (it takes the same read lock, so it takes turns with waiting callers).
 */
public final class BlockingTransport implements ImapTransport {
    private static final int READ_BUFFER = 16 * 1024;
    private static final int WATCHED_WRITE = 8 * 1024;
    private static final int WRITE_CHUNK = 64 * 1024;
    /**
     * The longest one socket read or one wait for the read lock lasts before the waiting thread looks at its
     * interrupt flag and its own limit again: a classic socket read cannot be interrupted.
     */
    private static final long POLL_NANOS = 250_000_000L;

    private final TransportOptions options;
    private final ReentrantLock readLock = new ReentrantLock(true);
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock lock = new ReentrantLock();
    /** Guards the background reader: the futures it reads for and whether it runs. */
    private final ReentrantLock readerLock = new ReentrantLock();
    private final java.util.Set<CompletableFuture<?>> readFor = new java.util.HashSet<>();
    private Thread reader;
    private final SessionDriver driver;
    private final ConnectionEvents events;
    private final byte[] readBuffer = new byte[READ_BUFFER];
    private volatile Socket socket;
    private volatile SSLSocket tls;
    private InputStream in;
    private OutputStream out;
    private volatile boolean socketClosed;
    /** Set by {@link #pauseReading()}: waiting callers do not read until {@link #resumeReading()}. */
    private volatile boolean readPaused;
    private static final long PAUSED_POLL_NANOS = 2_000_000L;
    private int handshakes;
    /** When the connect timeout passes: it bounds everything until the session is ready. */
    private final long connectDeadline;

    private BlockingTransport(TransportOptions options, ConnectionListener listener, Socket socket, long started,
            ConnectionEvents events) {
        this.options = options;
        this.socket = socket;
        this.events = events;
        this.connectDeadline = started + options.connectTimeout().toNanos();
        this.driver = new SessionDriver(options, listener, started, events);
    }

    /**
     * Connects, runs TLS as configured, reads the greeting and the capabilities (with STARTTLS in between if
     * chosen), and returns the ready connection. The options' connect timeout bounds all of it, name resolution
     * and the proxy handshake included. A name with several addresses is connected to RFC 8305 style (see
     * {@link org.imap4j.session.HostResolver}): each further address is tried in parallel after the attempt delay,
     * each on a short-lived helper thread; the first to connect wins.
     *
     * @param options  where and how
     * @param listener receives unsolicited responses and the end of the connection
     * @return the open connection
     * @throws ImapTimeoutException    if connecting, the handshake or the greeting took too long
     * @throws ImapTlsException        if TLS failed or STARTTLS was required and not possible
     * @throws ImapConnectionException if the connection failed otherwise ({@link org.imap4j.session.ImapProxyException}
     *                                 if the proxy refused)
     */
    public static BlockingTransport connect(TransportOptions options, ConnectionListener listener) {
        long started = System.nanoTime();
        ConnectionEvents events = ConnectionEvents.of(options);
        events.connectStart();
        Socket s;
        try {
            s = Connector.open(options, started + options.connectTimeout().toNanos(), events);
        } catch (ImapException e) {
            events.closed(e);
            throw e;
        }
        BlockingTransport t = new BlockingTransport(options, listener, s, started, events);
        try {
            t.in = t.socketIn(s);
            t.out = t.socketOut(s);
            if (options.tlsMode() == TlsMode.IMPLICIT) {
                t.startTls(s);
            }
            t.await(t.driver.ready());
            return t;
        } catch (RuntimeException e) {
            if (e instanceof ImapException ie) {
                events.closed(ie); // the real cause, before close() reports a close by the caller
            }
            t.close();
            throw e;
        }
    }

    private InputStream socketIn(Socket s) {
        try {
            return s.getInputStream();
        } catch (IOException e) {
            throw new ImapConnectionException("socket has no input: " + e.getMessage(), e);
        }
    }

    private OutputStream socketOut(Socket s) {
        try {
            return s.getOutputStream();
        } catch (IOException e) {
            throw new ImapConnectionException("socket has no output: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- ImapTransport

    @Override
    public Untagged.StatusResponse greeting() {
        return locked(driver::greeting);
    }

    @Override
    public List<Capability> capabilities() {
        return locked(driver::capabilities);
    }

    @Override
    public ConnectionState state() {
        return locked(driver::state);
    }

    @Override
    public boolean isSecure() {
        return tls != null;
    }

    @Override
    public boolean isCompressing() {
        return locked(driver::isCompressing);
    }

    @Override
    public Optional<Bytes> channelBinding(ChannelBinding type) {
        SSLSocket s = tls;
        if (s == null) {
            return Optional.empty();
        }
        if (type == ChannelBinding.TLS_SERVER_END_POINT) {
            try {
                Certificate[] chain = s.getSession().getPeerCertificates();
                return chain.length > 0 && chain[0] instanceof X509Certificate x
                        ? ChannelBindings.serverEndPoint(x) : Optional.empty();
            } catch (SSLPeerUnverifiedException e) {
                return Optional.empty();
            }
        }
        if (!s.getClass().getName().startsWith("org.bouncycastle.")) {
            return Optional.empty(); // the JDK's JSSE exposes neither tls-unique nor the exporter
        }
        try {
            return BouncyCastleBindings.of(s, type.wireName()).map(Bytes::of);
        } catch (RuntimeException e) {
            // undefined here: tls-unique under TLS 1.3, or tls-exporter, whose secret BouncyCastle 1.79 clears
            // when the handshake completes (bc-java issue 1535)
            return Optional.empty();
        }
    }

    @Override
    public ImapCall submit(Command command, CommandListener listener) {
        return submit(command, listener, null);
    }

    @Override
    public ImapCall submit(Command command, CommandListener listener, ExclusiveSection section) {
        Call call = new Call();
        lock.lock();
        try {
            call.inner = driver.submit(command, listener, call, System.nanoTime(), section);
        } finally {
            lock.unlock();
        }
        flush();
        deliverIfIdle();
        return call;
    }

    @Override
    public ExclusiveSection openSection() {
        return locked(driver::openSection);
    }

    @Override
    public void closeSection(ExclusiveSection section) {
        control(() -> driver.closeSection(section));
    }

    @Override
    public void close() {
        lock.lock();
        try {
            driver.close();
        } finally {
            lock.unlock();
        }
        closeSocket();
        deliverIfIdle();
    }

    @Override
    public void pauseReading() {
        lock.lock();
        try {
            readPaused = true;
            driver.readPaused(true, System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void resumeReading() {
        lock.lock();
        try {
            readPaused = false;
            driver.readPaused(false, System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitCompletion(CompletableFuture<?> condition, java.time.Duration limit) {
        long now = System.nanoTime();
        long n = limit.isNegative() ? 0 : limit.toNanos();
        long end = n >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE : now + n;
        return waitFor(condition, end);
    }

    /**
     * Reads on a background thread of this connection until {@code condition} completes, for a caller that does not
     * wait (an asynchronous client over this transport). The thread exists only while such futures are pending: it
     * is started on demand, takes turns with callers that wait (the same read lock), runs the driver's deliveries
     * like any reader, and ends when nothing is left to read for. It runs no user code of its own: the client hands
     * user callbacks to its delivery executor.
     *
     * @param condition what to read for
     */
    public void readInBackground(CompletableFuture<?> condition) {
        if (condition.isDone()) {
            return;
        }
        readerLock.lock();
        try {
            readFor.add(condition);
            if (reader == null) {
                Thread t = new Thread(this::readInBackground, "imap4j-reader-" + options.host());
                t.setDaemon(true);
                reader = t;
                t.start();
            }
        } finally {
            readerLock.unlock();
        }
    }

    private void readInBackground() {
        try {
            while (true) {
                CompletableFuture<?> any;
                readerLock.lock();
                try {
                    readFor.removeIf(CompletableFuture::isDone);
                    if (readFor.isEmpty()) {
                        reader = null;
                        return;
                    }
                    any = CompletableFuture.anyOf(readFor.toArray(new CompletableFuture<?>[0]));
                } finally {
                    readerLock.unlock();
                }
                if (!waitFor(any, Long.MAX_VALUE)) {
                    // the connection is over: the futures failed through their deliveries, or never will complete
                    readerLock.lock();
                    try {
                        readFor.clear();
                        reader = null;
                        return;
                    } finally {
                        readerLock.unlock();
                    }
                }
            }
        } catch (RuntimeException e) {
            readerLock.lock();
            try {
                readFor.clear();
                reader = null;
            } finally {
                readerLock.unlock();
            }
        }
    }

    // ---------------------------------------------------------------- the call

    /** The {@link ImapCall} of this transport: waiting on it drives the reading. */
    private final class Call implements ImapCall {
        private SessionDriver.Call inner;

        @Override
        public Command command() {
            return inner.command();
        }

        @Override
        public CompletableFuture<Tagged> future() {
            return inner.future();
        }

        @Override
        public Tagged await() {
            return BlockingTransport.this.await(inner.future());
        }

        @Override
        public void respond(Bytes response) {
            control(() -> driver.respond(inner, response));
        }

        @Override
        public void cancel() {
            control(() -> driver.cancel(inner));
        }

        @Override
        public void done() {
            control(() -> driver.done(inner, System.nanoTime()));
        }
    }

    private void control(Runnable op) {
        lock.lock();
        try {
            op.run();
        } finally {
            lock.unlock();
        }
        flush();
    }

    // ---------------------------------------------------------------- reading

    private <T> T await(CompletableFuture<T> f) {
        if (!waitFor(f, Long.MAX_VALUE)) {
            ImapException why = locked(driver::closeCause);
            throw new ImapConnectionException("the connection is closed", why);
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ImapException ie) {
                throw ie;
            }
            throw e;
        }
    }

    /**
     * Reads (one waiting thread at a time, the others wait for the read lock) until {@code f} is done, the
     * connection is over with {@code f} still open, or {@code end} passes.
     *
     * @param end {@link System#nanoTime()} to give up at, or {@link Long#MAX_VALUE}
     * @return whether {@code f} is done
     * @throws ImapInterruptedException if the thread is interrupted (flag set again)
     */
    private boolean waitFor(CompletableFuture<?> f, long end) {
        while (!f.isDone()) {
            long now = System.nanoTime();
            if (end != Long.MAX_VALUE && now - end >= 0) {
                return false;
            }
            if (Thread.interrupted()) {
                throw interrupted(null);
            }
            if (readPaused) {
                // a consumer lags behind (pauseReading): nobody reads until it resumes
                java.util.concurrent.locks.LockSupport.parkNanos(PAUSED_POLL_NANOS);
                continue;
            }
            boolean reading;
            try {
                reading = readLock.tryLock(POLL_NANOS, java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            if (!reading) {
                continue;
            }
            try {
                deliver();
                if (f.isDone()) {
                    break;
                }
                long wake = System.nanoTime() + POLL_NANOS;
                readOnce(end != Long.MAX_VALUE && end - wake < 0 ? end : wake);
                deliver();
                if (!f.isDone() && socketClosed && locked(driver::isClosed)) {
                    return false; // nothing more will arrive (a call's own future has failed by now)
                }
            } finally {
                readLock.unlock();
            }
        }
        return true;
    }

    private static ImapInterruptedException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ImapInterruptedException("interrupted while waiting for the server", e);
    }

    /**
     * Reads once (or runs the due timer, or the STARTTLS handshake), under the read lock. A passed deadline fires
     * only after a last short read found nothing: the reply may be sitting in the socket's buffer already (this
     * thread was descheduled, or was busy with a callback), and then the server was on time.
     *
     * @param wakeBy when to return even if nothing arrived and no deadline is due ({@link System#nanoTime()})
     */
    private void readOnce(long wakeBy) {
        if (socketClosed || locked(driver::isClosed)) {
            lock.lock();
            try {
                driver.connectionLost(new ImapConnectionException("connection closed"));
            } finally {
                lock.unlock();
            }
            closeSocket();
            return;
        }
        if (locked(driver::tlsPending)) {
            starttls();
            return;
        }
        long deadline = locked(driver::nextDeadline);
        long now = System.nanoTime();
        long until = deadline != Long.MAX_VALUE && deadline - wakeBy < 0 ? deadline : wakeBy;
        int n;
        // Straight into the engine's receive buffer when the driver allows it (no inflation, no handshake due):
        // a streamed body then goes from the socket to its consumer with one copy. Only this thread (it holds the
        // read lock) receives, so the buffer stays put until the commit.
        ByteBuffer direct = locked(() -> driver.inputBuffer(READ_BUFFER));
        try {
            socket.setSoTimeout(millis(until - now)); // at least 1 ms: a passed deadline still gets its last look
            n = direct == null ? in.read(readBuffer)
                    : in.read(direct.array(), direct.arrayOffset() + direct.position(),
                            Math.min(direct.remaining(), READ_BUFFER));
        } catch (SocketTimeoutException e) {
            long t = System.nanoTime();
            if (deadline != Long.MAX_VALUE && t - deadline >= 0) {
                onTimer(t);
            }
            return;
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                // a virtual thread's socket read is interruptible: the JDK closed the socket
                lost(new ImapInterruptedException("interrupted while reading; the connection is closed", null));
                throw interrupted(null);
            }
            lost(TlsOptions.isTlsFailure(e) ? new ImapTlsException("TLS failure: " + e.getMessage(), e)
                    : new ImapConnectionException("connection lost: " + e.getMessage(), e));
            return;
        }
        if (n < 0) {
            lost(new ImapConnectionException("connection closed by the server"));
            return;
        }
        lock.lock();
        try {
            long t = System.nanoTime();
            if (direct != null) {
                driver.commitInput(n, t);
            } else {
                driver.receive(ByteBuffer.wrap(readBuffer, 0, n), t);
            }
            if (t - driver.nextDeadline() >= 0) {
                driver.onTimer(t); // data keeps coming, but an IDLE refresh may still be due
            }
        } finally {
            lock.unlock();
        }
        afterInput();
    }

    private void onTimer(long now) {
        lock.lock();
        try {
            driver.onTimer(now);
        } finally {
            lock.unlock();
        }
        afterInput();
    }

    private void lost(ImapException cause) {
        lock.lock();
        try {
            driver.connectionLost(cause);
        } finally {
            lock.unlock();
        }
        closeSocket();
    }

    private void afterInput() {
        flush();
        if (locked(driver::isClosed)) {
            closeSocket();
        }
    }

    private void starttls() {
        try {
            int stray = in.available();
            if (stray > 0) {
                // plaintext the server sent after its OK: hand it to the driver, which fails the connection
                int n = in.read(readBuffer, 0, Math.min(stray, readBuffer.length));
                lock.lock();
                try {
                    driver.receive(ByteBuffer.wrap(readBuffer, 0, Math.max(n, 0)), System.nanoTime());
                } finally {
                    lock.unlock();
                }
                closeSocket();
                return;
            }
            startTls(socket);
        } catch (ImapException e) {
            lost(e);
            return;
        } catch (IOException e) {
            lost(new ImapConnectionException("connection lost before the TLS handshake: " + e.getMessage(), e));
            return;
        }
        lock.lock();
        try {
            driver.tlsEstablished(System.nanoTime());
        } finally {
            lock.unlock();
        }
        flush();
    }

    /** Layers TLS over the socket and runs the handshake; the new streams replace the plain ones. */
    private void startTls(Socket plain) {
        SSLContext ctx = options.tls().createContext();
        SSLSocket s;
        try {
            s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, options.host(), options.port(), true);
            s.setUseClientMode(true);
            s.setSSLParameters(options.tls().parameters(s.getSSLParameters(), options.host()));
            s.addHandshakeCompletedListener(e -> onHandshake(e.getSocket()));
            s.setSoTimeout(millis(connectDeadline - System.nanoTime()));
            events.tlsStart();
            s.startHandshake();
        } catch (SocketTimeoutException e) {
            throw Connector.timeout(options, "the TLS handshake");
        } catch (IOException e) {
            if (TlsOptions.isTlsFailure(e)) {
                throw new ImapTlsException("TLS handshake with " + options.host() + " failed: " + e.getMessage(), e);
            }
            throw new ImapConnectionException("connection lost during the TLS handshake: " + e.getMessage(), e);
        }
        socket = s;
        tls = s;
        in = socketIn(s);
        out = socketOut(s);
        events.tlsEnd(s.getSession());
    }

    private void onHandshake(SSLSocket s) {
        if (++handshakes > 1) {
            // a server-initiated renegotiation: refused (renegotiation attacks; IMAP has no use for it)
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
        }
    }

    // ---------------------------------------------------------------- writing

    private void flush() {
        writeLock.lock();
        try {
            while (true) {
                ByteBuffer b = locked(() -> driver.pollOutput(System.nanoTime()));
                if (b == null) {
                    break;
                }
                if (socketClosed) {
                    continue;
                }
                byte[] chunk = new byte[Math.min(b.remaining(), WRITE_CHUNK)];
                while (b.hasRemaining() && !socketClosed) {
                    int n = Math.min(b.remaining(), chunk.length);
                    b.get(chunk, 0, n);
                    write(chunk, n);
                }
            }
        } finally {
            writeLock.unlock();
        }
        if (!socketClosed && locked(driver::isClosed)) {
            closeSocket(); // e.g. a supplied literal's stream failed while it was being written
        }
    }

    /**
     * Writes one chunk. Small writes fit the socket's send buffer; a larger one may block on a server that stopped
     * reading, so it is watched: the read timeout bounds each chunk, as it bounds silence when reading.
     */
    private void write(byte[] chunk, int n) {
        Object watch = n > WATCHED_WRITE
                ? WriteWatchdog.watch(socket, System.nanoTime() + options.readTimeout().toNanos()) : null;
        try {
            out.write(chunk, 0, n);
            out.flush();
        } catch (IOException e) {
            boolean timedOut = watch != null && !socketClosed && socket.isClosed();
            lost(timedOut ? new ImapTimeoutException("the server read nothing for " + options.readTimeout()
                    + " while a command was being written") : new ImapConnectionException("write failed: "
                    + e.getMessage(), e));
        } finally {
            if (watch != null) {
                WriteWatchdog.done(watch);
            }
        }
    }

    // ---------------------------------------------------------------- deliveries

    private void deliverIfIdle() {
        if (readLock.isHeldByCurrentThread()) {
            return; // called from a delivery (a composition submitting its next step): the running loop goes on
        }
        if (readLock.tryLock()) {
            try {
                deliver();
            } finally {
                readLock.unlock();
            }
        }
    }

    /** Runs queued callbacks in order; only under the read lock, so no two threads interleave them. */
    private void deliver() {
        while (true) {
            Runnable r = locked(driver::pollDelivery);
            if (r == null) {
                return;
            }
            try {
                r.run();
            } catch (RuntimeException e) {
                // a listener's failure must not stop the reading that other commands depend on
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private <T> T locked(java.util.function.Supplier<T> s) {
        lock.lock();
        try {
            return s.get();
        } finally {
            lock.unlock();
        }
    }

    private void closeSocket() {
        socketClosed = true;
        try {
            Socket s = socket;
            if (s != null) {
                s.close();
            }
        } catch (IOException ignored) {
            // nothing more to do with a socket that will not close
        }
    }

    private static int millis(long nanos) {
        long ms = (nanos + 999_999) / 1_000_000;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, ms));
    }
}
