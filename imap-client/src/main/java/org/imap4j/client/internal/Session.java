package org.imap4j.client.internal;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.imap4j.client.FlagUpdate;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.MailboxListener;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.ConnectionListener;
import org.imap4j.session.ImapCall;
import org.imap4j.session.ImapTransport;
import org.imap4j.transport.blocking.BlockingTransport;
import org.imap4j.transport.nio.NioTransportGroup;

/**
 * One connection as the clients see it: the transport, the serial {@link Lane} where the user's listener and the
 * completions of returned futures run, and {@link #run} for one {@link Op}. The RFC 9051 section 5.5 rules live in
 * the engine (every command is submitted at once and held there until it may start).
 */
public final class Session implements ConnectionListener {
    private final ImapClientConfig config;
    private final MailboxListener listener;
    private volatile ImapTransport transport;
    private volatile long recent;
    private volatile boolean usesSharedGroup;
    private final java.util.concurrent.atomic.AtomicBoolean groupReleased =
            new java.util.concurrent.atomic.AtomicBoolean();
    /** Where the user's callbacks run: MailboxListener events and the completions of returned futures. */
    private final Lane lane;
    /** The blocking transport, when that is the one (it needs a reader for futures nobody waits on). */
    private volatile BlockingTransport blocking;
    /** What the server said it enabled ({@code * ENABLED}), until UNAUTHENTICATE. */
    private volatile java.util.Set<Capability> enabled = java.util.Set.of(); // immutable, replaced on change
    private final AppendLimits appendLimits = new AppendLimits();
    /** The live searches (CONTEXT=SEARCH, RFC 5267) by the tag their updates carry. */
    private final java.util.Map<String, LiveSearchOp> liveSearches = LiveSearchOp.registry();

    /** The connection's reading, paused while a consumer (the lane, a pulled FETCH) lags behind. */
    private final ReadGate readGate = new ReadGate(this);

    private Session(ImapClientConfig config) {
        this.config = config;
        this.listener = config.listener();
        // Responses are read ahead of the listener: without this, a listener that blocks while the server floods
        // pushes would let the lane grow without bound. With it the connection stops reading (TCP holds the
        // server back) until the listener has caught up.
        this.lane = new Lane(config.deliveryExecutor(), readGate);
    }

    /** @return the switch of this connection's reading that lagging consumers share */
    ReadGate readGate() {
        return readGate;
    }

    /**
     * Opens a session over the configured transport.
     *
     * @param config the configuration
     * @return the open session
     */
    public static CompletableFuture<Session> open(ImapClientConfig config) {
        Session s = new Session(config);
        if (config.transport() == ImapClientConfig.Transport.NIO) {
            NioTransportGroup g = SharedGroup.acquire();
            s.usesSharedGroup = true;
            return g.connect(config.transportOptions(), s).whenComplete((t, e) -> {
                if (e != null) {
                    s.releaseGroup();
                }
            }).thenCompose(t -> {
                s.transport = t;
                return ModernOps.afterPreauth(s);
            });
        }
        try {
            BlockingTransport b = BlockingTransport.connect(config.transportOptions(), s);
            s.blocking = b;
            s.transport = b;
            return ModernOps.afterPreauth(s);
        } catch (ImapException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void releaseGroup() {
        if (usesSharedGroup && groupReleased.compareAndSet(false, true)) {
            SharedGroup.release();
        }
    }

    /**
     * The NIO group all NIO clients of the process share (one daemon selector thread), made when the first one
     * connects and closed when the last one has closed: no selector thread lingers (and delays JVM exit) once no
     * client is open.
     */
    private static final class SharedGroup {
        private static final java.util.concurrent.locks.ReentrantLock LOCK =
                new java.util.concurrent.locks.ReentrantLock();
        private static NioTransportGroup group;
        private static int users;

        static NioTransportGroup acquire() {
            LOCK.lock();
            try {
                if (group == null) {
                    group = NioTransportGroup.create();
                }
                users++;
                return group;
            } finally {
                LOCK.unlock();
            }
        }

        static void release() {
            NioTransportGroup idle = null;
            LOCK.lock();
            try {
                if (--users == 0) {
                    idle = group;
                    group = null;
                }
            } finally {
                LOCK.unlock();
            }
            if (idle != null) {
                idle.close(); // never on its selector thread: this runs on a callback thread or the caller's
            }
        }
    }

    /** @return the serial lane the user's callbacks run on */
    public Lane lane() {
        return lane;
    }

    /**
     * Makes sure someone reads until {@code condition} completes: on the blocking transport, whose callers read,
     * its background reader does while nobody waits (it does I/O and internal bookkeeping only, never user code);
     * the NIO transport reads on its own.
     *
     * @param condition the future to read for
     */
    public void readInBackground(CompletableFuture<?> condition) {
        BlockingTransport b = blocking;
        if (b != null) {
            b.readInBackground(condition);
        }
    }

    /** @return the configuration */
    public ImapClientConfig config() {
        return config;
    }

    /** @return the transport */
    public ImapTransport transport() {
        return transport;
    }

    /** At most this many distinct fallbacks are kept per connection (each kind and command once). */
    private static final int MAX_FALLBACKS = 64;
    /** The distinct fallbacks taken, oldest first; {@code null} until the first (most connections take none). */
    private java.util.Set<org.imap4j.client.Fallback> fallbacks;

    /**
     * Reports a fallback the client takes: kept (each distinct one once, up to a bound), written to the trace as a
     * note, and delivered to the listener on the lane, the first time only.
     *
     * @param kind    what is done instead
     * @param command the command asked for
     * @param missing the capability lacking, or {@code ""}
     * @param detail  what is sent instead and why
     */
    public void fallback(org.imap4j.client.Fallback.Kind kind, String command, String missing, String detail) {
        org.imap4j.client.Fallback f = new org.imap4j.client.Fallback(kind, command, missing, detail);
        boolean first;
        synchronized (this) {
            if (fallbacks == null) {
                fallbacks = new java.util.LinkedHashSet<>();
            }
            first = fallbacks.size() < MAX_FALLBACKS && fallbacks.add(f);
        }
        if (!first) {
            return;
        }
        org.imap4j.session.TraceListener trace = config.transportOptions().trace();
        if (trace != null) {
            try {
                trace.note(org.imap4j.codec.ServerText.escapeLines(f.toString()).toString());
            } catch (RuntimeException ignored) {
                // a trace that throws must not break the operation
            }
        }
        lane.execute(() -> listener.fallback(f));
    }

    /**
     * @return the server family told from the greeting and the current capabilities
     *         ({@link org.imap4j.client.ServerProfile#detect}, without ID fields)
     */
    public org.imap4j.client.ServerProfile profile() {
        Untagged.StatusResponse g = transport.greeting();
        return org.imap4j.client.ServerProfile.detect(g == null ? "" : g.text(), java.util.Map.of(), capabilities());
    }

    /** @return the distinct fallbacks taken on this connection so far, oldest first */
    public List<org.imap4j.client.Fallback> fallbacks() {
        synchronized (this) {
            return fallbacks == null ? List.of() : List.copyOf(fallbacks);
        }
    }

    /** @return the current capabilities */
    public List<Capability> capabilities() {
        return transport.capabilities();
    }

    /**
     * @param c a capability, e.g. {@code Capability.Known.MOVE}
     * @return whether the server offers it
     */
    public boolean has(Capability c) {
        return Capability.has(transport.capabilities(), c);
    }

    /**
     * Records what the server enabled ({@code * ENABLED}, RFC 5161).
     *
     * @param capabilities the capabilities it named
     */
    public synchronized void noteEnabled(List<Capability> capabilities) {
        java.util.Set<Capability> now = new java.util.HashSet<>(enabled);
        now.addAll(capabilities);
        enabled = java.util.Set.copyOf(now);
    }

    /** Forgets what was enabled: after UNAUTHENTICATE (RFC 8437 section 3) nothing is. */
    public synchronized void forgetEnabled() {
        enabled = java.util.Set.of();
    }

    /**
     * @param c a capability
     * @return whether the server enabled it on this connection
     */
    public boolean isEnabled(Capability c) {
        return enabled.contains(c);
    }

    /** @return the per-mailbox APPENDLIMIT values seen on this connection (RFC 7889) */
    public AppendLimits appendLimits() {
        return appendLimits;
    }

    /** @return the live searches of this connection by tag (CONTEXT=SEARCH, RFC 5267) */
    java.util.Map<String, LiveSearchOp> liveSearches() {
        return liveSearches;
    }

    /** @return what the server enabled on this connection */
    public java.util.Set<Capability> enabled() {
        return enabled;
    }

    /**
     * Submits an operation's command, for the library's own continuations (the steps of a composite, merging,
     * filtering). Its future completes where the transport delivers (the reading thread, or the NIO transport's
     * callback executor), except that a {@linkplain Op#prompt() prompt} operation's completion never continues on the
     * transport's shared I/O thread: there it is handed to the client's delivery pool first, so no continuation has
     * to know whether the command it follows was prompt. Only library code may continue it.
     *
     * @param op      the operation
     * @param section the exclusive section it is a step of, or {@code null}
     * @param <T>     the result type
     * @return the result, as an internal future
     */
    public <T> CompletableFuture<T> run(Op<T> op, org.imap4j.codec.ExclusiveSection section) {
        CompletableFuture<T> result = submitted(op, section);
        if (!op.prompt()) {
            return result;
        }
        CompletableFuture<T> off = new CompletableFuture<>();
        result.whenComplete((r, e) -> {
            try {
                if (transport.isIoThread()) {
                    DeliveryPool.INSTANCE.execute(() -> settle(off, r, e));
                    return;
                }
            } catch (RuntimeException | Error x) { // not expected; but a caller must never wait for it forever
                off.completeExceptionally(x);
                return;
            }
            settle(off, r, e);
        });
        return off;
    }

    /**
     * Submits an operation whose future only a {@link PendingOperation} will see (which hands it to the caller on
     * the lane, or to a caller waiting for it): it completes where the transport delivers, the I/O thread included
     * for a prompt operation, so that a single command's result crosses threads once.
     *
     * @param op the operation
     * @param <T> the result type
     * @return the result, as an internal future for a {@link PendingOperation}
     */
    public <T> CompletableFuture<T> call(Op<T> op) {
        return submitted(op, null);
    }

    private <T> CompletableFuture<T> submitted(Op<T> op, org.imap4j.codec.ExclusiveSection section) {
        ImapCall call;
        try {
            call = transport.submit(op.command(), op, section);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return call.future().handle((t, e) -> {
            if (e != null) {
                closeOnLimit(e);
                throw e instanceof CompletionException ce ? ce : new CompletionException(e);
            }
            return op.complete(t);
        });
    }

    private static <T> void settle(CompletableFuture<T> f, T value, Throwable failure) {
        if (failure != null) {
            f.completeExceptionally(failure);
        } else {
            f.complete(value);
        }
    }

    /**
     * A limit broken in the middle of a response (by the codec, or by an operation collecting it, such as a body too
     * large to hold) leaves the rest of that response unread: the connection cannot go on, so it closes now and every
     * other pending command fails with the same error (the transport's driver reports that limit as the cause).
     */
    private void closeOnLimit(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (t instanceof ImapProtocolException p && p.limit() != null) {
            transport.close();
        }
    }

    /**
     * Starts an operation without waiting (IDLE).
     *
     * @param op the operation
     * @return the transport's call
     */
    public ImapCall start(Op<?> op) {
        return transport.submit(op.command(), op);
    }

    /**
     * @param e a failure from a future
     * @return the IMAP exception inside it, or {@code e} as unchecked
     */
    public static RuntimeException unwrap(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof RuntimeException r ? r : new CompletionException(t);
    }

    // ---------------------------------------------------------------- unsolicited

    @Override
    public void onUnsolicited(Untagged response) {
        dispatch(response);
    }

    /**
     * Prompt when the lane runs on the client's own delivery threads: {@link #dispatch} then only queues the event
     * on the lane (a short lock, a hand-off to a waiting or new daemon thread), so the NIO transport may call it on
     * its selector thread and skip its own callback executor. A user's delivery executor might run the task on
     * the calling thread or block in {@code execute}, so with one the response takes the usual way.
     *
     * @return whether the lane runs on the client's own delivery threads
     */
    @Override
    public boolean promptUnsolicited() {
        return lane.ownsThreads();
    }

    @Override
    public void onMalformed(ImapProtocolException error) {
        // a skipped response: framing held and commands continue; the caller hears of it
        lane.execute(() -> listener.unreadableResponse(error));
    }

    @Override
    public void onClosed(ImapException cause) {
        LiveSearchOp.closed(this);
        try {
            lane.execute(() -> listener.closed(cause));
        } finally {
            releaseGroup();
        }
    }

    /**
     * Reports a state change the server sent, whichever command it arrived during: queued on the lane, in server
     * order. The caller's MailboxListener failing is its own affair; it fails no command.
     *
     * @param u a response
     */
    public void dispatch(Untagged u) {
        if (LiveSearchOp.route(this, u)) {
            return; // an update of a live search, routed by its tag (RFC 5267 section 4.4)
        }
        if (u instanceof Untagged.Recent r) {
            recent = r.count(); // read when the EXISTS that follows is reported
            return;
        }
        long recentNow = recent;
        lane.execute(() -> dispatchToListener(u, recentNow));
    }

    private void dispatchToListener(Untagged u, long recentNow) {
        if (u instanceof Untagged.Exists e) {
            listener.newMessages(e.count(), recentNow);
        } else if (u instanceof Untagged.Expunge x) {
            listener.expunged(x.seq());
        } else if (u instanceof Untagged.Vanished v) {
            listener.vanished(v.uids(), v.earlier());
        } else if (u instanceof Untagged.Fetch f) {
            flagUpdate(f);
        } else if (u instanceof Untagged.StatusResponse s) {
            statusResponse(s);
        } else if (u instanceof Untagged.MailboxStatus st) {
            listener.mailboxStatus(st.mailbox(), st.items());
        }
    }

    private void flagUpdate(Untagged.Fetch f) {
        OptionalLong uid = OptionalLong.empty();
        OptionalLong modSeq = OptionalLong.empty();
        List<org.imap4j.codec.core.Flag> flags = null;
        for (FetchItem i : f.items()) {
            if (i instanceof FetchItem.Flags fl) {
                flags = fl.flags();
            } else if (i instanceof FetchItem.Uid id) {
                uid = OptionalLong.of(id.uid());
            } else if (i instanceof FetchItem.ModSeq m) {
                modSeq = OptionalLong.of(m.modSeq());
            }
        }
        if (flags != null) {
            listener.flagsChanged(new FlagUpdate(f.seq(), uid, flags, modSeq));
        }
    }

    private void statusResponse(Untagged.StatusResponse s) {
        if (s.status() == Condition.BYE) {
            listener.bye(s.text());
            return;
        }
        ResponseCode c = s.code();
        if (c instanceof ResponseCode.Simple sc) {
            if (sc.kind() == ResponseCode.Kind.ALERT) {
                listener.alert(s.text());
            } else if (sc.kind() == ResponseCode.Kind.READ_ONLY) {
                listener.modeChanged(false);
            } else if (sc.kind() == ResponseCode.Kind.READ_WRITE) {
                listener.modeChanged(true);
            }
        }
    }

    /**
     * Reports the access mode a SELECT or EXAMINE opened its mailbox in (RFC 9051 section 6.3.2: READ-WRITE or
     * READ-ONLY on its tagged OK; EXAMINE is always read-only).
     *
     * @param writable whether the mailbox is writable
     */
    public void modeReported(boolean writable) {
        lane.execute(() -> listener.modeChanged(writable));
    }

    /**
     * Reports an ALERT carried by a tagged response.
     *
     * @param t a tagged response
     */
    public void tagged(Tagged t) {
        if (t.code() instanceof ResponseCode.Simple sc && sc.kind() == ResponseCode.Kind.ALERT) {
            String text = t.text();
            lane.execute(() -> listener.alert(text));
        }
    }
}
