package org.imap4j.codec.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.internal.encode.DateTimeEncoder;
import org.junit.jupiter.api.Test;

/** The SEARCH key grammar: dates, nesting, factories and CHARSET detection. */
class SearchKeyTest {

    private static String search(SearchKey k) {
        return Wire.text(Wire.encode("t", Command.Search.of(k, false), EncodeOptions.DEFAULT));
    }

    @Test
    void datesAreDayMonthYear() {
        assertEquals("1-Feb-1994", DateTimeEncoder.date(LocalDate.of(1994, 2, 1)));
        assertEquals("31-Dec-0999", DateTimeEncoder.date(LocalDate.of(999, 12, 31)));
        assertEquals(new Command.Search(null, SearchKey.before(LocalDate.of(2000, 3, 5)), null, false),
                Wire.parse("t SEARCH BEFORE \"05-mar-2000\"\r\n").command());
        assertEquals(new Command.Search(null, SearchKey.on(LocalDate.of(2000, 3, 5)), null, false),
                Wire.parse("t search on 5-MAR-2000\r\n").command());
    }

    @Test
    void nestingIsParenthesisedInsideOtherKeys() {
        SearchKey inner = SearchKey.and(SearchKey.seen(), SearchKey.larger(10));
        assertEquals("t SEARCH NOT (SEEN LARGER 10)\r\n", search(SearchKey.not(inner)));
        assertEquals("t SEARCH OR (SEEN LARGER 10) UID 1:*\r\n",
                search(SearchKey.or(inner, SearchKey.uid(SequenceSet.parse("1:*")))));
        assertEquals("t SEARCH (SEEN LARGER 10) 3\r\n", search(new SearchKey.And(List.of(inner,
                SearchKey.sequence(SequenceSet.of(3))))));
        assertEquals(new Command.Search(null, SearchKey.seen(), null, false),
                Wire.parse("t SEARCH (SEEN)\r\n").command());
    }

    @Test
    void charsetOnlyWhenNeeded() {
        assertFalse(SearchKey.and(SearchKey.from("smith"), SearchKey.header("X", "y")).hasNonAscii());
        assertTrue(SearchKey.or(SearchKey.all(), SearchKey.not(SearchKey.subject("caf\u00e9"))).hasNonAscii());
        assertEquals("t SEARCH OR ALL NOT SUBJECT \"a\"\r\n",
                search(SearchKey.or(SearchKey.all(), SearchKey.not(SearchKey.subject("a")))));
        assertTrue(search(SearchKey.header("X-Caf\u00e9", "x")).startsWith("t SEARCH CHARSET UTF-8 HEADER {7}"));
    }

    @Test
    void validation() {
        assertThrows(ImapValidationException.class, () -> SearchKey.keyword("\\Seen"));
        assertThrows(ImapValidationException.class, () -> SearchKey.younger(1L << 32));
        assertThrows(ImapValidationException.class, () -> SearchKey.larger(-1));
        assertThrows(ImapValidationException.class, () -> new SearchKey.ModSeq("/flags/x", null, 1));
        assertThrows(ImapValidationException.class,
                () -> new SearchKey.ObjectId(SearchKey.ObjectIdField.EMAILID, "a b"));
        assertThrows(ImapValidationException.class, () -> SearchKey.since(LocalDate.of(10000, 1, 1)));
    }
}
