package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.PartialRange;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/**
 * The search return options in commands, both ways: ESEARCH (RFC 4731), SAVE and {@code $} (SEARCHRES, RFC 5182),
 * SORT RETURN (ESORT, RFC 5267), the PARTIAL return option and FETCH modifier (RFC 9394), and PREVIEW with
 * modifiers (RFC 8970).
 */
class SearchReturnGrammarTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void command(String line, Command c) {
        Tag tag = Tag.of(line.substring(0, line.indexOf(' ')));
        assertEquals(line + "\r\n", new String(ImapCodec.encodeCommandBytes(tag, c), StandardCharsets.US_ASCII));
        assertEquals(c, ImapCodec.decodeCommand(b(line + "\r\n")).command());
    }

    private static final List<Command.SortCriterion> REVERSE_DATE = List.of(
            new Command.SortCriterion(true, Command.SortKey.DATE));

    @Test
    void searchReturnOptionsOfTheRfcs() {
        command("A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"",
                new Command.Search(null, SearchKey.and(SearchKey.flagged(),
                        SearchKey.since(java.time.LocalDate.of(1994, 2, 1)), SearchKey.not(SearchKey.from("Smith"))),
                        List.of(Command.SearchReturn.MIN, Command.SearchReturn.COUNT), false));
        command("A301 UID SEARCH RETURN (SAVE) UNSEEN", new Command.Search(null, SearchKey.unseen(),
                List.of(Command.SearchReturn.SAVE), true));
        command("E01 UID SEARCH RETURN (PARTIAL 1:500) UNDELETED", new Command.Search(null, SearchKey.undeleted(),
                List.of(), PartialRange.first(500), true));
        command("E02 UID SEARCH RETURN (COUNT PARTIAL -1:-100) UNDELETED", new Command.Search(null,
                SearchKey.undeleted(), List.of(Command.SearchReturn.COUNT), PartialRange.last(100), true));
    }

    @Test
    void theSavedResultAsASet() {
        command("A283 UID FETCH $ (UID FLAGS)", new Command.Fetch(SequenceSet.lastResult(),
                List.of(FetchAttribute.Item.UID, FetchAttribute.Item.FLAGS), true, null, false));
        command("A284 UID STORE $ +FLAGS.SILENT (\\Seen)", new Command.Store(SequenceSet.lastResult(),
                Command.StoreMode.ADD, true, List.of(org.imap4j.codec.core.Flag.SEEN), null, true));
        command("A285 UID SEARCH $ SMALLER 4096", new Command.Search(null, SearchKey.and(
                SearchKey.sequence(SequenceSet.lastResult()), SearchKey.smaller(4096)), null, true));
    }

    @Test
    void esort() {
        command("A283 SORT RETURN (COUNT) (REVERSE DATE) UTF-8 UNDELETED", new Command.Sort(REVERSE_DATE, "UTF-8",
                SearchKey.undeleted(), false, List.of(Command.SearchReturn.COUNT), null));
        command("A284 UID SORT RETURN (MIN MAX ALL PARTIAL 1:10) (REVERSE DATE) UTF-8 ALL", new Command.Sort(
                REVERSE_DATE, "UTF-8", SearchKey.all(), true, List.of(Command.SearchReturn.MIN,
                        Command.SearchReturn.MAX, Command.SearchReturn.ALL), PartialRange.first(10)));
        command("A285 SORT (REVERSE DATE) UTF-8 ALL", new Command.Sort(REVERSE_DATE, "UTF-8", SearchKey.all(),
                false));
        // ALL of an ESORT answer is in sorted order, which the set keeps
        Untagged.ESearch e = (Untagged.ESearch) ImapCodec.decodeResponse(
                b("* ESEARCH (TAG \"A284\") UID MIN 7 MAX 3 ALL 7,9,1,3\r\n"));
        SequenceSet all = ((ESearchItem.All) e.items().get(2)).set();
        List<Long> order = new ArrayList<>();
        all.numbers().forEachRemaining((long n) -> order.add(n));
        assertEquals(List.of(7L, 9L, 1L, 3L), order);
        assertThrows(ImapValidationException.class, () -> new Command.Sort(REVERSE_DATE, "UTF-8", SearchKey.all(),
                false, List.of(Command.SearchReturn.SAVE), null), "SAVE is not a SORT return option");
        assertThrows(ImapProtocolException.class, () -> ImapCodec.decodeCommand(
                b("a SORT RETURN (SAVE) (DATE) UTF-8 ALL\r\n")));
    }

    @Test
    void fetchPartialModifier() {
        command("03 UID FETCH 1:* (UID FLAGS) (PARTIAL -1:-30)", new Command.Fetch(SequenceSet.all(),
                List.of(FetchAttribute.Item.UID, FetchAttribute.Item.FLAGS), true, null, false,
                PartialRange.last(30)));
        command("04 UID FETCH 1:* FLAGS (CHANGEDSINCE 12345 VANISHED PARTIAL 1:100)", new Command.Fetch(
                SequenceSet.all(), List.of(FetchAttribute.Item.FLAGS), true, 12345L, true, PartialRange.first(100)));
        for (String bad : List.of("a UID FETCH 1:* FLAGS (PARTIAL 0:5)\r\n", "a UID FETCH 1:* FLAGS (PARTIAL 1:-5)\r\n",
                "a UID FETCH 1:* FLAGS (PARTIAL)\r\n", "a UID SEARCH RETURN (PARTIAL 5) ALL\r\n")) {
            assertThrows(ImapProtocolException.class, () -> ImapCodec.decodeCommand(b(bad)), bad);
        }
        assertThrows(ImapValidationException.class, () -> new Command.Search(null, SearchKey.all(), null,
                PartialRange.first(5), true), "PARTIAL needs RETURN");
    }

    @Test
    void previewWithModifiers() {
        command("a FETCH 1 (UID PREVIEW (LAZY))", new Command.Fetch(SequenceSet.of(1), List.of(
                FetchAttribute.Item.UID, FetchAttribute.Preview.LAZY), false, null, false));
        command("b FETCH 1 PREVIEW", new Command.Fetch(SequenceSet.of(1), List.of(FetchAttribute.Item.PREVIEW),
                false, null, false));
        assertTrue(FetchAttribute.Preview.LAZY.lazy());
        assertFalse(new FetchAttribute.Preview(List.of("x-other")).lazy());
        assertEquals(List.of("X-OTHER"), new FetchAttribute.Preview(List.of("x-other")).modifiers());
        assertThrows(ImapValidationException.class, () -> new FetchAttribute.Preview(List.of()));
        assertThrows(ImapValidationException.class, () -> new FetchAttribute.Preview(List.of("LA ZY")));
        // a lazy server answers NIL for a preview it has not computed yet (RFC 8970 section 3.1)
        Untagged u = (Untagged) ImapCodec.decodeResponse(b("* 1 FETCH (UID 4 PREVIEW NIL)\r\n"));
        assertEquals(new Untagged.Fetch(1, List.of(new FetchItem.Uid(4), new FetchItem.Preview(null))), u);
    }

    @Property(tries = 300)
    void searchReturnOptionsRoundTrip(@ForAll boolean min, @ForAll boolean max, @ForAll boolean all,
            @ForAll boolean count, @ForAll boolean save, @ForAll boolean withPartial, @ForAll boolean newest,
            @ForAll @LongRange(min = 1, max = 4294967295L) long a, @ForAll @LongRange(min = 1, max = 4294967295L)
            long z, @ForAll boolean uid, @ForAll boolean sort) {
        List<Command.SearchReturn> opts = new ArrayList<>();
        if (min) {
            opts.add(Command.SearchReturn.MIN);
        }
        if (max) {
            opts.add(Command.SearchReturn.MAX);
        }
        if (all) {
            opts.add(Command.SearchReturn.ALL);
        }
        if (count) {
            opts.add(Command.SearchReturn.COUNT);
        }
        if (save && !sort) {
            opts.add(Command.SearchReturn.SAVE);
        }
        PartialRange p = !withPartial ? null : newest ? new PartialRange(-a, -z) : new PartialRange(a, z);
        Command c = sort ? new Command.Sort(REVERSE_DATE, "UTF-8", SearchKey.unseen(), uid, opts, p)
                : new Command.Search(null, SearchKey.unseen(), opts, p, uid);
        byte[] wire = ImapCodec.encodeCommandBytes(Tag.of("t1"), c);
        assertEquals(c, ImapCodec.decodeCommand(wire).command());
        Command f = new Command.Fetch(SequenceSet.all(), List.of(FetchAttribute.Item.FLAGS), uid,
                count ? Long.valueOf(a) : null, count && uid && all, p);
        assertEquals(f, ImapCodec.decodeCommand(ImapCodec.encodeCommandBytes(Tag.of("t2"), f)).command());
    }
}
