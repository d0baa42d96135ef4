package org.imap4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.imap4j.client.ImapClient;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The imap4j jar against a private Dovecot (skipped when Dovecot is not installed, failed on CI). */
class CliDovecotIT {

    @Test
    void commandsTlsAndIncrementalExportWithCondstore(@TempDir Path dir) throws Exception {
        try (DovecotServer d = DovecotServer.startOrSkip()) {
            String base = "imap://" + DovecotServer.USER + "@" + d.host() + ":" + d.imapPort() + "/";
            try (ImapClient c = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                    .allowCleartextPasswords(true).connect()) {
                c.login(DovecotServer.USER, DovecotServer.PASSWORD);
                for (int i = 1; i <= 5; i++) {
                    c.append(MailboxName.INBOX, Bytes.utf8("From: Dan <dan@example.org>\r\nSubject: Dove " + i
                            + "\r\n\r\nFrom here on, body " + i + "\r\n"), i % 2 == 0 ? new Flag[] {Flag.SEEN}
                            : new Flag[0]);
                }
                c.logout();
            }
            String pw = DovecotServer.PASSWORD;
            CliProcess.Result caps = CliProcess.run(pw, "capabilities", base, "--insecure-plaintext");
            assertEquals(0, caps.code(), caps.toString());
            assertTrue(caps.out().lines().anyMatch(l -> l.equals("CONDSTORE")), caps.toString());

            Path pem = CliProcess.pem(d.ca(), dir);
            CliProcess.Result tls = CliProcess.run(pw, "list", "imaps://alice@localhost:" + d.imapsPort() + "/",
                    "--trust-cert", pem.toString());
            assertEquals(0, tls.code(), tls.toString());
            assertTrue(tls.out().lines().anyMatch(l -> l.matches("INBOX\\s+5\\s+3")), tls.toString());
            CliProcess.Result starttls = CliProcess.run(pw, "status", base + "INBOX", "--starttls", "--trust-cert",
                    pem.toString());
            assertEquals(0, starttls.code(), starttls.toString());
            assertTrue(starttls.out().contains("messages:      5"), starttls.toString());

            CliProcess.Result search = CliProcess.run(pw, "search", base + "INBOX", "unseen", "subject:Dove",
                    "--insecure-plaintext");
            assertEquals("1 3 5", search.out().strip(), search.toString());
            for (String[] cmd : java.util.List.of(new String[] {"move", base + "INBOX", "4,77", "Elsewhere"},
                    new String[] {"delete", base + "INBOX", "77"}, new String[] {"show", base + "INBOX", "77"})) {
                String[] all = java.util.Arrays.copyOf(cmd, cmd.length + 1);
                all[cmd.length] = "--insecure-plaintext";
                CliProcess.Result missing = CliProcess.run(pw, all);
                assertEquals(5, missing.code(), missing.toString());
                assertTrue(missing.err().contains("no message with UID 77 in INBOX"), missing.toString());
            }
            CliProcess.Result fetch = CliProcess.run(pw, "fetch", base + "INBOX", "--insecure-plaintext");
            assertEquals(6, fetch.out().lines().count(), fetch.toString());
            CliProcess.Result show = CliProcess.run(pw, "show", base + "INBOX", "4", "--insecure-plaintext");
            assertTrue(show.out().contains("From here on, body 4"), show.toString());

            Path mbox = dir.resolve("inbox.mbox");
            CliProcess.Result ex = CliProcess.run(pw, "export", base + "INBOX", mbox.toString(),
                    "--insecure-plaintext");
            assertTrue(ex.out().startsWith("exported 5 new messages"), ex.toString());
            CliProcess.Result flag = CliProcess.run(pw, "flags", base + "INBOX", "add", "1:2", "flagged",
                    "--insecure-plaintext");
            assertEquals(0, flag.code(), flag.toString());
            CliProcess.Result again = CliProcess.run(pw, "export", base + "INBOX", mbox.toString(),
                    "--insecure-plaintext");
            assertTrue(again.out().startsWith("exported 0 new messages") && again.out().contains("2 flag changes"),
                    again.toString());
            CliProcess.Result im = CliProcess.run(pw, "import", base + "Copy", mbox.toString(),
                    "--insecure-plaintext");
            assertEquals(0, im.code(), im.toString());
            CliProcess.Result flagged = CliProcess.run(pw, "search", base + "Copy", "flagged",
                    "--insecure-plaintext");
            assertEquals("1 2", flagged.out().strip(), "flag changes reached the archive: " + flagged);
        }
    }

    /** An LF-only mbox imports into Dovecot with its dates and flags, and a re-run adds nothing. */
    @Test
    void lfMboxImportsWithDatesAndFlagsAndOnlyOnce(@TempDir Path dir) throws Exception {
        try (DovecotServer d = DovecotServer.startOrSkip()) {
            ForeignImport.importTwice(d.host(), d.imapPort(), DovecotServer.USER, DovecotServer.PASSWORD, dir);
        }
    }
}
