package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.imap4j.codec.internal.parse.ResponseParserTest.encode;
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

/** THREAD and SORT (RFC 5256): the commands and the THREAD and SORT responses. */
class ThreadParserTest {

    @Test
    void threads() {
        exact("* THREAD (2)(3 6 (4 23)(44 7 96))", new Untagged.Threads(List.of(leaf(2),
                new MessageThread(longs(3, 6), List.of(leaf(4, 23), leaf(44, 7, 96))))));
        exact("* THREAD ((3)(5))", new Untagged.Threads(List.of(new MessageThread(List.of(),
                List.of(leaf(3), leaf(5))))));
        exact("* THREAD", new Untagged.Threads(List.of()));
        String big = "* THREAD (166)(167)(168)(169)(172)(170)(171)(173)(174 (175)(176)(178)(181)(180))(179)"
                + "(177 (183)(182)(188)(184)(185)(186)(187)(189))(190)(191)(192)(193)(194 195)(196 (197)(198))(199)"
                + "(200 202)(201)(203)(204)(205)(206 207)(208)";
        Untagged.Threads t = (Untagged.Threads) parse(big);
        assertEquals(25, t.threads().size());
        assertEquals(new MessageThread(longs(174), List.of(leaf(175), leaf(176), leaf(178), leaf(181), leaf(180))),
                t.threads().get(8));
        assertEquals(big + "\r\n", encode(t));
        assertThrows(ImapProtocolException.class, () -> parse("* THREAD (1 (2))"));
        assertThrows(ImapProtocolException.class, () -> parse("* THREAD ()"));
        assertThrows(ImapProtocolException.class, () -> parse("* THREAD (0)"));
    }

    @Test
    void sortResponses() {
        exact("* SORT 2 84 882", new Untagged.Sort(longs(2, 84, 882), null));
        exact("* SORT 5 3 4 1 2", new Untagged.Sort(longs(5, 3, 4, 1, 2), null));
    }

    @Test
    void commands() {
        // RFC 5256 sections 3 and 5
        assertEquals(new Command.Sort(List.of(new Command.SortCriterion(false, Command.SortKey.SUBJECT)), "UTF-8",
                new SearchKey.DateKey(SearchKey.DateField.SINCE, LocalDate.of(1994, 2, 1)), false),
                command("A282 SORT (SUBJECT) UTF-8 SINCE 1-Feb-1994"));
        assertEquals(new Command.Sort(List.of(new Command.SortCriterion(true, Command.SortKey.DATE),
                new Command.SortCriterion(false, Command.SortKey.FROM)), "US-ASCII", SearchKey.Simple.ALL, true),
                command("A1 UID SORT (REVERSE DATE FROM) US-ASCII ALL"));
        assertEquals(new Command.Thread("ORDEREDSUBJECT", "UTF-8",
                new SearchKey.DateKey(SearchKey.DateField.SINCE, LocalDate.of(2000, 3, 5)), false),
                Wire.parse("A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000\r\n").command());
        assertThrows(ImapProtocolException.class, () -> Wire.parse("A1 SORT (BOGUS) UTF-8 ALL\r\n"));
    }

    @Provide
    Arbitrary<Untagged.Threads> threadResponses() {
        return ResponseProperties.thread(3).list().ofMaxSize(3).map(Untagged.Threads::new);
    }

    @Provide
    Arbitrary<Command.Thread> threadCommands() {
        return Combinators.combine(Arbitraries.of("ORDEREDSUBJECT", "REFERENCES", "REFS"), Arbitraries.of("UTF-8",
                "US-ASCII"), CommandArbitraries.searchKey(), Arbitraries.of(true, false)).as(Command.Thread::new);
    }

    @Property(tries = 300)
    void threadsRoundTrip(@ForAll("threadResponses") Untagged.Threads x) {
        responseRoundTrip(x);
    }

    @Property(tries = 300)
    void threadCommandsRoundTrip(@ForAll("threadCommands") Command.Thread c) {
        commandRoundTrip(c);
    }
}
