package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.session.TlsOptions;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.Test;

/** The README's quick start against embedded GreenMail over implicit TLS. */
class QuickStartTest {
    @Test
    void quickStartReadsAndMarksUnseenMail() {
        try (GreenMailServer gm = GreenMailServer.start()) {
            gm.deliver("From: a@example.org\r\nSubject: first\r\n\r\nhello\r\n");
            gm.deliver("From: b@example.org\r\nSubject: second\r\n\r\nworld\r\n");
            ImapClientConfig.Builder server = ImapClient.builder(gm.host()).port(gm.imapsPort())
                    .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(gm.ca()))));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            QuickStart.run(server, GreenMailServer.USER, GreenMailServer.PASSWORD,
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("2 messages in INBOX"), printed);
            assertTrue(printed.contains("first") && printed.contains("second"), printed);
            try (ImapClient check = server.connect()) {
                check.login(GreenMailServer.USER, GreenMailServer.PASSWORD);
                check.select(MailboxName.INBOX);
                assertEquals(List.of(), check.search(SearchKey.unseen()).ids(), "the quick start marked them seen");
            }
        }
    }
}
