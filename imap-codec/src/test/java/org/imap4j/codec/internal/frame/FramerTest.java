package org.imap4j.codec.internal.frame;

import static org.imap4j.codec.internal.frame.FrameEvents.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.internal.parse.ImapReader;
import org.junit.jupiter.api.Test;

class FramerTest {
    private static final CodecLimits D = CodecLimits.defaults();

    private static List<String> all(Framer f, String s) {
        return FrameEvents.run(f, b(s), new int[0]);
    }

    @Test
    void simpleLinesAtOnceAndByteByByte() {
        String s = "* OK IMAP4rev2 ready\r\nA1 OK done\r\n";
        List<String> expected = List.of("FRAME * OK IMAP4rev2 ready\\r\\n", "FRAME A1 OK done\\r\\n");
        assertEquals(expected, all(new Framer(D, false), s));
        assertEquals(expected, FrameEvents.run(new Framer(D, false), b(s), FrameEvents.oneByteCuts(s.length())));
    }

    @Test
    void literalPayloadWithCrlfAndBracesStaysInsideTheFrame() {
        String s = "* 1 FETCH (BODY[] {12}\r\n}\r\n{3}\r\nab\r\n ~{2}\r\n\r\n)\r\n* 2 EXISTS\r\n";
        List<String> expected = List.of(
                "FRAME * 1 FETCH (BODY[] {12}\\r\\n}\\r\\n{3}\\r\\nab\\r\\n ~{2}\\r\\n\\r\\n)\\r\\n",
                "FRAME * 2 EXISTS\\r\\n");
        assertEquals(expected, all(new Framer(D, false), s));
        assertEquals(expected, FrameEvents.run(new Framer(D, false), b(s), FrameEvents.oneByteCuts(s.length())));
    }

    @Test
    void zeroLengthLiterals() {
        String s = "* 1 FETCH (BODY[] {0}\r\n BINARY[] ~{0}\r\n)\r\n";
        assertEquals(List.of("FRAME * 1 FETCH (BODY[] {0}\\r\\n BINARY[] ~{0}\\r\\n)\\r\\n"),
                all(new Framer(D, false), s));
        assertEquals(List.of("FRAME A {0}\\r\\n\\r\\n"), all(new Framer(D, false), "A {0}\r\n\r\n"));
    }

    @Test
    void closingBraceThatIsNotAnAnnouncement() {
        assertEquals(List.of("FRAME * OK text}\\r\\n", "FRAME * OK {}\\r\\n", "FRAME * OK {1a}\\r\\n",
                        "FRAME * OK 12}\\r\\n", "FRAME }\\r\\n"),
                all(new Framer(D, false), "* OK text}\r\n* OK {}\r\n* OK {1a}\r\n* OK 12}\r\n}\r\n"));
    }

    @Test
    void clientNonSyncAnnouncementsAreCounted() {
        assertEquals(List.of("FRAME A1 LOGIN {3+}\\r\\nbob {2-}\\r\\npw\\r\\n"),
                all(new Framer(D, false), "A1 LOGIN {3+}\r\nbob {2-}\r\npw\r\n"));
    }

    @Test
    void writableBufferAndCommit() {
        Framer f = new Framer(D, false);
        byte[] data = b("* 3 EXISTS\r\n* 1 RECENT\r\n");
        ByteBuffer w = f.writableBuffer(4);
        assertTrue(w.remaining() >= 4);
        w.put(data, 0, 5);
        f.commit(5);
        assertEquals(Framer.Result.NEED_INPUT, f.next());
        ByteBuffer w2 = f.writableBuffer(data.length);
        w2.put(data, 5, data.length - 5);
        f.commit(data.length - 5);
        assertEquals(Framer.Result.FRAME, f.next());
        assertEquals("* 3 EXISTS\r\n", new String(f.buffer(), f.start(), f.end() - f.start()));
        assertEquals(Framer.Result.FRAME, f.next());
        assertEquals("* 1 RECENT\r\n", new String(f.buffer(), f.start(), f.end() - f.start()));
        assertEquals(Framer.Result.NEED_INPUT, f.next());
        assertEquals(0, f.buffered());
        assertThrows(IllegalArgumentException.class, () -> f.commit(-1));
        ByteBuffer w3 = f.writableBuffer(1);
        assertThrows(IllegalArgumentException.class, () -> f.commit(w3.capacity() + 1));
    }

    @Test
    void feedByteBufferConsumesIt() {
        Framer f = new Framer(D, false);
        ByteBuffer src = ByteBuffer.wrap(b("xx* OK\r\n"));
        src.position(2);
        f.feed(src);
        assertEquals(0, src.remaining());
        assertEquals(Framer.Result.FRAME, f.next());
        assertEquals(6, f.end());
    }

    @Test
    void streamsLargeLiteralsAndMarksTheFrame() {
        String payload = "Subject: x\r\n\r\nhello {5}\r\nworld";
        String s = "* 7 FETCH (UID 9 BODY[] {" + payload.length() + "}\r\n" + payload + " FLAGS (\\Seen))\r\n";
        CodecLimits lim = D.withLiteralStreamThreshold(8);
        List<String> expected = List.of(
                "START " + payload.length() + " * 7 FETCH (UID 9 BODY[] {" + payload.length() + "}\\r\\n",
                "PAYLOAD Subject: x\\r\\n\\r\\nhello {5}\\r\\nworld", "END",
                "FRAME * 7 FETCH (UID 9 BODY[] {" + payload.length() + "}\\r\\n FLAGS (\\\\Seen))\\r\\n streamed=[30]");
        assertEquals(expected, all(new Framer(lim, false), s));
        assertEquals(expected, FrameEvents.run(new Framer(lim, false), b(s), FrameEvents.oneByteCuts(s.length())));

        Framer f = new Framer(lim, false);
        f.feed(b(s), 0, s.length());
        while (f.next() != Framer.Result.FRAME) {
            assertTrue(f.buffered() <= s.length());
        }
        ImapReader r = new ImapReader(f.buffer(), f.start(), f.end(), f.streamedOffsets(), lim, Quirk.defaults());
        r.word("*");
        r.sp();
        assertEquals(7, r.number());
        r.sp();
        r.word("FETCH");
        r.sp();
        r.expect('(');
        r.word("UID");
        r.sp();
        r.number();
        r.sp();
        r.word("BODY[]");
        r.sp();
        assertEquals(new ImapValue.StreamedLiteral(payload.length(), false), r.literal());
        r.sp();
        assertEquals("FLAGS", r.atom());
    }

    @Test
    void streamedBinaryLiteralAndSmallLiteralInTheSameResponse() {
        CodecLimits lim = D.withLiteralStreamThreshold(4);
        String s = "* 1 FETCH (BINARY[1] ~{6}\r\n\0\1\2\3\4\5 BODY[2] {3}\r\nabc)\r\n";
        List<String> ev = all(new Framer(lim, false), s);
        assertEquals(List.of("START 6 binary * 1 FETCH (BINARY[1] ~{6}\\r\\n", "PAYLOAD \\x00\\x01\\x02\\x03\\x04\\x05",
                "END", "FRAME * 1 FETCH (BINARY[1] ~{6}\\r\\n BODY[2] {3}\\r\\nabc)\\r\\n streamed=[27]"), ev);
    }

    @Test
    void streamingKeepsTheBufferSmall() {
        int k = 4096;
        int size = 8 << 20;
        CodecLimits lim = D.withLiteralStreamThreshold(k);
        Framer f = new Framer(lim, false);
        f.feed(b("* 1 FETCH (BODY[] {" + size + "}\r\n"), 0, ("* 1 FETCH (BODY[] {" + size + "}\r\n").length());
        assertEquals(Framer.Result.LITERAL_START, f.next());
        byte[] piece = new byte[3000];
        long got = 0;
        long sum = 0;
        int fed = 0;
        while (fed < size) {
            int n = Math.min(piece.length, size - fed);
            for (int i = 0; i < n; i++) {
                piece[i] = (byte) (fed + i);
            }
            f.feed(piece, 0, n);
            fed += n;
            Framer.Result r;
            while ((r = f.next()) == Framer.Result.LITERAL_CHUNK) {
                for (int i = f.start(); i < f.end(); i++) {
                    assertEquals((byte) (got + i - f.start()), f.buffer()[i]);
                }
                got += f.end() - f.start();
            }
            assertTrue(f.buffer().length <= 64 * 1024, "buffer grew to " + f.buffer().length);
            if (fed == size) {
                assertEquals(Framer.Result.LITERAL_END, r);
            } else {
                assertEquals(Framer.Result.NEED_INPUT, r);
            }
        }
        assertEquals(size, got);
        f.feed(b(")\r\n"), 0, 3);
        assertEquals(Framer.Result.FRAME, f.next());
        assertEquals(")\r\n", new String(f.buffer(), f.end() - 3, 3));
        assertEquals(1, f.streamedOffsets().length);
    }

    @Test
    void lineAfterAStreamedLiteralIsMeasuredFromTheLiteral() {
        CodecLimits lim = D.withLiteralStreamThreshold(4).withMaxLineLength(30);
        String s = "* 1 FETCH (BODY[] {10}\r\n0123456789 UID 5)\r\n";
        List<String> ev = all(new Framer(lim, false), s);
        assertEquals("FRAME * 1 FETCH (BODY[] {10}\\r\\n UID 5)\\r\\n streamed=[24]", ev.get(ev.size() - 1));
    }

    @Test
    void discardBuffered() {
        Framer f = new Framer(D, false);
        f.feed(b("* OK a\r\n* OK partial"), 0, 18);
        assertEquals(Framer.Result.FRAME, f.next());
        assertEquals(10, f.discardBuffered());
        assertEquals(Framer.Result.NEED_INPUT, f.next());
        f.feed(b("* OK b\r\n"), 0, 8);
        assertEquals(Framer.Result.FRAME, f.next());
        assertEquals("* OK b\r\n", new String(f.buffer(), f.start(), f.end() - f.start()));

        Framer g = new Framer(D, false);
        g.feed(b("* 1 FETCH (BODY[] {100}\r\nabc"), 0, 28);
        assertEquals(Framer.Result.NEED_INPUT, g.next());
        assertEquals(28, g.discardBuffered());
        g.feed(b("* OK\r\n"), 0, 6);
        assertEquals(Framer.Result.FRAME, g.next());
        assertEquals(6, g.end() - g.start());
    }

    private static ImapProtocolException fails(Framer f, String s) {
        return assertThrows(ImapProtocolException.class, () -> all(f, s));
    }

    @Test
    void twentyDigitLiteralSizeIsRefused() {
        ImapProtocolException e = fails(new Framer(D, false), "* 1 FETCH (BODY[] {99999999999999999999}\r\n");
        assertTrue(e.getMessage().contains("digits"), e.getMessage());
    }

    @Test
    void oversizedLiteralIsRefusedAtItsAnnouncement() {
        Framer f = new Framer(D, false);
        ImapProtocolException e = fails(f, "* 1 FETCH (BODY[] {2147483648}\r\n");
        assertEquals("maxLiteralSize", e.limit());
        assertTrue(f.buffer().length <= 64 * 1024);
        assertTrue(e.getMessage().contains("2147483648"), e.getMessage());
    }

    @Test
    void maxResponseSizeCountsLiterals() {
        CodecLimits lim = D.withMaxResponseSize(100);
        assertEquals("maxResponseSize", fails(new Framer(lim, false), "* 1 FETCH (BODY[] {90}\r\n").limit());
        String line = "* OK " + "x".repeat(200) + "\r\n";
        assertEquals("maxResponseSize", fails(new Framer(lim, false), line).limit());
        StringBuilder sb = new StringBuilder("* 1 FETCH (");
        for (int i = 0; i < 10; i++) {
            sb.append("A {5}\r\n12345 ");
        }
        assertEquals("maxResponseSize", fails(new Framer(lim, false), sb.toString()).limit());
    }

    @Test
    void hugeLineWithoutCrlfFailsQuicklyWithBoundedMemory() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Framer f = new Framer(D, false);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            long fed = 0;
            ImapProtocolException err = null;
            while (fed < 100L << 20) {
                f.feed(chunk, 0, chunk.length);
                fed += chunk.length;
                try {
                    assertEquals(Framer.Result.NEED_INPUT, f.next());
                } catch (ImapProtocolException e) {
                    err = e;
                    break;
                }
            }
            assertTrue(err != null);
            assertEquals("maxLineLength", err.limit());
            assertTrue(fed <= D.maxLineLength() + chunk.length, "failed only after " + fed);
            assertTrue(f.buffer().length <= 2 * (D.maxLineLength() + chunk.length));
        });
    }

    @Test
    void maxLineLengthAppliesToEachLineOfAResponse() {
        CodecLimits lim = D.withMaxLineLength(20);
        assertEquals(List.of("FRAME * OK 0123456789ab\\r\\n"), all(new Framer(lim, false), "* OK 0123456789ab\r\n"));
        assertEquals("maxLineLength", fails(new Framer(lim, false), "* OK 0123456789abcdefghij\r\n").limit());
        // Each line between literals gets its own budget, the literal's payload none of it.
        String ok = "* 1 FETCH (A {30}\r\n" + "p".repeat(30) + " B {3}\r\nabc)\r\n";
        assertEquals(1, all(new Framer(lim, false), ok).size());
    }

    @Test
    void bareLfIsAnErrorUnlessRelaxed() {
        ImapProtocolException e = fails(new Framer(D, false), "* OK a\r\n* OK bad\n");
        assertTrue(e.getMessage().contains("bare LF"), e.getMessage());
        assertEquals(8, e.offset());
        assertEquals(List.of("FRAME * OK bad\\n", "FRAME A {2}\\n\\r\\n\\n"),
                all(new Framer(D, true), "* OK bad\nA {2}\n\r\n\n"));
    }

    @Test
    void staysFailedAfterAnError() {
        Framer f = new Framer(D.withMaxLineLength(10), false);
        ImapProtocolException e = fails(f, "* OK this line is too long\r\n");
        int before = f.buffered();
        f.feed(b("* OK\r\n"), 0, 6);
        assertEquals(before, f.buffered());
        assertSame(e, assertThrows(ImapProtocolException.class, f::next));
        assertSame(e, assertThrows(ImapProtocolException.class, f::next));
    }

    @Test
    void bufferShrinksAfterALargeResponse() {
        Framer f = new Framer(D, false);
        int n = 6 << 20;
        String head = "* 1 FETCH (BODY[] {" + n + "}\r\n";
        f.feed(b(head), 0, head.length());
        f.feed(new byte[n], 0, n);
        f.feed(b(")\r\n* 2 EXISTS"), 0, 13);
        assertEquals(Framer.Result.FRAME, f.next());
        assertEquals(Framer.Result.NEED_INPUT, f.next());
        f.feed(b("\r\n"), 0, 2);
        assertTrue(f.buffer().length <= 64 * 1024, "buffer " + f.buffer().length);
        assertEquals(Framer.Result.FRAME, f.next());
        assertArrayEquals(b("* 2 EXISTS\r\n"), java.util.Arrays.copyOfRange(f.buffer(), f.start(), f.end()));
    }
}
