package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.imap4j.codec.internal.parse.ResponseParserTest.exact;
import static org.imap4j.codec.internal.parse.ResponseParserTest.leaf;
import static org.imap4j.codec.internal.parse.ResponseParserTest.longs;
import static org.imap4j.codec.internal.parse.ResponseParserTest.parse;
import static org.imap4j.codec.internal.parse.ResponseParserTest.simple;
import static org.imap4j.codec.internal.parse.ResponseParserTest.st;
import static org.imap4j.codec.internal.parse.RuleTests.command;
import static org.imap4j.codec.internal.parse.RuleTests.commandRoundTrip;
import static org.imap4j.codec.internal.parse.RuleTests.responseRoundTrip;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.CommandArbitraries;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.command.Wire;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.fetch.Address;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.codec.fetch.Envelope;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.internal.encode.DateTimeEncoder;
import org.imap4j.codec.internal.encode.FetchEncoder;
import org.imap4j.codec.internal.encode.ImapWriter;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.IdParam;
import org.imap4j.codec.response.ListExtendedItem;
import org.imap4j.codec.response.MailboxAttribute;
import org.imap4j.codec.response.MessageThread;
import org.imap4j.codec.response.NamespaceDescriptor;
import org.imap4j.codec.response.QuotaResource;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.StatusItem;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/** STATUS (RFC 9051 sections 6.3.11 and 7.3.4): the command, the response and its items. */
class StatusParserTest {

    @Test
    void statusData() {
        exact("* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)", new Untagged.MailboxStatus(
                MailboxName.of("blurdybloop"), List.of(new StatusItem.Count(StatusItem.Kind.MESSAGES, 231),
                new StatusItem.Count(StatusItem.Kind.UIDNEXT, 44292))));
        exact("* STATUS INBOX (RECENT 1 UIDVALIDITY 7 UNSEEN 0 DELETED 2 SIZE 9000000000 HIGHESTMODSEQ 7011231777 "
                + "APPENDLIMIT NIL)", new Untagged.MailboxStatus(MailboxName.INBOX, List.of(
                new StatusItem.Count(StatusItem.Kind.RECENT, 1), new StatusItem.Count(StatusItem.Kind.UIDVALIDITY, 7),
                new StatusItem.Count(StatusItem.Kind.UNSEEN, 0), new StatusItem.Count(StatusItem.Kind.DELETED, 2),
                new StatusItem.Count(StatusItem.Kind.SIZE, 9000000000L),
                new StatusItem.Count(StatusItem.Kind.HIGHESTMODSEQ, 7011231777L), new StatusItem.AppendLimit(null))));
        exact("* STATUS foo (APPENDLIMIT 257890 MAILBOXID (F2212ea87-6097-4256-9d51-71338625) X-NEW (1 2))",
                new Untagged.MailboxStatus(MailboxName.of("foo"), List.of(new StatusItem.AppendLimit(257890L),
                        new StatusItem.MailboxId("F2212ea87-6097-4256-9d51-71338625"),
                        new StatusItem.Other("X-NEW", new ImapValue.ValueList(List.of(new ImapValue.Num(1),
                                new ImapValue.Num(2)))))));
        assertThrows(ImapProtocolException.class, () -> parse("* STATUS foo (UIDNEXT 0)"));
    }

    @Test
    void greenMailsUnescapedQuotesInAStatusMailbox() {
        // quirks corpus: greenmail-status-unescaped-quotes (GreenMail 2.1.2)
        assertEquals(new Untagged.MailboxStatus(MailboxName.of("a \"b\" (c)"), List.of(
                new StatusItem.Count(StatusItem.Kind.MESSAGES, 1))), parse("* STATUS \"a \"b\" (c)\" (MESSAGES 1)"));
    }

    @Test
    void realServerQuirks() {
        // quirks corpus: outlook-status-trailing-space (Outlook / Exchange behind Dovecot)
        assertEquals(new Untagged.MailboxStatus(MailboxName.INBOX, List.of(
                new StatusItem.Count(StatusItem.Kind.MESSAGES, 0))), parse("* STATUS INBOX (MESSAGES 0) "));
        // quirks corpus: mail163-status-empty-list (mail.163.com)
        assertEquals(new Untagged.MailboxStatus(MailboxName.INBOX, List.of()), parse("* STATUS INBOX ()"));
    }

    @Test
    void statusCommand() {
        // RFC 9051 section 6.3.11
        assertEquals(new Command.Status(MailboxName.of("blurdybloop"), List.of(StatusAttribute.UIDNEXT,
                StatusAttribute.MESSAGES)), command("A042 STATUS blurdybloop (UIDNEXT MESSAGES)"));
        assertThrows(ImapProtocolException.class, () -> Wire.parse("A1 STATUS x ()\r\n"));
        assertThrows(ImapProtocolException.class, () -> Wire.parse("A1 STATUS x (BOGUS)\r\n"));
    }

    @Provide
    Arbitrary<Untagged.MailboxStatus> responses() {
        return Combinators.combine(ResponseProperties.mailbox(), ResponseProperties.statusItem().list().ofMaxSize(5))
                .as(Untagged.MailboxStatus::new);
    }

    @Provide
    Arbitrary<Command.Status> commands() {
        return Combinators.combine(CommandArbitraries.mailbox(),
                Arbitraries.of(StatusAttribute.class).list().ofMinSize(1).ofMaxSize(4)).as(Command.Status::new);
    }

    @Property(tries = 300)
    void responseRoundTrips(@ForAll("responses") Untagged.MailboxStatus x) {
        responseRoundTrip(x);
    }

    @Property(tries = 300)
    void commandRoundTrips(@ForAll("commands") Command.Status c) {
        commandRoundTrip(c);
    }
}
