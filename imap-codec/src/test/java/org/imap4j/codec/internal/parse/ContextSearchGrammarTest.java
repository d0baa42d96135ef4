package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.imap4j.codec.CommandHandle;
import org.imap4j.codec.EngineConfig;
import org.imap4j.codec.EngineEvent;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapEngine;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/**
 * CONTEXT=SEARCH and CONTEXT=SORT (RFC 5267 section 4), both directions: the {@code UPDATE} and {@code CONTEXT}
 * return options, {@code CANCELUPDATE}, the {@code ADDTO} / {@code REMOVEFROM} return data, and the engine routing an
 * update by its search correlator (the tag), not to whichever search is in flight.
 */
class ContextSearchGrammarTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void command(String line, Command c) {
        Tag tag = Tag.of(line.substring(0, line.indexOf(' ')));
        assertEquals(line + "\r\n", new String(ImapCodec.encodeCommandBytes(tag, c), StandardCharsets.US_ASCII));
        assertEquals(c, ImapCodec.decodeCommand(b(line + "\r\n")).command());
    }

    private static void response(String line, Untagged u) {
        assertEquals(u, ImapCodec.decodeResponse(b(line + "\r\n")));
        assertEquals(line + "\r\n", new String(ImapCodec.encodeResponse(u), StandardCharsets.US_ASCII));
    }

    private static ESearchItem.ContextUpdate at(long position, SequenceSet set) {
        return new ESearchItem.ContextUpdate(position, set);
    }

    @Test
    void updateAndContextReturnOptionsAndCancelUpdate() {
        // RFC 5267 section 4.2 / 4.3
        command("A01 UID SEARCH RETURN (UPDATE) UNSEEN", new Command.Search(null, SearchKey.unseen(),
                List.of(Command.SearchReturn.UPDATE), true));
        command("B01 UID SORT RETURN (UPDATE MIN) (DATE) UTF-8 UNDELETED", new Command.Sort(
                List.of(new Command.SortCriterion(false, Command.SortKey.DATE)), "UTF-8", SearchKey.undeleted(), true,
                List.of(Command.SearchReturn.UPDATE, Command.SearchReturn.MIN), null));
        command("C01 SEARCH RETURN (CONTEXT COUNT) ALL", new Command.Search(null, SearchKey.all(),
                List.of(Command.SearchReturn.CONTEXT, Command.SearchReturn.COUNT), false));
        command("A02 CANCELUPDATE \"A01\"", new Command.CancelUpdate(List.of("A01")));
        command("A03 CANCELUPDATE \"A01\" \"B01\"", new Command.CancelUpdate(List.of("A01", "B01")));
        assertThrows(ImapValidationException.class, () -> new Command.CancelUpdate(List.of()));
        assertThrows(ImapValidationException.class, () -> new Command.CancelUpdate(List.of("")));
        for (String bad : List.of("a CANCELUPDATE\r\n", "a CANCELUPDATE A01\r\n", "a CANCELUPDATE \"A01\" \r\n")) {
            assertThrows(ImapProtocolException.class, () -> ImapCodec.decodeCommand(b(bad)), bad);
        }
    }

    @Test
    void addToAndRemoveFromOfTheRfc() {
        // RFC 5267 section 4.4: SEARCH results carry position 0, SORT results the position in the sorted result
        response("* ESEARCH (TAG \"A01\") UID ADDTO (0 3:4)", new Untagged.ESearch("A01", true,
                List.of(new ESearchItem.AddTo(List.of(at(0, SequenceSet.range(3, 4)))))));
        response("* ESEARCH (TAG \"A01\") UID REMOVEFROM (0 32768)", new Untagged.ESearch("A01", true,
                List.of(new ESearchItem.RemoveFrom(List.of(at(0, SequenceSet.of(32768)))))));
        response("* ESEARCH (TAG \"B01\") UID ADDTO (1 2733 1 2731:2732)", new Untagged.ESearch("B01", true,
                List.of(new ESearchItem.AddTo(List.of(at(1, SequenceSet.of(2733)),
                        at(1, SequenceSet.range(2731, 2732)))))));
        response("* ESEARCH (TAG \"B01\") UID REMOVEFROM (1 2731) ADDTO (2 2731)", new Untagged.ESearch("B01", true,
                List.of(new ESearchItem.RemoveFrom(List.of(at(1, SequenceSet.of(2731)))),
                        new ESearchItem.AddTo(List.of(at(2, SequenceSet.of(2731)))))));
        // the initial answer of a RETURN (UPDATE) search with nothing else asked: no return data at all
        response("* ESEARCH (TAG \"A01\") UID", new Untagged.ESearch("A01", true, List.of()));
        for (String bad : List.of("* ESEARCH (TAG \"A\") ADDTO ()\r\n", "* ESEARCH (TAG \"A\") ADDTO (0)\r\n",
                "* ESEARCH (TAG \"A\") REMOVEFROM (x 1)\r\n", "* ESEARCH (TAG \"A\") ADDTO (0 1\r\n")) {
            assertThrows(ImapProtocolException.class, () -> ImapCodec.decodeResponse(b(bad)), bad);
        }
        assertThrows(ImapValidationException.class, () -> new ESearchItem.AddTo(List.of()));
        assertThrows(ImapValidationException.class, () -> at(-1, SequenceSet.of(1)));
    }

    @Property(tries = 300)
    void updatesRoundTrip(@ForAll @LongRange(min = 0, max = 4294967295L) long position,
            @ForAll @LongRange(min = 1, max = 4294967295L) long a, @ForAll @LongRange(min = 1, max = 4294967295L) long b,
            @ForAll boolean uid, @ForAll boolean remove) {
        List<ESearchItem.ContextUpdate> updates = List.of(at(position, SequenceSet.range(Math.min(a, b),
                Math.max(a, b))), at(0, SequenceSet.of(a)));
        ESearchItem item = remove ? new ESearchItem.RemoveFrom(updates) : new ESearchItem.AddTo(updates);
        Untagged.ESearch u = new Untagged.ESearch("t" + (a % 1000), uid, List.of(item));
        assertEquals(u, ImapCodec.decodeResponse(ImapCodec.encodeResponse(u)));
        Command.CancelUpdate c = new Command.CancelUpdate(List.of("t" + a, "x" + b));
        assertEquals(c, ImapCodec.decodeCommand(ImapCodec.encodeCommandBytes(Tag.of("z1"), c)).command());
    }

    // ---------------------------------------------------------------- routing by the search correlator

    private final ImapEngine engine = new ImapEngine(EngineConfig.defaults());

    private List<EngineEvent> feed(String s) {
        engine.receive(ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)));
        List<EngineEvent> out = new ArrayList<>();
        for (EngineEvent e; (e = engine.next()) != null; ) {
            out.add(e);
        }
        return out;
    }

    private CommandHandle run(Command c) {
        CommandHandle h = engine.submit(c);
        while (engine.pollOutput() != null) {
            continue;
        }
        return h;
    }

    private static List<EngineEvent.Data> data(List<EngineEvent> events) {
        List<EngineEvent.Data> d = new ArrayList<>();
        for (EngineEvent e : events) {
            if (e instanceof EngineEvent.Data x) {
                d.add(x);
            }
        }
        return d;
    }

    @Test
    void anUpdateGoesByItsTagNotToTheSearchInFlight() {
        feed("* OK [CAPABILITY IMAP4rev1 ESEARCH CONTEXT=SEARCH] ready\r\n");
        run(new Command.Login("u", org.imap4j.codec.core.Secret.of("p")));
        feed("A1 OK done\r\n");
        CommandHandle live = run(new Command.Search(null, SearchKey.unseen(), List.of(Command.SearchReturn.UPDATE),
                true));
        String liveTag = live.tag().value();
        List<EngineEvent.Data> first = data(feed("* ESEARCH (TAG \"" + liveTag + "\") UID ALL 1:3\r\n" + liveTag
                + " OK done\r\n"));
        assertSame(live, first.get(0).handle());
        CommandHandle other = run(new Command.Search(null, SearchKey.all(), List.of(Command.SearchReturn.COUNT),
                true));
        String otherTag = other.tag().value();
        List<EngineEvent.Data> d = data(feed("* ESEARCH (TAG \"" + liveTag + "\") UID ADDTO (0 4)\r\n"
                + "* ESEARCH (TAG \"" + otherTag + "\") UID COUNT 4\r\n" + otherTag + " OK done\r\n"));
        assertNull(d.get(0).handle(), "the completed search's update is unsolicited, not the COUNT search's data");
        assertSame(other, d.get(1).handle());
        // an update for a tag nobody knows stays unsolicited too
        assertNull(data(feed("* ESEARCH (TAG \"zz9\") UID REMOVEFROM (0 4)\r\n")).get(0).handle());
    }
}
