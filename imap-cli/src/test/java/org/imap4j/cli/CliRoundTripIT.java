package org.imap4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.imap4j.client.ImapClient;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.CyrusServer;
import org.imap4j.testing.servers.DovecotServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: export from Dovecot, import into Cyrus, export again: the same messages (byte for byte), dates and flags.
 */
class CliRoundTripIT {

    @Test
    void dovecotToCyrusAndBackKeepsBytesDatesAndFlags(@TempDir Path dir) throws Exception {
        try (DovecotServer d = DovecotServer.startOrSkip(); CyrusServer cy = CyrusServer.startOrSkip()) {
            try (ImapClient c = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                    .allowCleartextPasswords(true).connect()) {
                c.login(DovecotServer.USER, DovecotServer.PASSWORD);
                c.create(MailboxName.of("Trip"));
                Flag[][] flags = {{Flag.SEEN}, {}, {Flag.FLAGGED, Flag.ANSWERED, Flag.of("$Work")}, {Flag.DRAFT}};
                for (int i = 0; i < flags.length; i++) {
                    c.append(MailboxName.of("Trip"), Bytes.utf8("From: Eve <eve@example.org>\r\nSubject: trip " + i
                            + "\r\nMessage-ID: <trip" + i + "@example.org>\r\n\r\nFrom the start, line " + i
                            + "\r\n>From quoted\r\n"), OffsetDateTime.of(2023, 5, 6 + i, 7, 8, 9, 0,
                            ZoneOffset.ofHours(2)), flags[i]);
                }
                c.logout();
            }
            Path first = dir.resolve("first.mbox");
            CliProcess.Result ex = CliProcess.run(DovecotServer.PASSWORD, "export", "imap://" + DovecotServer.USER
                    + "@" + d.host() + ":" + d.imapPort() + "/Trip", first.toString(), "--insecure-plaintext");
            assertEquals(0, ex.code(), ex.toString());
            String cyrus = "imap://" + CyrusServer.USER + "@" + cy.host() + ":" + cy.imapPort() + "/Trip";
            CliProcess.Result im = CliProcess.run(CyrusServer.PASSWORD, "import", cyrus, first.toString(),
                    "--insecure-plaintext");
            assertEquals(0, im.code(), im.toString());
            Path second = dir.resolve("second.mbox");
            CliProcess.Result back = CliProcess.run(CyrusServer.PASSWORD, "export", cyrus, second.toString(),
                    "--insecure-plaintext");
            assertEquals(0, back.code(), back.toString());
            assertTrue(back.out().startsWith("exported 4 new messages"), back.toString());
            assertEquals(ForeignImport.datesAndFlags(d.host(), d.imapPort(), DovecotServer.USER,
                    DovecotServer.PASSWORD, "Trip"), ForeignImport.datesAndFlags(cy.host(), cy.imapPort(),
                    CyrusServer.USER, CyrusServer.PASSWORD, "Trip"));
            assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second),
                    "the same mbox, From lines (dates) and Status lines (flags) included");
        }
    }
}
