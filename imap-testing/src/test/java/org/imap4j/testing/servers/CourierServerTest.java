package org.imap4j.testing.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Courier fixture starts a real server that keeps mail in its Maildir, and stops it without a trace. */
class CourierServerTest {

    @Test
    void appendsSelectsAndFetchesInAPreauthenticatedSession() throws Exception {
        Path dir;
        try (CourierServer courier = CourierServer.startOrSkip();
                RawImap s = RawImap.connect(courier.host(), courier.imapPort(), 10_000)) {
            assertTrue(s.line().startsWith("* PREAUTH"), "no FAM alert before the greeting");
            String caps = s.command("a1", "CAPABILITY").get(0);
            assertTrue(caps.contains("IDLE") && caps.contains("UIDPLUS") && caps.contains("ACL"), caps);
            String msg = "Subject: hi\r\n\r\nbody\r\n";
            s.write("a2 APPEND INBOX {" + msg.length() + "}\r\n");
            assertTrue(s.line().startsWith("+"));
            s.write(msg + "\r\n");
            assertTrue(s.until("a2").toString().contains("a2 OK [APPENDUID"));
            s.write("a3 SELECT INBOX\r\na4 UID FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\n");
            assertTrue(s.until("a3").contains("* 1 EXISTS"));
            assertTrue(s.until("a4").stream().anyMatch(l -> l.startsWith("Subject: hi")));
            assertEquals("* BYE Courier-IMAP server shutting down", s.command("a5", "LOGOUT").get(0));
            try (Stream<Path> files = Files.list(courier.maildir().resolve("cur"))) {
                assertEquals(1, files.count(), "the message is a file in the Maildir");
            }
            dir = courier.maildir().getParent().getParent();
        }
        assertFalse(Files.exists(dir), "close deletes the server's directory");
        assertFalse(ProcessHandle.allProcesses().anyMatch(h -> h.info().commandLine().orElse("")
                .contains(dir.toString())), "no couriertcpd or imapd of this server is left running");
    }
}
