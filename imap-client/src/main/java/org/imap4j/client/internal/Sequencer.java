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
 */
public final class Sequencer {
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiting<?>> queue = new ArrayDeque<>();
    private int running;
    private boolean barrierActive;
    private boolean draining;
    private boolean again;

    /** An operation not started yet. */
    private static final class Waiting<T> {
        final boolean barrier;
        final Supplier<CompletableFuture<T>> start;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Waiting(boolean barrier, Supplier<CompletableFuture<T>> start) {
            this.barrier = barrier;
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
     * Starts an operation now or when the rules allow.
     *
     * @param barrier whether it must run alone
     * @param start   starts it and returns its result
     * @param <T>     the result type
     * @return the result
     */
    public <T> CompletableFuture<T> run(boolean barrier, Supplier<CompletableFuture<T>> start) {
        Waiting<T> w = new Waiting<>(barrier, start);
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
                if (next == null || barrierActive || (next.barrier && running > 0)) {
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
