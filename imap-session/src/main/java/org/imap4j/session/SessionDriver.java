package org.imap4j.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.zip.DataFormatException;
import org.imap4j.codec.CommandHandle;
import org.imap4j.codec.ConnectionState;
import org.imap4j.codec.EngineEvent;
import org.imap4j.codec.ExclusiveSection;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapEngine;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapTimeoutException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Capability;
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
 * <p>This class is the façade over named parts with one concern each, which it wires together and routes engine
 * events to: {@code OpeningSequence} (greeting, CAPABILITY, STARTTLS, the refusals), {@code IdleKeepalive} (IDLE
 * refresh and DONE), {@code Deadlines} (greeting, connect, read and command timeouts), {@code Compression}
 * (COMPRESS=DEFLATE), {@code Tracer} (the redacted trace) and {@code Deliveries} (the ordered queue of callbacks).
 *
 * <p>Not thread-safe and never blocking: a transport calls it under its own lock. Time is passed in.
 */
public final class SessionDriver {
    /** One submitted command, as the driver tracks it; a transport wraps it in its {@link ImapCall}. */
    public static final class Call {
        final Command command;
        final CommandListener listener;
        final ImapCall facade;
        final CompletableFuture<Tagged> future = new CompletableFuture<>();
        CommandHandle handle;
        boolean idling;
        boolean announced;
        boolean userDone;
        boolean doneSent;
        boolean refreshing;
        long idleSince;
        long submittedNanos;
        /** The first exception a callback of this command's listener threw; it fails the command at completion. */
        Throwable listenerFailure;
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
    private final Map<CommandHandle, Call> calls = new IdentityHashMap<>(4);
    final Deliveries deliveries = new Deliveries();
    private final OpeningSequence opening;
    private final Deadlines deadlines;
    private final IdleKeepalive idle;
    private final Compression compression = new Compression();
    private final Tracer tracer;
    private final ConnectionEvents events;

    private boolean closed;
    private boolean closedByCaller;
    private ImapException closeCause;
    private long now;

    /**
     * @param options   the connection's options
     * @param listener  receives unsolicited responses and the end of the connection
     * @param nowNanos  the time the connect began, before name resolution ({@link System#nanoTime()} scale): the
     *                  greeting timeout and the connect timeout (which lasts until the session is ready) count
     *                  from it
     */
    public SessionDriver(TransportOptions options, ConnectionListener listener, long nowNanos) {
        this(options, listener, nowNanos, ConnectionEvents.of(Objects.requireNonNull(options, "options")));
    }

    /**
     * A driver that reports to the events the transport began when it started connecting: the transport reports
     * the connect, TLS and the bytes on the socket; the driver reports the commands, IDLE, and the end.
     *
     * @param options   the connection's options
     * @param listener  receives unsolicited responses and the end of the connection
     * @param nowNanos  the time the connect began, before name resolution ({@link System#nanoTime()} scale): the
     *                  greeting timeout and the connect timeout (which lasts until the session is ready) count
     *                  from it
     * @param events    the connection's event listener and log ({@link ConnectionEvents#of(TransportOptions)})
     */
    public SessionDriver(TransportOptions options, ConnectionListener listener, long nowNanos,
            ConnectionEvents events) {
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.events = Objects.requireNonNull(events, "events");
        this.engine = new ImapEngine(options.engine());
        this.tracer = new Tracer(options.trace(), events);
        this.deadlines = new Deadlines(options, calls, nowNanos);
        this.opening = new OpeningSequence(this, engine, options);
        this.deadlines.bind(opening);
        this.idle = new IdleKeepalive(this, engine, options, calls, deadlines);
        this.now = nowNanos;
    }

    // ---------------------------------------------------------------- state

    /** @return completes (through a delivery) when the opening sequence is done, or fails with why it failed */
    public CompletableFuture<Void> ready() {
        return opening.ready();
    }

    /** @return the greeting, or {@code null} before it */
    public Untagged.StatusResponse greeting() {
        return opening.greeting();
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
        return compression.isOn();
    }

    /**
     * @return whether the server accepted STARTTLS and the transport must now run the TLS handshake, then call
     *         {@link #tlsEstablished(long)}; no byte may be read or written before
     */
    public boolean tlsPending() {
        return opening.tlsPending();
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
        return submit(command, listener, facade, nowNanos, null);
    }

    /**
     * Submits a command inside an exclusive section ({@link ImapEngine#openSection()}).
     *
     * @param command  the command
     * @param listener its listener
     * @param facade   the transport's call object, passed back to {@link CommandListener#onContinuation}
     * @param nowNanos the time
     * @param section  the section, or {@code null} for none
     * @return the tracked call
     */
    public Call submit(Command command, CommandListener listener, ImapCall facade, long nowNanos,
            ExclusiveSection section) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(listener, "listener");
        now = nowNanos;
        Call call = new Call(command, listener, facade);
        call.submittedNanos = nowNanos;
        if (!deadlines.busy()) {
            deadlines.progress(nowNanos);
        }
        failOnListenerLimit();
        try {
            call.handle = startCommand(command, section);
        } catch (ImapConnectionException e) {
            deliveries.add(new CallDelivery(call, () -> call.future.completeExceptionally(e)));
            return call;
        }
        calls.put(call.handle, call);
        return call;
    }

    /**
     * Opens an exclusive section in the engine ({@link ImapEngine#openSection()}).
     *
     * @return the section
     */
    public ExclusiveSection openSection() {
        return engine.openSection();
    }

    /**
     * Closes an exclusive section; commands held behind it may now be written.
     *
     * @param section the section
     */
    public void closeSection(ExclusiveSection section) {
        engine.closeSection(section);
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
        idle.done(call, nowNanos);
    }

    /** Submits a command to the engine and reports its start: every command the driver sends goes through here. */
    CommandHandle startCommand(Command command) {
        return startCommand(command, null);
    }

    /**
     * Submits a command to the engine, in an exclusive section or none, and reports its start to the events.
     *
     * @param command the command
     * @param section its exclusive section, or {@code null}
     * @return its handle
     */
    CommandHandle startCommand(Command command, ExclusiveSection section) {
        CommandHandle h = engine.submit(command, section);
        events.commandStart(h, now);
        return h;
    }

    /** @return the connection's events (for the parts) */
    ConnectionEvents events() {
        return events;
    }

    /** @return the time of the latest call into the driver */
    long now() {
        return now;
    }

    private CommandHandle active(Call call, Class<?> kind) {
        if (!kind.isInstance(call.command) || calls.get(call.handle) != call) {
            throw new IllegalStateException("not an active " + kind.getSimpleName() + ": " + call.command);
        }
        return call.handle;
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
        if (!compression.isOn()) {
            ByteBuffer b = nextOutput();
            if (b != null && tracer.isOn()) {
                tracer.out(b, engine.lastOutputOwner());
            }
            return b;
        }
        if (!engine.hasOutput()) {
            return null;
        }
        ByteBuffer b;
        long taken = 0;
        // a supplied literal may be gigabytes: one deflated batch takes a bounded part of it
        while (taken < SUPPLY_CHUNK * 4L && (b = nextOutput()) != null) {
            taken += b.remaining();
            if (tracer.isOn()) {
                tracer.out(b, engine.lastOutputOwner());
            }
            compression.deflate(b);
        }
        return compression.syncFlush();
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
                throw new LiteralSourceException(Deadlines.name(c.command) + ": the message stream ended after "
                        + (c.sourceSize - due) + " of the " + c.sourceSize + " bytes announced; the connection is "
                        + "closed, as the literal cannot be completed", null);
            }
            if (n == due && c.source.read() != -1) {
                throw new LiteralSourceException(Deadlines.name(c.command) + ": the message stream holds more than the "
                        + c.sourceSize + " bytes announced; the connection is closed before the literal's last "
                        + n + " bytes, so no message of the wrong length is stored", null);
            }
            engine.supplied(n);
            if (n == due) {
                c.source = null;
            }
            deadlines.progress(now);
            return ByteBuffer.wrap(buf, 0, n);
        } catch (LiteralSourceException e) {
            c.source = null;
            fail(e);
        } catch (java.io.IOException | RuntimeException e) {
            c.source = null;
            fail(new LiteralSourceException(Deadlines.name(c.command) + ": reading the message stream failed after "
                    + (c.sourceSize - due) + " of " + c.sourceSize + " bytes (" + e.getClass().getSimpleName()
                    + "); the connection is closed, as the literal cannot be completed", e));
        }
        return null;
    }

    // ---------------------------------------------------------------- read pause

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
        deadlines.readPaused(paused, nowNanos);
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
        deadlines.progress(nowNanos);
        failOnListenerLimit();
        if (closed) {
            bytes.position(bytes.limit());
            return;
        }
        if (opening.tlsPending() && bytes.hasRemaining()) {
            // the STARTTLS injection class (USENIX Security 2021): plaintext after the OK, before the handshake
            int n = bytes.remaining();
            bytes.position(bytes.limit());
            fail(new ImapProtocolException("STARTTLS injection: " + n
                    + " byte(s) received after the tagged OK, before the TLS handshake", -1, "", null));
            return;
        }
        if (compression.isOn()) {
            byte[] z = new byte[bytes.remaining()];
            bytes.get(z);
            inflate(z);
            return;
        }
        if (tracer.isOn()) {
            tracer.in(bytes.duplicate());
        }
        engine.receive(bytes);
        drain();
        idle.trimIfIdling();
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
        if (closed || opening.tlsPending() || compression.isOn()) {
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
        deadlines.progress(nowNanos);
        failOnListenerLimit();
        if (closed) {
            lastInput = null;
            return;
        }
        ByteBuffer read = lastInput;
        lastInput = null;
        if (tracer.isOn() && read != null) {
            // the bytes just read lie at the start of the free space that buffer showed
            tracer.in(ByteBuffer.wrap(read.array(), read.arrayOffset() + read.position(), n));
        }
        engine.commitInput(n);
        drain();
        idle.trimIfIdling();
    }

    /** @return the bytes the engine's receive buffer holds allocated now (an idling connection holds none) */
    public int receiveBufferCapacity() {
        return engine.receiveBufferCapacity();
    }

    /** Fails the connection with a limit a command listener broke (deliveries run outside the transport's lock). */
    private boolean failOnListenerLimit() {
        ImapProtocolException fatal = deliveries.listenerLimit();
        if (fatal != null && !closed) {
            fail(fatal);
            return true;
        }
        return false;
    }

    private void inflate(byte[] compressed) {
        compression.setInput(compressed);
        while (!closed) {
            ByteBuffer plain;
            try {
                plain = compression.inflateNext();
            } catch (DataFormatException e) {
                fail(new ImapProtocolException("COMPRESS=DEFLATE: corrupt compressed data: " + e.getMessage(), -1,
                        "", null));
                return;
            }
            if (plain == null) {
                idle.trimIfIdling();
                return;
            }
            if (tracer.isOn()) {
                tracer.in(plain.duplicate());
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
        if (!opening.tlsPending()) {
            throw new IllegalStateException("no STARTTLS handshake is pending");
        }
        now = nowNanos;
        deadlines.progress(nowNanos);
        opening.tlsEstablished();
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
            opening.failReady(cause);
            deliveries.add(() -> listener.onClosed(null));
            compression.end();
            events.closed(null);
            return;
        }
        fail(cause);
    }

    private boolean onlyLogoutPending() {
        if (opening.pending() != null) {
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
        ImapProtocolException fatal = deliveries.listenerLimit();
        if (fatal != null) {
            fail(fatal);
            return;
        }
        closedByCaller = true;
        fail(new ImapConnectionException("connection closed by the client"));
    }

    /** Ends the connection with {@code cause}: the engine fails what is pending; the listener hears of the end. */
    void fail(ImapException cause) {
        engine.connectionLost(cause);
        drain();
        if (!closed) {
            // the engine had already failed or logged out: make the end visible anyway
            closed = true;
            closeCause = closedByCaller ? null : cause;
            opening.failReady(cause);
            deliveries.add(() -> listener.onClosed(closedByCaller ? null : cause));
            compression.end();
            events.closed(closeCause);
        }
    }

    // ---------------------------------------------------------------- time

    /**
     * @return when {@link #onTimer(long)} must be called next ({@link System#nanoTime()} scale), or
     *         {@link Long#MAX_VALUE} if no deadline is running
     */
    public long nextDeadline() {
        if (deliveries.listenerLimit() != null && !closed) {
            return now; // due at once: onTimer fails the connection with it
        }
        if (closed || opening.tlsPending()) {
            return Long.MAX_VALUE;
        }
        return deadlines.next(idle.nextRefresh());
    }

    /**
     * Fires what is due: a greeting or read timeout fails the connection; an IDLE that has lasted the refresh
     * period is ended so it can be re-issued.
     *
     * @param nowNanos the time
     */
    public void onTimer(long nowNanos) {
        now = nowNanos;
        if (failOnListenerLimit() || closed || opening.tlsPending()) {
            return;
        }
        ImapTimeoutException late = deadlines.expired(nowNanos);
        if (late != null) {
            fail(late);
        } else if (opening.phase() != OpeningSequence.Phase.GREETING && !deadlines.busy()) {
            idle.refreshDue(nowNanos);
        }
    }

    // ---------------------------------------------------------------- deliveries

    /**
     * @return the next callback to run, in order, outside the transport's lock (listener calls and future
     *         completions), or {@code null}
     */
    public Runnable pollDelivery() {
        return deliveries.poll();
    }

    /**
     * Whether a delivery {@link #pollDelivery()} handed out may run on the transport's I/O thread: it hands an
     * unsolicited response to a {@link ConnectionListener} that declares
     * {@link ConnectionListener#promptUnsolicited()}, or it belongs to a command whose {@link CommandListener}
     * declares {@link CommandListener#prompt()} (its data, literal chunks, malformed responses, unreadable items,
     * and the completion of its future; never a continuation request).
     * A transport that runs such deliveries where it read must still keep the connection's order (none of its
     * earlier deliveries may be waiting).
     *
     * @param delivery a delivery of this driver
     * @return whether it is prompt
     */
    public static boolean isPrompt(Runnable delivery) {
        if (delivery instanceof CallDelivery d) {
            return d.call.listener.prompt();
        }
        return delivery instanceof Unsolicited u && u.listener.promptUnsolicited();
    }

    /**
     * A delivery of one command (listener callback or completion of its future), recognisable by
     * {@link #isPrompt(Runnable)} through its command's listener.
     */
    static final class CallDelivery implements Runnable {
        final Call call;
        private final Runnable body;

        CallDelivery(Call call, Runnable body) {
            this.call = call;
            this.body = body;
        }

        @Override
        public void run() {
            body.run();
        }
    }

    /** The delivery of an unsolicited response, recognisable by {@link #isPrompt(Runnable)}. */
    private static final class Unsolicited implements Runnable {
        final ConnectionListener listener;
        final Untagged response;

        Unsolicited(ConnectionListener listener, Untagged response) {
            this.listener = listener;
            this.response = response;
        }

        @Override
        public void run() {
            listener.onUnsolicited(response);
        }
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
            Untagged u = d.response();
            Call running = InProgressRouting.command(u, calls.values());
            if (running != null) {
                // INPROGRESS (RFC 9585): the server is still working on it; its command deadline starts again
                running.submittedNanos = now;
            }
            Call c = running != null ? running : d.handle() == null ? null : calls.get(d.handle());
            if (u instanceof Untagged.Fetch f && !opening.cleartextBeforeRequiredTls()) {
                for (ImapProtocolException lost : unreadableItems(f)) {
                    if (c != null) {
                        deliveries.add(deliveries.guarded(c, () -> c.listener.onUnreadableItem(lost)));
                    }
                    deliveries.add(() -> listener.onMalformed(lost));
                }
            }
            if (c != null) {
                deliveries.add(deliveries.guarded(c, () -> c.listener.onData(u)));
            } else if ((d.handle() == null || d.handle() != opening.pending())
                    && !opening.cleartextBeforeRequiredTls()) {
                deliveries.add(new Unsolicited(listener, u));
            }
        } else if (e instanceof EngineEvent.Completed done) {
            events.commandEnd(done.handle(), done.response().status(), now);
            onCompleted(done.handle(), done.response());
        } else if (e instanceof EngineEvent.LiteralChunk ch) {
            Call c = ch.handle() == null ? null : calls.get(ch.handle());
            if (c != null) {
                // the engine gave this slice away (it never writes over it): no copy on the way to the listener
                ByteBuffer chunk = ch.chunk();
                long offset = ch.offset();
                deliveries.add(deliveries.guarded(c, () -> c.listener.onLiteralChunk(offset, chunk)));
            }
        } else if (e instanceof EngineEvent.Greeting g) {
            opening.onGreeting((Untagged.StatusResponse) g.response());
        } else if (e instanceof EngineEvent.ContinuationRequest cr) {
            onContinuation(cr);
        } else if (e instanceof EngineEvent.LiteralStarted ls) {
            Call c = ls.handle() == null ? null : calls.get(ls.handle());
            if (c != null) {
                deliveries.add(deliveries.guarded(c,
                        () -> c.listener.onLiteralStarted(ls.prefix(), ls.size(), ls.binary(), ls.binding())));
            }
        } else if (e instanceof EngineEvent.LiteralEnded le) {
            Call c = le.handle() == null ? null : calls.get(le.handle());
            if (c != null) {
                deliveries.add(deliveries.guarded(c, c.listener::onLiteralEnded));
            }
        } else if (e instanceof EngineEvent.StartTls) {
            opening.onStartTls();
        } else if (e instanceof EngineEvent.CompressionStarted cs) {
            startCompression(cs.compressedInput());
        } else if (e instanceof EngineEvent.Malformed m) {
            events.malformed(m.error());
            Call c = m.handle() == null ? null : calls.get(m.handle());
            if (c != null) {
                deliveries.add(deliveries.guarded(c, () -> c.listener.onMalformed(m.error())));
            }
            deliveries.add(() -> listener.onMalformed(m.error()));
        } else if (e instanceof EngineEvent.CommandFailed cf) {
            events.commandEnd(cf.handle(), null, now);
            opening.onCommandFailed(cf.handle());
            Call c = calls.remove(cf.handle());
            if (c != null) {
                ImapException cause = cf.cause();
                deliveries.add(new CallDelivery(c, () -> c.future.completeExceptionally(cause)));
            }
        } else if (e instanceof EngineEvent.Failed f) {
            closed = true;
            closeCause = closedByCaller ? null : f.cause();
            opening.failReady(f.cause());
            ImapException cause = closeCause;
            deliveries.add(() -> listener.onClosed(cause));
            compression.end();
            events.closed(cause);
        }
        // StateChanged needs nothing here: state() reads the engine.
    }

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

    private void onCompleted(CommandHandle h, Tagged t) {
        if (opening.onCompleted(h, t)) {
            return;
        }
        Call c = calls.remove(h);
        if (c == null) {
            return;
        }
        if (idle.reissue(c, t)) {
            return;
        }
        deliveries.add(new CallDelivery(c, () -> {
            Throwable f = c.listenerFailure;
            if (f == null) {
                c.future.complete(t);
            } else {
                c.future.completeExceptionally(f);
            }
        }));
    }

    private void onContinuation(EngineEvent.ContinuationRequest cr) {
        Call c = calls.get(cr.handle());
        if (c == null) {
            return;
        }
        if (c.command instanceof Command.Idle) {
            if (idle.onContinuation(c, now)) {
                deliveries.add(() -> c.listener.onContinuation(c.facade, null));
            }
            return;
        }
        Bytes challenge = cr.challenge();
        deliveries.add(() -> c.listener.onContinuation(c.facade, challenge));
    }

    private void startCompression(Bytes rest) {
        compression.start();
        events.compressionStarted();
        if (rest.size() > 0) {
            inflate(rest.toByteArray());
        }
    }
}
