package org.imap4j.session.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link MemoryProbe} sees what the hostile suite relies on it to see: a bomb held briefly, and memory kept. */
class MemoryProbeTest {
    private static final long MIB = 1L << 20;
    private static volatile byte[] kept;

    @Test
    void countsWhatAShortLivedThreadAllocatedAndFreed() throws Exception {
        MemoryProbe probe = MemoryProbe.start();
        // the pattern of a transport reader that buffers a bomb, fails, closes and ends: the thread is gone at stop().
        // The 200 ms it lives on stands for the failing and closing; the probe samples every 5 ms, so only a thread
        // that allocated and died within one sampling gap (and a busy host's scheduling delay) could go unseen
        Thread reader = new Thread(() -> {
            byte[] bomb = new byte[(int) (64 * MIB)];
            bomb[bomb.length - 1] = 1;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "probe-test-reader");
        reader.start();
        reader.join();
        MemoryProbe.Result r = probe.stop();
        assertTrue(r.allocatedBytes() >= 64 * MIB, r::toString);
        assertTrue(r.retainedBytes() < 8 * MIB, r::toString);
    }

    @Test
    void ignoresTheHostileServersOwnAllocations() throws Exception {
        MemoryProbe probe = MemoryProbe.start();
        Thread server = new Thread(() -> {
            byte[] bomb = new byte[(int) (64 * MIB)];
            bomb[0] = 1;
        }, HostileServer.THREAD_PREFIX + "probe-test");
        server.start();
        server.join();
        MemoryProbe.Result r = probe.stop();
        assertTrue(r.allocatedBytes() < 16 * MIB, r::toString);
    }

    @Test
    void seesRetainedMemoryAndItsRelease() {
        MemoryProbe probe = MemoryProbe.start();
        kept = new byte[(int) (32 * MIB)];
        MemoryProbe.Result held = probe.stop(8 * MIB, Duration.ofMillis(300));
        assertTrue(held.retainedBytes() >= 24 * MIB, held::toString);
        MemoryProbe again = MemoryProbe.start();
        kept = null;
        MemoryProbe.Result released = again.stop();
        assertTrue(released.retainedBytes() <= -24 * MIB, released::toString);
    }
}
