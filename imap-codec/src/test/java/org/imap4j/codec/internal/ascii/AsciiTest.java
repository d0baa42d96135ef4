package org.imap4j.codec.internal.ascii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AsciiTest {
    @Test
    void classesFollowRfc9051() {
        // atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials / resp-specials
        for (char c : "(){ %*\"\\]\u0000\u001f\u007f".toCharArray()) {
            assertFalse(Ascii.is(c, Ascii.ATOM), "ATOM " + (int) c);
        }
        for (char c : "aZ09.$[+-~&,/<>!#'".toCharArray()) {
            assertTrue(Ascii.is(c, Ascii.ATOM), "ATOM " + c);
        }
        assertFalse(Ascii.is(0x80, Ascii.ATOM));
        assertFalse(Ascii.is(0xff, Ascii.ASTRING));
        assertTrue(Ascii.is(']', Ascii.ASTRING));
        assertFalse(Ascii.is('%', Ascii.ASTRING));
        assertTrue(Ascii.is('%', Ascii.LIST));
        assertTrue(Ascii.is('*', Ascii.LIST));
        assertTrue(Ascii.is(']', Ascii.LIST));
        assertFalse(Ascii.is('+', Ascii.TAG));
        assertTrue(Ascii.is(']', Ascii.TAG));
        assertFalse(Ascii.is('\r', Ascii.TEXT));
        assertFalse(Ascii.is('\n', Ascii.TEXT));
        assertFalse(Ascii.is(0, Ascii.TEXT));
        assertTrue(Ascii.is(0xe9, Ascii.TEXT));
        assertFalse(Ascii.is('"', Ascii.QUOTED_PLAIN));
        assertFalse(Ascii.is('\\', Ascii.QUOTED_PLAIN));
        assertTrue(Ascii.is('(', Ascii.QUOTED_PLAIN));
        assertTrue(Ascii.is('7', Ascii.DIGIT));
        assertFalse(Ascii.is('a', Ascii.DIGIT));
        assertTrue(Ascii.is((byte) 'a', Ascii.ATOM));
        assertFalse(Ascii.is((byte) 0xc3, Ascii.ATOM));
    }

    @Test
    void allAndUpper() {
        assertFalse(Ascii.all("", Ascii.ATOM));
        assertTrue(Ascii.all("abc", Ascii.ATOM));
        assertFalse(Ascii.all("a b", Ascii.ATOM));
        assertFalse(Ascii.all("\u0161", Ascii.TEXT));
        assertFalse(Ascii.all("\u0161", Ascii.ATOM));
        assertEquals('A', Ascii.upper('a'));
        assertEquals('Z', Ascii.upper('z'));
        assertEquals('[', Ascii.upper('['));
        assertEquals(0xe9, Ascii.upper(0xe9));
    }

    @Test
    void escapeAndExcerpt() {
        byte[] b = "a\r\n\\\0\u00ff\"".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("a\\r\\n\\\\\\x00\\xff\"", Ascii.escape(b, 0, b.length));
        assertEquals("", Ascii.escape(b, 3, 3));
        byte[] x = "0123456789".repeat(10).getBytes(StandardCharsets.US_ASCII);
        assertEquals("^0123", Ascii.excerpt(x, 0, 0, 4));
        assertEquals("0123^", Ascii.excerpt(x, 0, 4, 4));
        assertEquals("..." + "0123456789".repeat(4) + "^" + "0123456789".repeat(4) + "...", Ascii.excerpt(x, 0, 50, 100));
        assertEquals("23^4", Ascii.excerpt(x, 2, 4, 5));
        assertEquals("^", Ascii.excerpt(x, 0, 0, 0));
    }

    @Property(tries = 300)
    void escapeIsPrintableAndExcerptIsBounded(@ForAll byte[] data, @ForAll @IntRange(min = 0, max = 1000) int at) {
        String e = Ascii.escape(data, 0, data.length);
        for (int i = 0; i < e.length(); i++) {
            assertTrue(e.charAt(i) >= 0x20 && e.charAt(i) < 0x7f);
        }
        int idx = data.length == 0 ? 0 : at % (data.length + 1);
        String x = Ascii.excerpt(data, 0, idx, data.length);
        assertTrue(x.length() <= 80 * 4 + 7, x);
        assertTrue(x.contains("^"));
    }
}
