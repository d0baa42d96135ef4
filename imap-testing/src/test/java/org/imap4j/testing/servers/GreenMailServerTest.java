package org.imap4j.testing.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
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
        try (RawImap s = RawImap.connect(greenMail.host(), greenMail.imapPort(), 5000)) {
            String greeting = s.line();
            assertTrue(greeting.startsWith("* OK"), greeting);
        }
    }

    @Test
    void implicitTlsPresentsTestCertificateAndVerifies() throws IOException {
        assertTrue(greenMail.usesTestCertificates(), greenMail.serverCertificate()::toString);
        assertEquals(TestCertificates.ca(), greenMail.ca());
        try (RawImap s = RawImap.connectTls(greenMail.host(), greenMail.imapsPort(), "localhost")) {
            String greeting = s.line();
            assertTrue(greeting.startsWith("* OK"), greeting);
        }
    }

    @Test
    void deliveredMessageIsInInbox() throws IOException {
        greenMail.deliver("From: bob@localhost\r\nTo: alice@localhost\r\nSubject: fixture\r\n\r\nhello\r\n");
        try (RawImap s = RawImap.connect(greenMail.host(), greenMail.imapPort(), 5000)) {
            s.line();
            List<String> login = s.command("a1", "LOGIN " + GreenMailServer.USER + " " + GreenMailServer.PASSWORD);
            assertTrue(login.get(login.size() - 1).startsWith("a1 OK"), login::toString);
            String select = String.join("\n", s.command("a2", "SELECT INBOX"));
            assertTrue(select.matches("(?s).*\\* [1-9][0-9]* EXISTS.*"), select);
            String fetch = String.join("\n", s.command("a3", "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"));
            assertTrue(fetch.contains("Subject: fixture"), fetch);
            s.command("a4", "LOGOUT");
        }
    }
}
