package org.imap4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.imap4j.client.ImapClient;
import org.imap4j.client.SearchResult;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaveAttachmentsTest {
    @TempDir
    Path dir;

    @Test
    void streamsEachAttachmentDecodedIntoItsFile() throws IOException {
        byte[] big = new byte[6 * 1024 * 1024];
        new Random(17).nextBytes(big);
        byte[] small = "name,amount\r\nx,1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String message = "From: a@example.org\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee attached\r\n"
                + "--b1\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"data.bin\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(big) + "\r\n"
                + "--b1\r\nContent-Type: text/csv\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"../../evil.csv\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(small) + "\r\n"
                + "--b1--\r\n";
        try (GreenMailServer gm = GreenMailServer.start()) {
            gm.deliver(message);
            long uid;
            try (ImapClient c = Servers.tls(gm).connect()) {
                c.login(GreenMailServer.USER, GreenMailServer.PASSWORD);
                c.select(MailboxName.INBOX);
                uid = c.search(SearchKey.all()).ids().get(0);
            }
            Servers.Output out = new Servers.Output();

            List<Path> files = SaveAttachments.run(Servers.tls(gm), GreenMailServer.USER,
                    Secret.of(GreenMailServer.PASSWORD), uid, dir.resolve("out"), out.stream);

            assertEquals(List.of(dir.resolve("out/1-data.bin"), dir.resolve("out/2-evil.csv")), files, out.text());
            assertArrayEquals(big, Files.readAllBytes(files.get(0)));
            assertArrayEquals(small, Files.readAllBytes(files.get(1)));
            assertTrue(out.text().contains("1-data.bin  application/octet-stream  6291456 bytes"), out.text());
            try (ImapClient c = Servers.tls(gm).connect()) {
                c.login(GreenMailServer.USER, GreenMailServer.PASSWORD);
                c.select(MailboxName.INBOX);
                SearchResult unseen = c.search(SearchKey.unseen());
                assertEquals(List.of(uid), unseen.ids(), "fetched with BODY.PEEK: still unseen");
            }
        }
    }

    @Test
    void fileNamesFromTheSenderCannotLeaveTheDirectory() {
        assertEquals("1-passwd", SaveAttachments.safeFileName("../../etc/passwd", 1));
        assertEquals("2-a_b.txt", SaveAttachments.safeFileName("C:\\x\\a b.txt", 2));
        assertEquals("attachment-3", SaveAttachments.safeFileName("...", 3));
        assertEquals("attachment-4", SaveAttachments.safeFileName("", 4));
    }
}
