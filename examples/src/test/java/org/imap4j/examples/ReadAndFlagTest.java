package org.imap4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imap4j.client.ImapClient;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.Test;

class ReadAndFlagTest {
    @Test
    void printsTheUnseenMessagesWithDecodedSubjectsAndMarksOnlyThemSeen() {
        try (GreenMailServer gm = GreenMailServer.start()) {
            gm.deliver("From: =?UTF-8?Q?J=C3=B6rg?= <joerg@example.org>\r\nDate: Fri, 4 Dec 2026 10:00:00 +0100\r\n"
                    + "Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=\r\n\r\nhallo\r\n");
            gm.deliver("From: b@example.org\r\nSubject: plain ascii\r\n\r\nworld\r\n");
            Servers.Output out = new Servers.Output();

            int marked = ReadAndFlag.run(Servers.tls(gm), GreenMailServer.USER, Secret.of(GreenMailServer.PASSWORD),
                    out.stream);

            String printed = out.text();
            assertEquals(2, marked, printed);
            assertTrue(printed.contains("2 unseen"), printed);
            assertTrue(printed.contains("Jörg <joerg@example.org>"), printed);
            assertTrue(printed.contains("Grüße aus Köln"), printed);
            // parsed to OffsetDateTime (GreenMail re-serialises the header in UTC; either form is the same instant)
            assertTrue(printed.contains("2026-12-04T10:00+01:00") || printed.contains("2026-12-04T09:00Z"), printed);
            assertTrue(printed.contains("plain ascii"), printed);
            try (ImapClient check = Servers.tls(gm).connect()) {
                check.login(GreenMailServer.USER, GreenMailServer.PASSWORD);
                check.select(MailboxName.INBOX);
                assertEquals(List.of(), check.search(SearchKey.unseen()).ids(), "both marked \\Seen");
            }
            // a second run finds nothing left to do
            Servers.Output again = new Servers.Output();
            assertEquals(0, ReadAndFlag.run(Servers.tls(gm), GreenMailServer.USER,
                    Secret.of(GreenMailServer.PASSWORD), again.stream));
            assertTrue(again.text().contains("0 unseen"), again.text());
        }
    }
}
