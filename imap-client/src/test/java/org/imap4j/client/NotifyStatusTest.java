package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.command.NotifyGroup;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.StatusItem;
import org.imap4j.session.TlsMode;
import org.imap4j.session.testing.HostileServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * NOTIFY (RFC 5465) on the wire against a scripted server: the command as written, an unsolicited STATUS of another
 * mailbox heard by the listener (and not taken as the answer of a STATUS command in flight), and the typed refusal
 * when the server does not offer NOTIFY.
 */
class NotifyStatusTest {
    private static final MailboxName A = MailboxName.of("A");
    private static final MailboxName B = MailboxName.of("B");

    private static HostileServer server(String capabilities, List<String> lines) throws java.io.IOException {
        return HostileServer.start(peer -> {
            peer.send("* OK [CAPABILITY " + capabilities + "] scripted\r\n");
            while (true) {
                String line = peer.readLine();
                lines.add(line);
                String[] w = line.split(" ", 3);
                String tag = w[0];
                String verb = w.length > 1 ? w[1].toUpperCase(Locale.ROOT) : "";
                if (verb.equals("LOGOUT")) {
                    peer.send("* BYE bye\r\n" + tag + " OK done\r\n");
                    return;
                }
                if (verb.equals("STATUS")) {
                    // NOTIFY's push for B comes first, then the answer for A
                    peer.send("* STATUS B (MESSAGES 9 UNSEEN 4)\r\n* STATUS A (MESSAGES 1)\r\n" + tag
                            + " OK done\r\n");
                    continue;
                }
                peer.send(tag + " OK done\r\n");
            }
        });
    }

    /** What the listener heard of unsolicited STATUS responses. */
    private static final class Heard implements MailboxListener {
        final List<String> statuses = new CopyOnWriteArrayList<>();

        @Override
        public void mailboxStatus(MailboxName mailbox, List<StatusItem> items) {
            statuses.add(mailbox.name() + " " + items);
        }
    }

    private static ImapClientConfig.Builder client(HostileServer s, ImapClientConfig.Transport t, Heard heard) {
        return ImapClient.builder("127.0.0.1").port(s.port()).tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true)
                .transport(t).readTimeout(Duration.ofSeconds(20)).listener(heard);
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void notifySetIsWrittenAndAnotherMailboxsStatusReachesTheListener(ImapClientConfig.Transport t)
            throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Heard heard = new Heard();
        try (HostileServer s = server("IMAP4rev1 IDLE NOTIFY", lines); ImapClient c = client(s, t, heard).connect()) {
            List<NotifyGroup.Event> events = List.of(NotifyGroup.Event.MESSAGE_NEW,
                    NotifyGroup.Event.MESSAGE_EXPUNGE, NotifyGroup.Event.FLAG_CHANGE);
            c.notifySet(List.of(new NotifyGroup(NotifyGroup.Filter.SELECTED, List.of(), events),
                    new NotifyGroup(NotifyGroup.Filter.MAILBOXES, List.of(A, B), events)), false);
            assertTrue(lines.get(lines.size() - 1).endsWith(" NOTIFY SET (selected (MessageNew MessageExpunge "
                    + "FlagChange)) (mailboxes (A B) (MessageNew MessageExpunge FlagChange))"), lines.toString());

            StatusResult r = c.status(A, StatusAttribute.MESSAGES);
            assertEquals(A, r.mailbox());
            assertEquals(1, r.messages().orElseThrow(), "B's counters are not A's answer");
            assertTrue(r.unseen().isEmpty(), r.toString());
            c.noop(); // the listener has heard what came before
            assertEquals(List.of("B " + List.of(new StatusItem.Count(StatusItem.Kind.MESSAGES, 9),
                    new StatusItem.Count(StatusItem.Kind.UNSEEN, 4))), heard.statuses);

            c.notifySet(List.of(), false);
            assertTrue(lines.get(lines.size() - 1).endsWith(" NOTIFY NONE"), lines.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void withoutTheCapabilityNotifyIsRefusedBeforeSending(ImapClientConfig.Transport t) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer s = server("IMAP4rev1 IDLE", lines); ImapClient c = client(s, t, new Heard()).connect()) {
            assertThrows(ImapCapabilityException.class, () -> c.notifySet(List.of(), false));
            c.noop();
            assertTrue(lines.stream().noneMatch(l -> l.contains("NOTIFY")), lines.toString());
        }
    }
}
