package org.imap4j.testing.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the launchers of a real server that runs as a detached daemon ({@link DovecotServer}, {@link CyrusServer})
 * share: a fresh temporary directory, a plain and an implicit-TLS port of {@link ServerProcesses#HOST} chosen free at
 * start, a launcher process that forks the daemon and returns, a readiness probe, restart on the same ports, and a
 * stop that escalates from SIGTERM to SIGKILL before the directory is deleted.
 *
 * <p>A subclass writes its configuration in a {@link Setup}, names its launcher command, pid file and log, and says
 * when the daemon is ready; start, retry on a port clash, restart and close are here.
 */
abstract class DaemonServer implements AutoCloseable {
    /** How many times a start whose port another process took meanwhile is tried with new ports. */
    private static final int START_ATTEMPTS = 3;
    /** What a start failure says when a port was taken meanwhile; such a start is retried. */
    static final String ADDRESS_IN_USE = "Address already in use";

    private final String name;
    private final long startTimeoutMillis;
    final Path dir;
    private final int imapPort;
    private final int imapsPort;
    private boolean closed;

    /**
     * @param name               the server's short name, for messages and the directory's prefix
     * @param startTimeoutMillis how long the launcher and then the readiness probe may each take
     * @param dir                the instance's private directory
     * @param imapPort           the plain port
     * @param imapsPort          the implicit-TLS port
     */
    DaemonServer(String name, long startTimeoutMillis, Path dir, int imapPort, int imapsPort) {
        this.name = name;
        this.startTimeoutMillis = startTimeoutMillis;
        this.dir = dir;
        this.imapPort = imapPort;
        this.imapsPort = imapsPort;
    }

    /**
     * Writes one instance's files into its fresh directory and makes the (not yet started) instance.
     *
     * @param <S> the launcher type
     */
    @FunctionalInterface
    interface Setup<S extends DaemonServer> {
        /**
         * @param dir       the fresh temporary directory
         * @param imapPort  a free port for the plain listener
         * @param imapsPort a free port for the implicit-TLS listener
         * @return the instance, not yet launched
         */
        S prepare(Path dir, int imapPort, int imapsPort) throws IOException, InterruptedException;
    }

    /**
     * Prepares, launches and {@link #provision() provisions} an instance; tried again with new ports (up to three
     * times in all) when the failure says {@value #ADDRESS_IN_USE}: ports are picked free and released before the
     * daemon binds them, so another process may take one meanwhile.
     *
     * @param name  the server's short name ({@code imap4j-<name>-} prefixes the directory)
     * @param setup writes the files and makes the instance
     * @param <S>   the launcher type
     * @return a running instance
     * @throws IllegalStateException if it does not come up (the message holds the daemon's output and log)
     */
    static <S extends DaemonServer> S start(String name, Setup<S> setup) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                return startOnce(name, setup);
            } catch (IllegalStateException e) {
                last = e;
                if (e.getMessage() == null || !e.getMessage().contains(ADDRESS_IN_USE)) {
                    break;
                }
            }
        }
        throw last;
    }

    private static <S extends DaemonServer> S startOnce(String name, Setup<S> setup) {
        Path dir = null;
        S server = null;
        try {
            dir = Files.createTempDirectory("imap4j-" + name + "-");
            int[] ports = ServerProcesses.twoFreePorts();
            server = setup.prepare(dir, ports[0], ports[1]);
            server.launch();
            server.provision();
            return server;
        } catch (IOException e) {
            // The log is read before close deletes it.
            String message = "cannot start " + name + ": " + e + (server == null ? "" : server.diagnostics());
            cleanup(server, dir);
            throw new IllegalStateException(message, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cleanup(server, dir);
            throw new IllegalStateException("interrupted while starting " + name, e);
        } catch (RuntimeException e) {
            cleanup(server, dir);
            throw e;
        }
    }

    private static void cleanup(DaemonServer server, Path dir) {
        if (server != null) {
            server.close();
        } else if (dir != null) {
            ServerProcesses.deleteTree(dir);
        }
    }

    /** @return the command that starts the daemon and returns once it has forked into the background */
    abstract ProcessBuilder launchCommand();

    /** @return the file the daemon's master writes its process id to */
    abstract Path pidFile();

    /**
     * Returns once the daemon serves (each failed probe is retried by {@link #awaitReady(String, Probe)}).
     *
     * @throws IllegalStateException if it does not within the start timeout
     */
    abstract void awaitReady() throws InterruptedException;

    /** After the first launch only: whatever the tests expect to find (mailboxes, quotas); none by default. */
    void provision() throws IOException {
    }

    /**
     * @return the log file of the running instance
     */
    public abstract Path logFile();

    /**
     * @return the configuration file the instance runs from
     */
    public abstract Path configFile();

    /** Runs the launcher command and waits for it to return, then for {@link #awaitReady()}. */
    final void launch() throws IOException, InterruptedException {
        // The launcher forks the daemon and exits; its output goes to a file so no pipe of ours is held open by the
        // daemon's inherited descriptors (a CI log reader would otherwise wait forever).
        Process p = launchCommand().redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(launcherOutput().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!p.waitFor(startTimeoutMillis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(name + " launcher did not return" + diagnostics());
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(name + " launcher exited with " + p.exitValue() + diagnostics());
        }
        awaitReady();
    }

    /** One readiness check: returns when the daemon serves, throws an IOException to be tried again. */
    @FunctionalInterface
    interface Probe {
        /** @throws IOException when not ready yet */
        void attempt() throws IOException;
    }

    /**
     * Tries {@code probe} every 50 ms until it returns normally or the start timeout passes; a runtime exception from
     * it ends the wait at once.
     *
     * @param what  what the daemon failed to do, for the message ({@code "greet"})
     * @param probe the check
     * @throws IllegalStateException on timeout, with the last problem and the diagnostics
     */
    final void awaitReady(String what, Probe probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(startTimeoutMillis);
        String lastProblem = "no attempt";
        while (System.nanoTime() < deadline) {
            try {
                probe.attempt();
                return;
            } catch (IOException e) {
                lastProblem = e.toString();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + " did not " + what + " on port " + imapPort + " within "
                + startTimeoutMillis + " ms (" + lastProblem + ")" + diagnostics());
    }

    /**
     * Stops the daemon (every session ends, as in a server restart) and starts it again on the same ports with the
     * same configuration and mail; returns once it is ready again.
     *
     * @throws IllegalStateException if the server is closed or does not come back (the message holds the log)
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        stopProcesses();
        try {
            // A daemonizing launcher may return before the pid file is rewritten: the old one must not be read as
            // the new master's.
            Files.deleteIfExists(pidFile());
            launch();
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart " + name + ": " + e + diagnostics(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting " + name, e);
        }
    }

    /** Stops the daemon (see {@link #stopProcesses()}) and deletes the instance's directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcesses();
        ServerProcesses.deleteTree(dir);
    }

    /** Ends the master its pid file names: SIGTERM, up to 5 s; then SIGKILL to it and its descendants. */
    void stopProcesses() {
        masterProcess().ifPresent(m -> {
            if (!ServerProcesses.terminate(m, 5000)) {
                ServerProcesses.kill(m);
            }
        });
    }

    /** @return the master its pid file names, if the file is there */
    final Optional<ProcessHandle> masterProcess() {
        return ServerProcesses.fromPidFile(pidFile());
    }

    /** @return where the launcher's (and a detached daemon's) standard output and error go */
    final Path launcherOutput() {
        return dir.resolve(name + ".stdout");
    }

    /** @return the tails of the launcher's output and of the log, for failure messages */
    final String diagnostics() {
        return "\n--- " + name + " output ---\n" + ServerProcesses.tail(launcherOutput(), 200)
                + "\n--- " + name + " log ---\n" + ServerProcesses.tail(logFile(), 200);
    }

    /** @return the address both listeners bind, {@code 127.0.0.1} */
    public String host() {
        return ServerProcesses.HOST;
    }

    /** @return the plain IMAP port (STARTTLS offered, LOGIN allowed in clear) */
    public int imapPort() {
        return imapPort;
    }

    /** @return the implicit-TLS IMAP port (RFC 8314) */
    public int imapsPort() {
        return imapsPort;
    }

    /** @return the CA that signed the server's certificate ({@link TestCertificates#ca()}) */
    public X509Certificate ca() {
        return TestCertificates.ca();
    }
}
