package org.imap4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.imap4j.codec.core.Bytes;
import org.junit.jupiter.api.Test;

/** How a streamed body learns its message before the response is parsed: from the response's prefix bytes. */
class SinkFetchOpTest {
    private static long uid(String prefix) {
        return SinkFetchOp.prefixUid(Bytes.of(prefix.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    @Test
    void theTopLevelUidItemBeforeTheBodyIsFound() {
        assertEquals(4827313L, uid("* 12 FETCH (UID 4827313 BODY[] "));
        assertEquals(7L, uid("* 1 FETCH (FLAGS (\\Seen) uid 7 BODY[] "), "items are case-insensitive");
        assertEquals(12L, SinkFetchOp.prefixSeq(Bytes.of("* 12 FETCH (UID 5 BODY[] ".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII))));
    }

    @Test
    void uidLookalikesInsideStringsListsAndLiteralsAreNotTakenAndAMissingUidIsMinusOne() {
        assertEquals(-1L, uid("* 3 FETCH (BODY[HEADER.FIELDS (UID 9)] "), "inside a section");
        assertEquals(-1L, uid("* 3 FETCH (ENVELOPE (NIL \"UID 9\" NIL NIL NIL NIL NIL NIL NIL NIL) BODY[] "));
        assertEquals(-1L, uid("* 3 FETCH (X-TEXT {5}\r\nUID 9 BODY[] "), "inside a literal's payload");
        assertEquals(-1L, uid("* 3 FETCH (BODY[] "), "the server sent the UID after the body");
        assertEquals(-1L, uid("* 3 FETCH (XUID 9 BODY[] "), "another item ending in UID");
        assertEquals(21L, uid("* 3 FETCH (X-TEXT {5}\r\nUID 9 UID 21 BODY[] "), "after a literal, the real item");
    }
}
