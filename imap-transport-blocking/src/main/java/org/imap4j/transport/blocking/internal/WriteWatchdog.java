package org.imap4j.transport.blocking.internal;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds blocking socket writes, which Java cannot time out: a write still blocked at its deadline (a server that
 * stopped reading during a large APPEND) gets its socket closed, so the writer fails instead of hanging. One daemon
 * thread, started when a write is watched and gone once none is.
 */
public final class WriteWatchdog {
    private static final long TICK_MILLIS = 100;
    private static final Map<Object, Watch> WATCHED = new ConcurrentHashMap<>();
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static Thread thread;

    private WriteWatchdog() {
    }

    /** A write being watched. */
    private record Watch(Closeable socket, long deadlineNanos) {
    }

    /**
     * Starts watching a write.
     *
     * @param socket        what to close if the write outlives its deadline
     * @param deadlineNanos the deadline ({@link System#nanoTime()} scale)
     * @return the token to pass to {@link #done(Object)}
     */
    public static Object watch(Closeable socket, long deadlineNanos) {
        Object token = new Object();
        WATCHED.put(token, new Watch(socket, deadlineNanos));
        LOCK.lock();
        try {
            if (thread == null) {
                thread = new Thread(WriteWatchdog::run, "imap4j-write-watchdog");
                thread.setDaemon(true);
                thread.start();
            }
        } finally {
            LOCK.unlock();
        }
        return token;
    }

    /** @param token what {@link #watch} returned; the write finished */
    public static void done(Object token) {
        WATCHED.remove(token);
    }

    private static void run() {
        while (true) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long now = System.nanoTime();
            WATCHED.entrySet().removeIf(e -> {
                if (now - e.getValue().deadlineNanos() < 0) {
                    return false;
                }
                try {
                    e.getValue().socket().close();
                } catch (IOException ignored) {
                    // closing is the whole remedy; nothing else to try
                }
                return true;
            });
            LOCK.lock();
            try {
                if (WATCHED.isEmpty()) {
                    thread = null;
                    return;
                }
            } finally {
                LOCK.unlock();
            }
        }
    }
}
