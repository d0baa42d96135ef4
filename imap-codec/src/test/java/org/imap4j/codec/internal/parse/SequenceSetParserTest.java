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

/**
 * {@code sequence-set} (RFC 9051 section 9): the one lexer, {@link SequenceSetParser}, read by a command's set, a
 * SEARCH key, the sets a server reports (VANISHED, COPYUID, ESEARCH ALL) and the arguments of unknown commands.
 */
class SequenceSetParserTest {

    static ImapReader reader(String s) {
        byte[] b = (s + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return new ImapReader(b, 0, b.length, new int[0], CodecLimits.defaults(), Quirk.defaults());
    }

    @Test
    void rfc9051Examples() {
        // the seq-number example of RFC 9051 section 9: "2,4:7,9,12:*" is 2,4,5,6,7,9,12,13,14,15 in a 15-message box
        ImapReader r = reader("2,4:7,9,12:* FLAGS");
        assertEquals(SequenceSet.parse("2,4:7,9,12:*"), SequenceSetParser.sequenceSet(r));
        assertEquals(' ', r.peek(), "the set ends at the first byte that is not part of it");
        assertEquals(new Command.Fetch(SequenceSet.parse("2,4:7,9,12:*"), List.of(
                        org.imap4j.codec.fetch.FetchAttribute.Item.FLAGS), true, null, false),
                command("A1 UID FETCH 2,4:7,9,12:* FLAGS"));
        // seq-last-command (SEARCHRES, RFC 9051 section 6.4.4.1)
        assertEquals(new Command.Copy(SequenceSet.parse("$"), MailboxName.of("foo"), false),
                command("A2 COPY $ foo"));
        assertEquals(new SearchKey.Sequence(SequenceSet.parse("$")),
                ((Command.Search) command("A3 SEARCH $")).key());
        assertEquals(new SearchKey.Uid(SequenceSet.parse("1:*")), ((Command.Search) command("A4 SEARCH UID 1:*")).key());
    }

    @Test
    void setsAServerReports() {
        assertEquals(new Untagged.Vanished(true, SequenceSet.parse("300:310,405,411")),
                parse("* VANISHED (EARLIER) 300:310,405,411"));
        assertEquals(new ResponseCode.CopyUid(38505, SequenceSet.parse("304,319:320"), SequenceSet.parse("3956:3958")),
                ((Tagged) parse("A003 OK [COPYUID 38505 304,319:320 3956:3958] Done")).code());
        // "*" names the largest number in use, which a server reporting numbers knows: refused there
        ImapProtocolException star = assertThrows(ImapProtocolException.class,
                () -> SequenceSetParser.reportedSet(reader("1:*")));
        assertTrue(star.getMessage().contains("'*'"), star.getMessage());
        assertThrows(ImapProtocolException.class, () -> parse("* VANISHED 1:*"));
        // "$" is a client's reference to its last SEARCH result, never a server's
        assertThrows(ImapProtocolException.class, () -> SequenceSetParser.reportedSet(reader("$")));
    }

    @Test
    void edgeCases() {
        for (String bad : new String[] {"", "0", "1:0", ",1", "1,", "1::2", "4294967296", "x"}) {
            assertThrows(ImapProtocolException.class, () -> SequenceSetParser.sequenceSet(reader(bad)), bad);
        }
        // the widest range costs two numbers, not four billion
        assertEquals(1, SequenceSetParser.reportedSet(reader("1:4294967295")).ranges().size());
        // the number of ranges is bounded by maxListItems on both sides
        byte[] b = "1,2,3,4\r\n".getBytes(StandardCharsets.US_ASCII);
        ImapReader small = new ImapReader(b, 0, b.length, new int[0], CodecLimits.defaults().withMaxListItems(3),
                Quirk.defaults());
        assertEquals("maxListItems",
                assertThrows(ImapProtocolException.class, () -> SequenceSetParser.sequenceSet(small)).limit());
    }

    @Test
    void genericArgumentsOfUnknownCommands() {
        assertEquals(SequenceSet.parse("1:3,7"), SequenceSetParser.ifSequenceSet("1:3,7"));
        assertEquals(SequenceSet.parse("5:*"), SequenceSetParser.ifSequenceSet("5:*"));
        assertNull(SequenceSetParser.ifSequenceSet("1::3"));
        assertNull(SequenceSetParser.ifSequenceSet("abc"));
        assertNull(SequenceSetParser.ifSequenceSet(""));
        assertNull(SequenceSetParser.ifSequenceSet("$"), "a generic argument is never SEARCHRES");
    }

    @Provide
    Arbitrary<SequenceSet> clientSets() {
        return CommandArbitraries.sequenceSet();
    }

    @Provide
    Arbitrary<SequenceSet> serverSets() {
        return ResponseProperties.seqSet();
    }

    @Property(tries = 300)
    void clientSetsRoundTrip(@ForAll("clientSets") SequenceSet s) {
        ImapReader r = reader(s.toString());
        assertEquals(s, SequenceSetParser.sequenceSet(r));
        r.crlf();
        commandRoundTrip(new Command.UidExpunge(s));
    }

    @Property(tries = 300)
    void serverSetsRoundTrip(@ForAll("serverSets") SequenceSet s) {
        ImapReader r = reader(s.toString());
        assertEquals(s, SequenceSetParser.reportedSet(r));
        r.crlf();
        responseRoundTrip(new Untagged.Vanished(false, s));
    }
}
