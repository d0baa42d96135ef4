package org.imap4j.session.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ResourceSnapshotTest {
    @Test
    void detectsLeakedThreadAndItsRelease() throws Exception {
        ResourceSnapshot before = ResourceSnapshot.take();
        CountDownLatch release = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "leaky-client-thread");
        t.start();
        AssertionError e = assertThrows(AssertionError.class,
                () -> ResourceSnapshot.take().assertNoLeaks(before, Duration.ofMillis(100)));
        assertTrue(e.getMessage().contains("leaky-client-thread"), e.getMessage());
        release.countDown();
        ResourceSnapshot.take().assertNoLeaks(before, Duration.ofSeconds(5));
    }

    @Test
    void detectsLeakedFileDescriptor() throws IOException {
        ResourceSnapshot before = ResourceSnapshot.take();
        if (before.fileDescriptors() < 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> ResourceSnapshot.take().assertNoLeaks(before, Duration.ofMillis(100)));
            assertTrue(e.getMessage().contains("file descriptors"), e.getMessage());
        }
        ResourceSnapshot.take().assertNoLeaks(before, Duration.ofSeconds(5));
    }

    @Test
    void ignoresHostileServerThreads() throws Exception {
        ResourceSnapshot before = ResourceSnapshot.take();
        try (HostileServer server = HostileServer.start(HostileServer.Peer::stallForever)) {
            assertTrue(server.port() > 0);
            assertTrue(ResourceSnapshot.take().threadNames().stream()
                    .noneMatch(n -> n.startsWith(HostileServer.THREAD_PREFIX)));
        }
        ResourceSnapshot.take().assertNoLeaks(before, Duration.ofSeconds(5));
    }
}
