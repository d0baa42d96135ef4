package org.imap4j.testing.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CyrusServerTest {
    /** What the fixture promises a conformance suite, after login. */
    private static final String[] LOGGED_IN_CAPABILITIES = {"IMAP4rev1", "CONDSTORE", "QRESYNC", "QUOTA",
        "SPECIAL-USE", "CREATE-SPECIAL-USE", "IDLE", "COMPRESS=DEFLATE", "METADATA", "ACL", "UIDPLUS", "MOVE",
        "LITERAL+", "BINARY", "ESEARCH", "NAMESPACE", "ENABLE", "OBJECTID"};

    private static CyrusServer cyrus;

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        cyrus = CyrusServer.startOrSkip();
        System.out.printf("cyrus started in %d ms (ports %d, %d)%n", (System.nanoTime() - t0) / 1_000_000,
                cyrus.imapPort(), cyrus.imapsPort());
    }

    @AfterAll
    static void stop() {
        if (cyrus != null) {
            Path dir = cyrus.configFile().getParent();
            long t0 = System.nanoTime();
            cyrus.close();
            System.out.printf("cyrus stopped in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertFalse(Files.exists(dir), "temporary directory removed");
            assertEquals(List.of(), cyrus.processes(), "no process of the instance left");
        }
    }

    static String line(InputStream in) throws IOException {
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

    /** Sends one command and reads up to its tagged completion; returns every line. */
    static List<String> command(InputStream in, OutputStream out, String tag, String text) throws IOException {
        out.write((tag + " " + text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return until(in, tag);
    }

    static List<String> until(InputStream in, String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = line(in);
            lines.add(l);
            if (l.startsWith(tag + " ")) {
                return lines;
            }
        }
    }

    static void assertOk(List<String> lines, String tag) {
        assertTrue(lines.get(lines.size() - 1).startsWith(tag + " OK"), lines::toString);
    }

    static SSLSocket tls(Socket plain, String host, int port) throws IOException {
        SSLSocket s = (SSLSocket) TestCertificates.clientContext().getSocketFactory()
                .createSocket(plain, host, port, true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        s.setSoTimeout(5000);
        s.startHandshake();
        return s;
    }

    /** Selects INBOX, appends one message and fetches it back; returns the FETCH response lines. */
    static List<String> appendAndFetch(InputStream in, OutputStream out, String subject) throws IOException {
        List<String> select = command(in, out, "s1", "SELECT INBOX");
        assertOk(select, "s1");
        String message = "From: a@example.org\r\nTo: b@example.org\r\nSubject: " + subject
                + "\r\n\r\nHello from CyrusServerTest.\r\n";
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        out.write(("s2 APPEND INBOX (\\Seen) {" + bytes.length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String cont = line(in);
        assertTrue(cont.startsWith("+"), cont);
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        List<String> append = until(in, "s2");
        assertOk(append, "s2");
        assertTrue(append.get(append.size() - 1).contains("[APPENDUID "), append::toString);
        List<String> search = command(in, out, "s3", "UID SEARCH SUBJECT \"" + subject + "\"");
        assertOk(search, "s3");
        String uids = search.get(0);
        assertTrue(uids.startsWith("* SEARCH ") && uids.length() > "* SEARCH ".length(), search::toString);
        String uid = uids.substring("* SEARCH ".length()).split(" ")[0];
        List<String> fetch = command(in, out, "s4", "UID FETCH " + uid + " (FLAGS BODY.PEEK[])");
        assertOk(fetch, "s4");
        String all = String.join("\n", fetch);
        assertTrue(all.contains("\\Seen"), all);
        assertTrue(all.contains("Subject: " + subject), all);
        assertTrue(all.contains("Hello from CyrusServerTest."), all);
        return fetch;
    }

    @Test
    void plainLoginSelectAppendFetchAndCapabilities() throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(cyrus.host(), cyrus.imapPort()), 5000);
            plain.setSoTimeout(5000);
            InputStream in = plain.getInputStream();
            OutputStream out = plain.getOutputStream();
            String greeting = line(in);
            assertTrue(greeting.startsWith("* OK"), greeting);
            List<String> before = command(in, out, "a1", "CAPABILITY");
            assertOk(before, "a1");
            String preLogin = before.get(0);
            System.out.println("cyrus greeting: " + greeting);
            System.out.println("cyrus capability before login: " + preLogin);
            assertTrue(preLogin.contains(" STARTTLS"), preLogin);
            Socket session = plain;
            if (preLogin.contains(" LOGINDISABLED")) {
                assertOk(command(in, out, "a2", "STARTTLS"), "a2");
                session = tls(plain, "localhost", cyrus.imapPort());
                in = session.getInputStream();
                out = session.getOutputStream();
            }
            assertOk(command(in, out, "a3", "LOGIN " + CyrusServer.USER + " " + CyrusServer.PASSWORD), "a3");
            List<String> after = command(in, out, "a4", "CAPABILITY");
            assertOk(after, "a4");
            String loggedIn = after.get(0);
            System.out.println("cyrus capability after login: " + loggedIn);
            for (String cap : LOGGED_IN_CAPABILITIES) {
                assertTrue((loggedIn + " ").contains(" " + cap + " "), cap + " missing from: " + loggedIn);
            }
            appendAndFetch(in, out, "plain test");
            assertOk(command(in, out, "a5", "LOGOUT"), "a5");
            session.close();
        }
    }

    @Test
    void starttlsOnPlainPortVerifiesWithCa() throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(cyrus.host(), cyrus.imapPort()), 5000);
            plain.setSoTimeout(5000);
            InputStream in = plain.getInputStream();
            OutputStream out = plain.getOutputStream();
            line(in);
            assertOk(command(in, out, "t1", "STARTTLS"), "t1");
            try (SSLSocket s = tls(plain, "127.0.0.1", cyrus.imapPort())) {
                assertEquals(cyrus.ca(), s.getSession().getPeerCertificates()[1]);
                List<String> login = command(s.getInputStream(), s.getOutputStream(), "t2",
                        "LOGIN " + CyrusServer.USER2 + " " + CyrusServer.PASSWORD2);
                assertOk(login, "t2");
                command(s.getInputStream(), s.getOutputStream(), "t3", "LOGOUT");
            }
        }
    }

    @Test
    void implicitTlsLoginSelectAppendFetch() throws IOException {
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(cyrus.host(), cyrus.imapsPort()), 5000);
                try (SSLSocket s = tls(plain, host, cyrus.imapsPort())) {
                    assertEquals(cyrus.ca(), s.getSession().getPeerCertificates()[1]);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    String greeting = line(in);
                    assertTrue(greeting.startsWith("* OK"), greeting);
                    assertOk(command(in, out, "i1", "LOGIN " + CyrusServer.USER + " " + CyrusServer.PASSWORD),
                            "i1");
                    appendAndFetch(in, out, "tls test via " + host);
                    assertOk(command(in, out, "i2", "LOGOUT"), "i2");
                }
            }
        }
    }

    @Test
    void namespaceSpecialUseAndQuotaAsConfigured() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(cyrus.host(), cyrus.imapPort()), 5000);
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            line(in);
            assertOk(command(in, out, "n1", "LOGIN " + CyrusServer.USER2 + " " + CyrusServer.PASSWORD2), "n1");
            List<String> ns = command(in, out, "n2", "NAMESPACE");
            assertOk(ns, "n2");
            System.out.println("cyrus namespace: " + ns.get(0));
            assertTrue(ns.get(0).startsWith("* NAMESPACE ((\"\" \"" + cyrus.separator() + "\"))"), ns::toString);
            String list = String.join("\n", command(in, out, "n3", "LIST \"\" \"*\""));
            System.out.println("cyrus list:\n" + list);
            assertTrue(list.contains(" \"" + cyrus.separator() + "\" INBOX"), list);
            for (String box : CyrusServer.SPECIAL_USE) {
                assertTrue(list.contains("\\" + box), box + " in " + list);
            }
            assertOk(command(in, out, "n4", "CREATE a" + cyrus.separator() + "b"), "n4");
            String sub = String.join("\n", command(in, out, "n5", "LIST \"\" \"a/*\""));
            assertTrue(sub.contains("\"/\" a/b"), sub);
            String quota = String.join("\n", command(in, out, "n6", "GETQUOTAROOT INBOX"));
            assertTrue(quota.contains("STORAGE 0 1048576"), quota);
            assertOk(command(in, out, "n7", "DELETE a/b"), "n7");
            assertOk(command(in, out, "n8", "LOGOUT"), "n8");
        }
    }

    @Test
    void idleSeesAnAppendFromAnotherSession() throws IOException {
        try (Socket idler = new Socket(); Socket writer = new Socket()) {
            idler.connect(new InetSocketAddress(cyrus.host(), cyrus.imapPort()), 5000);
            // idled pushes at once; without it imapd polls every imapidlepoll (1 s): 10 s is ample either way.
            idler.setSoTimeout(10_000);
            InputStream in = idler.getInputStream();
            OutputStream out = idler.getOutputStream();
            line(in);
            assertOk(command(in, out, "d1", "LOGIN " + CyrusServer.USER2 + " " + CyrusServer.PASSWORD2), "d1");
            assertOk(command(in, out, "d2", "SELECT Drafts"), "d2");
            out.write("d3 IDLE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String cont = line(in);
            assertTrue(cont.startsWith("+"), cont);

            writer.connect(new InetSocketAddress(cyrus.host(), cyrus.imapPort()), 5000);
            writer.setSoTimeout(5000);
            InputStream win = writer.getInputStream();
            OutputStream wout = writer.getOutputStream();
            line(win);
            assertOk(command(win, wout, "e1", "LOGIN " + CyrusServer.USER2 + " " + CyrusServer.PASSWORD2), "e1");
            byte[] msg = "Subject: idle\r\n\r\nwake up\r\n".getBytes(StandardCharsets.US_ASCII);
            // LITERAL+ (RFC 7888): no continuation round trip.
            wout.write(("e2 APPEND Drafts {" + msg.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
            wout.write(msg);
            wout.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            wout.flush();
            assertOk(until(win, "e2"), "e2");

            String update = line(in);
            assertTrue(update.matches("\\* \\d+ EXISTS"), update);
            out.write("DONE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertOk(until(in, "d3"), "d3");
            command(win, wout, "e3", "LOGOUT");
            command(in, out, "d4", "LOGOUT");
        }
    }

    @Test
    void wrongPasswordFails() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(cyrus.host(), cyrus.imapPort()), 5000);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            line(in);
            List<String> bad = command(in, out, "w1", "LOGIN " + CyrusServer.USER + " nope");
            assertTrue(bad.get(bad.size() - 1).startsWith("w1 NO"), bad::toString);
        }
    }

    @Test
    void closeStopsEveryProcessOfTheInstance() {
        CyrusServer other = CyrusServer.start();
        Path dir = other.configFile().getParent();
        List<ProcessHandle> running = other.processes();
        assertFalse(running.isEmpty(), "master runs with the private config in its command line");
        other.close();
        for (ProcessHandle p : running) {
            assertFalse(p.isAlive(), () -> "left running: " + p.info().commandLine().orElse("" + p.pid()));
        }
        assertEquals(List.of(), other.processes());
        assertFalse(Files.exists(dir), "temporary directory removed");
    }
    private static String uidValidity(List<String> lines) {
        for (String l : lines) {
            int at = l.indexOf("UIDVALIDITY ");
            if (at >= 0) {
                return l.substring(at + 12).replaceAll("[^0-9].*", "");
            }
        }
        throw new AssertionError("no UIDVALIDITY in " + lines);
    }

    @Test
    void restartEndsSessionsKeepsMailAndPortsAndRecreateChangesUidValidity() throws IOException {
        String before;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(cyrus.host(), cyrus.imapPort()), 5000);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            line(in);
            assertOk(command(in, out, "a1", "LOGIN " + CyrusServer.USER + " " + CyrusServer.PASSWORD), "a1");
            assertOk(command(in, out, "a2", "CREATE Restarted"), "a2");
            String msg = "Subject: kept\r\n\r\nbody\r\n";
            out.write(("a3 APPEND Restarted {" + msg.length() + "+}\r\n" + msg + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertOk(until(in, "a3"), "a3");
            List<String> selected = command(in, out, "a4", "SELECT Restarted");
            assertOk(selected, "a4");
            before = uidValidity(selected);

            cyrus.restart();
            // the old session ended with the server: at most a BYE, then end of stream
            String last = "";
            try {
                for (String l = line(in); ; l = line(in)) {
                    last = l;
                }
            } catch (IOException ended) {
                assertTrue(last.isEmpty() || last.startsWith("* BYE"), "old session: " + last + " / " + ended);
            }
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(cyrus.host(), cyrus.imapPort()), 5000);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            assertTrue(line(in).startsWith("* OK"));
            assertOk(command(in, out, "b1", "LOGIN " + CyrusServer.USER + " " + CyrusServer.PASSWORD), "b1");
            List<String> selected = command(in, out, "b2", "SELECT Restarted");
            assertOk(selected, "b2");
            assertTrue(selected.contains("* 1 EXISTS"), selected.toString());
            assertEquals(before, uidValidity(selected), "same spool, same mailbox");
            assertOk(command(in, out, "b3", "UNSELECT"), "b3");
            assertOk(command(in, out, "b4", "DELETE Restarted"), "b4");
            assertOk(command(in, out, "b5", "CREATE Restarted"), "b5");
            List<String> again = command(in, out, "b6", "SELECT Restarted");
            assertOk(again, "b6");
            assertTrue(!before.equals(uidValidity(again)), "a re-created mailbox has a new UIDVALIDITY: " + again);
            assertOk(command(in, out, "b7", "LOGOUT"), "b7");
        }
    }
}
