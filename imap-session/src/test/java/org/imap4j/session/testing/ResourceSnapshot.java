package org.imap4j.session.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Live threads and open file descriptors of this JVM at one moment, to assert that a client released everything it
 * started (threads, sockets, selectors) once closed.
 *
 * <p>Threads are compared by name, ignoring threads that are not the client's: names starting with one of
 * {@link #IGNORED_THREAD_PREFIXES} (JVM housekeeping, JUnit/jqwik/surefire, GreenMail's server threads and this
 * package's {@link HostileServer} threads). File descriptors ({@code /proc/self/fd}, or -1 where absent) are compared
 * with no tolerance: server-side sockets count too, so take the first snapshot after starting the server, and note
 * that the servers close their end when the client closes.
 *
 * <pre>{@code
 * ResourceSnapshot before = ResourceSnapshot.take();
 * // ... open and close a client ...
 * ResourceSnapshot.take().assertNoLeaks(before, Duration.ofSeconds(5));
 * }</pre>
 */
public final class ResourceSnapshot {
    /**
     * Thread-name prefixes never counted as leaks: JVM internals ({@code Reference Handler}, {@code Finalizer},
     * {@code Signal Dispatcher}, {@code Common-Cleaner}, {@code Notification Thread}, {@code Attach Listener},
     * {@code process reaper}, {@code ForkJoinPool.commonPool}, {@code JFR}, {@code C1/C2 CompilerThread},
     * {@code Sweeper}, {@code Service Thread}, {@code DestroyJavaVM}), test runners ({@code main},
     * {@code surefire}, {@code junit}, {@code jqwik}, {@code ForkJoinPool-}), GreenMail server threads
     * ({@code greenmail}, {@code imap:}, {@code imaps:}, {@code smtp}, {@code pop3}) and {@link HostileServer}'s
     * ({@value HostileServer#THREAD_PREFIX}).
     */
    public static final List<String> IGNORED_THREAD_PREFIXES = List.of(
            "Reference Handler", "Finalizer", "Signal Dispatcher", "Common-Cleaner", "Notification Thread",
            "Attach Listener", "process reaper", "ForkJoinPool.commonPool", "JFR", "C1 CompilerThread",
            "C2 CompilerThread", "Sweeper", "Service Thread", "DestroyJavaVM", "main", "surefire", "junit", "jqwik",
            "ForkJoinPool-", "greenmail", "imap:", "imaps:", "smtp", "pop3", HostileServer.THREAD_PREFIX);

    private static final Path FD_DIR = Path.of("/proc/self/fd");

    private final Map<String, Integer> threads;
    private final int daemonThreads;
    private final int nonDaemonThreads;
    private final int fds;

    private ResourceSnapshot(Map<String, Integer> threads, int daemonThreads, int nonDaemonThreads, int fds) {
        this.threads = threads;
        this.daemonThreads = daemonThreads;
        this.nonDaemonThreads = nonDaemonThreads;
        this.fds = fds;
    }

    /** @return the threads and descriptors alive now */
    public static ResourceSnapshot take() {
        Map<String, Integer> names = new HashMap<>();
        int daemon = 0;
        int nonDaemon = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isAlive()) {
                continue;
            }
            if (t.isDaemon()) {
                daemon++;
            } else {
                nonDaemon++;
            }
            if (!ignored(t.getName())) {
                names.merge(t.getName(), 1, Integer::sum);
            }
        }
        return new ResourceSnapshot(names, daemon, nonDaemon, countFds());
    }

    private static boolean ignored(String name) {
        for (String p : IGNORED_THREAD_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static int countFds() {
        if (!Files.isDirectory(FD_DIR)) {
            return -1;
        }
        int n = 0;
        // The directory stream itself holds one descriptor while open; it is counted in every snapshot alike.
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(FD_DIR)) {
            for (Path ignoredEntry : ds) {
                n++;
            }
        } catch (IOException e) {
            return -1;
        }
        return n;
    }

    /** @return live daemon threads (all, including ignored names) */
    public int daemonThreads() {
        return daemonThreads;
    }

    /** @return live non-daemon threads (all, including ignored names) */
    public int nonDaemonThreads() {
        return nonDaemonThreads;
    }

    /** @return open file descriptors, or -1 if {@code /proc/self/fd} is unavailable */
    public int fileDescriptors() {
        return fds;
    }

    /** @return the names of counted (not ignored) threads, with multiplicity */
    public List<String> threadNames() {
        List<String> out = new ArrayList<>();
        threads.forEach((name, count) -> {
            for (int i = 0; i < count; i++) {
                out.add(name);
            }
        });
        out.sort(null);
        return out;
    }

    /**
     * Asserts that, within {@code grace}, the counted threads and the file descriptors return to at most what
     * {@code before} held. This snapshot is the first observation; later ones are taken every 50 ms while the check
     * fails.
     *
     * @param before the snapshot taken before the code under test ran
     * @param grace  how long to wait for asynchronous clean-up
     * @throws AssertionError naming the extra threads and the descriptor counts
     */
    public void assertNoLeaks(ResourceSnapshot before, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        ResourceSnapshot now = this;
        while (true) {
            List<String> extra = now.extraThreads(before);
            boolean fdsOk = before.fds < 0 || now.fds < 0 || now.fds <= before.fds;
            if (extra.isEmpty() && fdsOk) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("resources leaked after " + grace.toMillis() + " ms: extra threads "
                        + extra + "; file descriptors " + before.fds + " -> " + now.fds + fdDetail());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for resources to be released", e);
            }
            now = take();
        }
    }

    private List<String> extraThreads(ResourceSnapshot before) {
        List<String> extra = new ArrayList<>();
        threads.forEach((name, count) -> {
            int was = before.threads.getOrDefault(name, 0);
            for (int i = was; i < count; i++) {
                extra.add(name);
            }
        });
        extra.sort(null);
        return extra;
    }

    // What the descriptors point at (sockets, pipes, files), to make a leak report actionable.
    private static String fdDetail() {
        if (!Files.isDirectory(FD_DIR)) {
            return "";
        }
        StringBuilder b = new StringBuilder(" (now open:");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(FD_DIR)) {
            for (Path p : ds) {
                try {
                    b.append(' ').append(p.getFileName()).append("->").append(Files.readSymbolicLink(p));
                } catch (IOException e) {
                    b.append(' ').append(p.getFileName());
                }
            }
        } catch (IOException e) {
            return "";
        }
        return b.append(')').toString();
    }

    @Override
    public String toString() {
        return "ResourceSnapshot[threads=" + threadNames() + ", daemon=" + daemonThreads + ", nonDaemon="
                + nonDaemonThreads + ", fds=" + fds + "]";
    }
}
