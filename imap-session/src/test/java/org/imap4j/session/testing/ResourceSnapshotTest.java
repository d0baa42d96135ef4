package org.imap4j.session.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.imap4j.testing.servers.GreenMailServer;
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
    void detectsLeakedFileDescriptor() throws IOException, InterruptedException {
        ResourceSnapshot before = ResourceSnapshot.take();
        if (before.fileDescriptors() < 0) {
            return;
        }
        int open;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> ResourceSnapshot.take().assertNoLeaks(before, Duration.ofMillis(100)));
            assertTrue(e.getMessage().contains("file descriptors"), e.getMessage());
            open = ResourceSnapshot.take().fileDescriptors();
        }
        // released: one descriptor fewer than while it was open. (Not "back to before": a descriptor that something
        // else in this JVM opened meanwhile, such as a socket of an earlier test still closing, is not this test's.)
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int now = ResourceSnapshot.take().fileDescriptors();
        while (now >= open && System.nanoTime() < until) {
            Thread.sleep(20);
            now = ResourceSnapshot.take().fileDescriptors();
        }
        assertTrue(now < open, "the closed server socket's descriptor is released: " + open + " -> " + now);
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

    private static String line(java.io.InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        if (c < 0) {
            throw new IOException("EOF after: " + b);
        }
        return b.toString().strip();
    }

    @Test
    void greenMailServerThreadsAreIgnoredAndClientSocketsReleased() throws IOException {
        try (GreenMailServer warm = GreenMailServer.start()) {
            // the class loader opens GreenMail's and Jakarta Mail's jars once, for good: not a leak of the server
            assertTrue(warm.imapPort() > 0);
        }
        ResourceSnapshot before = ResourceSnapshot.take();
        try (GreenMailServer second = GreenMailServer.start()) {
            assertTrue(second.usesTestCertificates());
            ResourceSnapshot started = ResourceSnapshot.take();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(second.host(), second.imapPort()), 5000);
                s.setSoTimeout(5000);
                line(s.getInputStream());
                assertEquals(before.threadNames(), ResourceSnapshot.take().threadNames(),
                        "GreenMail threads are ignored");
                s.getOutputStream().write("a1 LOGOUT\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                for (String l = line(s.getInputStream()); !l.startsWith("a1 "); l = line(s.getInputStream())) {
                    assertTrue(l.startsWith("* "), l);
                }
            }
            ResourceSnapshot.take().assertNoLeaks(started, java.time.Duration.ofSeconds(5));
        }
        ResourceSnapshot.take().assertNoLeaks(before, java.time.Duration.ofSeconds(5));
    }
}
