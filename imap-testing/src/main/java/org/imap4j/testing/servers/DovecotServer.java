package org.imap4j.testing.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private Dovecot 2.3 IMAP server (RFC 3501 / RFC 9051) on loopback for integration tests: its own configuration,
 * run, state, mail and log directories in a fresh temporary directory, high ports chosen at start, never touching the
 * system's Dovecot configuration. The plain listener offers STARTTLS (RFC 3501 section 6.2.1) and the implicit-TLS
 * listener speaks TLS first (RFC 8314 section 3.3), both with {@link TestCertificates#localhost()}, so a client trusts
 * {@link #ca()} and can check the host name {@code localhost} or {@code 127.0.0.1}. Logged in, it offers COMPRESS=DEFLATE
 * (RFC 4978), QUOTA (RFC 9208), SPECIAL-USE mailboxes (RFC 6154) and Dovecot's defaults (CONDSTORE, QRESYNC, ...).
 *
 * <pre>{@code
 * try (DovecotServer dovecot = DovecotServer.startOrSkip()) {
 *     Socket s = new Socket(dovecot.host(), dovecot.imapPort());
 *     // ... LOGIN DovecotServer.USER DovecotServer.PASSWORD
 * }
 * }</pre>
 *
 * <p>It must run as root (Dovecot drops privileges to {@code nobody} itself). Start costs about half a second; stop
 * up to a few seconds. Beware: after a failed login, Dovecot's per-IP auth penalty (anvil) delays the next login from
 * 127.0.0.1 on any connection by about 4 s; no setting here turns it off, so keep wrong-password tests few and last.
 */
public final class DovecotServer implements AutoCloseable {
    /** The first user's name. */
    public static final String USER = "alice";
    /** The first user's password. */
    public static final String PASSWORD = "secret1";
    /** The second user's name. */
    public static final String USER2 = "bob";
    /** The second user's password. */
    public static final String PASSWORD2 = "secret2";

    private static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
    private static final Path DOVEADM = Path.of("/usr/bin/doveadm");
    private static final String HOST = "127.0.0.1";
    private static final String MAIL_USER = "nobody";
    private static final long START_TIMEOUT_MS = 15_000;

    private final Path dir;
    private final Path config;
    private final int imapPort;
    private final int imapsPort;
    private boolean closed;

    private DovecotServer(Path dir, Path config, int imapPort, int imapsPort) {
        this.dir = dir;
        this.config = config;
        this.imapPort = imapPort;
        this.imapsPort = imapsPort;
    }

    /** @return whether the Dovecot binaries this fixture runs are installed */
    public static boolean installed() {
        return Files.isExecutable(DOVECOT) && Files.isExecutable(DOVEADM);
    }

    /**
     * Starts a server, or ends the calling test as aborted (skipped) when Dovecot is not installed; on CI (environment
     * variable {@code CI} set and non-empty) a missing Dovecot is a failure instead.
     *
     * @return a running server
     * @throws AssertionError on CI when Dovecot is missing
     */
    public static DovecotServer startOrSkip() {
        return startOrSkip(null);
    }

    /**
     * {@link #startOrSkip()} with a given capability list (see {@link #start(String)}).
     *
     * @param imapCapability the capabilities to advertise, or {@code null} for Dovecot's own
     * @return a running server
     */
    public static DovecotServer startOrSkip(String imapCapability) {
        ServerProcesses.requireInstalled(installed(), "Dovecot not installed: " + DOVECOT + " or " + DOVEADM
                + " missing (apt-get install dovecot-imapd)");
        return start(imapCapability);
    }

    /**
     * Writes a configuration into a fresh temporary directory, starts Dovecot on it and waits (up to 15 s) until the
     * plain port greets with {@code * OK}.
     *
     * @return a running server
     * @throws IllegalStateException if it does not come up (the message holds the log)
     */
    public static DovecotServer start() {
        return start(null);
    }

    /**
     * Starts a server that advertises exactly {@code imapCapability} (Dovecot's {@code imap_capability}), before and
     * after login: a real server that lacks the extensions a client would otherwise use, to exercise its fallbacks.
     *
     * @param imapCapability the capability list, e.g. {@code "IMAP4rev1 LITERAL+ UIDPLUS IDLE"}, or {@code null} for
     *                       Dovecot's own
     * @return a running server
     */
    public static DovecotServer start(String imapCapability) {
        return start(imapCapability, "");
    }

    /**
     * Starts a server with extra configuration appended (later settings override earlier ones), e.g. raised
     * {@code client_limit} / {@code process_limit} for load runs.
     *
     * @param imapCapability the capabilities to advertise, or {@code null} for Dovecot's own
     * @param extraConfig    Dovecot configuration text to append
     * @return a running server
     */
    public static DovecotServer start(String imapCapability, String extraConfig) {
        IllegalStateException last = null;
        // Ports are picked free and released before Dovecot binds them: another process may take one meanwhile,
        // so a failed start is retried with new ports.
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOnce(imapCapability, extraConfig);
            } catch (IllegalStateException e) {
                last = e;
                if (e.getMessage() == null || !e.getMessage().contains("Address already in use")) {
                    break;
                }
            }
        }
        throw last;
    }

    private static DovecotServer startOnce(String imapCapability, String extraConfig) {
        Path dir = null;
        DovecotServer server = null;
        try {
            dir = Files.createTempDirectory("imap4j-dovecot-");
            // The mail user must traverse into the home directories below.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            String group = ServerProcesses.groupOf(MAIL_USER, "nogroup");
            Path home = Files.createDirectory(dir.resolve("home"));
            ServerProcesses.chownTree(home, MAIL_USER, group);
            Path tls = Files.createDirectory(dir.resolve("tls"));
            TestCertificates.localhost().writePem(tls);
            Path passwd = dir.resolve("passwd");
            Files.writeString(passwd, USER + ":{PLAIN}" + PASSWORD + "\n" + USER2 + ":{PLAIN}" + PASSWORD2 + "\n",
                    StandardCharsets.US_ASCII);
            int[] ports = ServerProcesses.twoFreePorts();
            int imap = ports[0];
            int imaps = ports[1];
            Path config = dir.resolve("dovecot.conf");
            Files.writeString(config, config(dir, tls, passwd, home, group, imap, imaps)
                    + (imapCapability == null ? "" : "protocol imap {\n  imap_capability = " + imapCapability
                            + "\n}\n") + extraConfig, StandardCharsets.US_ASCII);
            server = new DovecotServer(dir, config, imap, imaps);
            server.launch();
            return server;
        } catch (IOException e) {
            cleanup(server, dir);
            throw new IllegalStateException("cannot start dovecot: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cleanup(server, dir);
            throw new IllegalStateException("interrupted while starting dovecot", e);
        } catch (RuntimeException e) {
            cleanup(server, dir);
            throw e;
        }
    }

    private void launch() throws IOException, InterruptedException {
        Path out = dir.resolve("dovecot.stdout");
        // The launcher forks the master and exits; its output goes to a file so no pipe is left for the
        // daemon's inherited descriptors to hold open.
        Process p = new ProcessBuilder(DOVECOT.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!p.waitFor(START_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("dovecot launcher did not return" + diagnostics());
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("dovecot exited with " + p.exitValue() + diagnostics());
        }
        awaitGreeting();
    }

    /**
     * Stops Dovecot (every session ends, as in a server restart) and starts it again on the same ports with the
     * same mail; returns once it greets again.
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        masterProcess().ifPresent(m -> {
            m.destroy();
            if (!ServerProcesses.awaitExit(m, 5000)) {
                m.descendants().forEach(ProcessHandle::destroyForcibly);
                m.destroyForcibly();
                ServerProcesses.awaitExit(m, 2000);
            }
        });
        try {
            launch();
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart dovecot: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting dovecot", e);
        }
    }

    private static void cleanup(DovecotServer server, Path dir) {
        if (server != null) {
            server.close();
        } else if (dir != null) {
            ServerProcesses.deleteTree(dir);
        }
    }

    private static String config(Path dir, Path tls, Path passwd, Path home, String group, int imap, int imaps) {
        StringBuilder c = new StringBuilder();
        c.append("# Private test instance written by ").append(DovecotServer.class.getName()).append('\n');
        c.append("protocols = imap\n");
        c.append("listen = ").append(HOST).append('\n');
        c.append("base_dir = ").append(dir.resolve("run")).append('\n');
        c.append("state_dir = ").append(dir.resolve("state")).append('\n');
        c.append("log_path = ").append(dir.resolve("dovecot.log")).append('\n');
        c.append("default_internal_user = ").append(MAIL_USER).append('\n');
        c.append("default_internal_group = ").append(group).append('\n');
        c.append("default_login_user = ").append(MAIL_USER).append('\n');
        c.append("first_valid_uid = 1\nfirst_valid_gid = 1\n");
        c.append("ssl = yes\n");
        c.append("ssl_cert = <").append(tls.resolve("cert.pem")).append('\n');
        c.append("ssl_key = <").append(tls.resolve("key.pem")).append('\n');
        c.append("ssl_min_protocol = TLSv1.2\n");
        c.append("disable_plaintext_auth = no\n");
        c.append("auth_mechanisms = plain login cram-md5 scram-sha-1 scram-sha-256\n");
        // Dovecot delays failed logins by 2 s by default; tests of wrong passwords need no brute-force damping.
        c.append("auth_failure_delay = 0\n");
        c.append("passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ").append(passwd)
                .append("\n}\n");
        c.append("userdb {\n  driver = static\n  args = uid=").append(MAIL_USER).append(" gid=").append(group)
                .append(" home=").append(home).append("/%u\n}\n");
        c.append("mail_location = maildir:~/Maildir\n");
        c.append("mail_fsync = never\n");
        c.append("mail_plugins = $mail_plugins zlib quota\n");
        c.append("namespace inbox {\n  inbox = yes\n  separator = /\n");
        for (String box : new String[] {"Drafts", "Sent", "Trash", "Junk", "Archive"}) {
            c.append("  mailbox ").append(box).append(" {\n    special_use = \\").append(box)
                    .append("\n    auto = subscribe\n  }\n");
        }
        c.append("}\n");
        c.append("plugin {\n  quota = maildir:User quota\n  quota_rule = *:storage=1G\n}\n");
        c.append("protocol imap {\n  mail_plugins = $mail_plugins imap_zlib imap_quota\n");
        c.append("  mail_max_userip_connections = 20000\n}\n");
        c.append("service imap-login {\n  chroot =\n");
        c.append("  inet_listener imap {\n    address = ").append(HOST).append("\n    port = ").append(imap)
                .append("\n  }\n");
        c.append("  inet_listener imaps {\n    address = ").append(HOST).append("\n    port = ").append(imaps)
                .append("\n    ssl = yes\n  }\n");
        // One long-lived login process serving many clients: fast connects for load tests.
        c.append("  process_min_avail = 1\n  service_count = 0\n  client_limit = 1000\n}\n");
        c.append("service imap {\n  process_limit = 1000\n}\n");
        c.append("service anvil {\n  chroot =\n}\n");
        return c.toString();
    }

    private void awaitGreeting() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        String lastProblem = "no attempt";
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, imapPort), 1000);
                s.setSoTimeout(2000);
                String line = ServerProcesses.readLine(s.getInputStream());
                if (line.startsWith("* OK")) {
                    return;
                }
                lastProblem = "greeting was: " + line;
            } catch (IOException e) {
                lastProblem = e.toString();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("dovecot did not greet on port " + imapPort + " within "
                + START_TIMEOUT_MS + " ms (" + lastProblem + ")" + diagnostics());
    }

    private String diagnostics() {
        return "\n--- dovecot output ---\n" + ServerProcesses.tail(dir.resolve("dovecot.stdout"), 200)
                + "\n--- dovecot log ---\n" + ServerProcesses.tail(logFile(), 200);
    }

    /** @return the address both listeners bind, {@code 127.0.0.1} */
    public String host() {
        return HOST;
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

    /** @return Dovecot's log file (every process logs there) */
    public Path logFile() {
        return dir.resolve("dovecot.log");
    }

    /** @return the configuration file the instance runs from */
    public Path configFile() {
        return config;
    }

    /** Stops Dovecot (SIGTERM to the master, then {@code doveadm stop}, then SIGKILL) and deletes its directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Optional<ProcessHandle> master = masterProcess();
        if (master.isPresent()) {
            ProcessHandle m = master.get();
            // SIGTERM to the master stops its children too; doveadm stop does the same but takes longer to return.
            m.destroy();
            if (!ServerProcesses.awaitExit(m, 5000)) {
                runQuietly(DOVEADM.toString(), "-c", config.toString(), "stop");
                if (!ServerProcesses.awaitExit(m, 3000)) {
                    m.descendants().forEach(ProcessHandle::destroyForcibly);
                    m.destroyForcibly();
                    ServerProcesses.awaitExit(m, 2000);
                }
            }
        } else if (Files.exists(config)) {
            runQuietly(DOVEADM.toString(), "-c", config.toString(), "stop");
        }
        ServerProcesses.deleteTree(dir);
    }

    private Optional<ProcessHandle> masterProcess() {
        Path pidFile = dir.resolve("run").resolve("master.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
            return ProcessHandle.of(pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void runQuietly(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            // Best effort: the caller falls back to signals.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
