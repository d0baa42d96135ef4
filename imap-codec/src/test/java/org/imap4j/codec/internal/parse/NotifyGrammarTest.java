package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.NotifyGroup;
import org.imap4j.codec.command.NotifyGroup.Event;
import org.imap4j.codec.command.NotifyGroup.Filter;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/** NOTIFY (RFC 5465): commands both ways, its response codes, the RFC's rules, and round trips. */
class NotifyGrammarTest {

    private static void command(String line, Command c) {
        Tag tag = Tag.of(line.substring(0, line.indexOf(' ')));
        assertEquals(line + "\r\n", new String(ImapCodec.encodeCommandBytes(tag, c), StandardCharsets.UTF_8));
        assertEquals(c, ImapCodec.decodeCommand((line + "\r\n").getBytes(StandardCharsets.UTF_8)).command());
    }

    private static Command parse(String line) {
        return ImapCodec.decodeCommand((line + "\r\n").getBytes(StandardCharsets.UTF_8)).command();
    }

    @Test
    void commands() {
        command("A1 NOTIFY SET STATUS (selected (MessageNew MessageExpunge FlagChange)) (subtree Lists (MessageNew "
                + "MessageExpunge))", new Command.Notify(List.of(
                        NotifyGroup.selected(Event.MESSAGE_NEW, Event.MESSAGE_EXPUNGE, Event.FLAG_CHANGE),
                        new NotifyGroup(Filter.SUBTREE, List.of(MailboxName.of("Lists")),
                                List.of(Event.MESSAGE_NEW, Event.MESSAGE_EXPUNGE))), true));
        command("a NOTIFY SET (mailboxes (INBOX S2/folder1) (MessageNew))", new Command.Notify(List.of(
                new NotifyGroup(Filter.MAILBOXES, List.of(MailboxName.INBOX, MailboxName.of("S2/folder1")),
                        List.of(Event.MESSAGE_NEW))), false));
        command("A2 NOTIFY NONE", new Command.Notify(List.of(), false));
        command("a NOTIFY SET (selected (MessageNew (UID BODY.PEEK[HEADER.FIELDS (From To Subject)]) MessageExpunge)) "
                + "(personal NONE)", new Command.Notify(List.of(NotifyGroup.selected(Event.messageNew(List.of(
                        FetchAttribute.Item.UID, new FetchAttribute.BodySection(Section.headerFields("From",
                                "To", "Subject"), true, null))), Event.MESSAGE_EXPUNGE),
                NotifyGroup.of(Filter.PERSONAL)), false));
        assertEquals(new Command.Notify(List.of(new NotifyGroup(Filter.MAILBOXES, List.of(MailboxName.INBOX,
                MailboxName.of("S2/folder1")), List.of(Event.MESSAGE_NEW))), false),
                parse("a NOTIFY SET (MAILBOXES (INBOX \"S2/folder1\") (MessageNew))"));
        // what servers accept from clients: keywords in any case, and the RFC's example without inner parentheses
        assertEquals(new Command.Notify(List.of(NotifyGroup.of(Filter.PERSONAL, Event.MESSAGE_NEW,
                Event.MESSAGE_EXPUNGE, Event.FLAG_CHANGE)), true),
                parse("a NOTIFY SET STATUS (PERSONAL (MessageNew MessageExpunge FlagChange))"));
        assertEquals(new Command.Notify(List.of(NotifyGroup.selected(Event.MESSAGE_NEW, Event.MESSAGE_EXPUNGE),
                new NotifyGroup(Filter.SUBTREE, List.of(MailboxName.of("Lists")), List.of(Event.MESSAGE_NEW))), true),
                parse("a notify set status (selected MessageNew MessageExpunge) (subtree Lists MessageNew)"));
    }

    @Test
    void theRulesOfTheRfcAreKeptWhenSending() {
        assertThrows(ImapValidationException.class, () -> NotifyGroup.selected(Event.MAILBOX_NAME),
                "only message events for the selected mailbox");
        assertThrows(ImapValidationException.class, () -> new NotifyGroup(Filter.SUBTREE, List.of(),
                List.of(Event.MESSAGE_NEW)), "subtree names a mailbox");
        assertThrows(ImapValidationException.class, () -> new NotifyGroup(Filter.INBOXES, List.of(MailboxName.INBOX),
                List.of()));
        assertThrows(ImapValidationException.class, () -> NotifyGroup.of(Filter.PERSONAL,
                Event.messageNew(List.of(FetchAttribute.Item.UID))), "attributes only for the selected mailbox");
        assertThrows(ImapValidationException.class, () -> new Command.Notify(List.of(NotifyGroup.selected(
                Event.MESSAGE_NEW), NotifyGroup.of(Filter.SELECTED_DELAYED, Event.MESSAGE_NEW)), false));
        assertThrows(ImapValidationException.class, () -> new Command.Notify(List.of(), true));
        // the go-imap bug servers refuse: STATUS in parentheses, a filter keyword missing
        assertThrows(ImapProtocolException.class, () -> parse("a NOTIFY SET (STATUS) (selected (MessageNew))"));
        assertThrows(ImapProtocolException.class, () -> parse("a NOTIFY SET ((INBOX) (MessageNew))"));
    }

    @Test
    void responseCodes() {
        assertEquals(new Untagged.StatusResponse(Condition.OK, new ResponseCode.Simple(
                ResponseCode.Kind.NOTIFICATIONOVERFLOW), "gave up"), ImapCodec.decodeResponse(
                "* OK [NOTIFICATIONOVERFLOW] gave up\r\n".getBytes(StandardCharsets.US_ASCII)));
        Tagged t = new Tagged(Tag.of("A3"), Condition.NO, new ResponseCode.BadEvent(List.of("MailboxMetadataChange",
                "ServerMetadataChange")), "not supported");
        String wire = "A3 NO [BADEVENT (MailboxMetadataChange ServerMetadataChange)] not supported\r\n";
        assertEquals(t, ImapCodec.decodeResponse(wire.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(wire, new String(ImapCodec.encodeResponse(t), StandardCharsets.US_ASCII));
    }

    @Provide
    Arbitrary<Command> notifies() {
        Arbitrary<List<MailboxName>> mbs = Arbitraries.of(MailboxName.INBOX, MailboxName.of("a b"),
                MailboxName.of("L\u00e4sts/x")).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Event>> other = Arbitraries.of(Event.MESSAGE_NEW, Event.MESSAGE_EXPUNGE, Event.FLAG_CHANGE,
                Event.MAILBOX_NAME, Event.SUBSCRIPTION_CHANGE, new Event("XEvent", List.of())).list().ofMaxSize(3);
        Arbitrary<List<Event>> selected = Arbitraries.of(Event.MESSAGE_NEW, Event.MESSAGE_EXPUNGE, Event.FLAG_CHANGE,
                Event.messageNew(List.of(FetchAttribute.Item.UID, FetchAttribute.Item.FLAGS))).list().ofMaxSize(3);
        Arbitrary<NotifyGroup> group = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(Filter.SELECTED, Filter.SELECTED_DELAYED), selected)
                        .as((f, e) -> new NotifyGroup(f, List.of(), e)),
                Combinators.combine(Arbitraries.of(Filter.INBOXES, Filter.PERSONAL, Filter.SUBSCRIBED), other)
                        .as((f, e) -> new NotifyGroup(f, List.of(), e)),
                Combinators.combine(Arbitraries.of(Filter.SUBTREE, Filter.MAILBOXES), mbs, other)
                        .as(NotifyGroup::new));
        return Combinators.combine(group.list().ofMaxSize(3).filter(l -> l.stream()
                        .filter(g -> g.filter().selected()).count() <= 1), Arbitraries.of(true, false))
                .as((g, s) -> new Command.Notify(g, s && !g.isEmpty()));
    }

    @Property(tries = 300)
    void roundTrips(@ForAll("notifies") Command c) {
        assertEquals(c, ImapCodec.decodeCommand(ImapCodec.encodeCommandBytes(Tag.of("n"), c)).command());
    }
}
