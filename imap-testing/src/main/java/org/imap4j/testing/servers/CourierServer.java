package org.imap4j.testing.servers;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A private Courier-IMAP 5.0 server on loopback, the fourth real server beside {@link DovecotServer},
 * {@link CyrusServer} and GreenMail: a Maildir server with its own choices (re-encoded 8-bit headers, an
 * {@code [MYRIGHTS ...]} code on SELECT, few extensions: IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD SORT QUOTA IDLE
 * ACL ENABLE UTF8=ACCEPT). {@code couriertcpd} listens on a high port chosen at start and runs one {@code imapd} per
 * connection on a Maildir in a fresh temporary directory.
 *
 * <p>Sessions are <b>pre-authenticated</b>: the greeting is {@code * PREAUTH} for {@link #USER} (Courier's LOGIN needs
 * its system-wide authentication daemon and configuration under {@code /etc}, which a private test server must not
 * touch). Clients see the authenticated state at once; a LOGIN is refused as in any authenticated state.
 *
 * <pre>{@code
 * try (CourierServer courier = CourierServer.startOrSkip()) {
 *     Socket s = new Socket(courier.host(), courier.imapPort());   // "* PREAUTH Ready."
 * }
 * }</pre>
 *
 * <p>Installation: {@code courier-imap} conflicts with {@code dovecot-imapd}, so {@code .ci/install-courier} unpacks it
 * and its libraries into {@code /opt/imap4j-courier} ({@code IMAP4J_COURIER_HOME} overrides) and installs
 * {@code gamin}, the file-notification daemon its IDLE uses. Nothing is read from {@code /etc}: every setting comes
 * from the environment given to {@code couriertcpd}.
 */
public final class CourierServer implements AutoCloseable {
    /** The user every session is authenticated as. */
    public static final String USER = "alice";

    private static final Path HOME = Path.of(Optional.ofNullable(System.getenv("IMAP4J_COURIER_HOME"))
            .filter(s -> !s.isEmpty()).orElse("/opt/imap4j-courier"));
    private static final Path IMAPD = HOME.resolve("usr/bin/imapd");
    private static final Path TCPD = HOME.resolve("usr/sbin/couriertcpd");
    private static final String CAPABILITIES =
            "IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE";

    private final Path dir;
    private final Process process;
    private final int port;

    private CourierServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** @return whether the Courier binaries are where {@code .ci/install-courier} puts them */
    public static boolean installed() {
        return Files.isExecutable(IMAPD) && Files.isExecutable(TCPD);
    }

    /**
     * Starts a server, or ends the calling test as aborted (skipped) when Courier is not installed; on CI (environment
     * variable {@code CI} set) a missing Courier is a failure instead.
     *
     * @return the running server
     */
    public static CourierServer startOrSkip() {
        ServerProcesses.requireInstalled(installed(), "Courier-IMAP not installed: " + IMAPD + ", " + TCPD
                + " (run .ci/install-courier)");
        try {
            return start();
        } catch (IOException e) {
            throw new IllegalStateException("Courier-IMAP did not start: " + e.getMessage(), e);
        }
    }

    private static CourierServer start() throws IOException {
        Path dir = Files.createTempDirectory("imap4j-courier-");
        Path maildir = dir.resolve("home/Maildir");
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            Files.createDirectories(maildir.resolve(sub));
        }
        // a 1 GiB storage quota (Maildir++ maildirsize), as the Cyrus fixture has, so QUOTA reports a limit
        Files.writeString(maildir.resolve("maildirsize"), "1073741824S\n");
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = ServerProcesses.freePort();
            ProcessBuilder pb = new ProcessBuilder(TCPD.toString(), "-address=" + ServerProcesses.HOST,
                    "-nodnslookup", "-noidentlookup", "-maxprocs=200", "-maxperip=200",
                    "-pid=" + dir.resolve("couriertcpd.pid"), Integer.toString(port), IMAPD.toString(), "Maildir")
                    .directory(dir.resolve("home").toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("courier.log").toFile());
            Map<String, String> env = pb.environment();
            env.put("LD_LIBRARY_PATH", HOME.resolve("usr/lib/x86_64-linux-gnu") + ":" + HOME.resolve("usr/lib"));
            env.put("AUTHENTICATED", USER);
            env.put("HOME", dir.resolve("home").toString());
            env.put("IMAP_CAPABILITY", CAPABILITIES);
            env.put("IMAP_KEYWORDS", "1");
            env.put("IMAP_ACL", "1");
            env.put("IMAP_IDLE_TIMEOUT", "10");
            env.put("IMAP_USELOCKS", "1");
            env.put("IMAP_TRASHFOLDERNAME", "Trash");
            env.put("IMAP_EMPTYTRASH", "");
            env.put("IMAP_MOVE_EXPUNGE_TO_TRASH", "0");
            env.put("IMAP_ULIMITD", "131072");
            Process p = pb.start();
            CourierServer s = new CourierServer(dir, p, port);
            try {
                s.awaitGreeting();
                return s;
            } catch (IOException e) {
                last = e;
                s.stopProcess();
            }
        }
        ServerProcesses.deleteTree(dir);
        throw new IOException("couriertcpd did not answer: " + (last == null ? "" : last.getMessage()));
    }

    private void awaitGreeting() throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive() && (process.exitValue() != 0 || daemon().isEmpty()
                    && System.nanoTime() > deadline - 8_000_000_000L)) {
                // couriertcpd goes to the background: its first process exits 0 and the daemon's pid file appears
                throw new IOException("couriertcpd exited (" + process.exitValue() + "): "
                        + ServerProcesses.tail(logFile(), 20));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(ServerProcesses.HOST, port), 1000);
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                String greeting = ServerProcesses.readLine(in);
                if (greeting.startsWith("* PREAUTH")) {
                    s.getOutputStream().write("z LOGOUT\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    return;
                }
                throw new IOException("unexpected greeting " + greeting + "; log: "
                        + ServerProcesses.tail(logFile(), 20));
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            }
        }
        throw last == null ? new IOException("no greeting") : last;
    }

    /** @return the address the server listens on */
    public String host() {
        return ServerProcesses.HOST;
    }

    /** @return the plain-text port (Courier here offers no TLS: the tests that need TLS use the other servers) */
    public int imapPort() {
        return port;
    }

    /** @return the user's Maildir (to inspect what the server wrote) */
    public Path maildir() {
        return dir.resolve("home/Maildir");
    }

    /** @return what couriertcpd and imapd wrote (login and logout lines, errors) */
    public Path logFile() {
        return dir.resolve("courier.log");
    }

    /** @return the background couriertcpd its pid file names, if it runs */
    private Optional<ProcessHandle> daemon() {
        return ServerProcesses.fromPidFile(dir.resolve("couriertcpd.pid")).filter(ProcessHandle::isAlive);
    }

    private void stopProcess() {
        // couriertcpd leaves the process we started and goes on in the background: stop the one its pid file names
        java.util.List<ProcessHandle> all = new java.util.ArrayList<>();
        all.add(process.toHandle());
        daemon().ifPresent(all::add);
        for (ProcessHandle h : all) {
            h.descendants().forEach(ProcessHandle::destroy);
            h.destroy();
        }
        for (ProcessHandle h : all) {
            if (!ServerProcesses.awaitExit(h, 3000)) {
                ServerProcesses.kill(h);
            }
        }
    }

    /** Stops the server and its sessions and deletes its directory. */
    @Override
    public void close() {
        stopProcess();
        ServerProcesses.deleteTree(dir);
    }
}
