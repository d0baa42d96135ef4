package org.imap4j.codec.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SequenceSetTest {
    @Test
    void compressesRuns() {
        assertEquals("1:3,7", SequenceSet.of(3, 1, 2, 7).toString());
        assertEquals("1:5,7,9:*", SequenceSet.parse("1:5,7,9:*").toString());
    }
}
