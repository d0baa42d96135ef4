package org.imap4j.testing.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Courier fixture starts a real server that keeps mail in its Maildir, and stops it without a trace. */
class CourierServerTest {

    private static List<String> untilTagged(InputStream in, String tag) throws Exception {
        List<String> lines = new ArrayList<>();
        String l;
        do {
            l = ServerProcesses.readLine(in);
            lines.add(l);
        } while (!l.startsWith(tag + " "));
        return lines;
    }

    @Test
    void appendsSelectsAndFetchesInAPreauthenticatedSession() throws Exception {
        Path dir;
        try (CourierServer courier = CourierServer.startOrSkip();
                Socket s = new Socket(courier.host(), courier.imapPort())) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            assertTrue(ServerProcesses.readLine(in).startsWith("* PREAUTH"), "no FAM alert before the greeting");
            out.write("a1 CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII));
            String caps = untilTagged(in, "a1").get(0);
            assertTrue(caps.contains("IDLE") && caps.contains("UIDPLUS") && caps.contains("ACL"), caps);
            String msg = "Subject: hi\r\n\r\nbody\r\n";
            out.write(("a2 APPEND INBOX {" + msg.length() + "}\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(ServerProcesses.readLine(in).startsWith("+"));
            out.write((msg + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(untilTagged(in, "a2").toString().contains("a2 OK [APPENDUID"));
            out.write("a3 SELECT INBOX\r\na4 UID FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(untilTagged(in, "a3").contains("* 1 EXISTS"));
            assertTrue(untilTagged(in, "a4").stream().anyMatch(l -> l.startsWith("Subject: hi")));
            out.write("a5 LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("* BYE Courier-IMAP server shutting down", untilTagged(in, "a5").get(0));
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
