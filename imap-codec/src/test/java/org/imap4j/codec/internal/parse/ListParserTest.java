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

/** LIST and LSUB (RFC 9051 sections 6.3.9 and 7.3.1) with LIST-EXTENDED (RFC 5258) and LIST-STATUS (RFC 5819). */
class ListParserTest {

    @Test
    void listAndLsub() {
        exact("* LIST (\\Noselect) \"/\" ~/Mail/foo", new Untagged.MailboxList(false,
                List.of(MailboxAttribute.Known.NOSELECT), "/", MailboxName.of("~/Mail/foo"), List.of()));
        exact("* LIST () NIL foo", new Untagged.MailboxList(false, List.of(), null, MailboxName.of("foo"),
                List.of()));
        exact("* LSUB () \".\" #news.comp.mail.misc", new Untagged.MailboxList(true, List.of(), ".",
                MailboxName.of("#news.comp.mail.misc"), List.of()));
        exact("* LIST (\\Subscribed \\NonExistent) \"/\" Fruit/Peach", new Untagged.MailboxList(false,
                List.of(MailboxAttribute.Known.SUBSCRIBED, MailboxAttribute.Known.NON_EXISTENT), "/",
                MailboxName.of("Fruit/Peach"), List.of()));
        assertEquals(new Untagged.MailboxList(false, List.of(), "/", MailboxName.of("Foo"),
                List.of(new ListExtendedItem.ChildInfo(List.of("SUBSCRIBED")))),
                parse("* LIST () \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))"));
        assertEquals(new Untagged.MailboxList(false, List.of(), "/", MailboxName.of("NewMailbox"),
                List.of(new ListExtendedItem.OldName(MailboxName.of("OldMailbox")))),
                parse("* LIST () \"/\" \"NewMailbox\" (\"OLDNAME\" (\"OldMailbox\"))"));
        assertEquals(new Untagged.MailboxList(false, List.of(), "/", MailboxName.of("x"),
                List.of(new ListExtendedItem.Other("X-FOO", new ImapValue.ValueList(List.of(new ImapValue.Num(1)))))),
                parse("* LIST () \"/\" x (\"X-FOO\" (1))"));
        Untagged.MailboxList special = (Untagged.MailboxList) parse(
                "* LIST (\\HasNoChildren \\All \\Archive \\Drafts \\Flagged \\Junk \\Sent \\Trash \\Marked "
                        + "\\Unmarked \\HasChildren \\Noinferiors \\Remote \\X-Custom) \"/\" x");
        assertEquals(List.of(MailboxAttribute.Known.HAS_NO_CHILDREN, MailboxAttribute.Known.ALL,
                MailboxAttribute.Known.ARCHIVE, MailboxAttribute.Known.DRAFTS, MailboxAttribute.Known.FLAGGED,
                MailboxAttribute.Known.JUNK, MailboxAttribute.Known.SENT, MailboxAttribute.Known.TRASH,
                MailboxAttribute.Known.MARKED, MailboxAttribute.Known.UNMARKED, MailboxAttribute.Known.HAS_CHILDREN,
                MailboxAttribute.Known.NOINFERIORS, MailboxAttribute.Known.REMOTE,
                new MailboxAttribute.Other("\\X-Custom")), special.attributes());
        assertEquals(MailboxAttribute.Known.NOSELECT,
                ((Untagged.MailboxList) parse("* LIST (\\NoSelect) \"/\" x")).attributes().get(0));
    }

    @Test
    void mailboxNamesAreDecoded() {
        assertEquals(MailboxName.of("日本語"),
                ((Untagged.MailboxList) parse("* LIST () \"/\" \"&ZeVnLIqe-\"")).mailbox());
        // Not valid modified UTF-7: kept as sent rather than failing the whole response.
        assertEquals(MailboxName.of("&Jjo"), ((Untagged.MailboxList) parse("* LIST () \"/\" &Jjo")).mailbox());
        assertEquals(MailboxName.of("&ZeVnLIqe-"), ((Untagged.MailboxList) parse("* LIST () \"/\" \"&ZeVnLIqe-\"",
                Quirk.defaults(), true, true)).mailbox());
        assertEquals(MailboxName.of("Entwürfe"), ((Untagged.MailboxList) parse("* LIST () \"/\" \"Entwürfe\"",
                Quirk.defaults(), true, true)).mailbox());
        assertEquals(MailboxName.INBOX, ((Untagged.MailboxList) parse("* LIST () \"/\" inbox")).mailbox());
    }

    @Test
    void greenMailsUnescapedQuotesInAListMailboxAreAQuirk() {
        // GreenMail 2.1.2, observed by the live conformance suite: the name's quotes are not escaped
        String line = "* LIST () \".\" \"Tom &- Jerry's \"box\" (a) [b]\"";
        assertEquals(new Untagged.MailboxList(false, List.of(), ".", MailboxName.of("Tom & Jerry's \"box\" (a) [b]"),
                List.of()), parse(line));
        Set<Quirk> strict = Quirk.defaults();
        strict.remove(Quirk.UNESCAPED_MAILBOX_QUOTES);
        assertThrows(ImapProtocolException.class, () -> parse(line, strict, false, true));
        // a well-formed name is read as the grammar says, LIST-EXTENDED data included
        assertEquals(new Untagged.MailboxList(false, List.of(), "/", MailboxName.of("a\"b"), List.of(
                new ListExtendedItem.ChildInfo(List.of("SUBSCRIBED")))),
                parse("* LIST () \"/\" \"a\\\"b\" (\"CHILDINFO\" (\"SUBSCRIBED\"))"));
        assertThrows(ImapProtocolException.class, () -> parse("* LIST () \"/\" \"a\"b\" x"));
    }

    @Test
    void commandExamples() {
        // RFC 9051 section 6.3.9
        assertEquals(new Command.ListMailboxes(List.of(), MailboxName.of(""), List.of(""), List.of(), List.of()),
                command("A101 LIST \"\" \"\""));
        assertEquals(new Command.ListMailboxes(List.of(), MailboxName.of("~/Mail/"), List.of("%"), List.of(),
                List.of()), command("A202 LIST ~/Mail/ %"));
        // RFC 5258 section 5
        assertEquals(new Command.ListMailboxes(List.of(Command.ListSelect.SUBSCRIBED), MailboxName.of(""),
                List.of("*"), List.of(), List.of()), command("A02 LIST (SUBSCRIBED) \"\" *"));
        assertEquals(new Command.ListMailboxes(List.of(), MailboxName.of(""), List.of("%"),
                List.of(Command.ListReturn.CHILDREN), List.of()), Wire.parse("A03 LIST () \"\" % RETURN (CHILDREN)\r\n").command());
        // RFC 5819: LIST-STATUS
        assertEquals(new Command.ListMailboxes(List.of(), MailboxName.of(""), List.of("INBOX", "Drafts"), List.of(),
                List.of(StatusAttribute.MESSAGES, StatusAttribute.UNSEEN)),
                Wire.parse("A05 LIST \"\" (\"INBOX\" \"Drafts\") RETURN (STATUS (MESSAGES UNSEEN))\r\n").command());
        assertEquals(new Command.Lsub(MailboxName.of("#news."), "comp.mail.*"), command("A002 LSUB #news. comp.mail.*"));
        assertThrows(ImapProtocolException.class, () -> Wire.parse("A1 LIST (BOGUS) \"\" *\r\n"));
    }

    @Provide
    Arbitrary<Untagged.MailboxList> responses() {
        return Combinators.combine(Arbitraries.of(true, false), ResponseProperties.mailboxAttribute().list().ofMaxSize(3),
                Arbitraries.of("/", ".", "\\", "\"").injectNull(0.2), ResponseProperties.mailbox(),
                ResponseProperties.listExtended().list().ofMaxSize(2)).as(Untagged.MailboxList::new);
    }

    @Property(tries = 300)
    void responseRoundTrips(@ForAll("responses") Untagged.MailboxList x) {
        responseRoundTrip(x);
    }
}
