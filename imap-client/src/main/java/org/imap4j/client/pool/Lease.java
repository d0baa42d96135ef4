package org.imap4j.client.pool;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imap4j.client.Idle;
import org.imap4j.client.ImapClient;
import org.imap4j.client.SelectResult;
import org.imap4j.codec.core.MailboxName;

/**
 * One connection lent by an {@link ImapPool}, until {@link #close()}. Use {@link #client()} for the work; change the
 * mailbox with {@link #select(MailboxName)} and IDLE with {@link #idle()} so the pool knows the connection's state.
 * Not for use after close; close it exactly once (more closes do nothing), from any thread.
 */
public final class Lease implements AutoCloseable {
    private final ImapPool pool;
    private final ImapPool.Pooled pooled;
    private final AtomicInteger holderCount;
    private volatile boolean closed;
    private volatile boolean broken;
    private volatile Idle idle;

    Lease(ImapPool pool, ImapPool.Pooled pooled, AtomicInteger holderCount) {
        this.pool = pool;
        this.pooled = pooled;
        this.holderCount = holderCount;
    }

    /**
     * @return the lent client
     * @throws IllegalStateException after {@link #close()}
     */
    public ImapClient client() {
        if (closed) {
            throw new IllegalStateException("the lease was returned");
        }
        return pooled.client;
    }

    /** @return the mailbox the pool knows to be selected on this connection, if any */
    public Optional<MailboxName> mailbox() {
        return Optional.ofNullable(pooled.selected);
    }

    /**
     * Selects another mailbox on the lent connection (or nothing when it is selected already), so that mailbox
     * affinity stays right.
     *
     * @param mailbox the mailbox
     * @return the SELECT's result, or {@code null} when the mailbox was selected already
     */
    public SelectResult select(MailboxName mailbox) {
        if (mailbox.equals(pooled.selected)) {
            return null;
        }
        pool.selected(pooled, null);
        SelectResult r = client().select(mailbox);
        pool.selected(pooled, mailbox);
        return r;
    }

    /**
     * Starts IDLE on the lent connection. The job may end it with {@link Idle#done()}, or return the lease while it
     * runs: the pool then ends it before lending the connection again.
     *
     * @return the IDLE in progress
     */
    public Idle idle() {
        Idle i = client().idle();
        idle = i;
        return i;
    }

    /** Reports the connection as broken: it is closed instead of going back to the pool. */
    public void invalidate() {
        broken = true;
    }

    /**
     * Gives the connection back: an IDLE still running is ended first ({@code DONE}, waiting up to the pool's
     * health-check timeout; a connection whose IDLE does not end is closed and replaced).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        holderCount.decrementAndGet();
        boolean bad = broken;
        Idle i = idle;
        if (i != null && !bad && !i.finished().isDone()) {
            i.done();
            try {
                i.finished().get(pool.config().healthCheckTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                bad = true;
            } catch (Exception e) {
                bad = true;
            }
        }
        pool.release(pooled, bad);
    }

    /** @return {@code Lease[mailbox]} */
    @Override
    public String toString() {
        return "Lease[" + (pooled.selected == null ? "no mailbox" : pooled.selected) + (closed ? ", returned" : "")
                + "]";
    }
}
