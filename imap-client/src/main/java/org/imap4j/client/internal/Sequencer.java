package org.imap4j.client.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.imap4j.codec.command.Command;

/**
 * Decides which asynchronous operations may be pipelined (RFC 9051 section 5.5): independent UID commands go out
 * at once, in submission order; a command that changes the selected state or may renumber messages (SELECT,
 * EXAMINE, CLOSE, UNSELECT, EXPUNGE, MOVE, NOOP, CHECK, LOGIN, AUTHENTICATE, ENABLE, STARTTLS, COMPRESS, IDLE,
 * LOGOUT), any command addressing messages by sequence number, and any operation made of several commands is a
 * barrier: it starts when everything before it has completed, and nothing after it starts before it completes.
 *
 * <p>Untagged responses carry no tag, so two commands that collect the same kind of response (two FETCHes, a SEARCH
 * and a SORT, a LIST and a STATUS) cannot tell theirs apart if the server runs them at the same time and interleaves
 * their output, which Dovecot does with pipelined FETCHes. Such commands therefore never overlap: one of a
 * {@link #group(Command) group} waits for the one before it; commands of different groups still pipeline.
 */
public final class Sequencer {
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiting<?>> queue = new ArrayDeque<>();
    private int running;
    private boolean barrierActive;
    private boolean draining;
    private boolean again;
    private final java.util.Set<String> runningGroups = new java.util.HashSet<>();

    /** An operation not started yet. */
    private static final class Waiting<T> {
        final boolean barrier;
        final String group;
        final Supplier<CompletableFuture<T>> start;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Waiting(boolean barrier, String group, Supplier<CompletableFuture<T>> start) {
            this.barrier = barrier;
            this.group = group;
            this.start = start;
        }
    }

    /**
     * @param c a command
     * @return whether it must run alone
     */
    public static boolean isBarrier(Command c) {
        if (c instanceof Command.Fetch f) {
            return !f.uid();
        }
        if (c instanceof Command.Store s) {
            return !s.uid();
        }
        if (c instanceof Command.StoreGmailLabels g) {
            return !g.uid();
        }
        if (c instanceof Command.Copy cp) {
            return !cp.uid();
        }
        if (c instanceof Command.Search s) {
            return !s.uid();
        }
        if (c instanceof Command.Sort s) {
            return !s.uid();
        }
        if (c instanceof Command.Thread t) {
            return !t.uid();
        }
        return c instanceof Command.Select || c instanceof Command.Examine || c instanceof Command.Close
                || c instanceof Command.Unselect || c instanceof Command.Expunge || c instanceof Command.UidExpunge
                || c instanceof Command.Move || c instanceof Command.Noop || c instanceof Command.Check
                || c instanceof Command.Login || c instanceof Command.Authenticate || c instanceof Command.Enable
                || c instanceof Command.StartTls || c instanceof Command.Compress || c instanceof Command.Idle
                || c instanceof Command.Logout;
    }

    /**
     * @param c a command
     * @return the kind of untagged response it collects, shared with the other commands collecting it, or
     *     {@code null} when it collects none another command could take
     */
    public static String group(Command c) {
        if (c instanceof Command.Fetch || c instanceof Command.Store && !((Command.Store) c).silent()
                || c instanceof Command.StoreGmailLabels && !((Command.StoreGmailLabels) c).silent()) {
            return "FETCH";
        }
        if (c instanceof Command.Search || c instanceof Command.Sort || c instanceof Command.Thread) {
            return "SEARCH";
        }
        if (c instanceof Command.ListMailboxes || c instanceof Command.Lsub || c instanceof Command.Status) {
            return "LIST";
        }
        if (c instanceof Command.GetQuota || c instanceof Command.GetQuotaRoot) {
            return "QUOTA";
        }
        if (c instanceof Command.Capability || c instanceof Command.Namespace || c instanceof Command.Id) {
            return c.getClass().getSimpleName();
        }
        return null;
    }

    /**
     * Starts an operation now or when the rules allow.
     *
     * @param barrier whether it must run alone
     * @param start   starts it and returns its result
     * @param <T>     the result type
     * @return the result
     */
    public <T> CompletableFuture<T> run(boolean barrier, Supplier<CompletableFuture<T>> start) {
        return run(barrier, null, start);
    }

    /**
     * Starts an operation now or when the rules allow.
     *
     * @param barrier whether it must run alone
     * @param group   its {@link #group(Command) response group}, or {@code null}
     * @param start   starts it and returns its result
     * @param <T>     the result type
     * @return the result
     */
    public <T> CompletableFuture<T> run(boolean barrier, String group, Supplier<CompletableFuture<T>> start) {
        Waiting<T> w = new Waiting<>(barrier, group, start);
        lock.lock();
        try {
            queue.add(w);
        } finally {
            lock.unlock();
        }
        drain();
        return w.result;
    }

    /**
     * Starts whatever may start now, in order, outside the lock. One thread drains at a time; a completion that
     * arrives meanwhile (even inline, from an operation that failed at once) asks it to look again instead of
     * recursing.
     */
    private void drain() {
        lock.lock();
        try {
            if (draining) {
                again = true;
                return;
            }
            draining = true;
        } finally {
            lock.unlock();
        }
        while (true) {
            Waiting<?> next;
            lock.lock();
            try {
                next = queue.peek();
                if (next == null || barrierActive || (next.barrier && running > 0)
                        || (next.group != null && runningGroups.contains(next.group))) {
                    if (again) {
                        again = false;
                        continue;
                    }
                    draining = false;
                    return;
                }
                queue.poll();
                running++;
                if (next.barrier) {
                    barrierActive = true;
                }
                if (next.group != null) {
                    runningGroups.add(next.group);
                }
            } finally {
                lock.unlock();
            }
            begin(next);
        }
    }

    private <T> void begin(Waiting<T> w) {
        CompletableFuture<T> f;
        try {
            f = w.start.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((r, e) -> {
            lock.lock();
            try {
                running--;
                if (w.barrier) {
                    barrierActive = false;
                }
                if (w.group != null) {
                    runningGroups.remove(w.group);
                }
            } finally {
                lock.unlock();
            }
            if (e != null) {
                w.result.completeExceptionally(e instanceof java.util.concurrent.CompletionException
                        && e.getCause() != null ? e.getCause() : e);
            } else {
                w.result.complete(r);
            }
            drain();
        });
    }
}
