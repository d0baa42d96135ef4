package org.imap4j.testing.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.imap4j.testing.servers.RawImap.assertOk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    private static RawImap connect(int timeoutMs) throws IOException {
        return RawImap.connect(cyrus.host(), cyrus.imapPort(), timeoutMs);
    }

    /** Selects INBOX, appends one message and fetches it back; returns the FETCH response lines. */
    static List<String> appendAndFetch(RawImap s, String subject) throws IOException {
        s.ok("s1", "SELECT INBOX");
        String message = "From: a@example.org\r\nTo: b@example.org\r\nSubject: " + subject
                + "\r\n\r\nHello from CyrusServerTest.\r\n";
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        s.write("s2 APPEND INBOX (\\Seen) {" + bytes.length + "}\r\n");
        String cont = s.line();
        assertTrue(cont.startsWith("+"), cont);
        s.write(bytes);
        s.write("\r\n");
        List<String> append = s.until("s2");
        assertOk(append, "s2");
        assertTrue(append.get(append.size() - 1).contains("[APPENDUID "), append::toString);
        List<String> search = s.ok("s3", "UID SEARCH SUBJECT \"" + subject + "\"");
        String uids = search.get(0);
        assertTrue(uids.startsWith("* SEARCH ") && uids.length() > "* SEARCH ".length(), search::toString);
        String uid = uids.substring("* SEARCH ".length()).split(" ")[0];
        List<String> fetch = s.ok("s4", "UID FETCH " + uid + " (FLAGS BODY.PEEK[])");
        String all = String.join("\n", fetch);
        assertTrue(all.contains("\\Seen"), all);
        assertTrue(all.contains("Subject: " + subject), all);
        assertTrue(all.contains("Hello from CyrusServerTest."), all);
        return fetch;
    }

    @Test
    void plainLoginSelectAppendFetchAndCapabilities() throws IOException {
        try (RawImap plain = connect(5000)) {
            String greeting = plain.line();
            assertTrue(greeting.startsWith("* OK"), greeting);
            List<String> before = plain.ok("a1", "CAPABILITY");
            String preLogin = before.get(0);
            System.out.println("cyrus greeting: " + greeting);
            System.out.println("cyrus capability before login: " + preLogin);
            assertTrue(preLogin.contains(" STARTTLS"), preLogin);
            RawImap session = plain;
            if (preLogin.contains(" LOGINDISABLED")) {
                plain.ok("a2", "STARTTLS");
                session = plain.startTls("localhost", cyrus.imapPort());
            }
            session.ok("a3", "LOGIN " + CyrusServer.USER + " " + CyrusServer.PASSWORD);
            List<String> after = session.ok("a4", "CAPABILITY");
            String loggedIn = after.get(0);
            System.out.println("cyrus capability after login: " + loggedIn);
            for (String cap : LOGGED_IN_CAPABILITIES) {
                assertTrue((loggedIn + " ").contains(" " + cap + " "), cap + " missing from: " + loggedIn);
            }
            appendAndFetch(session, "plain test");
            session.ok("a5", "LOGOUT");
            session.close();
        }
    }

    @Test
    void starttlsOnPlainPortVerifiesWithCa() throws IOException {
        try (RawImap plain = connect(5000)) {
            plain.line();
            plain.ok("t1", "STARTTLS");
            try (RawImap s = plain.startTls("127.0.0.1", cyrus.imapPort())) {
                assertEquals(cyrus.ca(), ((SSLSocket) s.socket()).getSession().getPeerCertificates()[1]);
                s.ok("t2", "LOGIN " + CyrusServer.USER2 + " " + CyrusServer.PASSWORD2);
                s.command("t3", "LOGOUT");
            }
        }
    }

    @Test
    void implicitTlsLoginSelectAppendFetch() throws IOException {
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            try (RawImap s = RawImap.connectTls(cyrus.host(), cyrus.imapsPort(), host)) {
                assertEquals(cyrus.ca(), ((SSLSocket) s.socket()).getSession().getPeerCertificates()[1]);
                String greeting = s.line();
                assertTrue(greeting.startsWith("* OK"), greeting);
                s.ok("i1", "LOGIN " + CyrusServer.USER + " " + CyrusServer.PASSWORD);
                appendAndFetch(s, "tls test via " + host);
                s.ok("i2", "LOGOUT");
            }
        }
    }

    @Test
    void namespaceSpecialUseAndQuotaAsConfigured() throws IOException {
        try (RawImap s = connect(5000)) {
            s.line();
            s.ok("n1", "LOGIN " + CyrusServer.USER2 + " " + CyrusServer.PASSWORD2);
            List<String> ns = s.ok("n2", "NAMESPACE");
            System.out.println("cyrus namespace: " + ns.get(0));
            assertTrue(ns.get(0).startsWith("* NAMESPACE ((\"\" \"" + cyrus.separator() + "\"))"), ns::toString);
            String list = String.join("\n", s.command("n3", "LIST \"\" \"*\""));
            System.out.println("cyrus list:\n" + list);
            assertTrue(list.contains(" \"" + cyrus.separator() + "\" INBOX"), list);
            for (String box : CyrusServer.SPECIAL_USE) {
                assertTrue(list.contains("\\" + box), box + " in " + list);
            }
            s.ok("n4", "CREATE a" + cyrus.separator() + "b");
            String sub = String.join("\n", s.command("n5", "LIST \"\" \"a/*\""));
            assertTrue(sub.contains("\"/\" a/b"), sub);
            String quota = String.join("\n", s.command("n6", "GETQUOTAROOT INBOX"));
            assertTrue(quota.contains("STORAGE 0 1048576"), quota);
            s.ok("n7", "DELETE a/b");
            s.ok("n8", "LOGOUT");
        }
    }

    @Test
    void idleSeesAnAppendFromAnotherSession() throws IOException {
        // idled pushes at once; without it imapd polls every imapidlepoll (1 s): 10 s is ample either way.
        try (RawImap idler = connect(10_000)) {
            idler.line();
            idler.ok("d1", "LOGIN " + CyrusServer.USER2 + " " + CyrusServer.PASSWORD2);
            idler.ok("d2", "SELECT Drafts");
            idler.write("d3 IDLE\r\n");
            String cont = idler.line();
            assertTrue(cont.startsWith("+"), cont);

            try (RawImap writer = connect(5000)) {
                writer.line();
                writer.ok("e1", "LOGIN " + CyrusServer.USER2 + " " + CyrusServer.PASSWORD2);
                // LITERAL+ (RFC 7888): no continuation round trip.
                writer.write("e2 APPEND Drafts {" + "Subject: idle\r\n\r\nwake up\r\n".length() + "+}\r\n"
                        + "Subject: idle\r\n\r\nwake up\r\n" + "\r\n");
                assertOk(writer.until("e2"), "e2");

                String update = idler.line();
                assertTrue(update.matches("\\* \\d+ EXISTS"), update);
                idler.write("DONE\r\n");
                assertOk(idler.until("d3"), "d3");
                writer.command("e3", "LOGOUT");
                idler.command("d4", "LOGOUT");
            }
        }
    }

    @Test
    void wrongPasswordFails() throws IOException {
        try (RawImap s = connect(10_000)) {
            s.line();
            List<String> bad = s.command("w1", "LOGIN " + CyrusServer.USER + " nope");
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
        try (RawImap s = connect(10_000)) {
            s.line();
            s.ok("a1", "LOGIN " + CyrusServer.USER + " " + CyrusServer.PASSWORD);
            s.ok("a2", "CREATE Restarted");
            String msg = "Subject: kept\r\n\r\nbody\r\n";
            s.write("a3 APPEND Restarted {" + msg.length() + "+}\r\n" + msg + "\r\n");
            assertOk(s.until("a3"), "a3");
            before = uidValidity(s.ok("a4", "SELECT Restarted"));

            cyrus.restart();
            // the old session ended with the server: at most a BYE, then end of stream
            String last = "";
            try {
                for (String l = s.line(); ; l = s.line()) {
                    last = l;
                }
            } catch (IOException ended) {
                assertTrue(last.isEmpty() || last.startsWith("* BYE"), "old session: " + last + " / " + ended);
            }
        }
        try (RawImap s = connect(10_000)) {
            assertTrue(s.line().startsWith("* OK"));
            s.ok("b1", "LOGIN " + CyrusServer.USER + " " + CyrusServer.PASSWORD);
            List<String> selected = s.ok("b2", "SELECT Restarted");
            assertTrue(selected.contains("* 1 EXISTS"), selected.toString());
            assertEquals(before, uidValidity(selected), "same spool, same mailbox");
            s.ok("b3", "UNSELECT");
            s.ok("b4", "DELETE Restarted");
            s.ok("b5", "CREATE Restarted");
            List<String> again = s.ok("b6", "SELECT Restarted");
            assertTrue(!before.equals(uidValidity(again)), "a re-created mailbox has a new UIDVALIDITY: " + again);
            s.ok("b7", "LOGOUT");
        }
    }
}
