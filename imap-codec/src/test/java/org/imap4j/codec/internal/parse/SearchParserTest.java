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

/** SEARCH (RFC 9051 sections 6.4.4 and 7.3.4): the command's keys and return options, the SEARCH response. */
class SearchParserTest {

    @Test
    void searchResponses() {
        exact("* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)",
                new Untagged.Search(longs(2, 5, 6, 7, 11, 12, 18, 19, 20, 23), 917162500L));
    }

    @Test
    void rfc9051CommandExamples() {
        assertEquals(new Command.Search(null, new SearchKey.And(List.of(SearchKey.Simple.FLAGGED,
                new SearchKey.DateKey(SearchKey.DateField.SINCE, LocalDate.of(1994, 2, 1)),
                new SearchKey.Not(new SearchKey.Text(SearchKey.TextField.FROM, "Smith")))), null, false),
                command("A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\""));
        assertEquals(new Command.Search(null, new SearchKey.Text(SearchKey.TextField.TEXT, "string not in mailbox"),
                null, false), command("A283 SEARCH TEXT \"string not in mailbox\""));
        Command.Search ret = (Command.Search) command("A282 SEARCH RETURN (MIN COUNT) FLAGGED");
        assertEquals(List.of(Command.SearchReturn.MIN, Command.SearchReturn.COUNT), ret.returnOptions());
        assertEquals(new SearchKey.Or(SearchKey.Simple.SEEN, new SearchKey.Not(SearchKey.Simple.DELETED)),
                ((Command.Search) command("A1 UID SEARCH OR SEEN NOT DELETED")).key());
    }

    @Test
    void edgeCases() {
        // keys are case-insensitive, parentheses group, CHARSET is kept
        Command.Search s = (Command.Search) Wire.parse("a search charset UTF-8 (seen unseen) larger 10\r\n").command();
        assertEquals("UTF-8", s.charset());
        assertEquals(new SearchKey.And(List.of(new SearchKey.And(List.of(SearchKey.Simple.SEEN,
                SearchKey.Simple.UNSEEN)), new SearchKey.NumberKey(SearchKey.NumberField.LARGER, 10))), s.key());
        assertThrows(ImapProtocolException.class, () -> Wire.parse("a SEARCH BOGUS\r\n"));
        assertThrows(ImapProtocolException.class, () -> Wire.parse("a SEARCH SINCE 31-Feb-1994\r\n"));
        StringBuilder deep = new StringBuilder("a SEARCH ");
        deep.append("NOT ".repeat(200)).append("SEEN\r\n");
        assertEquals("maxNestingDepth",
                assertThrows(ImapProtocolException.class, () -> Wire.parse(deep.toString())).limit());
        assertThrows(ImapProtocolException.class, () -> parse("* SEARCH 0"));
    }

    @Provide
    Arbitrary<SearchKey> keys() {
        return CommandArbitraries.searchKey();
    }

    @Provide
    Arbitrary<Untagged.Search> responses() {
        return Combinators.combine(ResponseProperties.nz().list().ofMaxSize(6),
                ResponseProperties.u63().injectNull(0.5)).as(Untagged.Search::new);
    }

    @Property(tries = 300)
    void commandRoundTrips(@ForAll("keys") SearchKey k, @ForAll boolean uid) {
        commandRoundTrip(new Command.Search(null, k, null, uid));
    }

    @Property(tries = 300)
    void responseRoundTrips(@ForAll("responses") Untagged.Search x) {
        responseRoundTrip(x);
    }
}
