package org.imap4j.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.imap4j.client.ImapClient;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.Section;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many messages parsed as they arrive with one FETCH; a message that breaks a limit fails the call, not the client. */
class MimeSinkTest {
    @TempDir
    Path spool;

    @Test
    void parsesEveryMessageOfOneFetchAndSurvivesABadOne() {
        try (GreenMailServer gm = GreenMailServer.start();
                ImapClient c = ImapClient.builder(gm.host()).port(gm.imapPort()).tlsMode(TlsMode.PLAIN)
                        .allowCleartextPasswords(true).connect()) {
            gm.deliver("Subject: =?UTF-8?Q?one_=E2=9C=93?=\r\n\r\nfirst\r\n");
            gm.deliver(MimeMessagesTest.message(MimeMessagesTest.random(200_000)));
            StringBuilder many = new StringBuilder("Subject: many\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n");
            for (int i = 0; i < 30; i++) {
                many.append("--b\r\nContent-Type: text/plain\r\n\r\npart\r\n");
            }
            gm.deliver(many.append("--b--\r\n").toString());
            c.login(GreenMailServer.USER, GreenMailServer.PASSWORD);
            c.select(MailboxName.INBOX);
            List<Long> uids = c.search(SearchKey.all()).ids();

            MimeSink sink = new MimeSink(MimeOptions.defaults().withSpoolThreshold(32 << 10).withSpoolDirectory(spool));
            c.fetchMessages(SequenceSet.of(uids), sink);
            Map<Long, MimeMessage> got = sink.messages();
            assertEquals(uids, List.copyOf(got.keySet()));
            assertEquals("one ✓", got.get(uids.get(0)).subject());
            assertEquals("first", got.get(uids.get(0)).text().orElseThrow().strip());
            try (MimeMessage second = got.get(uids.get(1))) {
                assertEquals("Grüße aus Köln", second.subject());
                assertEquals(200_000, second.attachments().get(0).size());
                assertTrue(second.attachments().get(0).content() instanceof Content.Spooled);
            }
            assertEquals(30, got.get(uids.get(2)).textParts().size());

            MimeSink strict = new MimeSink(MimeOptions.defaults().withLimits(4096, 10, 8).withSpoolDirectory(spool));
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> c.fetchSpecific(SequenceSet.of(uids), Section.whole(), strict));
            assertTrue(String.valueOf(e.getCause().getMessage()).contains("could not be parsed"), e::toString);
            // the command was read to its end: the connection is still in step
            assertEquals("first", MimeMessages.fetch(c, uids.get(0), MimeOptions.defaults()).text().orElseThrow()
                    .strip());
            assertThrows(NoSuchElementException.class, () -> MimeMessages.fetch(c, 999_999, MimeOptions.defaults()));
        }
    }
}
