package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.fetch.Address;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.codec.fetch.FetchItem;
import org.junit.jupiter.api.Test;

/**
 * The parser's memos (recent strings, whole addresses, one-parameter lists, keywords) never change a result: values
 * that differ only in case or one byte stay distinct, and bytes memoised under one quirk set are still rejected by a
 * stricter one. Every reader of one test shares one memo, as the frames of one connection do.
 */
class ParserMemoTest {
    private final ParserMemo memo = new ParserMemo();

    private ImapReader reader(String s, Set<Quirk> quirks) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return new ImapReader(b, 0, b.length, new int[0], CodecLimits.defaults(), quirks, memo);
    }

    private List<Address> addresses(String s, Set<Quirk> quirks) {
        return EnvelopeParser.addressList(reader(s, quirks));
    }

    private static Address.Mailbox only(List<Address> l) {
        assertEquals(1, l.size());
        return (Address.Mailbox) l.get(0);
    }

    @Test
    void repeatedAddressGivesEqualValues() {
        String wire = "((\"Ann Example\" NIL \"ann\" \"example.org\"))";
        Address.Mailbox a = only(addresses(wire, Quirk.defaults()));
        Address.Mailbox b = only(addresses(wire, Quirk.defaults()));
        assertEquals(new Address.Mailbox("Ann Example", null, "ann", "example.org"), a);
        assertEquals(a, b);
    }

    @Test
    void addressesDifferingInOneByteOrCaseStayDistinct() {
        Address.Mailbox a = only(addresses("((NIL NIL \"mailbox01\" \"host.example\"))", Quirk.defaults()));
        Address.Mailbox b = only(addresses("((NIL NIL \"mailbox02\" \"host.example\"))", Quirk.defaults()));
        Address.Mailbox c = only(addresses("((NIL NIL \"Mailbox01\" \"host.example\"))", Quirk.defaults()));
        assertEquals("mailbox01", a.mailbox());
        assertEquals("mailbox02", b.mailbox());
        assertEquals("Mailbox01", c.mailbox());
        assertNotEquals(a, c);
    }

    @Test
    void memoisedAddressDoesNotLoosenAStricterReader() {
        // Parsed once leniently (two spaces, EXTRA_SPACES on), then the same bytes without quirks must still fail.
        String lenient = "((\"Bo\"  NIL \"bo\" \"example.net\"))";
        assertEquals("bo", only(addresses(lenient, Quirk.defaults())).mailbox());
        assertThrows(ImapProtocolException.class, () -> addresses(lenient, Set.of()));
        // A plain address memoised first, then a strict reader on it: still accepted, same value.
        String plain = "((\"Bo\" NIL \"bo\" \"example.net\"))";
        assertEquals(only(addresses(plain, Quirk.defaults())), only(addresses(plain, Set.of())));
    }

    @Test
    void escapesAndGroupsTakeTheGeneralPath() {
        assertEquals("a\"b", only(addresses("((\"a\\\"b\" NIL \"x\" \"y.example\"))", Quirk.defaults())).name());
        List<Address> g = addresses("((NIL NIL \"team\" NIL)(NIL NIL \"x\" \"y.example\")(NIL NIL NIL NIL))",
                Quirk.defaults());
        assertEquals(List.of(new Address.Group("team", List.of(Address.Mailbox.of(null, "x", "y.example")))), g);
    }

    @Test
    void keywordsKeepTheirExactSpelling() {
        ImapReader r1 = reader("(FLAGS ($Important \\Seen))\r\n", Quirk.defaults());
        ImapReader r2 = reader("(FLAGS ($important))\r\n", Quirk.defaults());
        List<Flag> f1 = ((FetchItem.Flags) FetchParser.msgAtt(r1).get(0)).flags();
        List<Flag> f2 = ((FetchItem.Flags) FetchParser.msgAtt(r2).get(0)).flags();
        assertEquals(List.of(Flag.of("$Important"), Flag.SEEN), f1);
        assertEquals(List.of(Flag.of("$important")), f2);
    }

    @Test
    void parametersKeepTheirExactSpelling() {
        BodyStructure a = BodyStructureParser.body(
                reader("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 10 1)", Quirk.defaults()));
        BodyStructure b = BodyStructureParser.body(
                reader("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"7BIT\" 10 1)", Quirk.defaults()));
        assertEquals("utf-8", ((BodyStructure.Text) a).fields().params().get(0).value());
        assertEquals("UTF-8", ((BodyStructure.Text) b).fields().params().get(0).value());
    }

    @Test
    void numbersStillCheckTheirRange() {
        assertEquals(999_999_999_999_999_999L, EnvelopeParser.number64(reader("999999999999999999 ", Set.of())));
        assertEquals(Long.MAX_VALUE, EnvelopeParser.number64(reader("9223372036854775807 ", Set.of())));
        assertThrows(ImapProtocolException.class,
                () -> EnvelopeParser.number64(reader("9223372036854775808 ", Set.of())));
        assertEquals(4_294_967_295L, reader("4294967295 ", Set.of()).nzNumber());
        assertThrows(ImapProtocolException.class, () -> reader("4294967296 ", Set.of()).nzNumber());
        assertThrows(ImapProtocolException.class, () -> reader("0 ", Set.of()).nzNumber());
    }

    private FetchItem.Flags flags(String list) {
        List<FetchItem> items = FetchParser.msgAtt(reader("(FLAGS " + list + ")\r\n", Quirk.defaults()));
        return (FetchItem.Flags) items.get(0);
    }

    @Test
    void repeatedFlagSetsGiveTheSameItemAndOthersTheirOwn() {
        FetchItem.Flags seen = flags("(\\Seen $Important)");
        FetchItem.Flags again = flags("(\\seen $Important)");
        assertEquals(List.of(Flag.SEEN, Flag.of("$Important")), seen.flags());
        assertEquals(seen, again);
        org.junit.jupiter.api.Assertions.assertSame(seen, again);
        // Same flags in another order, a subset, a keyword differing in case, none: each its own value.
        assertEquals(List.of(Flag.of("$Important"), Flag.SEEN), flags("($Important \\Seen)").flags());
        assertEquals(List.of(Flag.SEEN), flags("(\\Seen)").flags());
        assertEquals(List.of(Flag.SEEN, Flag.of("$important")), flags("(\\Seen $important)").flags());
        assertEquals(List.of(), flags("()").flags());
        assertEquals(List.of(Flag.SEEN, Flag.of("$Important")), flags("(\\Seen $Important)").flags());
        // Five flags are never shared, and stay right.
        assertEquals(5, flags("(\\Seen \\Answered \\Flagged \\Draft $Junk)").flags().size());
    }

    private List<BodyStructure.Param> params(String list, Set<Quirk> quirks) {
        BodyStructure b = BodyStructureParser.body(
                reader("(\"TEXT\" \"PLAIN\" " + list + " NIL NIL \"7BIT\" 10 1)", quirks));
        return ((BodyStructure.Text) b).fields().params();
    }

    private static List<BodyStructure.Param> expected(String... nameValue) {
        java.util.ArrayList<BodyStructure.Param> l = new java.util.ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            l.add(new BodyStructure.Param(nameValue[i], nameValue[i + 1]));
        }
        return l;
    }

    @Test
    void plainParameterListsAreSharedOnlyForTheSameBytes() {
        String two = "(\"name\" \"report-1.pdf\" \"charset\" \"us-ascii\")";
        List<BodyStructure.Param> a = params(two, Quirk.defaults());
        List<BodyStructure.Param> b = params(two, Set.of());
        assertEquals(expected("name", "report-1.pdf", "charset", "us-ascii"), a);
        org.junit.jupiter.api.Assertions.assertSame(a, b);
        // One byte, the case of a byte, the order of pairs or one pair fewer: each its own value.
        assertEquals(expected("name", "report-2.pdf", "charset", "us-ascii"),
                params("(\"name\" \"report-2.pdf\" \"charset\" \"us-ascii\")", Quirk.defaults()));
        assertEquals(expected("name", "report-1.pdf", "charset", "US-ASCII"),
                params("(\"name\" \"report-1.pdf\" \"charset\" \"US-ASCII\")", Quirk.defaults()));
        assertEquals(expected("charset", "us-ascii", "name", "report-1.pdf"),
                params("(\"charset\" \"us-ascii\" \"name\" \"report-1.pdf\")", Quirk.defaults()));
        assertEquals(expected("name", "report-1.pdf"), params("(\"name\" \"report-1.pdf\")", Quirk.defaults()));
        // Escapes, literals and extra spaces take the general path, before and after the plain form was seen.
        assertEquals(expected("name", "a\"b"), params("(\"name\" \"a\\\"b\")", Quirk.defaults()));
        assertEquals(expected("name", "report-1.pdf", "charset", "us-ascii"),
                params("(\"name\"  \"report-1.pdf\" \"charset\" \"us-ascii\")", Quirk.defaults()));
        assertThrows(ImapProtocolException.class,
                () -> params("(\"name\"  \"report-1.pdf\" \"charset\" \"us-ascii\")", Set.of()));
        assertEquals(List.of(), params("NIL", Quirk.defaults()));
    }

    @Test
    void plainParameterListsKeepWhereEachStringEnds() {
        // The same content bytes split differently between names and values, and contents of 0, 7, 8, 9 and 16 bytes
        // (ends inside a word, on a word boundary, just after one), each parsed fresh and then again from the memo.
        String[][] lists = {
            {"ab", "cdefgh", "x", "y"}, {"abc", "defgh", "x", "y"}, {"abcdefgh", "", "x", "y"},
            {"", "abcdefgh", "x", "y"}, {"abcdefg", "abcdefghi", "abcdefghabcdefgh", "z"},
            {"abcdefgh", "abcdefghabcdefgh"}, {"a", "b", "c", "d", "e", "f"}};
        for (int round = 0; round < 2; round++) {
            for (String[] l : lists) {
                StringBuilder wire = new StringBuilder("(");
                for (int i = 0; i < l.length; i++) {
                    wire.append(i == 0 ? "" : " ").append('"').append(l[i]).append('"');
                }
                assertEquals(expected(l), params(wire.append(')').toString(), Quirk.defaults()));
            }
        }
        // A list whose last value holds an 8-bit byte or runs past the longest plain list is read in full.
        assertEquals(expected("name", "caf\u00e9"), params("(\"name\" \"caf\u00e9\")", Quirk.defaults()));
        String longValue = "v".repeat(200);
        assertEquals(expected("name", longValue), params("(\"name\" \"" + longValue + "\")", Quirk.defaults()));
    }

    @Test
    void internalDatesOfOneDayShareTheDayAndKeepTheirValues() {
        FetchItem.InternalDate a = (FetchItem.InternalDate) FetchParser.msgAtt(
                reader("(INTERNALDATE \"02-Jan-2024 07:03:43 +0000\")\r\n", Quirk.defaults())).get(0);
        FetchItem.InternalDate b = (FetchItem.InternalDate) FetchParser.msgAtt(
                reader("(INTERNALDATE \"02-Jan-2024 23:59:59 -0130\")\r\n", Quirk.defaults())).get(0);
        FetchItem.InternalDate c = (FetchItem.InternalDate) FetchParser.msgAtt(
                reader("(INTERNALDATE \" 3-Jan-2024 00:00:00 +0100\")\r\n", Quirk.defaults())).get(0);
        assertEquals(java.time.OffsetDateTime.parse("2024-01-02T07:03:43Z"), a.date());
        assertEquals(java.time.OffsetDateTime.parse("2024-01-02T23:59:59-01:30"), b.date());
        assertEquals(java.time.OffsetDateTime.parse("2024-01-03T00:00:00+01:00"), c.date());
        org.junit.jupiter.api.Assertions.assertSame(a.date().toLocalDate(), b.date().toLocalDate());
        assertEquals(new FetchItem.InternalDate(b.date()), b);
        assertThrows(ImapProtocolException.class, () -> FetchParser.msgAtt(
                reader("(INTERNALDATE \"30-Feb-2024 00:00:00 +0000\")\r\n", Quirk.defaults())));
    }
}
