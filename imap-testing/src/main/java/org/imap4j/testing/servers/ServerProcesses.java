package org.imap4j.testing.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the private-server fixtures ({@link DovecotServer}, {@link CyrusServer}, {@link CourierServer}) share: ports,
 * files, processes.
 */
final class ServerProcesses {
    /** The address every private server binds. */
    static final String HOST = "127.0.0.1";

    private ServerProcesses() {
    }

    /**
     * Ends the calling test when a server is not installed: as aborted (skipped, with the reason) on a developer's
     * machine, as failed on CI (environment variable {@code CI} set and non-empty), where the server is required.
     *
     * @param installed whether the server's binaries are there
     * @param why       what is missing and how to install it
     */
    static void requireInstalled(boolean installed, String why) {
        if (installed) {
            return;
        }
        String ci = System.getenv("CI");
        if (ci != null && !ci.isEmpty()) {
            throw new AssertionError(why + "; required on CI");
        }
        org.junit.jupiter.api.Assumptions.abort(why);
    }

    /** @return a port of {@link #HOST} free right now (the server binds it a moment later; callers retry on a clash) */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(HOST, 0));
            return s.getLocalPort();
        }
    }

    /** @return two distinct free ports */
    static int[] twoFreePorts() throws IOException {
        int a = freePort();
        int b = freePort();
        while (b == a) {
            b = freePort();
        }
        return new int[] {a, b};
    }

    /**
     * @param user     a system user
     * @param fallback the group to use if {@code id} cannot tell
     * @return the user's primary group
     */
    static String groupOf(String user, String fallback) throws IOException {
        try {
            Process p = new ProcessBuilder("id", "-gn", user).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (p.waitFor() == 0 && !out.isEmpty()) {
                return out;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fallback;
    }

    /** Gives {@code root} and everything below it to {@code user:group}. */
    static void chownTree(Path root, String user, String group) throws IOException {
        UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(user);
        GroupPrincipal g = lookup.lookupPrincipalByGroupName(group);
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                view.setOwner(owner);
                view.setGroup(g);
            }
        }
    }

    /** Deletes a tree; a leftover temporary directory is harmless (the next run uses a fresh one). */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // left for the system's temporary-file cleanup
        }
    }

    /** @return whether the process ended within {@code millis} */
    static boolean awaitExit(ProcessHandle p, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (p.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !p.isAlive();
            }
        }
        return true;
    }

    /**
     * Sends SIGTERM and waits.
     *
     * @param p           the process
     * @param graceMillis how long it may take to end
     * @return whether it ended within {@code graceMillis}
     */
    static boolean terminate(ProcessHandle p, long graceMillis) {
        p.destroy();
        return awaitExit(p, graceMillis);
    }

    /** SIGKILL to {@code p}'s descendants and to {@code p}, then waits up to 2 s for {@code p} to end. */
    static void kill(ProcessHandle p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        awaitExit(p, 2000);
    }

    /** @return the process a pid file names, if the file is there, holds a number and that process exists */
    static Optional<ProcessHandle> fromPidFile(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String pid = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** @return one line (up to LF, stripped) from a server; an IOException if the connection closed first */
    static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        if (c < 0 && b.length() == 0) {
            throw new IOException("connection closed");
        }
        return b.toString().strip();
    }

    /** @return the last {@code lines} lines of a log file, for diagnostics, never an exception */
    static String tail(Path p, int lines) {
        try {
            if (!Files.exists(p)) {
                return "(none)";
            }
            java.util.List<String> all = Files.readAllLines(p, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
