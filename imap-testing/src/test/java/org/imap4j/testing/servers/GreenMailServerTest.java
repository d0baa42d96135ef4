package org.imap4j.testing.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GreenMailServerTest {
    private static GreenMailServer greenMail;

    @BeforeAll
    static void start() {
        greenMail = GreenMailServer.start();
    }

    @AfterAll
    static void stop() {
        if (greenMail != null) {
            greenMail.close();
        }
    }

    @Test
    void plainPortGreets() throws IOException {
        assertNotEquals(0, greenMail.imapPort());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(greenMail.host(), greenMail.imapPort()), 5000);
            s.setSoTimeout(5000);
            String greeting = DovecotServerTest.line(s.getInputStream());
            assertTrue(greeting.startsWith("* OK"), greeting);
        }
    }

    @Test
    void implicitTlsPresentsTestCertificateAndVerifies() throws IOException {
        assertTrue(greenMail.usesTestCertificates(), greenMail.serverCertificate()::toString);
        assertEquals(TestCertificates.ca(), greenMail.ca());
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(greenMail.host(), greenMail.imapsPort()), 5000);
            SSLSocket s = (SSLSocket) TestCertificates.clientContext().getSocketFactory()
                    .createSocket(plain, "localhost", greenMail.imapsPort(), true);
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.setSoTimeout(5000);
            s.startHandshake();
            String greeting = DovecotServerTest.line(s.getInputStream());
            assertTrue(greeting.startsWith("* OK"), greeting);
            s.close();
        }
    }

    @Test
    void deliveredMessageIsInInbox() throws IOException {
        greenMail.deliver("From: bob@localhost\r\nTo: alice@localhost\r\nSubject: fixture\r\n\r\nhello\r\n");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(greenMail.host(), greenMail.imapPort()), 5000);
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            DovecotServerTest.line(in);
            List<String> login = DovecotServerTest.command(in, out, "a1",
                    "LOGIN " + GreenMailServer.USER + " " + GreenMailServer.PASSWORD);
            assertTrue(login.get(login.size() - 1).startsWith("a1 OK"), login::toString);
            String select = String.join("\n", DovecotServerTest.command(in, out, "a2", "SELECT INBOX"));
            assertTrue(select.matches("(?s).*\\* [1-9][0-9]* EXISTS.*"), select);
            String fetch = String.join("\n", DovecotServerTest.command(in, out, "a3",
                    "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"));
            assertTrue(fetch.contains("Subject: fixture"), fetch);
            DovecotServerTest.command(in, out, "a4", "LOGOUT");
        }
    }
}
