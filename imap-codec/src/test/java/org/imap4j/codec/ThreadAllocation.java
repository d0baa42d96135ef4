package org.imap4j.codec;

import java.lang.reflect.Method;

/**
 * The bytes the calling thread has allocated, for tests that bound what one parse allocates. The management API is
 * reached reflectively because the codec's test sources are compiled inside the {@code org.imap4j.codec} module, which
 * does not read {@code java.management}; the tests run on the class path, where every platform module is readable.
 */
final class ThreadAllocation {
    private static final Object THREADS;
    private static final Method ALLOCATED;

    static {
        try {
            THREADS = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            ALLOCATED = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes",
                    long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ThreadAllocation() {
    }

    /** @return the bytes the calling thread has allocated since it started (exact, GC-independent) */
    static long currentThread() {
        try {
            return (long) ALLOCATED.invoke(THREADS, Thread.currentThread().getId());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("reading the thread allocation counter failed", e);
        }
    }
}
