package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.imap4j.codec.internal.parse.FetchParserTest.encode;
import static org.imap4j.codec.internal.parse.FetchParserTest.parse;
import static org.imap4j.codec.internal.parse.FetchParserTest.reader;

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

/** {@code envelope} (RFC 9051 section 9): addresses, groups, NIL fields, literals, and the address-list quirk. */
class EnvelopeParserTest {

    @Test
    void envelopeWithGroupsNilAndLiteralSubject() {
        String subject = "Re: \"quoted\" \u00fcber\r\nfolded";
        int n = subject.getBytes(StandardCharsets.UTF_8).length;
        List<FetchItem> items = parse("(ENVELOPE (NIL {" + n + "}\r\n" + subject
                + " ((\"A\" NIL \"a\" \"x.org\")) NIL NIL "
                + "((NIL NIL \"Team\" NIL)(\"B\" NIL \"b\" \"y.org\")(NIL \"@r.org\" \"c\" \"y.org\")(NIL NIL NIL NIL)"
                + "(NIL NIL \"d\" \"z.org\")(NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) "
                + "((NIL NIL NIL NIL)) NIL NIL NIL))");
        Envelope env = ((FetchItem.EnvelopeItem) items.get(0)).envelope();
        assertNull(env.date());
        assertEquals(subject, env.subject());
        assertEquals(List.of(Address.Mailbox.of("A", "a", "x.org")), env.from());
        assertEquals(List.of(), env.sender());
        assertEquals(List.of(
                new Address.Group("Team", List.of(Address.Mailbox.of("B", "b", "y.org"),
                        new Address.Mailbox(null, "@r.org", "c", "y.org"))),
                Address.Mailbox.of(null, "d", "z.org"),
                new Address.Group("undisclosed-recipients", List.of())), env.to());
        assertEquals(List.of(), env.cc(), "a stray group end marker carries nothing");
        assertNull(env.messageId());
        assertEquals(items, parse(encode(items)));
    }

    @Test
    void spacesBetweenAddressesOnlyWithQuirk() {
        String s = "(ENVELOPE (NIL NIL ((NIL NIL \"a\" \"b\") (NIL NIL \"c\" \"d\")) NIL NIL NIL NIL NIL NIL NIL))";
        assertEquals(2, ((FetchItem.EnvelopeItem) parse(s).get(0)).envelope().from().size());
        byte[] b = (s + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThrows(ImapProtocolException.class, () -> FetchParser.msgAtt(reader(b, Quirk.none())));
    }

    @Test
    void quotedStringsWithEscapesAndUtf8AtEveryPosition() {
        for (int at = 0; at < 20; at++) {
            for (String special : new String[] {"\\\"", "\\\\", "\u00e9", "\u65e5"}) {
                String raw = "x".repeat(at) + special + "y".repeat(11);
                String expected = raw.replace("\\\"", "\"").replace("\\\\", "\\");
                Envelope env = ((FetchItem.EnvelopeItem) parse("(ENVELOPE (\"" + raw
                        + "\" NIL NIL NIL NIL NIL NIL NIL NIL NIL))").get(0)).envelope();
                assertEquals(expected, env.date(), raw);
            }
        }
    }

    @Test
    void rfc3501Section8Envelope() {
        List<FetchItem> items = parse("(ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" "
                + "\"IMAP4rev1 WG mtg summary and minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
                + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" "
                + "\"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" "
                + "\"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL "
                + "\"<B27397-0100000@cac.washington.edu>\"))");
        Envelope env = ((FetchItem.EnvelopeItem) items.get(0)).envelope();
        assertEquals("IMAP4rev1 WG mtg summary and minutes", env.subject());
        assertEquals(List.of(Address.Mailbox.of("Terry Gray", "gray", "cac.washington.edu")), env.from());
        assertEquals(2, env.cc().size());
        assertEquals("<B27397-0100000@cac.washington.edu>", env.messageId());
        assertEquals(items, parse(encode(items)));
    }

    @Provide
    Arbitrary<Envelope> envelopes() {
        return FetchRoundTripProperties.envelope();
    }

    @Property(tries = 300)
    void roundTrips(@ForAll("envelopes") Envelope e) {
        List<FetchItem> items = List.of(new FetchItem.EnvelopeItem(e));
        assertEquals(items, parse(encode(items)));
    }
}
