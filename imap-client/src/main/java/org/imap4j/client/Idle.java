package org.imap4j.client;

import java.util.concurrent.CompletableFuture;
import org.imap4j.client.internal.Op;
import org.imap4j.client.internal.Session;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.response.Tagged;
import org.imap4j.session.ImapCall;

/**
 * An IDLE in progress (RFC 2177, RFC 9051 section 6.3.13): the server pushes changes, which go to the client's
 * {@link MailboxListener}, until {@link #done()}. The transport renews it before the server's 29-minute limit; the
 * caller sees one IDLE.
 *
 * <pre>{@code
 * Idle idle = client.idle();
 * // from a listener callback or another thread: idle.done();
 * idle.await();   // returns once the server has ended IDLE
 * }</pre>
 */
public final class Idle {
    private final Session session;
    private final ImapCall call;
    private final CompletableFuture<Void> started;

    Idle(Session session, ImapCall call, CompletableFuture<Void> started) {
        this.session = session;
        this.call = call;
        this.started = started;
    }

    /**
     * @return completes when the server accepted IDLE (its {@code +}), on the client's delivery executor; completes
     *         exceptionally if it never will: the server refused IDLE
     *         ({@link org.imap4j.codec.ImapCommandException}) or the connection failed (for example when the read
     *         timeout passed without the {@code +}). On the blocking transport the connection's reader thread reads
     *         for it while no caller does
     */
    public CompletableFuture<Void> started() {
        return onLane(started);
    }

    /**
     * A copy of {@code f} completed on the client's delivery lane (never on the thread that reads the socket), with
     * someone reading for it on the blocking transport.
     */
    private <T> CompletableFuture<T> onLane(CompletableFuture<T> f) {
        CompletableFuture<T> copy = new CompletableFuture<>();
        if (f.isDone()) {
            copyOutcome(f, copy); // already complete: on the caller's thread, which is not the reading one
            return copy;
        }
        f.whenComplete((r, e) -> session.lane().execute(() -> {
            if (e != null) {
                copy.completeExceptionally(e instanceof java.util.concurrent.CompletionException
                        && e.getCause() != null ? e.getCause() : e);
            } else {
                copy.complete(r);
            }
        }));
        session.readInBackground(f);
        return copy;
    }

    private static <T> void copyOutcome(CompletableFuture<T> from, CompletableFuture<T> to) {
        from.whenComplete((r, e) -> {
            if (e != null) {
                to.completeExceptionally(e instanceof java.util.concurrent.CompletionException
                        && e.getCause() != null ? e.getCause() : e);
            } else {
                to.complete(r);
            }
        });
    }

    /**
     * Waits until the server has accepted IDLE, for at most {@code limit}. On the blocking transport this thread
     * reads the connection meanwhile (taking turns with a thread in {@link #await()}), so it never waits for a
     * reader that does not exist; the connection's read timeout also bounds the wait for the server's {@code +}.
     *
     * @param limit the longest wait
     * @return whether IDLE started within {@code limit}
     * @throws org.imap4j.codec.ImapCommandException if the server refused IDLE
     * @throws org.imap4j.codec.ImapConnectionException if the connection failed first
     * @throws org.imap4j.codec.ImapInterruptedException if the thread was interrupted (flag set again; IDLE goes on)
     */
    public boolean awaitStarted(java.time.Duration limit) {
        if (!session.transport().awaitCompletion(started, limit)) {
            return false;
        }
        try {
            started.join();
            return true;
        } catch (java.util.concurrent.CompletionException e) {
            throw Session.unwrap(e);
        }
    }

    /** Ends IDLE ({@code DONE}); safe from any thread, at any time, more than once. */
    public void done() {
        call.done();
    }

    /**
     * Waits until IDLE has ended (on the blocking transport this thread reads the connection meanwhile, and runs the
     * listener).
     *
     * @throws org.imap4j.codec.ImapCommandException if the server refused IDLE
     * @throws org.imap4j.codec.ImapInterruptedException if the thread was interrupted: IDLE is ended ({@code DONE})
     *         and the interrupt flag set again
     */
    public void await() {
        Tagged t;
        try {
            t = call.await();
        } catch (org.imap4j.codec.ImapInterruptedException e) {
            done(); // nobody waits for the IDLE any more; leaving it running would leave the connection in it
            throw e;
        }
        session.lane().sync(); // the listener has heard of what arrived during the IDLE when this returns
        ImapClient.check(t, "IDLE");
    }

    /**
     * IDLEs for at most {@code limit}: if IDLE has not ended by then, {@link #done()} is sent and this waits for the
     * server to end it (as Python IMAPClient's {@code idle_check(timeout)} and a polling loop want). Events meanwhile
     * reach the {@link MailboxListener}.
     *
     * @param limit the longest time to stay in IDLE
     * @return whether IDLE ended before the limit (by {@link #done()} from elsewhere, or by the server)
     * @throws org.imap4j.codec.ImapCommandException if the server refused IDLE
     */
    public boolean await(java.time.Duration limit) {
        java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<Void> timer = CompletableFuture.runAsync(() -> {
            fired.set(true);
            done();
        }, CompletableFuture.delayedExecutor(Math.max(0, limit.toNanos()), java.util.concurrent.TimeUnit.NANOSECONDS));
        try {
            await();
        } finally {
            timer.cancel(false);
        }
        return !fired.get();
    }

    /**
     * @return completes when IDLE has ended, on the client's delivery executor (after the events that came before);
     *         on the blocking transport the connection's reader thread reads meanwhile if no caller does
     */
    public CompletableFuture<Void> finished() {
        return onLane(call.future().thenApply(t -> {
            ImapClient.check(t, "IDLE");
            return null;
        }));
    }

    static Idle start(Session s) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        ImapCall call = s.start(new Op<Void>(s, new Command.Idle()) {
            @Override
            public void onContinuation(ImapCall c, Bytes challenge) {
                started.complete(null);
            }

            @Override
            protected Void result(Tagged ok) {
                return null;
            }
        });
        call.future().whenComplete((t, e) -> {
            if (e != null) {
                started.completeExceptionally(Session.unwrap(e));
            } else if (t.status() != org.imap4j.codec.response.Condition.OK) {
                started.completeExceptionally(org.imap4j.codec.ImapCommandException.of(t, "IDLE"));
            } else {
                started.complete(null);
            }
        });
        return new Idle(s, call, started);
    }
}
