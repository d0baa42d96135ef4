package org.imap4j.testing.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
public final class DovecotServer extends DaemonServer {
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
    private static final String MAIL_USER = "nobody";
    private static final long START_TIMEOUT_MS = 15_000;

    private DovecotServer(Path dir, int imapPort, int imapsPort) {
        super("dovecot", START_TIMEOUT_MS, dir, imapPort, imapsPort);
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
        return DaemonServer.start("dovecot", (dir, imap, imaps) -> {
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
            DovecotServer server = new DovecotServer(dir, imap, imaps);
            Files.writeString(server.configFile(), config(dir, tls, passwd, home, group, imap, imaps)
                    + (imapCapability == null ? "" : "protocol imap {\n  imap_capability = " + imapCapability
                            + "\n}\n") + extraConfig, StandardCharsets.US_ASCII);
            return server;
        });
    }

    @Override
    ProcessBuilder launchCommand() {
        return new ProcessBuilder(DOVECOT.toString(), "-c", configFile().toString());
    }

    @Override
    Path pidFile() {
        return dir.resolve("run").resolve("master.pid");
    }

    @Override
    void awaitReady() throws InterruptedException {
        awaitReady("greet", () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host(), imapPort()), 1000);
                s.setSoTimeout(2000);
                String line = ServerProcesses.readLine(s.getInputStream());
                if (!line.startsWith("* OK")) {
                    throw new IOException("greeting was: " + line);
                }
            }
        });
    }

    private static String config(Path dir, Path tls, Path passwd, Path home, String group, int imap, int imaps) {
        StringBuilder c = new StringBuilder();
        c.append("# Private test instance written by ").append(DovecotServer.class.getName()).append('\n');
        c.append("protocols = imap\n");
        c.append("listen = ").append(ServerProcesses.HOST).append('\n');
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
        c.append("  inet_listener imap {\n    address = ").append(ServerProcesses.HOST)
                .append("\n    port = ").append(imap).append("\n  }\n");
        c.append("  inet_listener imaps {\n    address = ").append(ServerProcesses.HOST)
                .append("\n    port = ").append(imaps).append("\n    ssl = yes\n  }\n");
        // One long-lived login process serving many clients: fast connects for load tests.
        c.append("  process_min_avail = 1\n  service_count = 0\n  client_limit = 1000\n}\n");
        c.append("service imap {\n  process_limit = 1000\n}\n");
        c.append("service anvil {\n  chroot =\n}\n");
        return c.toString();
    }

    /**
     * Stops Dovecot (every session ends, as in a server restart) and starts it again on the same ports with the
     * same mail; returns once it greets again.
     */
    @Override
    public synchronized void restart() {
        super.restart();
    }

    /** @return Dovecot's log file (every process logs there) */
    @Override
    public Path logFile() {
        return dir.resolve("dovecot.log");
    }

    /** @return the configuration file the instance runs from */
    @Override
    public Path configFile() {
        return dir.resolve("dovecot.conf");
    }

    /** Stops Dovecot (SIGTERM to the master, then {@code doveadm stop}, then SIGKILL) and deletes its directory. */
    @Override
    public synchronized void close() {
        super.close();
    }

    @Override
    void stopProcesses() {
        Optional<ProcessHandle> master = masterProcess();
        if (master.isPresent()) {
            ProcessHandle m = master.get();
            // SIGTERM to the master stops its children too; doveadm stop does the same but takes longer to return.
            if (!ServerProcesses.terminate(m, 5000)) {
                doveadmStop();
                if (!ServerProcesses.awaitExit(m, 3000)) {
                    ServerProcesses.kill(m);
                }
            }
        } else if (Files.exists(configFile())) {
            doveadmStop();
        }
    }

    private void doveadmStop() {
        try {
            Process p = new ProcessBuilder(DOVEADM.toString(), "-c", configFile().toString(), "stop")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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
