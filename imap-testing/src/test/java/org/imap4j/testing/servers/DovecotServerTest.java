package org.imap4j.testing.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    private static RawImap connect() throws IOException {
        return RawImap.connect(dovecot.host(), dovecot.imapPort(), 5000);
    }

    @Test
    void plainPortGreetsAndOffersStarttls() throws IOException {
        try (RawImap s = connect()) {
            String greeting = s.line();
            assertTrue(greeting.startsWith("* OK"), greeting);
            assertTrue(greeting.contains("STARTTLS"), greeting);
        }
    }

    @Test
    void implicitTlsPortVerifiesWithCaAndHostname() throws IOException {
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            try (RawImap s = RawImap.connectTls(dovecot.host(), dovecot.imapsPort(), host)) {
                assertEquals(dovecot.ca(), ((SSLSocket) s.socket()).getSession().getPeerCertificates()[1]);
                String greeting = s.line();
                assertTrue(greeting.startsWith("* OK"), greeting);
            }
        }
    }

    @Test
    void loggedInCapabilitiesIncludeCompressQuotaAndSpecialUse() throws IOException {
        try (RawImap s = connect()) {
            s.line();
            List<String> login = s.command("a1", "LOGIN " + DovecotServer.USER + " " + DovecotServer.PASSWORD);
            assertTrue(login.get(login.size() - 1).startsWith("a1 OK"), login::toString);
            List<String> caps = s.command("a2", "CAPABILITY");
            String all = String.join("\n", caps);
            assertTrue(all.contains(" COMPRESS=DEFLATE"), all);
            assertTrue(all.contains(" QUOTA"), all);
            assertTrue(all.contains(" SPECIAL-USE"), all);
            assertTrue(all.contains(" CONDSTORE") && all.contains(" QRESYNC"), all);
            String list = String.join("\n", s.command("a3", "LIST \"\" \"*\""));
            for (String use : new String[] {"\\Drafts", "\\Sent", "\\Trash", "\\Junk", "\\Archive"}) {
                assertTrue(list.contains(use), list);
            }
            String quota = String.join("\n", s.command("a4", "GETQUOTAROOT INBOX"));
            assertTrue(quota.contains("(STORAGE 0 1048576)"), quota);
            s.command("a5", "LOGOUT");
        }
    }

    @Test
    @Order(1)
    void secondUserLogsIn() throws IOException {
        try (RawImap s = connect()) {
            s.line();
            List<String> ok = s.command("b1", "LOGIN " + DovecotServer.USER2 + " " + DovecotServer.PASSWORD2);
            assertTrue(ok.get(ok.size() - 1).startsWith("b1 OK"), ok::toString);
            s.command("b2", "LOGOUT");
        }
        assertTrue(Files.exists(dovecot.logFile()));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void wrongPasswordFails() throws IOException {
        try (RawImap s = connect()) {
            s.line();
            List<String> bad = s.command("c1", "LOGIN " + DovecotServer.USER2 + " nope");
            assertTrue(bad.get(bad.size() - 1).startsWith("c1 NO"), bad::toString);
        }
    }
}
