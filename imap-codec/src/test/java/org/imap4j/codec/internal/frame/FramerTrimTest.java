package org.imap4j.codec.internal.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.imap4j.codec.CodecLimits;
import org.junit.jupiter.api.Test;

/** {@link Framer#trim()}: a quiet framer gives its buffer back, a busy one keeps what it holds. */
class FramerTrimTest {
    private static ByteBuffer b(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String frame(Framer f) {
        return new String(f.buffer(), f.start(), f.end() - f.start(), StandardCharsets.US_ASCII);
    }

    @Test
    void trimKeepsAPartialResponseAndDropsAnEmptyBuffer() {
        Framer f = new Framer(CodecLimits.defaults(), false);
        f.feed(b("* 1 EXISTS\r\n* 2 EXI"));
        assertEquals(Framer.Result.FRAME, f.next());
        assertEquals("* 1 EXISTS\r\n", frame(f));
        f.trim();
        assertEquals(Framer.Result.NEED_INPUT, f.next());
        f.feed(b("STS\r\n"));
        assertEquals(Framer.Result.FRAME, f.next());
        assertEquals("* 2 EXISTS\r\n", frame(f));
        f.trim();
        assertEquals(0, f.buffer().length, "nothing buffered: the buffer is released");
        f.feed(b("* 3 EXISTS\r\n"));
        assertEquals(Framer.Result.FRAME, f.next());
        assertEquals("* 3 EXISTS\r\n", frame(f));
    }

    @Test
    void aPushAfterTrimGetsASmallBufferAndABigReadStillGetsRoom() {
        Framer f = new Framer(CodecLimits.defaults(), false);
        f.feed(b("* 1 EXISTS\r\n"));
        assertEquals(Framer.Result.FRAME, f.next());
        f.trim();
        f.feed(b("* 2 EXISTS\r\n* OK [ALERT] pushed\r\n"));
        assertEquals(256, f.buffer().length, "a line or two after trim: a small buffer, not 16 KiB");
        assertEquals(Framer.Result.FRAME, f.next());
        assertEquals("* 2 EXISTS\r\n", frame(f));
        ByteBuffer into = f.writableBuffer(16 * 1024);
        assertEquals(true, into.remaining() >= 16 * 1024, "a transport's read still gets its 16 KiB");
        byte[] more = "* 3 EXISTS\r\n".getBytes(StandardCharsets.US_ASCII);
        into.put(more);
        f.commit(more.length);
        assertEquals(Framer.Result.FRAME, f.next());
        assertEquals("* OK [ALERT] pushed\r\n", frame(f));
        assertEquals(Framer.Result.FRAME, f.next());
        assertEquals("* 3 EXISTS\r\n", frame(f));
    }
}
