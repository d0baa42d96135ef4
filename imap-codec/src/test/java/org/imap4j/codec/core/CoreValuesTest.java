package org.imap4j.codec.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.ImapValidationException;
import org.junit.jupiter.api.Test;

class CoreValuesTest {
    @Test
    void flags() {
        assertEquals(Flag.SEEN, Flag.of("\\SEEN"));
        assertEquals("\\Seen", Flag.of("\\seen").value());
        assertEquals("\\Recent", Flag.of("\\recent").toString());
        assertEquals("$Forwarded", Flag.of("$Forwarded").value());
        assertNotEquals(Flag.of("$forwarded"), Flag.of("$Forwarded"));
        assertEquals("\\*", Flag.ANY_KEYWORD.value());
        assertTrue(Flag.ANY_KEYWORD.isSystem());
        assertTrue(Flag.of("\\Custom").isSystem());
        assertFalse(Flag.of("Junk").isSystem());
        for (String bad : new String[] {"", "\\", "a b", "a]", "(x)", "\\\\Seen", "a*", "\u00e9", "a%", "\"q\"", "{1}"}) {
            assertThrows(ImapValidationException.class, () -> Flag.of(bad), bad);
        }
    }

    @Test
    void tags() {
        assertEquals("A001", Tag.of("A001").value());
        assertEquals("a]b.c", Tag.of("a]b.c").toString());
        for (String bad : new String[] {"", "A+1", "a b", "*", "a{", "\u00e9", "(", "%", "\"", "\\"}) {
            assertThrows(ImapValidationException.class, () -> Tag.of(bad), bad);
        }
    }

    @Test
    void secrets() {
        Secret s = Secret.of("hunter2");
        assertEquals("Secret[redacted]", s.toString());
        assertFalse(s.toString().contains("hunter2"));
        assertEquals(s, Secret.of("hunter2".toCharArray()));
        assertNotEquals(s, Secret.of("hunter3"));
        assertNotEquals(s, "hunter2");
        assertEquals(s.hashCode(), Secret.of("x").hashCode());
        assertEquals("hunter2", s.reveal());
        byte[] b = s.utf8Bytes();
        b[0] = 'X';
        assertEquals("hunter2", s.reveal());
        assertArrayEquals("pässword".getBytes(java.nio.charset.StandardCharsets.UTF_8), Secret.of("pässword").utf8Bytes());
        assertThrows(NullPointerException.class, () -> Secret.of((String) null));
    }

    @Test
    void bytes() throws Exception {
        byte[] src = {1, 2, 3, 4};
        Bytes b = Bytes.copyOf(src, 1, 2);
        src[1] = 9;
        assertEquals(2, b.size());
        assertEquals(2, b.get(0));
        assertArrayEquals(new byte[] {2, 3}, b.toByteArray());
        assertSame(Bytes.empty(), Bytes.copyOf(src, 0, 0));
        assertSame(Bytes.empty(), Bytes.utf8(""));
        assertEquals(Bytes.of(new byte[] {2, 3}), b);
        assertEquals(Bytes.of(new byte[] {2, 3}).hashCode(), b.hashCode());
        ByteBuffer ro = b.asReadOnlyBuffer();
        assertThrows(ReadOnlyBufferException.class, () -> ro.put((byte) 0));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        b.writeTo(o);
        assertArrayEquals(new byte[] {2, 3}, o.toByteArray());
        assertArrayEquals(new byte[] {2, 3}, b.newInputStream().readAllBytes());
        byte[] dst = new byte[4];
        b.copyTo(dst, 1);
        assertArrayEquals(new byte[] {0, 2, 3, 0}, dst);
        assertEquals("日本", Bytes.utf8("日本").utf8());
        assertEquals("\u00ff", Bytes.of(new byte[] {(byte) 0xff}).latin1());
        assertEquals("\ufffd", Bytes.of(new byte[] {(byte) 0xff}).utf8());
        assertEquals("Bytes[3]\"a\\r\\n\"", Bytes.utf8("a\r\n").toString());
        assertEquals("Bytes[300]\"" + "x".repeat(200) + "...\"", Bytes.utf8("x".repeat(300)).toString());
    }

    @Test
    void imapValues() {
        assertThrows(IllegalArgumentException.class, () -> new ImapValue.Atom(""));
        assertThrows(IllegalArgumentException.class, () -> new ImapValue.Num(-1));
        assertThrows(NullPointerException.class, () -> new ImapValue.Quoted(null));
        List<ImapValue> items = new ArrayList<>(List.of(ImapValue.NIL));
        ImapValue.ValueList l = new ImapValue.ValueList(items);
        items.add(ImapValue.NIL);
        assertEquals(1, l.items().size());
        assertEquals("a", new ImapValue.Atom("a").asText());
        assertEquals("7", new ImapValue.Num(7).asText());
        assertEquals("q", new ImapValue.Quoted("q").asText());
        assertEquals("日", new ImapValue.Literal(Bytes.utf8("日"), false).asText());
        assertNull(ImapValue.NIL.asText());
        assertNull(l.asText());
        assertNull(new ImapValue.StreamedLiteral(5, true).asText());
    }
}
