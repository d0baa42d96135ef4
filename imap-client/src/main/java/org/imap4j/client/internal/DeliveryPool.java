package org.imap4j.client.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The client's own delivery threads, shared by every connection's {@link Lane} that has no executor of its own.
 *
 * <p>A few threads (as many as the machine has processors, at least two) take the lanes' drains from one queue, so
 * a burst of events on a thousand connections is run by threads that are already awake instead of waking (or
 * starting) a thread per connection. A callback may block: a watcher thread, woken when work is queued while every
 * thread runs a callback, counts the threads whose current callback has run longer than {@link #BLOCKED_NANOS} and
 * adds one thread for each, so a blocked listener holds back other connections' callbacks for about that long at
 * most, never indefinitely. Every thread retires after {@link #KEEP_ALIVE_SECONDS} idle, and the watcher parks while
 * nothing waits, so an idle client keeps no thread busy and a lone event wakes one thread only.
 */
final class DeliveryPool extends ThreadPoolExecutor {
    /** A callback running longer than this counts as blocked: another thread takes over the queue. */
    static final long BLOCKED_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How often the watcher looks while there is work. */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(4);
    /** Idle threads retire after this. */
    static final int KEEP_ALIVE_SECONDS = 2;
    /** More threads than this are never added, however many callbacks block. */
    private static final int MAX_THREADS = 32_768;

    static final DeliveryPool INSTANCE = new DeliveryPool(Math.max(2, Runtime.getRuntime().availableProcessors()));

    private final int parallelism;
    private final Set<Carrier> carriers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger names = new AtomicInteger();
    private final AtomicBoolean watching = new AtomicBoolean();
    /** Lane turns running now. */
    private final AtomicInteger running = new AtomicInteger();
    private volatile Thread watcher;

    /** A delivery thread; {@link #callbackStart} is when its current callback began, 0 between callbacks. */
    static final class Carrier extends Thread {
        private final Set<Carrier> registry;
        volatile long callbackStart;

        Carrier(Runnable r, String name, Set<Carrier> registry) {
            super(r, name);
            this.registry = registry;
            setDaemon(true);
        }

        @Override
        public void run() {
            registry.add(this);
            try {
                super.run();
            } finally {
                registry.remove(this);
            }
        }
    }

    DeliveryPool(int parallelism) {
        super(parallelism, MAX_THREADS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        this.parallelism = parallelism;
        allowCoreThreadTimeOut(true);
        setThreadFactory(r -> new Carrier(r, "imap4j-delivery-" + names.incrementAndGet(), carriers));
    }

    /** @return how many threads run callbacks when none blocks */
    int parallelism() {
        return parallelism;
    }

    /** Marks the start of one callback on the current thread (a lane runs several in one drain). */
    static void callbackStarts() {
        if (Thread.currentThread() instanceof Carrier c) {
            c.callbackStart = System.nanoTime();
        }
    }

    /** Marks the end of a callback on the current thread. */
    static void callbackEnds() {
        if (Thread.currentThread() instanceof Carrier c) {
            c.callbackStart = 0;
        }
    }

    @Override
    public void execute(Runnable command) {
        super.execute(command);
        // the watcher matters only when work waits behind threads that are all running a callback: that starts
        // either here (queued while all run) or when the last free thread takes a turn while others wait
        if (running.get() >= getCorePoolSize()) {
            wakeWatcher();
        }
    }

    @Override
    protected void beforeExecute(Thread t, Runnable r) {
        if (running.incrementAndGet() >= getCorePoolSize() && !getQueue().isEmpty()) {
            wakeWatcher();
        }
    }

    private void wakeWatcher() {
        if (!watching.get() && watching.compareAndSet(false, true)) {
            Thread w = watcher;
            if (w == null) {
                startWatcher();
            } else {
                LockSupport.unpark(w);
            }
        }
    }

    @Override
    protected void afterExecute(Runnable r, Throwable t) {
        running.decrementAndGet();
    }

    private synchronized void startWatcher() {
        if (watcher == null) {
            Thread w = new Thread(this::watch, "imap4j-delivery-watch");
            w.setDaemon(true);
            watcher = w;
            w.start();
        } else {
            LockSupport.unpark(watcher);
        }
    }

    /** The watcher: while work waits, adds a thread per blocked callback; parks when nothing waits. */
    private void watch() {
        while (true) {
            if (getQueue().isEmpty()) {
                watching.set(false);
                if (getQueue().isEmpty()) {
                    resize(blocked(System.nanoTime()));
                    LockSupport.park(this);
                    continue;
                }
                watching.set(true);
            }
            LockSupport.parkNanos(this, TICK_NANOS);
            resize(blocked(System.nanoTime()));
        }
    }

    private int blocked(long now) {
        int n = 0;
        for (Carrier c : carriers) {
            long s = c.callbackStart;
            if (s != 0 && now - s > BLOCKED_NANOS) {
                n++;
            }
        }
        return n;
    }

    private void resize(int blocked) {
        int want = (int) Math.min(MAX_THREADS, (long) parallelism + blocked);
        if (want != getCorePoolSize()) {
            // larger: starts threads for what is queued; smaller: the extra threads retire when next idle
            setCorePoolSize(want);
        }
    }
}
