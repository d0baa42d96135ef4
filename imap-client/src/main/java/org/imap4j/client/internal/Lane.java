package org.imap4j.client.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.imap4j.codec.ImapInterruptedException;

/**
 * The serial delivery lane of one connection: the user's callbacks ({@code MailboxListener} events, completions of
 * the futures the client returns) run here in the order they were queued, one at a time, on the configured
 * delivery executor, never on the thread that reads the socket. A callback that throws is skipped; one that blocks
 * holds back the callbacks of its own connection (and, on the client's own {@link DeliveryPool}, other connections'
 * for about {@link DeliveryPool#BLOCKED_NANOS} at most, until the pool adds a thread).
 */
public final class Lane implements Executor {
    /** On the shared pool, a lane gives its thread to other lanes after this many callbacks in a row. */
    private static final int TURN = 64;
    /** More callbacks than this waiting: the connection stops reading (see {@link #Lane(Executor, Pressure)}). */
    static final int HIGH_WATER = 8192;
    /** ... and reads again once fewer than this wait. */
    static final int LOW_WATER = 2048;
    private final Executor executor;
    private final Pressure pressure;
    /** Whether {@link Pressure#lagging()} was called and {@link Pressure#caughtUp()} not yet. */
    private boolean lagging;
    /** Callbacks of this lane now waiting for a command: the reading must go on for them ({@link #waiting}). */
    private int callbacksWaiting;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    /** Made when a callback is queued and dropped when the lane drains, so an idle connection holds no deque. */
    private ArrayDeque<Runnable> queue;
    private boolean scheduled;
    private long queued;
    private long finished;
    private volatile Thread runner;

    /**
     * What a lane tells its connection when callbacks pile up (a listener that blocks while the server keeps
     * sending): memory then stays bounded because the connection stops reading, and TCP holds the server back.
     */
    public interface Pressure {
        /** No back-pressure. */
        Pressure NONE = new Pressure() {
            @Override
            public void lagging() {
            }

            @Override
            public void caughtUp() {
            }
        };

        /** More than the lane's high-water mark of callbacks wait: stop reading. Called under the lane's lock. */
        void lagging();

        /** Fewer than its low-water mark wait again: read again. Called under the lane's lock. */
        void caughtUp();
    }

    /** @param executor where the lane runs, or {@code null} for the shared default */
    public Lane(Executor executor) {
        this(executor, Pressure.NONE);
    }

    /**
     * @param executor where the lane runs, or {@code null} for the shared default
     * @param pressure told when callbacks pile up and when they have drained
     */
    public Lane(Executor executor, Pressure pressure) {
        this.executor = executor == null ? DeliveryPool.INSTANCE : executor;
        this.pressure = pressure;
    }

    /**
     * @return whether the lane runs on the client's own delivery threads, whose {@code execute} never blocks and
     *         never runs the task on the calling thread
     */
    public boolean ownsThreads() {
        return executor == DeliveryPool.INSTANCE;
    }

    /** @param task a callback, run after everything queued before it */
    @Override
    public void execute(Runnable task) {
        boolean start;
        lock.lock();
        try {
            if (queue == null) {
                queue = new ArrayDeque<>(2);
            }
            queue.add(task);
            queued++;
            if (!lagging && callbacksWaiting == 0 && queued - finished > HIGH_WATER) {
                lagging = true;
                pressure.lagging();
            }
            start = !scheduled;
            scheduled = true;
        } finally {
            lock.unlock();
        }
        if (start) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                drain(); // a shut-down executor must not lose events: run them here
            }
        }
    }

    private void drain() {
        runner = Thread.currentThread();
        boolean shared = executor == DeliveryPool.INSTANCE;
        for (int ran = 0; true; ran++) {
            Runnable r;
            lock.lock();
            try {
                r = queue == null ? null : queue.poll();
                if (r == null) {
                    // cleared under the lock: a drain scheduled after this one sets its own thread
                    runner = null;
                    scheduled = false;
                    queue = null;
                    return;
                }
                if (shared && ran == TURN) {
                    // a long run of callbacks: queue the rest behind the other lanes' (still scheduled)
                    queue.addFirst(r);
                    runner = null;
                    executor.execute(this::drain);
                    return;
                }
            } finally {
                lock.unlock();
            }
            try {
                DeliveryPool.callbackStarts();
                r.run();
            } catch (RuntimeException | Error userCode) {
                // the user's callback failing is its own affair; the lane goes on
            } finally {
                DeliveryPool.callbackEnds();
                lock.lock();
                try {
                    finished++;
                    if (lagging && queued - finished < LOW_WATER) {
                        lagging = false;
                        pressure.caughtUp();
                    }
                    progressed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /**
     * A callback of this lane starts or stops waiting for a command of its own connection: while one waits, the
     * lane never stops the reading (the answer it waits for has to be read), so a listener that calls the client
     * while callbacks pile up is not stuck until its command's deadline.
     *
     * @param starts whether the wait starts (else it ends)
     */
    public void waiting(boolean starts) {
        lock.lock();
        try {
            if (starts) {
                callbacksWaiting++;
                if (lagging) {
                    lagging = false;
                    pressure.caughtUp();
                }
            } else {
                callbacksWaiting--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the current thread is running a callback of this lane */
    public boolean isCurrentThread() {
        return runner == Thread.currentThread();
    }

    /**
     * Waits until every callback queued before this call has run, so that a blocking caller returns after the
     * listener heard of what arrived before its result. Returns at once on the lane's own thread (a listener that
     * calls the client must not wait for itself).
     *
     * @throws ImapInterruptedException if interrupted (flag set again)
     */
    public void sync() {
        if (isCurrentThread()) {
            return;
        }
        lock.lock();
        try {
            long target = queued;
            while (finished < target) {
                progressed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImapInterruptedException("interrupted while the listener ran", e);
        } finally {
            lock.unlock();
        }
    }
}
