package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.ImapValue;
import org.junit.jupiter.api.Test;

class ImapReaderTest {
    static ImapReader r(String s) {
        return r(s, Quirk.defaults());
    }

    static ImapReader r(String s, Set<Quirk> q) {
        return r(s.getBytes(StandardCharsets.ISO_8859_1), q, CodecLimits.defaults());
    }

    static ImapReader r(byte[] b, Set<Quirk> q, CodecLimits lim) {
        return new ImapReader(b, 0, b.length, new int[0], lim, q);
    }

    static ImapReader utf8(String s, Set<Quirk> q) {
        return r(s.getBytes(StandardCharsets.UTF_8), q, CodecLimits.defaults());
    }

    @Test
    void numbers() {
        ImapReader r = r("0 4294967295 12x\r\n");
        assertEquals(0, r.number());
        r.sp();
        assertEquals(4294967295L, r.number());
        r.sp();
        assertEquals(12, r.number());
        assertEquals('x', r.peek());
        ImapProtocolException e = assertThrows(ImapProtocolException.class, () -> r("4294967296\r\n").number());
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        assertEquals(0, e.offset());
        assertThrows(ImapProtocolException.class, () -> r("x\r\n").number());
        assertThrows(ImapProtocolException.class, () -> r("0\r\n").nzNumber());
        assertEquals(1, r("1\r\n").nzNumber());
        assertEquals(Long.MAX_VALUE, r("9223372036854775807\r\n").number64());
        assertThrows(ImapProtocolException.class, () -> r("9223372036854775808\r\n").number64());
        // Used to overflow silently into a small value.
        assertThrows(ImapProtocolException.class, () -> r("92233720368547758070\r\n").number64());
        assertThrows(ImapProtocolException.class, () -> r("99999999999999999999999\r\n").number64());
        assertTrue(r("5\r\n").atDigit());
    }

    @Test
    void separatorsAndLineEnd() {
        ImapReader r = r("a  b \r\n", Quirk.none());
        r.atom();
        r.sp();
        assertThrows(ImapProtocolException.class, r::atom);
        ImapReader q = r("a  b \r\n");
        q.atom();
        q.sp();
        assertEquals("b", q.atom());
        assertTrue(q.trySp());
        assertTrue(q.atLineEnd());
        q.crlf();
        ImapReader strict = r("b \r\n", Quirk.none());
        strict.atom();
        assertThrows(ImapProtocolException.class, strict::crlf);
        ImapReader extra = r("b\r\nx");
        extra.atom();
        assertThrows(ImapProtocolException.class, extra::crlf);
    }

    @Test
    void atomsNamesFlags() {
        ImapReader r = r("FOO.bar] \\Seen \\* $Fwd ok\r\n");
        assertEquals("FOO.bar", r.atom());
        assertThrows(ImapProtocolException.class, r::atom);
        assertEquals(']', r.peek());
        r.expect(']');
        r.sp();
        assertEquals("\\Seen", r.flag());
        r.sp();
        assertEquals("\\*", r.flag());
        r.sp();
        assertEquals("$Fwd", r.flag());
        r.sp();
        assertEquals("OK", r.name());
        assertEquals("ok", r("ok\r\n", Quirk.none()).name());
        assertEquals("a]b", r("a]b\r\n", Set.of(Quirk.LOOSE_ATOMS)).atom());
        assertEquals("a", r("a]b\r\n", Quirk.none()).atom());
    }

    @Test
    void tryWordBoundaries() {
        ImapReader r = r("FETCHX FETCH BODY[] BODY.PEEK RFC822.SIZE uid\r\n");
        assertFalse(r.tryWord("FETCH"));
        r.atom();
        r.sp();
        assertTrue(r.tryWord("FETCH"));
        r.sp();
        assertTrue(r.tryWord("BODY"));
        assertEquals('[', r.peek());
        r.expect('[');
        r.expect(']');
        r.sp();
        assertTrue(r.tryWord("BODY"));
        r.expect('.');
        assertTrue(r.tryWord("PEEK"));
        r.sp();
        assertTrue(r.tryWord("RFC822.SIZE"));
        r.sp();
        assertTrue(r.tryWord("UID"));
        assertFalse(r("uid\r\n", Quirk.none()).tryWord("UID"));
        assertFalse(r("UI\r\n").tryWord("UID"));
        assertThrows(ImapProtocolException.class, () -> r("X\r\n").word("UID"));
    }

    @Test
    void nil() {
        assertTrue(r("NIL)\r\n").tryNil());
        assertTrue(r("nil \r\n").tryNil());
        assertFalse(r("NILS\r\n").tryNil());
        assertFalse(r("NIL.x\r\n").tryNil());
        assertFalse(r("NIL[1]\r\n").tryNil());
        assertNull(r("NIL\r\n").nstring());
        assertEquals(ImapValue.NIL, r("NIL\r\n").nstringValue());
        assertEquals("", r("NIL\r\n").stringOrQuirkNil());
        assertThrows(ImapProtocolException.class, () -> r("NIL\r\n", Quirk.none()).stringOrQuirkNil());
        assertThrows(ImapProtocolException.class, () -> r("foo\r\n").nstring());
    }

    @Test
    void astringAndString() {
        assertEquals("INBOX]x", r("INBOX]x\r\n").astring());
        assertEquals("a b", r("\"a b\"\r\n").astring());
        assertEquals("a\r\nb", r("{4}\r\na\r\nb\r\n").astring());
        assertEquals("", r("\"\"\r\n").string());
        assertEquals("", r("{0}\r\n\r\n").string());
        assertThrows(ImapProtocolException.class, () -> r("(\r\n").astring());
        assertThrows(ImapProtocolException.class, () -> r("abc\r\n").string());
    }

    @Test
    void quotedEscapesAnd8Bit() {
        assertEquals("a\"b\\c", r("\"a\\\"b\\\\c\"\r\n").quoted());
        assertEquals("Grüße 日本", utf8("\"Grüße 日本\"\r\n", Quirk.defaults()).quoted());
        assertEquals("Grüße \"x\"", utf8("\"Grüße \\\"x\\\"\"\r\n", Quirk.defaults()).quoted());
        ImapProtocolException e = assertThrows(ImapProtocolException.class, () -> r("\"caf\u00e9\"\r\n").quoted());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        assertEquals("caf\u00e9", r("\"caf\u00e9\"\r\n", Set.of(Quirk.LATIN1_FALLBACK)).quoted());
        assertThrows(ImapProtocolException.class, () -> r("\"a\\b\"\r\n").quoted());
        assertThrows(ImapProtocolException.class, () -> r("\"a\rb\"\r\n").quoted());
        assertThrows(ImapProtocolException.class, () -> r("\"a\nb\"\r\n").quoted());
        assertThrows(ImapProtocolException.class, () -> r("\"a\0b\"\r\n").quoted());
        assertThrows(ImapProtocolException.class, () -> r("\"abc\r\n").quoted());
        assertThrows(ImapProtocolException.class, () -> r("\"abc\\").quoted());
    }

    @Test
    void literals() {
        byte[] raw = "{5}\r\n\u00e9\0\r\n\u00ff ~{2}\r\n\0\1\r\n".getBytes(StandardCharsets.ISO_8859_1);
        ImapReader r = r(raw, Quirk.defaults(), CodecLimits.defaults());
        assertTrue(r.literalSpan());
        assertEquals(5, r.litSize());
        assertFalse(r.litBinary());
        assertEquals(5, r.litStart());
        assertEquals(10, r.litEnd());
        r.sp();
        ImapValue v = r.literal();
        assertEquals(new ImapValue.Literal(Bytes.of(new byte[] {0, 1}), true), v);
        r.crlf();
        // 8-bit literal text that is not UTF-8 keeps every byte (ISO-8859-1).
        assertEquals("\u00e9\u00ff", r("{2}\r\n\u00e9\u00ff\r\n").string());
        assertEquals("日", utf8("{3}\r\n日\r\n", Quirk.defaults()).string());
        assertEquals("ab", r("{2+}\r\nab\r\n").string());
        assertThrows(ImapProtocolException.class, () -> r("{10}\r\nab\r\n").string());
        assertThrows(ImapProtocolException.class, () -> r("{2}ab\r\n").string());
        assertThrows(ImapProtocolException.class, () -> r("{x}\r\nab\r\n").string());
        assertEquals(new ImapValue.Quoted("q"), r("\"q\"\r\n").nstringValue());
        assertEquals(new ImapValue.Literal(Bytes.utf8("q"), false), r("{1}\r\nq\r\n").nstringValue());
    }

    @Test
    void streamedLiteral() {
        byte[] b = "A {100}\r\n B\r\n".getBytes(StandardCharsets.ISO_8859_1);
        ImapReader r = new ImapReader(b, 0, b.length, new int[] {9}, CodecLimits.defaults(), Quirk.defaults());
        r.atom();
        r.sp();
        assertEquals(new ImapValue.StreamedLiteral(100, false), r.literal());
        r.sp();
        assertEquals("B", r.atom());
        ImapReader s = new ImapReader(b, 0, b.length, new int[] {9}, CodecLimits.defaults(), Quirk.defaults());
        s.atom();
        s.sp();
        assertThrows(ImapProtocolException.class, s::string);
    }

    @Test
    void text() {
        assertEquals("hello [world] ü", utf8("hello [world] ü\r\n", Quirk.defaults()).text());
        assertEquals("caf\u00e9", r("caf\u00e9\r\n").text());
        assertEquals("", r("\r\n").text());
        assertThrows(ImapProtocolException.class, () -> r("a\0b\r\n").text());
    }

    private static ImapValue v(String s) {
        ImapReader r = r(s);
        ImapValue v = r.value();
        r.crlf();
        return v;
    }

    private static ImapValue.ValueList list(ImapValue... items) {
        return new ImapValue.ValueList(List.of(items));
    }

    @Test
    void genericValues() {
        assertEquals(new ImapValue.Atom("BODY[HEADER.FIELDS (TO FROM)]<0>"), v("BODY[HEADER.FIELDS (TO FROM)]<0>\r\n"));
        assertEquals(new ImapValue.Num(42), v("42\r\n"));
        assertEquals(new ImapValue.Atom("42a"), v("42a\r\n"));
        assertEquals(new ImapValue.Num(Long.MAX_VALUE), v("9223372036854775807\r\n"));
        assertEquals(new ImapValue.Atom("9223372036854775808"), v("9223372036854775808\r\n"));
        assertEquals(new ImapValue.Atom("12345678901234567890"), v("12345678901234567890\r\n"));
        assertEquals(ImapValue.NIL, v("NIL\r\n"));
        assertEquals(new ImapValue.Atom("NIL.x"), v("NIL.x\r\n"));
        assertEquals(list(), v("()\r\n"));
        assertEquals(list(list(), list(list())), v("(() (()))\r\n"));
        assertEquals(list(new ImapValue.Atom("a"), new ImapValue.Quoted("b c"), new ImapValue.Num(1), ImapValue.NIL,
                        new ImapValue.Literal(Bytes.utf8("x)\r\n"), false), list(new ImapValue.Atom("\\Seen"))),
                v("(a \"b c\" 1 NIL {4}\r\nx)\r\n (\\Seen))\r\n"));
        assertEquals(list(new ImapValue.Atom("BODY[1.MIME]"), new ImapValue.Literal(Bytes.utf8("ab"), true)),
                v("(BODY[1.MIME] ~{2}\r\nab)\r\n"));
        assertThrows(ImapProtocolException.class, () -> v("(a\r\n"));
        assertThrows(ImapProtocolException.class, () -> v(")\r\n"));
        assertThrows(ImapProtocolException.class, () -> v("BODY[1\r\n"));
        assertThrows(ImapProtocolException.class, () -> v("\r\n"));
    }

    @Test
    void deepNestingIsALimitNotAStackOverflow() throws Exception {
        byte[] deep = ("(".repeat(100_000) + ")".repeat(100_000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                r(deep, Quirk.defaults(), CodecLimits.defaults()).value();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small-stack", 256 * 1024);
        long t0 = System.nanoTime();
        t.start();
        t.join(10_000);
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        assertTrue(thrown.get() instanceof ImapProtocolException, String.valueOf(thrown.get()));
        assertEquals("maxNestingDepth", ((ImapProtocolException) thrown.get()).limit());
        byte[] ok = ("(".repeat(100) + ")".repeat(100) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        r(ok, Quirk.defaults(), CodecLimits.defaults()).value();
        ImapProtocolException e = assertThrows(ImapProtocolException.class,
                () -> r(ok, Quirk.defaults(), CodecLimits.defaults().withMaxNestingDepth(99)).value());
        assertEquals("maxNestingDepth", e.limit());
    }

    @Test
    void maxListItems() {
        CodecLimits lim = CodecLimits.defaults().withMaxListItems(3);
        byte[] three = "(1 2 3)\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(3, ((ImapValue.ValueList) r(three, Quirk.defaults(), lim).value()).items().size());
        byte[] four = "(1 2 (3) 4)\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("maxListItems",
                assertThrows(ImapProtocolException.class, () -> r(four, Quirk.defaults(), lim).value()).limit());
    }

    @Test
    void errorsCarryOffsetAndEscapedExcerpt() {
        ImapReader r = r("* 12 FETCH \u00ff\r\n");
        r.expect('*');
        r.sp();
        r.number();
        r.sp();
        r.atom();
        r.sp();
        ImapProtocolException e = assertThrows(ImapProtocolException.class, r::atom);
        assertEquals(11, e.offset());
        assertEquals("* 12 FETCH ^\\xff\\r\\n", e.excerpt());
        assertTrue(e.getMessage().startsWith("expected atom at offset 11: "), e.getMessage());
        assertNull(e.limit());
        assertEquals(r.offset(), 11);
        int m = r.mark();
        r.seek(m + 1);
        r.reset(m);
        assertEquals(0xff, r.peek());
        assertEquals(0xff, r.peek(0));
        assertEquals(-1, r.peek(100));
    }
}
