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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

// The wrong-password test runs last: Dovecot's per-IP auth penalty would delay every later login by seconds.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DovecotServerTest {
    private static DovecotServer dovecot;

    @BeforeAll
    static void start() {
        dovecot = DovecotServer.startOrSkip();
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            Path dir = dovecot.configFile().getParent();
            dovecot.close();
            assertFalse(Files.exists(dir), "temporary directory removed");
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
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = line(in);
            lines.add(l);
            if (l.startsWith(tag + " ")) {
                return lines;
            }
        }
    }

    @Test
    void plainPortGreetsAndOffersStarttls() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(dovecot.host(), dovecot.imapPort()), 5000);
            s.setSoTimeout(5000);
            String greeting = line(s.getInputStream());
            assertTrue(greeting.startsWith("* OK"), greeting);
            assertTrue(greeting.contains("STARTTLS"), greeting);
        }
    }

    @Test
    void implicitTlsPortVerifiesWithCaAndHostname() throws IOException {
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(dovecot.host(), dovecot.imapsPort()), 5000);
                SSLSocket s = (SSLSocket) TestCertificates.clientContext().getSocketFactory()
                        .createSocket(plain, host, dovecot.imapsPort(), true);
                SSLParameters p = s.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(p);
                s.setSoTimeout(5000);
                s.startHandshake();
                assertEquals(dovecot.ca(), s.getSession().getPeerCertificates()[1]);
                String greeting = line(s.getInputStream());
                assertTrue(greeting.startsWith("* OK"), greeting);
                s.close();
            }
        }
    }

    @Test
    void loggedInCapabilitiesIncludeCompressQuotaAndSpecialUse() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(dovecot.host(), dovecot.imapPort()), 5000);
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            line(in);
            List<String> login = command(in, out, "a1",
                    "LOGIN " + DovecotServer.USER + " " + DovecotServer.PASSWORD);
            assertTrue(login.get(login.size() - 1).startsWith("a1 OK"), login::toString);
            List<String> caps = command(in, out, "a2", "CAPABILITY");
            String all = String.join("\n", caps);
            assertTrue(all.contains(" COMPRESS=DEFLATE"), all);
            assertTrue(all.contains(" QUOTA"), all);
            assertTrue(all.contains(" SPECIAL-USE"), all);
            assertTrue(all.contains(" CONDSTORE") && all.contains(" QRESYNC"), all);
            String list = String.join("\n", command(in, out, "a3", "LIST \"\" \"*\""));
            for (String use : new String[] {"\\Drafts", "\\Sent", "\\Trash", "\\Junk", "\\Archive"}) {
                assertTrue(list.contains(use), list);
            }
            String quota = String.join("\n", command(in, out, "a4", "GETQUOTAROOT INBOX"));
            assertTrue(quota.contains("(STORAGE 0 1048576)"), quota);
            command(in, out, "a5", "LOGOUT");
        }
    }

    @Test
    @Order(1)
    void secondUserLogsIn() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(dovecot.host(), dovecot.imapPort()), 5000);
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            line(in);
            List<String> ok = command(in, out, "b1",
                    "LOGIN " + DovecotServer.USER2 + " " + DovecotServer.PASSWORD2);
            assertTrue(ok.get(ok.size() - 1).startsWith("b1 OK"), ok::toString);
            command(in, out, "b2", "LOGOUT");
        }
        assertTrue(Files.exists(dovecot.logFile()));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void wrongPasswordFails() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(dovecot.host(), dovecot.imapPort()), 5000);
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            line(in);
            List<String> bad = command(in, out, "c1", "LOGIN " + DovecotServer.USER2 + " nope");
            assertTrue(bad.get(bad.size() - 1).startsWith("c1 NO"), bad::toString);
        }
    }
}
