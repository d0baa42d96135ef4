package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.PartialRange;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/** PARTIAL (RFC 9394): the range rule and the ESEARCH result item, both ways. */
class PartialGrammarTest {

    private static void both(String wire, Untagged u) {
        assertEquals(u, ImapCodec.decodeResponse(wire.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(wire, new String(ImapCodec.encodeResponse(u), StandardCharsets.US_ASCII));
    }

    @Test
    void esearchPartialOfTheRfc() {
        both("* ESEARCH (TAG \"A01\") UID PARTIAL (1:500 55500:55999)\r\n", new Untagged.ESearch("A01", true,
                List.of(new ESearchItem.Partial(new PartialRange(1, 500), SequenceSet.parse("55500:55999")))));
        both("* ESEARCH (TAG \"R001\") UID PARTIAL (-1:-100 NIL)\r\n", new Untagged.ESearch("R001", true,
                List.of(new ESearchItem.Partial(PartialRange.last(100), null))));
        both("* ESEARCH (TAG \"R001\") UID PARTIAL (1:10 3,5,9:11)\r\n", new Untagged.ESearch("R001", true,
                List.of(new ESearchItem.Partial(PartialRange.first(10), SequenceSet.parse("3,5,9:11")))));
    }

    @Test
    void theRangeRule() {
        assertEquals(new PartialRange(500, 400), PartialRange.parse("500:400"), "ends kept as written");
        assertTrue(PartialRange.parse("-1:-30").fromNewest());
        assertFalse(PartialRange.parse("1:30").fromNewest());
        for (String bad : List.of("0:5", "1:*", "-1:5", "5", "1:4294967296", "+1:2", "a:b", "")) {
            assertThrows(ImapValidationException.class, () -> PartialRange.parse(bad), bad);
        }
        assertThrows(ImapProtocolException.class, () -> ImapCodec.decodeResponse(
                "* ESEARCH UID PARTIAL (0:5 NIL)\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Property(tries = 200)
    void rangesRoundTrip(@ForAll @LongRange(min = 1, max = 4294967295L) long a,
            @ForAll @LongRange(min = 1, max = 4294967295L) long b, @ForAll boolean newest) {
        PartialRange r = newest ? new PartialRange(-a, -b) : new PartialRange(a, b);
        assertEquals(r, PartialRange.parse(r.toString()));
    }
}
