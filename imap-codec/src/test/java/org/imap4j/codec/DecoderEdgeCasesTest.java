package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.internal.frame.Framer;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 10: the line limit is checked before a feed is copied; {@link ResponseDecoder#finish()} reports a
 * truncated final response; Gmail's {@code X-GM-LABELS} with {@code NIL} is no label named "NIL".
 */
class DecoderEdgeCasesTest {
    private static final int LINE = 64 * 1024;
    private static final CodecLimits LIMITS = CodecLimits.defaults().withMaxLineLength(LINE);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hugeLine(String before, int size) {
        byte[] head = ascii(before);
        byte[] b = new byte[head.length + size];
        System.arraycopy(head, 0, b, 0, head.length);
        Arrays.fill(b, head.length, b.length, (byte) 'x');
        return b;
    }

    @Test
    void oneFeedOfAMultiMegabyteLineIsCheckedBeforeItIsCopied() {
        // 16 MiB in one feed, the limit 64 KiB: the buffer must not grow to hold the line
        byte[] data = hugeLine("A1 OK done\r\n* OK ", 16 << 20);
        for (boolean direct : new boolean[] {false, true}) {
            Framer f = new Framer(LIMITS, false);
            if (direct) {
                ByteBuffer d = ByteBuffer.allocateDirect(data.length);
                d.put(data).flip();
                f.feed(d);
                assertEquals(0, d.remaining(), "all bytes consumed");
            } else {
                f.feed(data, 0, data.length);
            }
            // the limit plus the framer's 64 KiB slack, rounded up to a power of two: 256 KiB, not 16 MiB
            assertTrue(f.capacity() <= 4 * LINE, "buffer grew to " + f.capacity() + " bytes for a " + LINE
                    + "-byte limit");
            // the complete response before the long line still comes out, then the typed limit error
            assertEquals(Framer.Result.FRAME, f.next());
            ImapProtocolException e = assertThrows(ImapProtocolException.class, f::next);
            assertEquals("maxLineLength", e.limit());
        }
    }

    @Test
    void theDecoderReportsTheLimitAfterEarlierResponsesAndKeepsMemoryBounded() {
        ResponseDecoder d = new ResponseDecoder(LIMITS, Quirk.defaults());
        byte[] data = hugeLine("* 1 EXISTS\r\n* OK ", 32 << 20);
        d.feed(data, 0, data.length);
        assertEquals(new Untagged.Exists(1), d.next());
        ImapProtocolException e = assertThrows(ImapProtocolException.class, d::next);
        assertEquals("maxLineLength", e.limit());
        assertTrue(d.isFailed());
    }

    @Test
    void literalsAndLinesAcrossFeedsAreStillFramedExactly() {
        // the gate must follow literals: a literal payload may hold LFs and long runs without being a line
        byte[] payload = new byte[3 * LINE];
        Arrays.fill(payload, (byte) 'y');
        payload[10] = '\n';
        ResponseDecoder d = new ResponseDecoder(LIMITS, Quirk.defaults());
        byte[] head = ascii("* 1 FETCH (BODY[] {" + payload.length + "}\r\n");
        byte[] tail = ascii(")\r\nA1 OK done\r\n");
        byte[] all = new byte[head.length + payload.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(payload, 0, all, head.length, payload.length);
        System.arraycopy(tail, 0, all, head.length + payload.length, tail.length);
        for (int split : new int[] {1, 7, head.length - 1, head.length + 5, all.length - 3, all.length}) {
            ResponseDecoder dd = new ResponseDecoder(LIMITS, Quirk.defaults());
            dd.feed(all, 0, split);
            Response r1 = dd.next();
            dd.feed(all, split, all.length - split);
            if (r1 == null) {
                r1 = dd.next();
            }
            Untagged.Fetch f = (Untagged.Fetch) r1;
            FetchItem.BodySection b = (FetchItem.BodySection) f.items().get(0);
            assertEquals(payload.length, ((org.imap4j.codec.fetch.BodyData.InMemory) b.data()).bytes().size());
            assertEquals("done", ((Tagged) dd.next()).text(), "split " + split);
        }
        assertNull(d.next());
    }

    @Test
    void finishReportsATruncatedFinalResponse() {
        ResponseDecoder d = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
        byte[] b = ascii("* 1 EXISTS\r\nA1 OK comple");
        d.feed(b, 0, b.length);
        assertEquals(new Untagged.Exists(1), d.next());
        assertNull(d.next());
        ImapProtocolException e = assertThrows(ImapProtocolException.class, d::finish);
        assertTrue(e.getMessage().contains("input ended inside a response"), e.getMessage());
        assertTrue(d.isFailed());

        // complete responses still buffered come out first; the truncation is reported by the next() reaching it
        d = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
        b = ascii("* 1 EXISTS\r\n* 2 FETCH (BODY[] {10}\r\nabc");
        d.feed(b, 0, b.length);
        d.finish();
        assertEquals(new Untagged.Exists(1), d.next());
        ResponseDecoder dd = d;
        assertThrows(ImapProtocolException.class, dd::next);

        // a clean end: nothing to report
        d = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
        b = ascii("* 1 EXISTS\r\n");
        d.feed(b, 0, b.length);
        d.finish();
        assertEquals(new Untagged.Exists(1), d.next());
        assertNull(d.next());
        assertTrue(d.isFinished());
        d.feed(b, 0, b.length);
        assertNull(d.next(), "bytes after the end of input are ignored");

        // an empty stream and a stream ending right after a complete response are clean
        d = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
        d.finish();
        assertNull(d.next());
    }

    @Test
    void gmailLabelsNilIsNoLabel() {
        assertEquals(List.of(), labels("* 1 FETCH (X-GM-LABELS NIL UID 4)"));
        assertEquals(List.of(), labels("* 1 FETCH (X-GM-LABELS (NIL) UID 4)"));
        assertEquals(List.of("\\Inbox", "work"), labels("* 1 FETCH (X-GM-LABELS (NIL \\Inbox NIL work) UID 4)"));
        assertEquals(List.of("NIL"), labels("* 1 FETCH (X-GM-LABELS (\"NIL\") UID 4)"), "a quoted NIL is a name");
        assertEquals(List.of("NILE"), labels("* 1 FETCH (X-GM-LABELS (NILE) UID 4)"));
    }

    private static List<String> labels(String line) {
        ResponseDecoder d = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
        byte[] b = ascii(line + "\r\n");
        d.feed(b, 0, b.length);
        Untagged.Fetch f = (Untagged.Fetch) d.next();
        assertEquals(new FetchItem.Uid(4), f.items().get(1));
        return ((FetchItem.GmailLabels) f.items().get(0)).labels();
    }
}
