package org.imap4j.transport.nio.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread and the connections it serves: it waits for readiness, runs tasks posted from other threads,
 * and fires the connections' deadlines from a priority queue. It owns the scratch buffers every read goes through,
 * so an idle connection holds no read buffer of its own.
 */
public final class SelectorLoop implements Runnable {
    /** The plain read buffer: one per loop, shared by its connections. */
    static final int READ_BUFFER = 16 * 1024;

    private static final class Timer implements Comparable<Timer> {
        final long at;
        final Connection connection;

        Timer(long at, Connection connection) {
            this.at = at;
            this.connection = connection;
        }

        @Override
        public int compareTo(Timer o) {
            return Long.compare(at, o.at);
        }
    }

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER);
    private ByteBuffer netBuffer;
    private ByteBuffer appBuffer;
    private volatile boolean running = true;
    private volatile long wakeAt = Long.MAX_VALUE;

    /**
     * @param name the thread's name
     */
    public SelectorLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    /** Starts the thread. */
    public void start() {
        thread.start();
    }

    /** @return whether the loop still runs (it stops when its group closes) */
    boolean running() {
        return running;
    }

    /** @return whether the caller runs on this loop's thread */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Loop thread only: how many keys the current select round reported ready. */
    private int readyNow;

    /**
     * Whether the current select round is quiet enough for prompt deliveries to run on this thread: a few keys
     * ready. In a burst (a server pushing to many connections at once) the loop hands them to the callback executor
     * instead, so it keeps reading while other threads wake the connections' lanes.
     *
     * @return whether at most {@value #PROMPT_READY_KEYS} keys are ready in this round
     */
    boolean quietRound() {
        return readyNow <= PROMPT_READY_KEYS;
    }

    /** Ready keys in one round up to which prompt deliveries run on the loop thread. */
    static final int PROMPT_READY_KEYS = 4;

    /** @return the selector */
    Selector selector() {
        return selector;
    }

    /** @return how many connections this loop serves (for balancing) */
    public int size() {
        return connections.size();
    }

    void add(Connection c) {
        connections.add(c);
    }

    void remove(Connection c) {
        connections.remove(c);
        // A closed connection's pending deadlines (up to the IDLE refresh, minutes away) would otherwise keep it and
        // its buffers reachable from the timer queue until they come due.
        if (inLoop()) {
            timers.removeIf(t -> t.connection == c);
        } else {
            tasks.add(() -> timers.removeIf(t -> t.connection == c));
            selector.wakeup();
        }
    }

    /** @return how many deadlines are queued (tests: a closed connection leaves none behind) */
    int queuedTimers() {
        return timers.size();
    }

    /** @return a snapshot of the connections */
    public List<Connection> connections() {
        return new ArrayList<>(connections);
    }

    /**
     * Runs a task on the loop thread.
     *
     * @param task the task
     * @throws IllegalStateException if the loop has stopped
     */
    public void execute(Runnable task) {
        if (!running) {
            throw new IllegalStateException("the selector thread has stopped");
        }
        tasks.add(task);
        if (!inLoop()) {
            selector.wakeup();
        }
    }

    /** Makes the next select return, so interest changes made from another thread take effect. */
    void wakeup() {
        if (!inLoop()) {
            selector.wakeup();
        }
    }

    /**
     * Arranges for {@code c.onTimer()} to run at {@code at} (or soon after); later calls with a later time are
     * ignored, because the earlier firing reschedules.
     */
    void schedule(Connection c, long at) {
        if (at == Long.MAX_VALUE) {
            return;
        }
        if (inLoop()) {
            scheduleHere(c, at);
        } else {
            tasks.add(() -> scheduleHere(c, at));
            if (at < wakeAt) {
                selector.wakeup();
            }
        }
    }

    private void scheduleHere(Connection c, long at) {
        if (at < c.scheduledAt) {
            c.scheduledAt = at;
            timers.add(new Timer(at, c));
        }
    }

    /** The loop's plain read buffer (loop thread only), cleared. */
    ByteBuffer readBuffer() {
        readBuffer.clear();
        return readBuffer;
    }

    /** A loop-owned buffer for TLS records (loop thread only), cleared, of at least {@code min} bytes. */
    ByteBuffer netBuffer(int min) {
        if (netBuffer == null || netBuffer.capacity() < min) {
            netBuffer = ByteBuffer.allocate(min);
        }
        netBuffer.clear();
        return netBuffer;
    }

    /** A loop-owned buffer for decrypted bytes (loop thread only), cleared, of at least {@code min} bytes. */
    ByteBuffer appBuffer(int min) {
        if (appBuffer == null || appBuffer.capacity() < min) {
            appBuffer = ByteBuffer.allocate(min);
        }
        appBuffer.clear();
        return appBuffer;
    }

    /** Stops the thread and waits for it; the caller closes the connections first. */
    public void shutdown() {
        running = false;
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                Timer first = timers.peek();
                long now = System.nanoTime();
                wakeAt = first == null ? Long.MAX_VALUE : first.at;
                if (!tasks.isEmpty()) {
                    selector.selectNow();
                } else if (first == null) {
                    selector.select();
                } else {
                    long wait = first.at - now;
                    if (wait <= 0) {
                        selector.selectNow();
                    } else {
                        selector.select(Math.max(1, (wait + 999_999) / 1_000_000));
                    }
                }
                Set<SelectionKey> ready = selector.selectedKeys();
                readyNow = ready.size();
                for (Iterator<SelectionKey> it = ready.iterator(); it.hasNext(); ) {
                    SelectionKey k = it.next();
                    it.remove();
                    Connection c = (Connection) k.attachment();
                    try {
                        if (!k.isValid()) {
                            continue;
                        }
                        c.onReady(k, k.readyOps());
                    } catch (RuntimeException | Error e) {
                        // a bug must cost one connection, not the loop and all its connections
                        c.crashed(e);
                    }
                }
                Runnable t;
                while ((t = tasks.poll()) != null) {
                    try {
                        t.run();
                    } catch (RuntimeException | Error e) {
                        // a task's failure is the connection's; the loop goes on
                    }
                }
                fireTimers();
            }
        } catch (IOException | RuntimeException | Error e) {
            // the selector itself failed: nothing can be served any more, so nothing may wait for it
            running = false;
            for (Connection c : connections()) {
                c.crashed(e);
            }
        } finally {
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private void fireTimers() {
        long now = System.nanoTime();
        Timer t;
        while ((t = timers.peek()) != null && t.at <= now) {
            timers.poll();
            Connection c = t.connection;
            if (t.at != c.scheduledAt) {
                continue; // superseded by an earlier one that already fired
            }
            c.scheduledAt = Long.MAX_VALUE;
            try {
                c.onTimer();
            } catch (RuntimeException | Error e) {
                c.crashed(e);
            }
        }
    }
}
