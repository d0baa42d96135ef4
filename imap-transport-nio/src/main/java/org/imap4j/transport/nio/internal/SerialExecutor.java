package org.imap4j.transport.nio.internal;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs one connection's deliveries strictly one after another, in the order they were enqueued, on a shared
 * executor. It also measures the backlog so the connection can stop reading while callbacks lag behind.
 *
 * <p>Batches are enqueued under the connection's lock (so their order is the driver's order) and started with
 * {@link #kick()} after that lock is released, so no user code ever runs under it.
 */
public final class SerialExecutor implements Runnable {
    /** More deliveries than this waiting: stop reading. */
    static final int HIGH_TASKS = 64;
    /** More bytes read than this whose deliveries have not run: stop reading. */
    static final long HIGH_BYTES = 4L << 20;
    private static final int LOW_TASKS = 16;
    private static final long LOW_BYTES = 1L << 20;

    private static final class Batch {
        final List<Runnable> tasks;
        final long weight;
        /** Every task may run on the I/O thread ({@code SessionDriver.isPrompt}). */
        final boolean prompt;

        Batch(List<Runnable> tasks, long weight, boolean prompt) {
            this.tasks = tasks;
            this.weight = weight;
            this.prompt = prompt;
        }
    }

    private final Executor target;
    private final ReentrantLock lock = new ReentrantLock();
    private ArrayDeque<Batch> queue;
    private boolean running;
    private int pendingTasks;
    private long pendingBytes;
    private Runnable onDrained;
    private volatile Thread drainer;

    /** @param target where the deliveries run */
    public SerialExecutor(Executor target) {
        this.target = target;
    }

    /**
     * Adds deliveries; they run after those already enqueued.
     *
     * @param tasks  the deliveries, in order
     * @param weight the bytes read that produced them (for the read back-pressure)
     */
    public void enqueue(List<Runnable> tasks, long weight) {
        enqueue(tasks, weight, false);
    }

    /**
     * Adds deliveries; they run after those already enqueued.
     *
     * @param tasks  the deliveries, in order
     * @param weight the bytes read that produced them (for the read back-pressure)
     * @param prompt whether every one of them may run on the I/O thread (see {@link #kickHere()})
     */
    public void enqueue(List<Runnable> tasks, long weight, boolean prompt) {
        lock.lock();
        try {
            if (queue == null) {
                queue = new ArrayDeque<>(2);
            }
            queue.add(new Batch(tasks, weight, prompt));
            pendingTasks += tasks.size();
            pendingBytes += weight;
        } finally {
            lock.unlock();
        }
    }

    /** Starts running the queue if it is not running already. Call without holding the connection's lock. */
    public void kick() {
        lock.lock();
        try {
            if (running || queue == null || queue.isEmpty()) {
                return;
            }
            running = true;
        } finally {
            lock.unlock();
        }
        try {
            target.execute(this);
        } catch (RejectedExecutionException e) {
            // the group's executor has shut down: finish the last deliveries (failures, onClosed) here
            run();
        }
    }

    /**
     * Like {@link #kick()}, from the I/O thread: when nothing is running and the batches at the head of the queue
     * are prompt (they only hand responses on, never run the application's code nor block), runs those here and
     * now, saving the hand-off to the executor; whatever follows them goes to the executor as usual. The order is
     * kept: prompt batches run here only when no earlier delivery is waiting or running. The queue is trimmed once
     * it is empty, so an idle connection keeps none.
     */
    public void kickHere() {
        lock.lock();
        try {
            if (running || queue == null || queue.isEmpty()) {
                return;
            }
            running = true;
            if (!queue.peek().prompt) {
                lock.unlock();
                try {
                    target.execute(this);
                } catch (RejectedExecutionException e) {
                    run();
                }
                return;
            }
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
        Thread previous = drainer;
        drainer = Thread.currentThread();
        boolean handOff = false;
        try {
            while (true) {
                Batch b;
                lock.lock();
                try {
                    b = queue.peek();
                    if (b == null) {
                        running = false;
                        queue = null; // trimmed: a connection idling between pushes holds no deque
                        return;
                    }
                    if (!b.prompt) {
                        handOff = true;
                        return;
                    }
                    queue.poll();
                } finally {
                    lock.unlock();
                }
                runBatch(b);
            }
        } finally {
            drainer = previous;
            if (handOff) {
                try {
                    target.execute(this);
                } catch (RejectedExecutionException e) {
                    run();
                }
            }
        }
    }

    /**
     * If the backlog is above the high-water mark, remembers {@code resume} to be run once it drains below the
     * low-water mark.
     *
     * @param resume what to run when the backlog has drained (on the delivering thread)
     * @return whether the caller must stop reading
     */
    public boolean pauseIfOverloaded(Runnable resume) {
        lock.lock();
        try {
            if (pendingTasks > HIGH_TASKS || pendingBytes > HIGH_BYTES) {
                onDrained = resume;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the current thread is running this connection's deliveries */
    public boolean inDelivery() {
        return drainer == Thread.currentThread();
    }

    @Override
    public void run() {
        Thread previous = drainer;
        drainer = Thread.currentThread();
        try {
            while (true) {
                Batch b;
                lock.lock();
                try {
                    b = queue.poll();
                    if (b == null) {
                        running = false;
                        queue = null; // trimmed: an idle connection holds no deque
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                runBatch(b);
            }
        } finally {
            drainer = previous;
        }
    }

    private void runBatch(Batch b) {
        for (Runnable r : b.tasks) {
            try {
                r.run();
            } catch (RuntimeException | Error e) {
                // a listener's failure (even an OutOfMemoryError while it assembled a body) must not stop
                // the deliveries that follow it: leaving this loop would keep `running` set forever, and
                // every later result of the connection would hang. The driver already failed that command.
            }
        }
        Runnable resume = null;
        lock.lock();
        try {
            pendingTasks -= b.tasks.size();
            pendingBytes -= b.weight;
            if (onDrained != null && pendingTasks <= LOW_TASKS && pendingBytes <= LOW_BYTES) {
                resume = onDrained;
                onDrained = null;
            }
        } finally {
            lock.unlock();
        }
        if (resume != null) {
            resume.run();
        }
    }
}
