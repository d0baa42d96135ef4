package org.imap4j.session.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        String target;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> ResourceSnapshot.take().assertNoLeaks(before, Duration.ofMillis(100)));
            assertTrue(e.getMessage().contains("file descriptors"), e.getMessage());
            target = listeningSocket(s.getLocalPort());
            assertTrue(target == null || descriptorTargets().contains(target), target + " is among the descriptors");
        }
        if (target == null) {
            return; // no /proc/net/tcp here: the detection above is what this platform can check
        }
        // released: this socket's own descriptor is gone (a count would also see descriptors other tests in this JVM
        // open or close meanwhile, which made an earlier form of this check fail on a busy run)
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (descriptorTargets().contains(target) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertFalse(descriptorTargets().contains(target), target + " is released");
    }

    /**
     * @return {@code socket:[inode]} of the socket listening on the port, from /proc/net/tcp or tcp6 (a Java socket is
     *         often an IPv6 one even when bound to 127.0.0.1), or null where /proc/net is absent
     */
    private static String listeningSocket(int port) throws IOException {
        String hexPort = String.format(java.util.Locale.ROOT, ":%04X", port);
        boolean readable = false;
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            java.nio.file.Path tcp = java.nio.file.Path.of(table);
            if (!java.nio.file.Files.isReadable(tcp)) {
                continue;
            }
            readable = true;
            for (String line : java.nio.file.Files.readAllLines(tcp)) {
                String[] f = line.strip().split("\\s+");
                if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                    return "socket:[" + f[9] + "]";
                }
            }
        }
        if (readable) {
            throw new AssertionError("no listening socket on port " + port + " in /proc/net/tcp or tcp6");
        }
        return null;
    }

    /** @return what this process's descriptors point at */
    private static java.util.Set<String> descriptorTargets() throws IOException {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (java.nio.file.DirectoryStream<java.nio.file.Path> ds =
                java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/fd"))) {
            for (java.nio.file.Path p : ds) {
                try {
                    out.add(java.nio.file.Files.readSymbolicLink(p).toString());
                } catch (IOException gone) {
                    // closed while listed
                }
            }
        }
        return out;
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
                HostileServerTest.line(s.getInputStream());
                assertEquals(before.threadNames(), ResourceSnapshot.take().threadNames(),
                        "GreenMail threads are ignored");
                s.getOutputStream().write("a1 LOGOUT\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                for (String l = HostileServerTest.line(s.getInputStream()); !l.startsWith("a1 ");
                        l = HostileServerTest.line(s.getInputStream())) {
                    assertTrue(l.startsWith("* "), l);
                }
            }
            ResourceSnapshot.take().assertNoLeaks(started, java.time.Duration.ofSeconds(5));
        }
        ResourceSnapshot.take().assertNoLeaks(before, java.time.Duration.ofSeconds(5));
    }
}
