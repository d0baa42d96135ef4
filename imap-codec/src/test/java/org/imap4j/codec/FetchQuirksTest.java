package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 16 (codec half): the four documented server deviations as named quirks, each replayed from a
 * transcript (the server's lines as sent), each shown to fail without its quirk; and the salvage of a FETCH whose one
 * item cannot be read.
 */
class FetchQuirksTest {

    /** Decodes a transcript of server lines (CRLF added) with the given quirks. */
    private static List<Response> transcript(Set<Quirk> quirks, String... lines) {
        ResponseDecoder d = new ResponseDecoder(CodecLimits.defaults(), quirks);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append("\r\n");
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        d.feed(b, 0, b.length);
        List<Response> out = new ArrayList<>();
        for (Response r; (r = d.next()) != null; ) {
            out.add(r);
        }
        d.finish();
        return out;
    }

    private static Set<Quirk> without(Quirk... off) {
        Set<Quirk> q = Quirk.defaults();
        for (Quirk o : off) {
            q.remove(o);
        }
        return q;
    }

    @Test
    void allFiveAreDefaults() {
        assertEquals(true, Quirk.defaults().containsAll(EnumSet.of(Quirk.PARENTHESIZED_FETCH_ITEMS,
                Quirk.NEGATIVE_MODSEQ, Quirk.MISSING_SECTION_DATA, Quirk.BARE_RESPONSE_CODE_LINE,
                Quirk.SALVAGE_FETCH_ITEMS)));
    }

    /** Lotus Domino (MailKit #943, mailcore2 #614): a FETCH item in an extra pair of parentheses. */
    @Test
    void dominoParenthesizedItems() {
        List<Response> rs = transcript(Quirk.defaults(),
                "* 1 FETCH (UID 5 (FLAGS (\\Seen)) RFC822.SIZE 120)",
                "* 2 FETCH ((UID 6 FLAGS ()))",
                "A1 OK FETCH completed");
        assertEquals(new Untagged.Fetch(1, List.of(new FetchItem.Uid(5), new FetchItem.Flags(List.of(Flag.SEEN)),
                new FetchItem.Rfc822Size(120))), rs.get(0));
        assertEquals(new Untagged.Fetch(2, List.of(new FetchItem.Uid(6), new FetchItem.Flags(List.of()))),
                rs.get(1));
        // without the quirk (and without salvage) the response is an error
        assertThrows(ImapProtocolException.class, () -> transcript(
                without(Quirk.PARENTHESIZED_FETCH_ITEMS, Quirk.SALVAGE_FETCH_ITEMS),
                "* 1 FETCH (UID 5 (FLAGS (\\Seen)) RFC822.SIZE 120)"));
    }

    /** Zoho (MailKit #495, #1686): MODSEQ (-1) for "no mod-sequence". */
    @Test
    void zohoNegativeModSeq() {
        List<Response> rs = transcript(Quirk.defaults(), "* 3 FETCH (UID 7 MODSEQ (-1) FLAGS (\\Seen))");
        assertEquals(new Untagged.Fetch(3, List.of(new FetchItem.Uid(7), new FetchItem.Flags(List.of(Flag.SEEN)))),
                rs.get(0));
        // without the named quirk, salvage still keeps UID and FLAGS and marks the MODSEQ unreadable
        rs = transcript(without(Quirk.NEGATIVE_MODSEQ), "* 3 FETCH (UID 7 MODSEQ (-1) FLAGS (\\Seen))");
        assertEquals(new Untagged.Fetch(3, List.of(new FetchItem.Uid(7),
                new FetchItem.Unreadable("MODSEQ", Bytes.utf8("MODSEQ (-1)")),
                new FetchItem.Flags(List.of(Flag.SEEN)))), rs.get(0));
        // without either, the whole response is an error (the old behaviour, kept for strict callers)
        assertThrows(ImapProtocolException.class, () -> transcript(
                without(Quirk.NEGATIVE_MODSEQ, Quirk.SALVAGE_FETCH_ITEMS), "* 3 FETCH (UID 7 MODSEQ (-1))"));
        // other negatives are not "none": unreadable, never a number
        rs = transcript(Quirk.defaults(), "* 3 FETCH (UID 7 MODSEQ (-5))");
        assertInstanceOf(FetchItem.Unreadable.class, ((Untagged.Fetch) rs.get(0)).items().get(1));
    }

    /** Yandex (MailKit #1708): a body section followed by no value for an empty part. */
    @Test
    void yandexSectionWithoutValue() {
        List<Response> rs = transcript(Quirk.defaults(),
                "* 4 FETCH (UID 8 BODY[2] )",
                "* 5 FETCH (BODY[2]<0> UID 9)",
                "* 6 FETCH (BODY[2] NIL UID 10)");
        FetchItem.BodySection empty = new FetchItem.BodySection(new Section(List.of(2), Section.Kind.NONE,
                List.of()), OptionalLong.empty(), BodyData.of(Bytes.empty()));
        assertEquals(new Untagged.Fetch(4, List.of(new FetchItem.Uid(8), empty)), rs.get(0));
        assertEquals(new Untagged.Fetch(5, List.of(new FetchItem.BodySection(empty.section(), OptionalLong.of(0),
                BodyData.of(Bytes.empty())), new FetchItem.Uid(9))), rs.get(1));
        assertEquals(new Untagged.Fetch(6, List.of(new FetchItem.BodySection(empty.section(), OptionalLong.empty(),
                BodyData.NIL), new FetchItem.Uid(10))), rs.get(2), "NIL stays NIL");
        assertThrows(ImapProtocolException.class, () -> transcript(
                without(Quirk.MISSING_SECTION_DATA, Quirk.SALVAGE_FETCH_ITEMS), "* 4 FETCH (UID 8 BODY[2] )"));
    }

    /** Exchange (net-imap #250): a bare [COPYUID ...] line without "* OK" during UID MOVE. */
    @Test
    void exchangeBareCopyUidLine() {
        List<Response> rs = transcript(Quirk.defaults(),
                "[COPYUID 14 3210 50] ",
                "* 12 EXPUNGE",
                "A5 OK MOVE completed.");
        assertEquals(new Untagged.StatusResponse(Condition.OK, new ResponseCode.CopyUid(14, SequenceSet.of(3210),
                SequenceSet.of(50)), ""), rs.get(0));
        assertEquals(new Untagged.Expunge(12), rs.get(1));
        assertEquals(Condition.OK, ((Tagged) rs.get(2)).status());
        rs = transcript(Quirk.defaults(), "[COPYUID 14 3210:3211 50:51]");
        assertInstanceOf(ResponseCode.CopyUid.class, ((Untagged.StatusResponse) rs.get(0)).code());
        assertThrows(ImapProtocolException.class, () -> transcript(without(Quirk.BARE_RESPONSE_CODE_LINE),
                "[COPYUID 14 3210 50] "));
    }

    @Test
    void salvageKeepsEveryOtherItemAndTheRawBytes() {
        List<Response> rs = transcript(Quirk.defaults(),
                "* 7 FETCH (UID 11 INTERNALDATE \"31-Feb-2024 10:00:00 +0000\" FLAGS (\\Seen) RFC822.SIZE 5)",
                "* 8 FETCH (UID 12 ENVELOPE (\"date\" \"subj\" broken-address-list NIL NIL NIL NIL NIL NIL NIL) "
                        + "FLAGS ())",
                "* 9 FETCH (UID abc FLAGS (\\Seen))",
                "* 10 FETCH (EMAILID (a.b) UID 13)");
        Untagged.Fetch f = (Untagged.Fetch) rs.get(0);
        assertEquals(new FetchItem.Uid(11), f.items().get(0));
        FetchItem.Unreadable u = assertInstanceOf(FetchItem.Unreadable.class, f.items().get(1));
        assertEquals("INTERNALDATE", u.name());
        assertArrayEquals("INTERNALDATE \"31-Feb-2024 10:00:00 +0000\"".getBytes(StandardCharsets.US_ASCII),
                u.raw().toByteArray());
        assertEquals(new FetchItem.Flags(List.of(Flag.SEEN)), f.items().get(2));
        assertEquals(new FetchItem.Rfc822Size(5), f.items().get(3));
        f = (Untagged.Fetch) rs.get(1);
        assertEquals(3, f.items().size());
        assertEquals("ENVELOPE", ((FetchItem.Unreadable) f.items().get(1)).name());
        assertEquals(new FetchItem.Flags(List.of()), f.items().get(2));
        f = (Untagged.Fetch) rs.get(2);
        assertEquals(new FetchItem.Unreadable("UID", Bytes.utf8("UID abc")), f.items().get(0));
        f = (Untagged.Fetch) rs.get(3);
        assertEquals(new FetchItem.Uid(13), f.items().get(1));
        // the salvaged response writes back byte for byte
        assertEquals("* 9 FETCH (UID abc FLAGS (\\Seen))\r\n",
                new String(ImapCodec.encodeResponse(rs.get(2)), StandardCharsets.US_ASCII));
    }

    @Test
    void whatCannotBeDelimitedStillFailsTheResponse() {
        // an unbalanced value: the item's end is unknown, so nothing after it can be trusted
        assertThrows(ImapProtocolException.class, () -> transcript(Quirk.defaults(),
                "* 1 FETCH (UID 1 ENVELOPE (\"x\" FLAGS ())"));
        // limits are never salvaged
        ResponseDecoder d = new ResponseDecoder(CodecLimits.defaults().withMaxNestingDepth(3), Quirk.defaults());
        byte[] b = "* 1 FETCH (UID 1 X-DEEP ((((1)))))\r\n".getBytes(StandardCharsets.US_ASCII);
        d.feed(b, 0, b.length);
        ImapProtocolException e = assertThrows(ImapProtocolException.class, d::next);
        assertEquals("maxNestingDepth", e.limit());
    }
}
