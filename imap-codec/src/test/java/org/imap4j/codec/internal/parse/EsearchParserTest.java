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

/** ESEARCH (RFC 4731, RFC 9051 section 7.3.4; MODSEQ of RFC 7162, PARTIAL of RFC 9394). */
class EsearchParserTest {

    @Test
    void esearchResponses() {
        exact("* ESEARCH (TAG \"A285\") UID MIN 7 MAX 3800", new Untagged.ESearch("A285", true,
                List.of(new ESearchItem.Min(7), new ESearchItem.Max(3800))));
        exact("* ESEARCH (TAG \"A284\") MIN 4", new Untagged.ESearch("A284", false, List.of(new ESearchItem.Min(4))));
        exact("* ESEARCH (TAG \"A286\") COUNT 15",
                new Untagged.ESearch("A286", false, List.of(new ESearchItem.Count(15))));
        exact("* ESEARCH UID COUNT 17 ALL 4:18,21,28", new Untagged.ESearch(null, true,
                List.of(new ESearchItem.Count(17), new ESearchItem.All(SequenceSet.parse("4:18,21,28")))));
        exact("* ESEARCH (TAG \"a\") ALL 1:3 MODSEQ 917162500 PARTIAL (1:5 1,4)", new Untagged.ESearch("a", false,
                List.of(new ESearchItem.All(SequenceSet.parse("1:3")), new ESearchItem.ModSeq(917162500L),
                        new ESearchItem.Partial(new org.imap4j.codec.core.PartialRange(1, 5),
                                SequenceSet.parse("1,4")))));
        // PARTIAL (RFC 9394) is typed since the codec reads it; return data it does not know stays Other
        exact("* ESEARCH (TAG \"a\") XPARTIAL (1:5 1,4)", new Untagged.ESearch("a", false,
                List.of(new ESearchItem.Other("XPARTIAL", new ImapValue.ValueList(List.of(new ImapValue.Atom("1:5"),
                        new ImapValue.Atom("1,4")))))));
        exact("* ESEARCH", new Untagged.ESearch(null, false, List.of()));
    }

    @Test
    void edgeCases() {
        // a server's ALL set holds no "*"; an empty correlator and unknown data are errors or kept
        assertThrows(ImapProtocolException.class, () -> parse("* ESEARCH ALL 1:*"));
        assertThrows(ImapProtocolException.class, () -> parse("* ESEARCH (TAG) MIN 1"));
        assertThrows(ImapProtocolException.class, () -> parse("* ESEARCH MIN 0"));
        assertEquals(new Untagged.ESearch(null, true, List.of(new ESearchItem.Count(0))), parse("* esearch uid count 0"));
    }

    @Provide
    Arbitrary<Untagged.ESearch> responses() {
        return Combinators.combine(Arbitraries.of("A285", "x y", "tag\"1").injectNull(0.4), Arbitraries.of(true, false),
                ResponseProperties.esearchItem().list().ofMaxSize(4)).as(Untagged.ESearch::new);
    }

    @Property(tries = 300)
    void responseRoundTrips(@ForAll("responses") Untagged.ESearch x) {
        responseRoundTrip(x);
    }
}
