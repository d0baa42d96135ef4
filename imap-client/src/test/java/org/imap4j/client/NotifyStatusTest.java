package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.NotifyGroup;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.StatusItem;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.ScriptedImapServer;
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

    private static ScriptedImapServer server(String capabilities) throws java.io.IOException {
        return ScriptedImapServer.start(ImapScript.create().greeting(capabilities.split(" ")).handler(x -> {
            if (x.command() instanceof Command.Status) {
                // NOTIFY's push for B comes first, then the answer for A
                x.send(new Untagged.MailboxStatus(B, List.of(new StatusItem.Count(StatusItem.Kind.MESSAGES, 9),
                        new StatusItem.Count(StatusItem.Kind.UNSEEN, 4))),
                        new Untagged.MailboxStatus(A, List.of(new StatusItem.Count(StatusItem.Kind.MESSAGES, 1))));
                x.ok("done");
                return true;
            }
            return false; // LOGOUT gets BYE, anything else OK
        }));
    }

    private static Command last(ScriptedImapServer s) {
        List<TaggedCommand> received = s.received();
        return received.get(received.size() - 1).command();
    }

    /** What the listener heard of unsolicited STATUS responses. */
    private static final class Heard implements MailboxListener {
        final List<String> statuses = new CopyOnWriteArrayList<>();

        @Override
        public void mailboxStatus(MailboxName mailbox, List<StatusItem> items) {
            statuses.add(mailbox.name() + " " + items);
        }
    }

    private static ImapClientConfig.Builder client(ScriptedImapServer s, ImapClientConfig.Transport t, Heard heard) {
        return ImapClient.builder("127.0.0.1").port(s.port()).tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true)
                .transport(t).readTimeout(Duration.ofSeconds(20)).listener(heard);
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void notifySetIsWrittenAndAnotherMailboxsStatusReachesTheListener(ImapClientConfig.Transport t)
            throws Exception {
        Heard heard = new Heard();
        try (ScriptedImapServer s = server("IMAP4rev1 IDLE NOTIFY"); ImapClient c = client(s, t, heard).connect()) {
            List<NotifyGroup.Event> events = List.of(NotifyGroup.Event.MESSAGE_NEW,
                    NotifyGroup.Event.MESSAGE_EXPUNGE, NotifyGroup.Event.FLAG_CHANGE);
            List<NotifyGroup> groups = List.of(new NotifyGroup(NotifyGroup.Filter.SELECTED, List.of(), events),
                    new NotifyGroup(NotifyGroup.Filter.MAILBOXES, List.of(A, B), events));
            c.notifySet(groups, false);
            assertEquals(new Command.Notify(groups, false), last(s), () -> s.received().toString());

            StatusResult r = c.status(A, StatusAttribute.MESSAGES);
            assertEquals(A, r.mailbox());
            assertEquals(1, r.messages().orElseThrow(), "B's counters are not A's answer");
            assertTrue(r.unseen().isEmpty(), r.toString());
            c.noop(); // the listener has heard what came before
            assertEquals(List.of("B " + List.of(new StatusItem.Count(StatusItem.Kind.MESSAGES, 9),
                    new StatusItem.Count(StatusItem.Kind.UNSEEN, 4))), heard.statuses);

            c.notifySet(List.of(), false);
            assertEquals(new Command.Notify(List.of(), false), last(s), () -> s.received().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void withoutTheCapabilityNotifyIsRefusedBeforeSending(ImapClientConfig.Transport t) throws Exception {
        try (ScriptedImapServer s = server("IMAP4rev1 IDLE"); ImapClient c = client(s, t, new Heard()).connect()) {
            assertThrows(ImapCapabilityException.class, () -> c.notifySet(List.of(), false));
            c.noop();
            assertTrue(s.received().stream().noneMatch(r -> r.command() instanceof Command.Notify),
                    () -> s.received().toString());
        }
    }
}
