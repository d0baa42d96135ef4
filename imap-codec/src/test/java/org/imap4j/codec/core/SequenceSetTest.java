package org.imap4j.codec.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import org.imap4j.codec.ImapValidationException;
import org.junit.jupiter.api.Test;

class SequenceSetTest {
    @Test
    void compressesRuns() {
        assertEquals("1:3,7", SequenceSet.of(3, 1, 2, 7).toString());
        assertEquals("1:3,7", SequenceSet.of(3, 1, 2, 7, 2, 3).toString());
        assertEquals("1:5,7,9:*", SequenceSet.parse("1:5,7,9:*").toString());
        assertEquals("5,*", SequenceSet.of(SequenceSet.STAR, 5).toString());
        assertEquals("4294967294:4294967295", SequenceSet.of(4294967295L, 4294967294L).toString());
        assertEquals("1:3", SequenceSet.of(List.of(2L, 3L, 1L)).toString());
    }

    @Test
    void rfcExamples() {
        // RFC 9051 section 9: "2,4:7,9,12:*" is 2,4,5,6,7,9,12,13,14,15 for a mailbox with 15 messages.
        SequenceSet s = SequenceSet.parse("2,4:7,9,12:*");
        assertEquals("2,4:7,9,12:*", s.toString());
        List<Long> got = new ArrayList<>();
        s.resolve(15).forEach(got::add);
        assertEquals(List.of(2L, 4L, 5L, 6L, 7L, 9L, 12L, 13L, 14L, 15L), got);
        // "*:4" is 4:* (and with 15 messages, 4..15).
        SequenceSet star = SequenceSet.parse("*:4");
        assertEquals(SequenceSet.parse("4:*"), star);
        assertEquals("4:15", star.resolve(15).toString());
        assertEquals("3:4", star.resolve(3).toString());
        assertTrue(star.contains(10, 15));
        assertFalse(star.contains(3, 15));
    }

    @Test
    void rejectsJunk() {
        for (String bad : new String[] {"", "0", "1:0", "01", "4294967296", "99999999999999999999", "1,", ",1",
                "1:", ":1", "1;2", "a", "1 2", "**", "1:*:2", "-1", "+1"}) {
            assertThrows(ImapValidationException.class, () -> SequenceSet.parse(bad), bad);
        }
        assertThrows(ImapValidationException.class, () -> SequenceSet.of());
        assertThrows(ImapValidationException.class, () -> SequenceSet.of(0));
        assertThrows(ImapValidationException.class, () -> SequenceSet.of(4294967296L));
        assertThrows(ImapValidationException.class, () -> SequenceSet.range(0, 5));
        assertThrows(ImapValidationException.class, () -> SequenceSet.ofRanges(List.of()));
        assertThrows(ImapValidationException.class, () -> new SequenceSet.Range(-1, 3));
    }

    @Test
    void normalizedAndUnion() {
        SequenceSet s = SequenceSet.parse("9,1:3,4,7:8,2");
        assertEquals("1:4,7:9", s.normalized().toString());
        SequenceSet n = SequenceSet.parse("1:4,7:9");
        assertSame(n, n.normalized());
        assertEquals("1:*", SequenceSet.parse("5:*,1:6,100").normalized().toString());
        assertEquals("1:2,*", SequenceSet.parse("*,2,1").normalized().toString());
        assertEquals("1:10", SequenceSet.parse("1:5").union(SequenceSet.parse("6:10")).toString());
        assertEquals("1:3,5", SequenceSet.of(1, 5).union(SequenceSet.range(2, 3)).toString());
    }

    @Test
    void resolveWithEmptyMailbox() {
        assertNull(SequenceSet.parse("*").resolve(0));
        assertNull(SequenceSet.all().resolve(0));
        assertFalse(SequenceSet.all().contains(1, 0));
        assertTrue(SequenceSet.parse("1,*").contains(1, 0));
        assertEquals("3", SequenceSet.parse("3,5:*").resolve(0).toString());
        SequenceSet plain = SequenceSet.parse("1:3");
        assertSame(plain, plain.resolve(0));
        assertEquals("3", SequenceSet.parse("*").resolve(3).toString());
        assertTrue(SequenceSet.parse("1,*").hasStar());
        assertFalse(SequenceSet.parse("1,2").hasStar());
    }

    @Test
    void iterationAndSize() {
        SequenceSet s = SequenceSet.parse("5,1:3,2");
        PrimitiveIterator.OfLong it = s.numbers();
        long[] want = {5, 1, 2, 3, 2};
        for (long w : want) {
            assertTrue(it.hasNext());
            assertEquals(w, it.nextLong());
        }
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::nextLong);
        assertEquals(5, s.size());
        assertEquals(Long.MAX_VALUE, SequenceSet.parse("1:*").size());
        assertEquals(2, SequenceSet.parse("3,*").size());
        assertEquals(4294967295L, SequenceSet.range(1, 4294967295L).size());
        assertThrows(IllegalStateException.class, () -> SequenceSet.parse("1:*").numbers());
        assertEquals(List.of(new SequenceSet.Range(1, 3), new SequenceSet.Range(5, 5)),
                SequenceSet.parse("3:1,5").ranges());
    }

    @Test
    void equalsAndHash() {
        assertEquals(SequenceSet.parse("1:3"), SequenceSet.of(1, 2, 3));
        assertEquals(SequenceSet.parse("1:3").hashCode(), SequenceSet.of(1, 2, 3).hashCode());
        assertFalse(SequenceSet.parse("1:3").equals(SequenceSet.parse("1,2:3")));
    }

    @Test
    void dollarIsTheServersSavedResult() {
        SequenceSet last = SequenceSet.parse("$");
        assertSame(SequenceSet.lastResult(), last);
        assertTrue(last.isLastResult());
        assertEquals("$", last.toString());
        assertTrue(last.contains(42, 100), "any message may belong to it");
        assertEquals(0, last.size());
        assertEquals(last, last.normalized());
        assertThrows(IllegalStateException.class, last::numbers);
        assertThrows(IllegalStateException.class, () -> last.union(SequenceSet.of(1)));
        assertFalse(SequenceSet.of(1).isLastResult());
        assertThrows(ImapValidationException.class, () -> SequenceSet.parse("1,$"));
    }
}
