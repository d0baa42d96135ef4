package org.imap4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.imap4j.client.AppendResult;
import org.imap4j.client.CopyResult;
import org.imap4j.client.ImapClient;
import org.imap4j.client.SearchResult;
import org.imap4j.client.StatusResult;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.response.Condition;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.Test;

/** The imap4j side of docs/migrating-from-angus-mail.md's code pairs, run against GreenMail. */
class MigrationGuideTest {
    @Test
    void searchTermsCopyMoveAppendAndStatusWorkAsTheGuideShows() {
        try (GreenMailServer gm = GreenMailServer.start()) {
            gm.deliver("From: billing@example.com\r\nSubject: invoice\r\n\r\n1\r\n");
            gm.deliver("From: friend@example.com\r\nSubject: hi\r\n\r\n2\r\n");
            try (ImapClient client = Servers.tls(gm).connect()) {
                client.login(GreenMailServer.USER, Secret.of(GreenMailServer.PASSWORD));
                client.select(MailboxName.INBOX);

                // "Search terms"
                SearchResult found = client.search(SearchKey.and(SearchKey.from("billing@example.com"),
                        SearchKey.since(LocalDate.now().minusDays(1))));
                assertEquals(1, found.ids().size(), found.toString());

                // "Move, copy, append"
                client.create(MailboxName.of("Archive"));
                CopyResult copied = client.copy(found.toSet(), MailboxName.of("Archive"));
                assertEquals(1, copied.destination().size(), copied.toString());
                client.move(found.toSet(), MailboxName.of("Archive"));
                AppendResult added = client.append(MailboxName.of("Archive"),
                        Bytes.utf8("From: me@example.org\r\nSubject: note\r\n\r\n3\r\n"), Flag.SEEN);
                assertEquals(1, added.uids().size(), "APPENDUID names the new message: " + added);

                // the Folder.getMessageCount / getUnreadMessageCount row
                StatusResult archive = client.status(MailboxName.of("Archive"), StatusAttribute.MESSAGES,
                        StatusAttribute.UNSEEN);
                assertEquals(3, archive.messages().getAsLong(), "copy + moved + appended");
                assertEquals(List.of(), client.search(SearchKey.from("billing@example.com")).ids(), "moved away");

                // "Errors": a NO keeps the client usable
                ImapCommandException no = assertThrows(ImapCommandException.class,
                        () -> client.select(MailboxName.of("Missing")));
                assertEquals(Condition.NO, no.status());
                client.noop();
                client.logout();
            }
            try (ImapClient client = Servers.tls(gm).connect()) {
                assertThrows(ImapAuthenticationException.class,
                        () -> client.login(GreenMailServer.USER, Secret.of("wrong")));
            }
        }
    }
}
