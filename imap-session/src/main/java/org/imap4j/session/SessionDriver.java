package org.imap4j.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.imap4j.codec.CommandHandle;
import org.imap4j.codec.ConnectionState;
import org.imap4j.codec.EngineEvent;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapEngine;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapTimeoutException;
import org.imap4j.codec.ImapTlsException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Status;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * The transport-neutral half of a connection: it runs the {@link ImapEngine} through the opening sequence
 * (greeting, CAPABILITY, STARTTLS, CAPABILITY again), keeps IDLE alive, tracks the deadlines, switches COMPRESS=DEFLATE
 * on (RFC 4978, sync-flushed so nothing stalls), traces with secrets redacted, and turns engine events into
 * callbacks. A transport only moves bytes, performs the TLS handshake when {@link #tlsPending()} says so, runs the
 * callbacks {@link #pollDelivery()} hands it (outside its lock), and calls {@link #onTimer(long)} at
 * {@link #nextDeadline()}.
 *
 * <pre>
 *   GREETING ─▶ [CAPABILITY] ─▶ READY                                 (PLAIN, IMPLICIT)
 *   GREETING ─▶ [CAPABILITY] ─▶ STARTTLS ─▶ handshake ─▶ CAPABILITY ─▶ READY   (STARTTLS)
 * </pre>
 *
 * <p>Not thread-safe and never blocking: a transport calls it under its own lock. Time is passed in.
 */
public final class SessionDriver {
    private static final int INFLATE_CHUNK = 32 * 1024;

    /** Where the opening sequence is. */
    private enum Phase { GREETING, CAPABILITY, STARTTLS, HANDSHAKE, CAPABILITY_AFTER_TLS, READY }

    /** One submitted command, as the driver tracks it; a transport wraps it in its {@link ImapCall}. */
    public static final class Call {
        private final Command command;
        private final CommandListener listener;
        private final ImapCall facade;
        private final CompletableFuture<Tagged> future = new CompletableFuture<>();
        private CommandHandle handle;
        private boolean idling;
        private boolean announced;
        private boolean userDone;
        private boolean doneSent;
        private boolean refreshing;
        private long idleSince;
        private long submittedNanos;
        /** The first exception a callback of this command's listener threw; it fails the command at completion. */
        private Throwable listenerFailure;
        /** The stream of the supplied literal being written, and how many supplied literals were started. */
        private java.io.InputStream source;
        private int sources;
        private long sourceSize;

        private Call(Command command, CommandListener listener, ImapCall facade) {
            this.command = command;
            this.listener = listener;
            this.facade = facade;
        }

        /** @return the command */
        public Command command() {
            return command;
        }

        /** @return the result, completed through a delivery */
        public CompletableFuture<Tagged> future() {
            return future;
        }
    }

    private final TransportOptions options;
    private final ConnectionListener listener;
    private final ImapEngine engine;
    private final TraceListener trace;
    private final Map<CommandHandle, Call> calls = new IdentityHashMap<>();
    private final ArrayDeque<Runnable> deliveries = new ArrayDeque<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private Phase phase = Phase.GREETING;
    private CommandHandle opening;
    private Untagged.StatusResponse greeting;
    private boolean tlsPending;
    private boolean closed;
    private boolean closedByCaller;
    private ImapException closeCause;
    /** The first limit error a command listener threw; written by a delivery, so volatile. */
    private volatile ImapProtocolException listenerLimit;
    private Deflater deflater;
    private Inflater inflater;
    private byte[] inflated;
    private final long startedNanos;
    private long lastProgressNanos;
    private long now;
    private CommandHandle lastTracedOwner;

    /**
     * @param options   the connection's options
     * @param listener  receives unsolicited responses and the end of the connection
     * @param nowNanos  the time the connect began, before name resolution ({@link System#nanoTime()} scale): the
     *                  greeting timeout and the connect timeout (which lasts until the session is ready) count
     *                  from it
     */
    public SessionDriver(TransportOptions options, ConnectionListener listener, long nowNanos) {
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.engine = new ImapEngine(options.engine());
        this.trace = options.trace();
        this.startedNanos = nowNanos;
        this.lastProgressNanos = nowNanos;
        this.now = nowNanos;
    }

    // ---------------------------------------------------------------- state

    /** @return completes (through a delivery) when the opening sequence is done, or fails with why it failed */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** @return the greeting, or {@code null} before it */
    public Untagged.StatusResponse greeting() {
        return greeting;
    }

    /** @return the capabilities last announced */
    public List<Capability> capabilities() {
        return engine.capabilities();
    }

    /** @return the protocol state */
    public ConnectionState state() {
        return engine.state();
    }

    /** @return whether COMPRESS=DEFLATE is on */
    public boolean isCompressing() {
        return deflater != null;
    }

    /**
     * @return whether the server accepted STARTTLS and the transport must now run the TLS handshake, then call
     *         {@link #tlsEstablished(long)}; no byte may be read or written before
     */
    public boolean tlsPending() {
        return tlsPending;
    }

    /** @return whether the connection is over (failed, timed out, closed, or the server said BYE): close the socket */
    public boolean isClosed() {
        return closed;
    }

    /**
     * @return why the connection closed: the first error (a protocol violation, a limit, a timeout, the lost
     *         connection), never replaced by later ones; {@code null} if it is open or closed cleanly (LOGOUT,
     *         the server's BYE with nothing else pending, or {@link #close()}). A command submitted after a failure
     *         fails with an {@link ImapConnectionException} whose cause is this error.
     */
    public ImapException closeCause() {
        return closeCause;
    }

    /** @return whether commands are pending */
    public boolean hasPendingCommands() {
        return engine.hasPendingCommands();
    }

    // ---------------------------------------------------------------- commands

    /**
     * Submits a command. If the connection is already over, the call fails at once (through a delivery).
     *
     * @param command  the command
     * @param listener its listener
     * @param facade   the transport's call object, passed back to {@link CommandListener#onContinuation}
     * @param nowNanos the time
     * @return the tracked call
     */
    public Call submit(Command command, CommandListener listener, ImapCall facade, long nowNanos) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(listener, "listener");
        now = nowNanos;
        Call call = new Call(command, listener, facade);
        call.submittedNanos = nowNanos;
        if (!busy()) {
            lastProgressNanos = nowNanos;
        }
        failOnListenerLimit();
        try {
            call.handle = engine.submit(command);
        } catch (ImapConnectionException e) {
            deliveries.add(() -> call.future.completeExceptionally(e));
            return call;
        }
        calls.put(call.handle, call);
        return call;
    }

    /**
     * Answers an AUTHENTICATE challenge.
     *
     * @param call     the AUTHENTICATE
     * @param response the SASL response
     */
    public void respond(Call call, Bytes response) {
        engine.authenticateResponse(active(call, Command.Authenticate.class), response);
    }

    /** @param call the AUTHENTICATE to cancel */
    public void cancel(Call call) {
        engine.authenticateCancel(active(call, Command.Authenticate.class));
    }

    /**
     * Ends an IDLE: DONE now if the server is idling, else as soon as it starts (or when a keep-alive re-issue
     * would happen).
     *
     * @param call     the IDLE
     * @param nowNanos the time
     */
    public void done(Call call, long nowNanos) {
        if (!(call.command instanceof Command.Idle)) {
            throw new IllegalStateException("not an IDLE: " + call.command);
        }
        now = nowNanos;
        call.userDone = true;
        if (!call.future.isDone() && call.idling && !call.doneSent && calls.get(call.handle) == call) {
            sendDone(call);
        }
    }

    private CommandHandle active(Call call, Class<?> kind) {
        if (!kind.isInstance(call.command) || calls.get(call.handle) != call) {
            throw new IllegalStateException("not an active " + kind.getSimpleName() + ": " + call.command);
        }
        return call.handle;
    }

    private void sendDone(Call call) {
        engine.idleDone(call.handle);
        call.doneSent = true;
        call.idling = false;
        lastProgressNanos = now;
    }

    // ---------------------------------------------------------------- output

    /** @return whether bytes wait to be written */
    public boolean hasOutput() {
        return engine.hasOutput();
    }

    /**
     * Returns the next bytes to write: the engine's own buffers as they are, or, with COMPRESS on, everything
     * pending deflated into one buffer that ends in a sync flush.
     *
     * @return bytes to write fully, or {@code null} if there are none
     */
    public ByteBuffer pollOutput() {
        if (deflater == null) {
            ByteBuffer b = nextOutput();
            if (b != null && trace != null) {
                traceOut(b);
            }
            return b;
        }
        if (!engine.hasOutput()) {
            return null;
        }
        byte[] out = new byte[1024];
        int n = 0;
        ByteBuffer b;
        long taken = 0;
        // a supplied literal may be gigabytes: one deflated batch takes a bounded part of it
        while (taken < SUPPLY_CHUNK * 4L && (b = nextOutput()) != null) {
            taken += b.remaining();
            if (trace != null) {
                traceOut(b);
            }
            deflater.setInput(b.duplicate());
            while (!deflater.needsInput()) {
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                n += deflater.deflate(out, n, out.length - n, Deflater.NO_FLUSH);
            }
        }
        // SYNC_FLUSH ends the output on a byte boundary so the server can act on it now (RFC 4978 section 4).
        while (true) {
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            int k = deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
            n += k;
            if (n < out.length) {
                break;
            }
        }
        return ByteBuffer.wrap(out, 0, n);
    }

    /**
     * As {@link #pollOutput()}, at a known time: writing a supplied literal (an APPEND from a stream) counts as
     * progress, so a long upload to a server that says nothing meanwhile does not run into the read timeout.
     *
     * @param nowNanos the time
     * @return bytes to write fully, or {@code null} if there are none
     */
    public ByteBuffer pollOutput(long nowNanos) {
        now = nowNanos;
        return pollOutput();
    }

    private static final int SUPPLY_CHUNK = 64 * 1024;

    /** The engine's next buffer, or the next chunk of a supplied literal that is due, or {@code null}. */
    private ByteBuffer nextOutput() {
        ByteBuffer b = engine.pollOutput();
        if (b != null || closed || engine.pendingSupplied() == 0) {
            return b;
        }
        return supply();
    }

    /**
     * Reads the next chunk of the supplied literal that is due from its command's stream
     * ({@link CommandListener#literalSource(int)}), exactly up to the announced size. Before the literal's last
     * bytes are handed out, the stream must be at its end; a stream that ends early, holds more, or throws fails the
     * connection with a {@link LiteralSourceException}, so no literal of the wrong length is ever completed.
     */
    private ByteBuffer supply() {
        CommandHandle owner = engine.pendingSuppliedOwner();
        Call c = calls.get(owner);
        long due = engine.pendingSupplied();
        if (c == null) {
            fail(new LiteralSourceException("no stream for a supplied literal of " + owner.tag().value(), null));
            return null;
        }
        try {
            if (c.source == null) {
                c.source = Objects.requireNonNull(c.listener.literalSource(c.sources++),
                        "CommandListener.literalSource returned null");
                c.sourceSize = due;
            }
            byte[] buf = new byte[(int) Math.min(due, SUPPLY_CHUNK)];
            int n = c.source.read(buf, 0, buf.length);
            if (n < 0) {
                throw new LiteralSourceException(name(c.command) + ": the message stream ended after "
                        + (c.sourceSize - due) + " of the " + c.sourceSize + " bytes announced; the connection is "
                        + "closed, as the literal cannot be completed", null);
            }
            if (n == due && c.source.read() != -1) {
                throw new LiteralSourceException(name(c.command) + ": the message stream holds more than the "
                        + c.sourceSize + " bytes announced; the connection is closed before the literal's last "
                        + n + " bytes, so no message of the wrong length is stored", null);
            }
            engine.supplied(n);
            if (n == due) {
                c.source = null;
            }
            lastProgressNanos = now;
            return ByteBuffer.wrap(buf, 0, n);
        } catch (LiteralSourceException e) {
            c.source = null;
            fail(e);
        } catch (java.io.IOException | RuntimeException e) {
            c.source = null;
            fail(new LiteralSourceException(name(c.command) + ": reading the message stream failed after "
                    + (c.sourceSize - due) + " of " + c.sourceSize + " bytes (" + e.getClass().getSimpleName()
                    + "); the connection is closed, as the literal cannot be completed", e));
        }
        return null;
    }

    // ---------------------------------------------------------------- read pause

    private boolean readPaused;

    /**
     * Tells the driver that the transport stops (or resumes) reading for a consumer that lags behind: while paused,
     * the server's silence is not counted against the read timeout (the command timeout still runs); on resuming,
     * the read timeout counts from now.
     *
     * @param paused   whether reading is paused
     * @param nowNanos the time
     */
    public void readPaused(boolean paused, long nowNanos) {
        now = nowNanos;
        if (readPaused && !paused) {
            lastProgressNanos = nowNanos;
        }
        readPaused = paused;
    }

    // ---------------------------------------------------------------- input

    /**
     * Hands over bytes read from the connection (after TLS): they are inflated if COMPRESS is on, parsed, and
     * turned into deliveries.
     *
     * @param bytes    what was read (consumed entirely)
     * @param nowNanos the time
     */
    public void receive(ByteBuffer bytes, long nowNanos) {
        now = nowNanos;
        lastProgressNanos = nowNanos;
        failOnListenerLimit();
        if (closed) {
            bytes.position(bytes.limit());
            return;
        }
        if (tlsPending && bytes.hasRemaining()) {
            // the STARTTLS injection class (USENIX Security 2021): plaintext after the OK, before the handshake
            int n = bytes.remaining();
            bytes.position(bytes.limit());
            fail(new ImapProtocolException("STARTTLS injection: " + n
                    + " byte(s) received after the tagged OK, before the TLS handshake", -1, "", null));
            return;
        }
        if (inflater != null) {
            byte[] z = new byte[bytes.remaining()];
            bytes.get(z);
            inflate(z);
            return;
        }
        if (trace != null) {
            traceIn(bytes.duplicate());
        }
        engine.receive(bytes);
        drain();
        trimIfIdling();
    }

    /**
     * A buffer to read the connection's bytes straight into (no copy on the way to the engine), when that is
     * possible now: not while COMPRESS inflates, a STARTTLS handshake is due or the connection is over. Follow a
     * read into it with {@link #commitInput}; until then, call nothing else that receives.
     *
     * @param minFree the least free space wanted
     * @return the engine's receive buffer positioned at its free space (it has an array), or {@code null}: use
     *     {@link #receive} instead
     */
    public ByteBuffer inputBuffer(int minFree) {
        if (closed || tlsPending || inflater != null) {
            return null;
        }
        lastInput = engine.inputBuffer(minFree);
        return lastInput;
    }

    /** The buffer {@link #inputBuffer} handed out last (for the trace of what was read into it). */
    private ByteBuffer lastInput;

    /**
     * Reports {@code n} bytes read into the last {@link #inputBuffer}: they are traced, parsed and turned into
     * deliveries as {@link #receive} does.
     *
     * @param n        bytes read
     * @param nowNanos the time
     */
    public void commitInput(int n, long nowNanos) {
        now = nowNanos;
        lastProgressNanos = nowNanos;
        failOnListenerLimit();
        if (closed) {
            lastInput = null;
            return;
        }
        ByteBuffer read = lastInput;
        lastInput = null;
        if (trace != null && read != null) {
            // the bytes just read lie at the start of the free space that buffer showed
            traceIn(ByteBuffer.wrap(read.array(), read.arrayOffset() + read.position(), n));
        }
        engine.commitInput(n);
        drain();
        trimIfIdling();
    }

    /** @return the bytes the engine's receive buffer holds allocated now (an idling connection holds none) */
    public int receiveBufferCapacity() {
        return engine.receiveBufferCapacity();
    }

    /**
     * A listener callback that throws (a parser limit in the client, a full heap while assembling a body, a bug in
     * user code) must neither stop the deliveries of other commands nor leave its own command looking successful
     * with part of its data: the first failure is kept and fails the command when its tagged response arrives.
     */
    private Runnable guarded(Call c, Runnable callback) {
        return () -> {
            try {
                callback.run();
            } catch (ImapProtocolException e) {
                if (c.listenerFailure == null) {
                    c.listenerFailure = e;
                }
                if (e.limit() != null) {
                    // A limit broken while collecting (a body too large to hold, too many results): the caller hears
                    // of it now, not at a tagged reply a hostile server may never send, and the connection closes at
                    // the next call into the driver (the client closes it at once; see close()).
                    if (listenerLimit == null) {
                        listenerLimit = e;
                    }
                    c.future.completeExceptionally(e);
                }
            } catch (RuntimeException | Error e) {
                if (c.listenerFailure == null) {
                    c.listenerFailure = e;
                }
            }
        };
    }

    /** Fails the connection with a limit a command listener broke (deliveries run outside the transport's lock). */
    private boolean failOnListenerLimit() {
        ImapProtocolException fatal = listenerLimit;
        if (fatal != null && !closed) {
            fail(fatal);
            return true;
        }
        return false;
    }

    /**
     * An idling connection may receive an EXISTS and then stay quiet for minutes: the receive buffer that read it
     * is released again (measured: without this, every idle connection kept 16 KiB after its first push).
     */
    private void trimIfIdling() {
        for (Call c : calls.values()) {
            if (c.idling && !c.doneSent) {
                engine.trimBuffers();
                return;
            }
        }
    }

    private void inflate(byte[] compressed) {
        inflater.setInput(compressed);
        while (!closed) {
            int n;
            try {
                if (inflater.finished()) {
                    throw new DataFormatException("the server ended the DEFLATE stream");
                }
                n = inflater.inflate(inflated);
            } catch (DataFormatException e) {
                fail(new ImapProtocolException("COMPRESS=DEFLATE: corrupt compressed data: " + e.getMessage(), -1,
                        "", null));
                return;
            }
            if (n == 0) {
                if (inflater.needsInput() || inflater.needsDictionary()) {
                    trimIfIdling();
                    return;
                }
                continue;
            }
            ByteBuffer plain = ByteBuffer.wrap(inflated, 0, n);
            if (trace != null) {
                traceIn(plain.duplicate());
            }
            engine.receive(plain);
            drain();
        }
    }

    /**
     * Reports that the TLS handshake after STARTTLS succeeded; the capabilities are then asked for again.
     *
     * @param nowNanos the time
     */
    public void tlsEstablished(long nowNanos) {
        if (!tlsPending) {
            throw new IllegalStateException("no STARTTLS handshake is pending");
        }
        now = nowNanos;
        lastProgressNanos = nowNanos;
        tlsPending = false;
        engine.tlsEstablished();
        if (phase == Phase.HANDSHAKE) {
            phase = Phase.CAPABILITY_AFTER_TLS;
            opening = engine.submit(new Command.Capability());
        }
        drain();
    }

    /**
     * Reports that the connection broke (EOF, I/O error, failed handshake): every pending command fails with
     * {@code cause}. After LOGOUT with nothing pending, this is the clean end.
     *
     * @param cause why
     */
    public void connectionLost(ImapException cause) {
        if (closed) {
            return;
        }
        if (engine.state() == ConnectionState.LOGOUT && onlyLogoutPending()) {
            // the server said BYE (answering LOGOUT, or on its own) and closed: the session ended, nothing failed
            engine.connectionLost(cause);
            drain();
            closed = true;
            failReady(cause);
            deliveries.add(() -> listener.onClosed(null));
            endCompression();
            return;
        }
        fail(cause);
    }

    private boolean onlyLogoutPending() {
        if (opening != null) {
            return false;
        }
        for (Call c : calls.values()) {
            if (!(c.command instanceof Command.Logout)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The caller closes the connection: pending commands fail, the listener hears {@code onClosed(null)}. If a
     * command listener broke a limit ({@link ImapProtocolException#limit()}), the connection fails with that error
     * instead, as if the engine had found it.
     */
    public void close() {
        if (closed) {
            return;
        }
        ImapProtocolException fatal = listenerLimit;
        if (fatal != null) {
            fail(fatal);
            return;
        }
        closedByCaller = true;
        fail(new ImapConnectionException("connection closed by the client"));
    }

    private void fail(ImapException cause) {
        engine.connectionLost(cause);
        drain();
        if (!closed) {
            // the engine had already failed or logged out: make the end visible anyway
            closed = true;
            closeCause = closedByCaller ? null : cause;
            failReady(cause);
            deliveries.add(() -> listener.onClosed(closedByCaller ? null : cause));
            endCompression();
        }
    }

    private void failReady(ImapException cause) {
        if (!ready.isDone()) {
            deliveries.add(() -> ready.completeExceptionally(cause));
        }
    }

    // ---------------------------------------------------------------- time

    /**
     * @return when {@link #onTimer(long)} must be called next ({@link System#nanoTime()} scale), or
     *         {@link Long#MAX_VALUE} if no deadline is running
     */
    public long nextDeadline() {
        if (listenerLimit != null && !closed) {
            return now; // due at once: onTimer fails the connection with it
        }
        if (closed || tlsPending) {
            return Long.MAX_VALUE;
        }
        long opening = phase == Phase.READY ? Long.MAX_VALUE : startedNanos + options.connectTimeout().toNanos();
        if (phase == Phase.GREETING) {
            return Math.min(startedNanos + options.greetingTimeout().toNanos(), opening);
        }
        if (busy()) {
            long silence = readPaused ? Long.MAX_VALUE : lastProgressNanos + options.readTimeout().toNanos();
            return Math.min(Math.min(silence, commandDeadline()), opening);
        }
        long refresh = Long.MAX_VALUE;
        for (Call c : calls.values()) {
            if (c.idling && !c.doneSent) {
                refresh = Math.min(refresh, c.idleSince + options.idleRefresh().toNanos());
            }
        }
        return refresh;
    }

    /**
     * Fires what is due: a greeting or read timeout fails the connection; an IDLE that has lasted the refresh
     * period is ended so it can be re-issued.
     *
     * @param nowNanos the time
     */
    public void onTimer(long nowNanos) {
        now = nowNanos;
        if (failOnListenerLimit() || closed || tlsPending) {
            return;
        }
        if (phase == Phase.GREETING && nowNanos - startedNanos >= options.greetingTimeout().toNanos()) {
            fail(new ImapTimeoutException("no greeting from " + options.host() + " within "
                    + options.greetingTimeout()));
            return;
        }
        if (phase != Phase.READY && nowNanos - startedNanos >= options.connectTimeout().toNanos()) {
            fail(new ImapTimeoutException("connecting to " + options.host() + ":" + options.port()
                    + " did not finish within the connect timeout of " + options.connectTimeout() + " ("
                    + (phase == Phase.GREETING ? "no greeting yet" : "the opening CAPABILITY/STARTTLS exchange "
                    + "was still running") + ")"));
            return;
        }
        if (phase == Phase.GREETING) {
            return;
        }
        if (busy()) {
            Call late = overdue(nowNanos);
            if (late != null) {
                fail(new ImapTimeoutException(late.handle.tag().value() + " " + name(late.command)
                        + " did not complete within the command timeout of " + options.commandTimeout()
                        + " (the server kept it alive without finishing it)"));
                return;
            }
            if (!readPaused && nowNanos - lastProgressNanos >= options.readTimeout().toNanos()) {
                fail(new ImapTimeoutException("the server sent nothing for " + options.readTimeout() + " while "
                        + describePending() + " waited"));
            }
            return;
        }
        for (Call c : new ArrayList<>(calls.values())) {
            if (c.idling && !c.doneSent && nowNanos - c.idleSince >= options.idleRefresh().toNanos()) {
                c.refreshing = true;
                sendDone(c);
            }
        }
    }

    /** @return when the oldest command other than IDLE runs out of time, or {@link Long#MAX_VALUE} */
    private long commandDeadline() {
        long d = Long.MAX_VALUE;
        for (Call c : calls.values()) {
            if (!(c.command instanceof Command.Idle)) {
                d = Math.min(d, c.submittedNanos + options.commandTimeout().toNanos());
            }
        }
        return d;
    }

    private Call overdue(long nowNanos) {
        for (Call c : calls.values()) {
            if (!(c.command instanceof Command.Idle)
                    && nowNanos - c.submittedNanos >= options.commandTimeout().toNanos()) {
                return c;
            }
        }
        return null;
    }

    private static String name(Command c) {
        return c.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    }

    private boolean busy() {
        if (opening != null) {
            return true;
        }
        for (Call c : calls.values()) {
            if (!(c.idling && !c.doneSent)) {
                return true;
            }
        }
        return false;
    }

    private String describePending() {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (Call c : calls.values()) {
            if (n++ < 3) {
                sb.append(n > 1 ? ", " : "").append(c.handle.tag().value()).append(' ').append(name(c.command));
            }
        }
        if (opening != null) {
            sb.append(n++ > 0 ? ", " : "").append(opening.tag().value()).append(" (opening ").append(phase)
                    .append(')');
        }
        return n == 0 ? "a command" : sb.toString();
    }

    // ---------------------------------------------------------------- deliveries

    /**
     * @return the next callback to run, in order, outside the transport's lock (listener calls and future
     *         completions), or {@code null}
     */
    public Runnable pollDelivery() {
        return deliveries.poll();
    }

    // ---------------------------------------------------------------- events

    private void drain() {
        EngineEvent e;
        while ((e = engine.next()) != null) {
            handle(e);
        }
    }

    private void handle(EngineEvent e) {
        if (e instanceof EngineEvent.Data d) {
            Call c = d.handle() == null ? null : calls.get(d.handle());
            Untagged u = d.response();
            if (u instanceof Untagged.Fetch f && !cleartextBeforeRequiredTls()) {
                for (ImapProtocolException lost : unreadableItems(f)) {
                    if (c != null) {
                        deliveries.add(guarded(c, () -> c.listener.onUnreadableItem(lost)));
                    }
                    deliveries.add(() -> listener.onMalformed(lost));
                }
            }
            if (c != null) {
                deliveries.add(guarded(c, () -> c.listener.onData(u)));
            } else if ((d.handle() == null || d.handle() != opening) && !cleartextBeforeRequiredTls()) {
                deliveries.add(() -> listener.onUnsolicited(u));
            }
        } else if (e instanceof EngineEvent.Completed done) {
            onCompleted(done.handle(), done.response());
        } else if (e instanceof EngineEvent.LiteralChunk ch) {
            Call c = ch.handle() == null ? null : calls.get(ch.handle());
            if (c != null) {
                // the engine gave this slice away (it never writes over it): no copy on the way to the listener
                ByteBuffer chunk = ch.chunk();
                long offset = ch.offset();
                deliveries.add(guarded(c, () -> c.listener.onLiteralChunk(offset, chunk)));
            }
        } else if (e instanceof EngineEvent.Greeting g) {
            onGreeting((Untagged.StatusResponse) g.response());
        } else if (e instanceof EngineEvent.ContinuationRequest cr) {
            onContinuation(cr);
        } else if (e instanceof EngineEvent.LiteralStarted ls) {
            Call c = ls.handle() == null ? null : calls.get(ls.handle());
            if (c != null) {
                deliveries.add(guarded(c, () -> c.listener.onLiteralStarted(ls.prefix(), ls.size(), ls.binary(),
                        ls.binding())));
            }
        } else if (e instanceof EngineEvent.LiteralEnded le) {
            Call c = le.handle() == null ? null : calls.get(le.handle());
            if (c != null) {
                deliveries.add(guarded(c, c.listener::onLiteralEnded));
            }
        } else if (e instanceof EngineEvent.StartTls) {
            tlsPending = true;
        } else if (e instanceof EngineEvent.CompressionStarted cs) {
            startCompression(cs.compressedInput());
        } else if (e instanceof EngineEvent.Malformed m) {
            Call c = m.handle() == null ? null : calls.get(m.handle());
            if (c != null) {
                deliveries.add(guarded(c, () -> c.listener.onMalformed(m.error())));
            }
            deliveries.add(() -> listener.onMalformed(m.error()));
        } else if (e instanceof EngineEvent.CommandFailed cf) {
            if (cf.handle() == opening) {
                opening = null;
            }
            Call c = calls.remove(cf.handle());
            if (c != null) {
                ImapException cause = cf.cause();
                deliveries.add(() -> c.future.completeExceptionally(cause));
            }
        } else if (e instanceof EngineEvent.Failed f) {
            closed = true;
            closeCause = closedByCaller ? null : f.cause();
            failReady(f.cause());
            ImapException cause = closeCause;
            deliveries.add(() -> listener.onClosed(cause));
            endCompression();
        }
        // StateChanged needs nothing here: state() reads the engine.
    }

    /*
     * On a connection that requires STARTTLS, what the server says before the handshake is unauthenticated: a man in
     * the middle can write an ALERT the application would show as the server's, or capabilities. The opening uses
     * them (and the engine forgets them at tlsEstablished); the application never sees them.
     */
    /** The items of {@code f} the parser salvaged around, each as the error a listener is told of. */
    private static List<ImapProtocolException> unreadableItems(Untagged.Fetch f) {
        List<ImapProtocolException> lost = List.of();
        for (FetchItem i : f.items()) {
            if (i instanceof FetchItem.Unreadable u) {
                if (lost.isEmpty()) {
                    lost = new ArrayList<>(1);
                }
                byte[] raw = u.raw().toByteArray();
                int shown = Math.min(raw.length, 200);
                lost.add(new ImapProtocolException("FETCH item " + (u.name().isEmpty() ? "(unnamed)" : u.name())
                        + " of message " + f.seq() + " could not be read; its other items were kept", -1,
                        new String(raw, 0, shown, StandardCharsets.ISO_8859_1) + (shown < raw.length ? "..." : ""),
                        null));
            }
        }
        return lost;
    }

    private boolean cleartextBeforeRequiredTls() {
        return options.tlsMode() == TlsMode.STARTTLS && phase.compareTo(Phase.CAPABILITY_AFTER_TLS) < 0;
    }

    private void onGreeting(Untagged.StatusResponse g) {
        greeting = g;
        if (g.status() == Status.BYE) {
            fail(new ImapConnectionException("the server refused the connection: BYE " + g.text()));
            return;
        }
        if (options.tlsMode() == TlsMode.STARTTLS && g.status() == Status.PREAUTH) {
            fail(new ImapTlsException("the server greeted with PREAUTH on a connection that requires STARTTLS; "
                    + "refusing to continue without TLS", null));
            return;
        }
        if (engine.capabilities().isEmpty()) {
            phase = Phase.CAPABILITY;
            opening = engine.submit(new Command.Capability());
        } else {
            afterCapabilities();
        }
    }

    private void afterCapabilities() {
        if (options.tlsMode() == TlsMode.STARTTLS && phase.compareTo(Phase.STARTTLS) < 0) {
            if (!Capability.has(engine.capabilities(), Capability.Known.STARTTLS)) {
                fail(new ImapTlsException("STARTTLS is required but " + options.host()
                        + " does not offer it; nothing was sent", null));
                return;
            }
            phase = Phase.STARTTLS;
            opening = engine.submit(new Command.StartTls());
            return;
        }
        phase = Phase.READY;
        opening = null;
        deliveries.add(() -> ready.complete(null));
    }

    private void onCompleted(CommandHandle h, Tagged t) {
        if (h == opening) {
            opening = null;
            if (t.status() != Status.OK) {
                ImapException why = phase == Phase.STARTTLS
                        ? new ImapTlsException("the server refused STARTTLS: " + t.status() + " " + t.text(), null)
                        : new ImapConnectionException("CAPABILITY failed: " + t.status() + " " + t.text());
                fail(why);
                return;
            }
            if (phase == Phase.STARTTLS) {
                phase = Phase.HANDSHAKE; // the engine's StartTls event follows and raises tlsPending
            } else if (phase == Phase.CAPABILITY_AFTER_TLS && engine.capabilities().isEmpty()) {
                // RFC 9051 section 6.1.1: CAPABILITY is answered by an untagged CAPABILITY. Without one, the engine
                // would keep encoding as the cleartext capabilities said (LITERAL+), trusting a possible attacker.
                fail(new ImapProtocolException("the server announced no capabilities after STARTTLS; refusing to "
                        + "go on with what it said in cleartext", -1, "", null));
            } else {
                afterCapabilities();
            }
            return;
        }
        Call c = calls.remove(h);
        if (c == null) {
            return;
        }
        if (c.command instanceof Command.Idle && c.refreshing && !c.userDone && t.status() == Status.OK) {
            // keep-alive: the caller's IDLE goes on under a new tag (RFC 2177: re-issue before 29 minutes)
            c.refreshing = false;
            c.doneSent = false;
            c.idling = false;
            c.handle = engine.submit(new Command.Idle());
            calls.put(c.handle, c);
            return;
        }
        deliveries.add(() -> {
            Throwable f = c.listenerFailure;
            if (f == null) {
                c.future.complete(t);
            } else {
                c.future.completeExceptionally(f);
            }
        });
    }

    private void onContinuation(EngineEvent.ContinuationRequest cr) {
        Call c = calls.get(cr.handle());
        if (c == null) {
            return;
        }
        if (c.command instanceof Command.Idle) {
            c.idling = true;
            c.idleSince = now;
            if (c.userDone) {
                sendDone(c);
                return;
            }
            // an idling connection may stay quiet for minutes: it should not hold a receive buffer meanwhile
            engine.trimBuffers();
            if (!c.announced) {
                c.announced = true;
                deliveries.add(() -> c.listener.onContinuation(c.facade, null));
            }
            return;
        }
        Bytes challenge = cr.challenge();
        deliveries.add(() -> c.listener.onContinuation(c.facade, challenge));
    }

    private void startCompression(Bytes rest) {
        deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        inflater = new Inflater(true);
        inflated = new byte[INFLATE_CHUNK];
        if (rest.size() > 0) {
            inflate(rest.toByteArray());
        }
    }

    private void endCompression() {
        if (deflater != null) {
            deflater.end();
            inflater.end();
        }
    }

    // ---------------------------------------------------------------- trace

    /** Whether the last chunk traced that way ended in a CR that is not shown yet (see {@link #emitTrace}). */
    private boolean traceInCr;
    private boolean traceOutCr;

    private void traceIn(ByteBuffer b) {
        emitTrace(TraceListener.Direction.IN, StandardCharsets.ISO_8859_1.decode(b).toString());
    }

    private void traceOut(ByteBuffer b) {
        CommandHandle owner = engine.lastOutputOwner();
        boolean first = owner != lastTracedOwner;
        lastTracedOwner = owner;
        Command c = owner == null ? null : owner.command();
        String text = StandardCharsets.ISO_8859_1.decode(b.duplicate()).toString();
        if (c instanceof Command.Login || c instanceof Command.Authenticate) {
            text = redact(text, c instanceof Command.Login ? 2 : 3, first, b.remaining());
        }
        emitTrace(TraceListener.Direction.OUT, text);
    }

    /** Keeps the first {@code keep} words of a command's first line; everything after it is secret. */
    static String redact(String text, int keep, boolean first, int size) {
        if (!first) {
            return "<redacted " + size + " bytes>";
        }
        int i = 0;
        for (int words = 0; i < text.length() && words < keep; i++) {
            if (text.charAt(i) == ' ') {
                words++;
            } else if (text.charAt(i) == '\r') {
                return text;
            }
        }
        return i >= text.length() ? text : text.substring(0, i) + "<redacted>\r\n";
    }

    /**
     * Hands a chunk to the trace, one call per line, escaped by {@link org.imap4j.codec.ServerText#escapeLines}:
     * CR LF line ends stay (only at the end of a call),
     * every other control character (a lone CR or LF, ESC, NUL, C1 controls) is shown escaped, so neither side's
     * bytes can forge trace lines or drive a terminal. A CR that ends a chunk waits for the next chunk of the same
     * direction, so a CR LF split between two reads is still shown as one line end.
     */
    private void emitTrace(TraceListener.Direction d, String text) {
        boolean in = d == TraceListener.Direction.IN;
        if (in ? traceInCr : traceOutCr) {
            text = "\r" + text;
        }
        boolean endsInCr = !text.isEmpty() && text.charAt(text.length() - 1) == '\r';
        if (in) {
            traceInCr = endsInCr;
        } else {
            traceOutCr = endsInCr;
        }
        if (endsInCr) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            return;
        }
        String shown = org.imap4j.codec.ServerText.escapeLines(text);
        try {
            // one call per line: a trace entry holds at most one line end, at its end, so a log line is a wire line
            int from = 0;
            for (int eol = shown.indexOf("\r\n"); eol >= 0; eol = shown.indexOf("\r\n", from)) {
                trace.trace(d, shown.substring(from, eol + 2));
                from = eol + 2;
            }
            if (from < shown.length()) {
                trace.trace(d, shown.substring(from));
            }
        } catch (RuntimeException ignored) {
            // a debugging hook must not break the connection
        }
    }
}
