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
import org.imap4j.codec.response.Status;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.ConnectionListener;
import org.imap4j.session.ImapCall;
import org.imap4j.session.ImapTransport;
import org.imap4j.transport.blocking.BlockingTransport;
import org.imap4j.transport.nio.NioTransportGroup;

/**
 * One connection as the clients see it: the transport, the listener for unsolicited events, and the two ways of
 * running an {@link Op} (blocking, or as a future).
 */
public final class Session implements ConnectionListener {
    private final ImapClientConfig config;
    private final MailboxListener listener;
    private volatile ImapTransport transport;
    private volatile long recent;
    private volatile boolean usesSharedGroup;
    private final java.util.concurrent.atomic.AtomicBoolean groupReleased =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final Sequencer sequencer = new Sequencer();
    /** Set while this thread runs the caller's MailboxListener for this session (see {@link #execute}). */
    private final ThreadLocal<Boolean> inListener = new ThreadLocal<>();
    /** Barrier commands of blocking callers take it exclusively, all others shared (see {@link #execute}). */
    private final java.util.concurrent.locks.ReentrantReadWriteLock barriers =
            new java.util.concurrent.locks.ReentrantReadWriteLock(true);
    /** One lock per {@link Sequencer#group response group}, for blocking calls from several threads. */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.locks.ReentrantLock> groupLocks =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Session(ImapClientConfig config) {
        this.config = config;
        this.listener = config.listener();
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
            }).thenApply(t -> {
                s.transport = t;
                return s;
            });
        }
        try {
            s.transport = BlockingTransport.connect(config.transportOptions(), s);
            return CompletableFuture.completedFuture(s);
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

    /** @return the pipelining rules of this connection's asynchronous operations */
    public Sequencer sequencer() {
        return sequencer;
    }

    /** @return the configuration */
    public ImapClientConfig config() {
        return config;
    }

    /** @return the transport */
    public ImapTransport transport() {
        return transport;
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
     * Runs an operation and waits for its result. Blocking calls from several threads follow the same rules as the
     * async client's {@link Sequencer} (RFC 9051 section 5.5): a barrier command (SELECT, EXPUNGE, NOOP, anything by
     * sequence number, ...) runs alone, other commands overlap, except two that collect the same kind of untagged
     * response (a server may run them at once and interleave their responses: Dovecot does with FETCH).
     *
     * @param op  the operation
     * @param <T> the result type
     * @return the result
     */
    public <T> T execute(Op<T> op) {
        Command c = op.command();
        if (inListener.get() != null) {
            // its result would be delivered after this very callback returns (NIO), or it would wait for the
            // command this thread is already waiting for (blocking): fail clearly instead of hanging
            throw new IllegalStateException("a MailboxListener callback must not wait for a result of the same "
                    + "client (" + c.getClass().getSimpleName() + "); use another thread or the AsyncImapClient");
        }
        boolean barrier = Sequencer.isBarrier(c);
        if (barrier && barriers.getReadHoldCount() > 0) {
            // a listener callback, run by this thread while it waits for its own command, asked for a barrier:
            // it would wait for itself forever
            throw new IllegalStateException("a callback must not wait for another result of the same client ("
                    + c.getClass().getSimpleName() + " while this thread waits for a command of its own)");
        }
        java.util.concurrent.locks.Lock order = barrier ? barriers.writeLock() : barriers.readLock();
        order.lock();
        try {
            String group = Sequencer.group(c);
            if (group == null) {
                return op.complete(run(c, op));
            }
            java.util.concurrent.locks.ReentrantLock lock = groupLocks.computeIfAbsent(group,
                    g -> new java.util.concurrent.locks.ReentrantLock(true));
            lock.lock();
            try {
                return op.complete(run(c, op));
            } finally {
                lock.unlock();
            }
        } finally {
            order.unlock();
        }
    }

    private Tagged run(Command c, Op<?> op) {
        try {
            return transport.execute(c, op);
        } catch (ImapProtocolException e) {
            closeOnLimit(e);
            throw e;
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
     * Runs an operation asynchronously.
     *
     * @param op  the operation
     * @param <T> the result type
     * @return the result's future
     */
    public <T> CompletableFuture<T> submit(Op<T> op) {
        return transport.submit(op.command(), op).future().whenComplete((t, e) -> {
            if (e != null) {
                closeOnLimit(e);
            }
        }).thenApply(op::complete);
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

    @Override
    public void onMalformed(ImapProtocolException error) {
        // a skipped response: framing held and commands continue; the caller hears of it
        inListener.set(Boolean.TRUE);
        try {
            listener.unreadableResponse(error);
        } catch (RuntimeException userCode) {
            // the caller's listener failing is its own affair (see dispatch)
        } finally {
            inListener.remove();
        }
    }

    @Override
    public void onClosed(ImapException cause) {
        try {
            listener.closed(cause);
        } finally {
            releaseGroup();
        }
    }

    /**
     * Reports a state change the server sent, whichever command it arrived during.
     *
     * @param u a response
     */
    public void dispatch(Untagged u) {
        inListener.set(Boolean.TRUE);
        try {
            dispatchToListener(u);
        } catch (RuntimeException userCode) {
            // The caller's MailboxListener threw: that is its own affair. It must not fail whichever command the
            // event happened to arrive during (a failing command listener fails its command; see SessionDriver).
        } finally {
            inListener.remove();
        }
    }

    private void dispatchToListener(Untagged u) {
        if (u instanceof Untagged.Exists e) {
            listener.newMessages(e.count(), recent);
        } else if (u instanceof Untagged.Recent r) {
            recent = r.count();
        } else if (u instanceof Untagged.Expunge x) {
            listener.expunged(x.seq());
        } else if (u instanceof Untagged.Vanished v) {
            listener.vanished(v.uids(), v.earlier());
        } else if (u instanceof Untagged.Fetch f) {
            flagUpdate(f);
        } else if (u instanceof Untagged.StatusResponse s) {
            statusResponse(s);
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
        if (s.status() == Status.BYE) {
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
        inListener.set(Boolean.TRUE);
        try {
            listener.modeChanged(writable);
        } catch (RuntimeException userCode) {
            // the caller's listener failing is its own affair (see dispatch)
        } finally {
            inListener.remove();
        }
    }

    /**
     * Reports an ALERT carried by a tagged response.
     *
     * @param t a tagged response
     */
    public void tagged(Tagged t) {
        if (t.code() instanceof ResponseCode.Simple sc && sc.kind() == ResponseCode.Kind.ALERT) {
            listener.alert(t.text());
        }
    }
}
