package org.imap4j.session.testing;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures the heap a scenario costs, two ways, to show that a client under attack neither keeps memory afterwards
 * nor ever holds a bomb while it runs (the memory half of {@link ResourceSnapshot}).
 *
 * <ul>
 *   <li><b>Retained heap</b>: used heap ({@code Runtime.totalMemory() - freeMemory()}) after {@value #GCS} explicit
 *       full collections, before and after the scenario. What the client keeps once closed must be near zero; the
 *       rest of the JVM adds noise of some hundred KiB (JIT, class loading caches, the test runner).</li>
 *   <li><b>Allocated bytes</b>: the sum, over every thread except the hostile server's and the probe's own, of the
 *       bytes it allocated during the scenario ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}).
 *       This counts every allocation, even one freed at once, so a client that buffered a 64 MiB line anywhere, even
 *       briefly, shows at least 64 MiB. It does not depend on GC timing, which makes it robust on a noisy machine; a
 *       busy host only makes the scenario slower, not the count larger.</li>
 * </ul>
 *
 * <p>Why a sampler thread: HotSpot 17 keeps the allocation counter per live thread only (the JVM-wide total arrived
 * in JDK 21), and a transport's reader thread ends when the connection fails, so a counter read at the end misses
 * it. The probe polls every {@value #SAMPLE_MILLIS} ms and keeps the last value seen per thread id; a thread that
 * dies loses at most its last few milliseconds, far less than a bomb takes to read at loopback speed.
 *
 * <p>The management API is reached reflectively because the session's test sources are compiled inside the
 * {@code org.imap4j.session} module, which does not read {@code java.management}; the tests themselves run on the class
 * path, where every platform module is readable.
 *
 * <pre>{@code
 * MemoryProbe probe = MemoryProbe.start();
 * // ... run a scenario, close the client ...
 * MemoryProbe.Result r = probe.stop();
 * assertTrue(r.retainedBytes() < 8 << 20, r::toString);
 * }</pre>
 */
public final class MemoryProbe {
    /** Full collections before each used-heap reading: the second and third let reference processing settle. */
    public static final int GCS = 3;

    /** Sampling period of the allocation counters. */
    public static final long SAMPLE_MILLIS = 5;

    private static final Object THREADS;
    private static final Method ALL_IDS;
    private static final Method ALLOCATED;

    static {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            THREADS = factory.getMethod("getThreadMXBean").invoke(null);
            Class<?> sunThreads = Class.forName("com.sun.management.ThreadMXBean");
            ALL_IDS = Class.forName("java.lang.management.ThreadMXBean").getMethod("getAllThreadIds");
            ALLOCATED = sunThreads.getMethod("getThreadAllocatedBytes", long[].class);
            if (!sunThreads.isInstance(THREADS)) {
                throw new IllegalStateException("this JVM has no com.sun.management.ThreadMXBean");
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("thread allocation counters are unavailable", e);
        }
    }

    private final long retainedBefore;
    private final Map<Long, Long> baseline;
    private final Map<Long, Long> last = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private MemoryProbe() {
        this.retainedBefore = usedAfterGc();
        this.baseline = counters();
        this.sampler = new Thread(this::sampleLoop, HostileServer.THREAD_PREFIX + "memory-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * Collects garbage, reads the used heap and starts counting allocations. Take it after any fixture that lives
     * across the scenario (a started server) so only the scenario's own memory counts.
     *
     * @return the running probe
     */
    public static MemoryProbe start() {
        return new MemoryProbe();
    }

    /**
     * @return the bytes the calling thread has allocated since it started (exact, GC-independent; differences of two
     *         readings measure the code in between)
     */
    public static long currentThreadAllocatedBytes() {
        try {
            long[] bytes = (long[]) ALLOCATED.invoke(THREADS, (Object) new long[] {Thread.currentThread().getId()});
            return bytes[0];
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("reading thread allocation counters failed", e);
        }
    }

    /**
     * Stops counting, collects garbage and reads the used heap again.
     *
     * @return what the scenario allocated and what it retained
     */
    public Result stop() {
        return stop(Long.MAX_VALUE, java.time.Duration.ZERO);
    }

    /**
     * Stops counting, then reads the retained heap (after full collections) until it is below
     * {@code retainedLimit} or {@code grace} has passed, for clean-up that completes asynchronously (a transport
     * thread releasing a closed connection).
     *
     * @param retainedLimit the retained bytes the caller will accept
     * @param grace         how long to keep collecting and re-reading
     * @return what the scenario allocated and the last retained figure read
     */
    public Result stop(long retainedLimit, java.time.Duration grace) {
        running = false;
        try {
            sampler.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
        long allocated = 0;
        for (Map.Entry<Long, Long> e : last.entrySet()) {
            allocated += e.getValue() - baseline.getOrDefault(e.getKey(), 0L);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        long retained = usedAfterGc() - retainedBefore;
        while (retained >= retainedLimit && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            retained = usedAfterGc() - retainedBefore;
        }
        return new Result(allocated, retained);
    }

    /**
     * What a scenario cost.
     *
     * @param allocatedBytes bytes allocated by the client's threads (all but the hostile server's) while it ran
     * @param retainedBytes  growth of the used heap after full collections (may be negative)
     */
    public record Result(long allocatedBytes, long retainedBytes) {
        @Override
        public String toString() {
            return String.format("allocated %.1f MiB, retained %+.2f MiB", allocatedBytes / 1048576.0,
                    retainedBytes / 1048576.0);
        }
    }

    private void sampleLoop() {
        while (running) {
            sample();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // Threads counted: all but the hostile server's (it allocates the bomb it sends) and this probe's sampler.
    private void sample() {
        Map<Long, Long> now = counters();
        now.forEach((id, bytes) -> last.merge(id, bytes, Math::max));
    }

    private Map<Long, Long> counters() {
        // ThreadGroup.enumerate, unlike Thread.getAllStackTraces, needs no safepoint: cheap enough every few ms
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 16];
        int n = root.enumerate(all, true);
        Map<Long, String> names = new HashMap<>();
        for (int i = 0; i < n; i++) {
            names.put(all[i].getId(), all[i].getName());
        }
        Map<Long, Long> out = new HashMap<>();
        try {
            long[] ids = (long[]) ALL_IDS.invoke(THREADS);
            long[] bytes = (long[]) ALLOCATED.invoke(THREADS, (Object) ids);
            for (int i = 0; i < ids.length; i++) {
                String name = names.get(ids[i]);
                // -1: the thread ended between the two calls; an unknown name is a thread that started between them
                // and is picked up by the next sample
                if (bytes[i] < 0 || name == null || name.startsWith(HostileServer.THREAD_PREFIX)) {
                    continue;
                }
                out.put(ids[i], bytes[i]);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("reading thread allocation counters failed", e);
        }
        return out;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < GCS; i++) {
            System.gc();
            try {
                Thread.sleep(20); // lets the Cleaner and reference handler run between collections
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
