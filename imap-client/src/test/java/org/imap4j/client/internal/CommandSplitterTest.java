package org.imap4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.ResponseCode;
import org.junit.jupiter.api.Test;

/** How a message set is cut for the line-length (RFC 7162 section 4) and MESSAGELIMIT (RFC 9738) rules. */
class CommandSplitterTest {

    private static List<Long> numbers(List<SequenceSet> parts) {
        List<Long> all = new ArrayList<>();
        for (SequenceSet p : parts) {
            p.numbers().forEachRemaining((long n) -> all.add(n));
        }
        return all;
    }

    @Test
    void aSetThatFitsIsLeftAlone() {
        SequenceSet s = SequenceSet.parse("1:5,7,9:*");
        assertEquals(List.of(s), CommandSplitter.split(s, 100, 0));
        assertEquals(List.of(SequenceSet.lastResult()), CommandSplitter.split(SequenceSet.lastResult(), 1, 1));
    }

    @Test
    void aLongSetIsCutAtCommasKeepingOrderAndEveryNumber() {
        List<Long> odd = new ArrayList<>();
        for (long n = 1; n < 20_000; n += 2) {
            odd.add(n);
        }
        SequenceSet s = SequenceSet.of(odd);
        List<SequenceSet> parts = CommandSplitter.split(s, 1000, 0);
        assertTrue(parts.size() > 40, "parts: " + parts.size());
        for (SequenceSet p : parts) {
            assertTrue(p.toString().length() <= 1000, p.toString().length() + " octets");
        }
        assertEquals(odd, numbers(parts));
    }

    @Test
    void aMessageLimitCutsRangesIntoChunksOfAtMostN() {
        List<SequenceSet> parts = CommandSplitter.split(SequenceSet.parse("1:250,300,400:405"), 8000, 100);
        assertEquals(List.of(SequenceSet.parse("1:100"), SequenceSet.parse("101:200"),
                SequenceSet.parse("201:250,300,400:405")), parts);
        // a range with * cannot be counted: it goes alone, uncut
        assertEquals(List.of(SequenceSet.parse("1:100"), SequenceSet.parse("101:150"), SequenceSet.parse("200:*")),
                CommandSplitter.split(SequenceSet.parse("1:150,200:*"), 8000, 100));
    }

    @Test
    void randomSetsKeepTheirNumbersAndEachPartKeepsBothLimits() {
        Random r = new Random(18);
        for (int round = 0; round < 300; round++) {
            List<SequenceSet.Range> ranges = new ArrayList<>();
            int k = 1 + r.nextInt(400);
            for (int i = 0; i < k; i++) {
                long lo = 1 + r.nextInt(1_000_000);
                ranges.add(new SequenceSet.Range(lo, lo + (r.nextBoolean() ? 0 : r.nextInt(300))));
            }
            SequenceSet s = SequenceSet.ofRanges(ranges);
            int octets = 20 + r.nextInt(500);
            long limit = r.nextBoolean() ? 0 : 1 + r.nextInt(500);
            List<SequenceSet> parts = CommandSplitter.split(s, octets, limit);
            List<Long> expected = new ArrayList<>();
            s.numbers().forEachRemaining((long n) -> expected.add(n));
            assertEquals(expected, numbers(parts));
            for (SequenceSet p : parts) {
                assertTrue(p.toString().length() <= octets, p + " longer than " + octets);
                assertTrue(limit == 0 || p.size() <= limit, p + " more than " + limit);
            }
        }
    }

    @Test
    void theBudgetIsTheLineLessTheRestOfTheCommand() {
        Command copy = new Command.Copy(SequenceSet.of(1), MailboxName.of("Archive"), true);
        // "A9999999 UID COPY 1 Archive\r\n" is 29 octets, 28 without the set
        assertEquals(8192 - 28, CommandSplitter.setBudget(copy, 8192));
        assertEquals(64, CommandSplitter.setBudget(copy, 10), "a set always has some room");
    }

    @Test
    void halvesAndTheRefusalsThatCauseThem() {
        assertEquals(List.of(SequenceSet.parse("1:50"), SequenceSet.parse("51:100")),
                CommandSplitter.halves(SequenceSet.parse("1:100")));
        assertEquals(List.of(SequenceSet.parse("1:2,5"), SequenceSet.parse("6:7,9")),
                CommandSplitter.halves(SequenceSet.parse("1:2,5:7,9")));
        assertEquals(List.of(SequenceSet.of(4)), CommandSplitter.halves(SequenceSet.of(4)));
        assertTrue(CommandSplitter.tooMany(new ResponseCode.Simple(ResponseCode.Kind.TOOMANY)));
        assertTrue(CommandSplitter.tooMany(new ResponseCode.Simple(ResponseCode.Kind.LIMIT)));
        assertTrue(CommandSplitter.tooMany(new ResponseCode.MessageLimit(50, null)));
        assertFalse(CommandSplitter.tooMany(new ResponseCode.Simple(ResponseCode.Kind.TRYCREATE)));
    }
}
