package org.imap4j.codec.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.Quirk;
import org.junit.jupiter.api.Test;

/** {@link CodecLimits}, {@link Quirk} and the exception hierarchy (public API of {@code org.imap4j.codec}). */
class LimitsAndErrorsTest {
    @Test
    void limitDefaultsAndWithers() {
        CodecLimits d = CodecLimits.defaults();
        assertEquals(8 << 20, d.maxLineLength());
        assertEquals(64L << 20, d.maxLiteralSize());
        assertEquals(128L << 20, d.maxResponseSize());
        assertEquals(100, d.maxNestingDepth());
        assertEquals(1_000_000, d.maxListItems());
        assertEquals(Long.MAX_VALUE, d.literalStreamThreshold());
        assertEquals(256L << 20, d.maxInflatedBytes());
        assertEquals(10_000_000L, d.maxResponsesPerCommand());
        CodecLimits all = d.withMaxLineLength(1).withMaxLiteralSize(2).withMaxResponseSize(3).withMaxNestingDepth(4)
                .withMaxListItems(5).withLiteralStreamThreshold(6).withMaxInflatedBytes(7).withMaxResponsesPerCommand(8);
        assertEquals(new CodecLimits(1, 2, 3, 4, 5, 6, 7, 8), all);
        assertEquals(100, d.maxNestingDepth());
    }

    @Test
    void limitValidation() {
        CodecLimits d = CodecLimits.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withMaxLineLength(0));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxLiteralSize(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxResponseSize(0));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxNestingDepth(0));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxListItems(-5));
        assertThrows(IllegalArgumentException.class, () -> d.withLiteralStreamThreshold(0));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxInflatedBytes(0));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxResponsesPerCommand(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.withMaxLiteralSize(Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("maxLiteralSize"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withMaxResponseSize(1L << 40));
    }

    @Test
    void quirkSets() {
        assertTrue(Quirk.defaults().contains(Quirk.EXTRA_SPACES));
        assertFalse(Quirk.defaults().contains(Quirk.CRLF_RELAXED));
        assertFalse(Quirk.defaults().contains(Quirk.LATIN1_FALLBACK));
        assertFalse(Quirk.defaults().contains(Quirk.LOOSE_ATOMS));
        assertTrue(Quirk.none().isEmpty());
        Quirk.defaults().clear();
        assertFalse(Quirk.defaults().isEmpty());
    }

    @Test
    void protocolExceptionMessages() {
        ImapProtocolException l = ImapProtocolException.limit("maxLineLength", 9, 8);
        assertEquals("limit maxLineLength exceeded: 9 > 8", l.getMessage());
        assertEquals("maxLineLength", l.limit());
        assertEquals(-1, l.offset());
        assertEquals("", l.excerpt());
        assertTrue(l instanceof ImapException);

        byte[] b = ("* OK " + "x".repeat(100) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ImapProtocolException e = ImapProtocolException.at("expected y", b, 0, 60, b.length);
        assertEquals(60, e.offset());
        assertEquals("..." + "x".repeat(40) + "^" + "x".repeat(40) + "...", e.excerpt());
        assertEquals("expected y at offset 60: " + e.excerpt(), e.getMessage());
        assertNull(e.limit());
        ImapProtocolException shifted = ImapProtocolException.at("m", b, 5, 5, 10);
        assertEquals(0, shifted.offset());
        assertEquals("^xxxxx", shifted.excerpt());
        assertEquals("m", new ImapProtocolException("m", -1, null, null).getMessage());
        assertEquals("", new ImapProtocolException("m", -1, null, null).excerpt());

        ImapConnectionException c = new ImapConnectionException("gone");
        assertNull(c.getCause());
        assertEquals("gone", c.getMessage());
        assertTrue(new ImapValidationException("v") instanceof IllegalArgumentException);
    }
}
