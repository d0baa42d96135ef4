package org.imap4j.client.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.imap4j.codec.ImapInterruptedException;

/**
 * The serial delivery lane of one connection: the user's callbacks ({@code MailboxListener} events, completions of
 * the futures the client returns) run here in the order they were queued, one at a time, on the configured
 * delivery executor, never on the thread that reads the socket. A callback that throws is skipped; one that blocks
 * holds back only the callbacks of its own connection.
 */
public final class Lane implements Executor {
    private final Executor executor;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    /** Made when a callback is queued and dropped when the lane drains, so an idle connection holds no deque. */
    private ArrayDeque<Runnable> queue;
    private boolean scheduled;
    private long queued;
    private long finished;
    private volatile Thread runner;

    /** @param executor where the lane runs, or {@code null} for the shared default */
    public Lane(Executor executor) {
        this.executor = executor == null ? DefaultExecutor.INSTANCE : executor;
    }

    /**
     * @return whether the lane runs on the client's own delivery threads, whose {@code execute} never blocks and
     *         never runs the task on the calling thread
     */
    public boolean ownsThreads() {
        return executor == DefaultExecutor.INSTANCE;
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
        try {
            while (true) {
                Runnable r;
                lock.lock();
                try {
                    r = queue == null ? null : queue.poll();
                    if (r == null) {
                        scheduled = false;
                        queue = null;
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                try {
                    r.run();
                } catch (RuntimeException | Error userCode) {
                    // the user's callback failing is its own affair; the lane goes on
                } finally {
                    lock.lock();
                    try {
                        finished++;
                        progressed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            }
        } finally {
            runner = null;
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

    /** Shared daemon threads, made when needed, retiring after 2 s idle; one per connection busy at most. */
    private static final class DefaultExecutor {
        static final Executor INSTANCE = create();

        private static Executor create() {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor p = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 2, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), r -> {
                        Thread t = new Thread(r, "imap4j-delivery-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            return p;
        }
    }
}
