package org.imap4j.testing.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;

/**
 * A private Cyrus IMAP 3.6 server (RFC 3501 / RFC 9051) on loopback for integration tests, the second real server
 * next to {@link DovecotServer}: it offers extensions Dovecot lacks (ACL RFC 4314, METADATA RFC 5464, OBJECTID
 * RFC 8474, CREATE-SPECIAL-USE RFC 6154, APPENDLIMIT RFC 7889, ...). Its configuration, partition, sasldb, sockets,
 * pid file and log live in a fresh temporary directory, its ports are high ones chosen at start, and nothing under
 * {@code /etc} is read. The plain listener offers STARTTLS (RFC 3501 section 6.2.1) and the implicit-TLS listener
 * speaks TLS first (RFC 8314 section 3.3), both with {@link TestCertificates#localhost()}, so a client trusts
 * {@link #ca()} and can check the host name {@code localhost} or {@code 127.0.0.1}.
 *
 * <p>Namespace: {@code unixhierarchysep} and {@code altnamespace} are on, so the hierarchy separator is {@code /}
 * ({@link #separator()}) and a user's folders sit beside {@code INBOX} ({@code INBOX}, {@code Sent}, {@code a/b}), as
 * on Dovecot. After start both users have an INBOX, the special-use folders Drafts, Sent and Trash
 * (RFC 6154; {@code \Archive} and {@code \Junk} are left free for CREATE-SPECIAL-USE tests: Cyrus refuses to
 * DELETE a special-use mailbox, so each such test uses one up) and a 1 GiB storage quota; {@link #ADMIN} is a Cyrus administrator (ACL/quota on any mailbox).
 *
 * <pre>{@code
 * try (CyrusServer cyrus = CyrusServer.startOrSkip()) {
 *     Socket s = new Socket(cyrus.host(), cyrus.imapPort());
 *     // ... LOGIN CyrusServer.USER CyrusServer.PASSWORD
 * }
 * }</pre>
 *
 * <p>Installation: {@code cyrus-imapd} conflicts with {@code dovecot-imapd}, so {@code .ci/install-cyrus} unpacks it
 * into {@code /opt/imap4j-cyrus} (environment variable {@code IMAP4J_CYRUS_HOME} overrides) and installs the
 * non-conflicting {@code cyrus-common} (the {@code master} process) and {@code sasl2-bin} ({@code saslpasswd2}). It
 * must run as root: {@code master} drops privileges to the system user {@code cyrus}, who owns the temporary
 * directory. Cyrus logs through syslog, which goes nowhere on a machine without {@code /dev/log}; {@link #logFile()}
 * holds what the processes write to standard error.
 */
public final class CyrusServer extends DaemonServer {
    /** The first user's name. */
    public static final String USER = "alice";
    /** The first user's password. */
    public static final String PASSWORD = "secret1";
    /** The second user's name. */
    public static final String USER2 = "bob";
    /** The second user's password. */
    public static final String PASSWORD2 = "secret2";
    /** A Cyrus administrator (listed in {@code admins}): may create users' mailboxes, set quotas and ACLs. */
    public static final String ADMIN = "admin";
    /** The administrator's password. */
    public static final String ADMIN_PASSWORD = "adminsecret";
    /** The special-use folders (RFC 6154) each user has after start, by name; the attribute is {@code \} + name. */
    public static final List<String> SPECIAL_USE = List.of("Drafts", "Sent", "Trash");

    private static final Path CYRUS_HOME = Path.of(Optional.ofNullable(System.getenv("IMAP4J_CYRUS_HOME"))
            .filter(s -> !s.isEmpty()).orElse("/opt/imap4j-cyrus"));
    private static final Path IMAPD = CYRUS_HOME.resolve("usr/lib/cyrus/bin/imapd");
    private static final Path IDLED = CYRUS_HOME.resolve("usr/lib/cyrus/bin/idled");
    private static final Path MASTER = Path.of("/usr/lib/cyrus/bin/master");
    private static final Path CTL_CYRUSDB = Path.of("/usr/lib/cyrus/bin/ctl_cyrusdb");
    private static final Path SASLPASSWD2 = Path.of("/usr/sbin/saslpasswd2");
    private static final String CYRUS_USER = "cyrus";
    // The SASL realm both saslpasswd2 and imapd use: imapd takes it from servername, saslpasswd2 from -u.
    private static final String SERVER_NAME = "localhost";
    private static final String SEPARATOR = "/";
    private static final long QUOTA_KIB = 1024 * 1024;
    private static final long START_TIMEOUT_MS = 20_000;

    private CyrusServer(Path dir, int imapPort, int imapsPort) {
        super("cyrus", START_TIMEOUT_MS, dir, imapPort, imapsPort);
    }

    /** @return whether the Cyrus binaries this fixture runs are present ({@code .ci/install-cyrus}) */
    public static boolean installed() {
        return Files.isExecutable(IMAPD) && Files.isExecutable(MASTER) && Files.isExecutable(CTL_CYRUSDB)
                && Files.isExecutable(SASLPASSWD2);
    }

    /**
     * Starts a server, or ends the calling test as aborted (skipped) when Cyrus is not installed; on CI (environment
     * variable {@code CI} set and non-empty) a missing Cyrus is a failure instead.
     *
     * @return a running server
     * @throws AssertionError on CI when Cyrus is missing
     */
    public static CyrusServer startOrSkip() {
        ServerProcesses.requireInstalled(installed(), "Cyrus not installed: " + IMAPD + ", " + MASTER + ", "
                + CTL_CYRUSDB + " or " + SASLPASSWD2 + " missing (run .ci/install-cyrus as root)");
        return start();
    }

    /**
     * Writes a configuration into a fresh temporary directory, starts Cyrus's {@code master} on it, waits (up to
     * 20 s) until the administrator can log in, and creates the users' mailboxes.
     *
     * @return a running server
     * @throws IllegalStateException if it does not come up (the message holds the log)
     */
    public static CyrusServer start() {
        return DaemonServer.start("cyrus", (dir, imap, imaps) -> {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
            // config/socket holds idled's socket and each imapd's own idle.<pid> socket (fixed names under
            // configdirectory); without the directory IDLE silently falls back to polling.
            for (String sub : new String[] {"config", "config/socket", "spool", "sieve", "run", "tls"}) {
                Files.createDirectory(dir.resolve(sub));
            }
            TestCertificates.localhost().writePem(dir.resolve("tls"));
            CyrusServer server = new CyrusServer(dir, imap, imaps);
            Files.writeString(server.configFile(), imapdConf(dir), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve("cyrus.conf"), cyrusConf(dir, imap, imaps), StandardCharsets.US_ASCII);
            Path sasldb = dir.resolve("sasldb2");
            addUser(sasldb, USER, PASSWORD);
            addUser(sasldb, USER2, PASSWORD2);
            addUser(sasldb, ADMIN, ADMIN_PASSWORD);
            ServerProcesses.chownTree(dir, CYRUS_USER, ServerProcesses.groupOf(CYRUS_USER, "mail"));
            return server;
        });
    }

    /** Starts master in the background ({@code -d}) on this instance's configuration. */
    @Override
    ProcessBuilder launchCommand() {
        return new ProcessBuilder(MASTER.toString(), "-C", configFile().toString(),
                "-M", dir.resolve("cyrus.conf").toString(), "-p", pidFile().toString(),
                "-L", logFile().toString(), "-d");
    }

    /**
     * Stops Cyrus (master and every imapd and idled of this instance end, so every session ends as in a server
     * restart) and starts it again on the same ports with the same configuration, spool and mailbox list; returns
     * once the administrator can log in again.
     *
     * @throws IllegalStateException if the server is closed or does not come back (the message holds the log)
     */
    @Override
    public synchronized void restart() {
        super.restart();
    }

    private static String imapdConf(Path dir) {
        StringBuilder c = new StringBuilder();
        c.append("# Private test instance written by ").append(CyrusServer.class.getName()).append('\n');
        c.append("configdirectory: ").append(dir.resolve("config")).append('\n');
        c.append("defaultpartition: default\n");
        c.append("partition-default: ").append(dir.resolve("spool")).append('\n');
        c.append("sievedir: ").append(dir.resolve("sieve")).append('\n');
        c.append("servername: ").append(SERVER_NAME).append('\n');
        c.append("admins: ").append(ADMIN).append('\n');
        // Loopback tests log in with LOGIN and AUTHENTICATE PLAIN in the clear.
        c.append("allowplaintext: yes\n");
        // keep 8-bit header bytes as sent instead of replacing them with X (munge8bit defaults to on)
        c.append("munge8bit: no\n");
        c.append("sasl_pwcheck_method: auxprop\n");
        c.append("sasl_auxprop_plugin: sasldb\n");
        c.append("sasl_sasldb_path: ").append(dir.resolve("sasldb2")).append('\n');
        c.append("sasl_mech_list: PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256\n");
        // Names as on Dovecot: "/" separates levels and personal folders sit beside INBOX, not below it.
        c.append("unixhierarchysep: yes\n");
        c.append("altnamespace: yes\n");
        c.append("virtdomains: off\n");
        c.append("tls_server_cert: ").append(dir.resolve("tls").resolve("cert.pem")).append('\n');
        c.append("tls_server_key: ").append(dir.resolve("tls").resolve("key.pem")).append('\n');
        // Without idled, IDLE polls at this period (seconds); 1 keeps IDLE tests short either way.
        c.append("imapidlepoll: 1\n");
        // LIST shows \Drafts, \Sent, ... without the SPECIAL-USE selection option, as Dovecot does.
        c.append("specialusealways: yes\n");
        // DELETE really deletes, so a test can DELETE and re-CREATE a name.
        c.append("delete_mode: immediate\n");
        c.append("hashimapspool: no\n");
        // Cyrus sleeps 3 s after a failed login by default; tests of wrong passwords need no brute-force damping.
        c.append("failedloginpause: 0\n");
        return c.toString();
    }

    private static String cyrusConf(Path dir, int imap, int imaps) {
        String conf = " -C " + dir.resolve("imapd.conf");
        StringBuilder c = new StringBuilder();
        c.append("START {\n");
        c.append("  recover cmd=\"").append(CTL_CYRUSDB).append(conf).append(" -r\"\n");
        c.append("}\n");
        c.append("SERVICES {\n");
        c.append("  imap cmd=\"").append(IMAPD).append(conf).append("\" listen=\"").append(ServerProcesses.HOST).append(':')
                .append(imap).append("\" prefork=0\n");
        c.append("  imaps cmd=\"").append(IMAPD).append(conf).append(" -s\" listen=\"").append(ServerProcesses.HOST).append(':')
                .append(imaps).append("\" prefork=0\n");
        c.append("}\n");
        c.append("EVENTS {\n}\n");
        c.append("DAEMON {\n");
        if (Files.isExecutable(IDLED)) {
            // idled pushes mailbox changes to IDLE sessions at once instead of imapidlepoll's polling.
            c.append("  idled cmd=\"").append(IDLED).append(conf).append("\"\n");
        }
        c.append("}\n");
        return c.toString();
    }

    private static void addUser(Path sasldb, String user, String password) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(SASLPASSWD2.toString(), "-p", "-c", "-f", sasldb.toString(),
                "-u", SERVER_NAME, user).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((password + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("saslpasswd2 failed for " + user + ": " + out);
        }
    }

    /** Waits until the administrator can log in on the plain port. */
    @Override
    void awaitReady() throws InterruptedException {
        awaitReady("accept a login", () -> {
            try (Session s = Session.plain(imapPort())) {
                if (!s.greeting.contains("Cyrus IMAP")) {
                    // Master logs a failed bind only to syslog; another server answering on the port shows it.
                    throw new IllegalStateException(ADDRESS_IN_USE + ": port " + imapPort()
                            + " answered by another server: " + s.greeting + diagnostics());
                }
                s.login(ADMIN, ADMIN_PASSWORD);
                s.logout();
            }
        });
    }

    /** Creates the users' INBOXes (as the administrator), their quotas and their special-use folders. */
    @Override
    void provision() throws IOException {
        try (Session admin = Session.plain(imapPort())) {
            admin.login(ADMIN, ADMIN_PASSWORD);
            for (String user : new String[] {USER, USER2}) {
                // With altnamespace on, an administrator still names other users' INBOXes user/<name>.
                admin.ok("CREATE user" + SEPARATOR + user);
                admin.ok("SETQUOTA user" + SEPARATOR + user + " (STORAGE " + QUOTA_KIB + ")");
            }
            admin.logout();
        }
        String[][] users = {{USER, PASSWORD}, {USER2, PASSWORD2}};
        for (String[] u : users) {
            try (Session s = Session.plain(imapPort())) {
                s.login(u[0], u[1]);
                for (String box : SPECIAL_USE) {
                    s.ok("CREATE " + box + " (USE (\\" + box + "))");
                    s.ok("SUBSCRIBE " + box);
                }
                s.logout();
            }
        }
        // The implicit-TLS listener must be up too before a test uses it.
        try (Session s = Session.tls(imapsPort())) {
            s.logout();
        }
    }

    /** A minimal line-based IMAP session for start-up; tests bring their own client. */
    private static final class Session implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String greeting;
        private int tag;

        private Session(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(5000);
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.greeting = ServerProcesses.readLine(in);
            if (!greeting.startsWith("* OK")) {
                throw new IOException("greeting was: " + greeting);
            }
        }

        static Session plain(int port) throws IOException {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(ServerProcesses.HOST, port), 1000);
                return new Session(s);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }

        static Session tls(int port) throws IOException {
            Socket plain = new Socket();
            try {
                plain.connect(new InetSocketAddress(ServerProcesses.HOST, port), 1000);
                SSLSocket s = (SSLSocket) TestCertificates.clientContext().getSocketFactory()
                        .createSocket(plain, ServerProcesses.HOST, port, true);
                s.startHandshake();
                return new Session(s);
            } catch (IOException | RuntimeException e) {
                plain.close();
                throw e;
            }
        }

        void login(String user, String password) throws IOException {
            ok("LOGIN " + user + " " + password);
        }

        List<String> ok(String command) throws IOException {
            String t = "s" + (++tag);
            out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            List<String> lines = new ArrayList<>();
            while (true) {
                String l = ServerProcesses.readLine(in);
                lines.add(l);
                if (l.startsWith(t + " ")) {
                    if (!l.startsWith(t + " OK")) {
                        throw new IOException(command + " failed: " + String.join(" | ", lines));
                    }
                    return lines;
                }
            }
        }

        void logout() throws IOException {
            ok("LOGOUT");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** @return the hierarchy separator of the personal namespace, {@code "/"} ({@code unixhierarchysep: yes}) */
    public String separator() {
        return SEPARATOR;
    }

    /**
     * @return the file master and every Cyrus process write standard error to (syslog messages are not in it: Cyrus
     *         logs through syslog, which goes nowhere without a syslog daemon)
     */
    @Override
    public Path logFile() {
        return dir.resolve("cyrus.log");
    }

    /** @return the {@code imapd.conf} the instance runs from; every Cyrus process of it has this path in its command */
    @Override
    public Path configFile() {
        return dir.resolve("imapd.conf");
    }

    @Override
    Path pidFile() {
        return dir.resolve("run").resolve("master.pid");
    }

    /**
     * Stops Cyrus (SIGTERM to master, which stops its children; then SIGKILL to whatever of this instance is left)
     * and deletes its directory.
     */
    @Override
    public synchronized void close() {
        super.close();
    }

    /** SIGTERM to master, which stops its children; then SIGKILL to whatever of this instance is left. */
    @Override
    void stopProcesses() {
        Optional<ProcessHandle> master = masterProcess();
        if (master.isPresent()) {
            ProcessHandle m = master.get();
            List<ProcessHandle> children = m.descendants().collect(Collectors.toList());
            if (!ServerProcesses.terminate(m, 5000)) {
                ServerProcesses.kill(m);
            }
            for (ProcessHandle c : children) {
                if (!ServerProcesses.awaitExit(c, 2000)) {
                    ServerProcesses.kill(c);
                }
            }
        }
        // A process of this instance that master did not take down (or a master whose pid file was never written):
        // each has the private imapd.conf in its command line.
        for (ProcessHandle p : processes()) {
            p.destroyForcibly();
            ServerProcesses.awaitExit(p, 2000);
        }
    }

    /** @return the live processes whose command line names this instance's directory (master, imapd, idled, ...) */
    public List<ProcessHandle> processes() {
        String marker = dir.toString() + "/";
        long self = ProcessHandle.current().pid();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.pid() != self && p.isAlive())
                    .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                    .collect(Collectors.toList());
        }
    }
}
