package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 9: a server's uid-set ({@code 1:4294967295}) stays two longs in every codec type, and {@code *}, which
 * no server-reported set may hold, is refused: a malformed response for VANISHED and ESEARCH, a degraded code (kept as
 * {@link ResponseCode.Other}, completion kept) for COPYUID / APPENDUID / MODIFIED.
 */
class UidSetCompactnessTest {
    private static final SequenceSet ALL_UIDS = SequenceSet.range(1, 4294967295L);

    private static Response decode(String wire) {
        ResponseDecoder d = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
        byte[] b = wire.getBytes(StandardCharsets.US_ASCII);
        d.feed(b, 0, b.length);
        return d.next();
    }

    @Test
    void hugeRangesStayRanges() {
        ResponseCode.CopyUid c = (ResponseCode.CopyUid) ((Tagged) decode(
                "A1 OK [COPYUID 7 1:4294967295 1:4294967295] done\r\n")).code();
        assertEquals(ALL_UIDS, c.source());
        assertEquals(1, c.destination().ranges().size());
        assertEquals(4294967295L, c.destination().size());
        assertTrue(c.source().contains(4294967295L, 0));
        ResponseCode.AppendUid a = (ResponseCode.AppendUid) ((Tagged) decode(
                "A1 OK [APPENDUID 7 4294967295:1] done\r\n")).code();
        assertEquals(ALL_UIDS, a.uids());
        Untagged.Vanished v = (Untagged.Vanished) decode("* VANISHED (EARLIER) 1:4294967295\r\n");
        assertEquals(ALL_UIDS, v.uids());
        Untagged.ESearch e = (Untagged.ESearch) decode("* ESEARCH (TAG \"A1\") UID ALL 1:4294967295\r\n");
        assertEquals(List.of(new ESearchItem.All(ALL_UIDS)), e.items());
        assertEquals("1:4294967295", ALL_UIDS.toString());
        // the lazy iterator hands out numbers one at a time
        var it = ALL_UIDS.numbers();
        assertEquals(1, it.nextLong());
        assertEquals(2, it.nextLong());
    }

    @Test
    void starInAResponseSetIsATypedError() {
        for (String bad : new String[] {"* VANISHED 1:*\r\n", "* VANISHED (EARLIER) 5,*\r\n",
            "* ESEARCH UID ALL 1:*\r\n", "* ESEARCH ALL *\r\n"}) {
            ImapProtocolException e = assertThrows(ImapProtocolException.class, () -> decode(bad), bad);
            assertTrue(e.getMessage().contains("'*' is not allowed"), e.getMessage());
        }
    }

    @Test
    void starInsideAResponseCodeDegradesAndKeepsTheCompletion() {
        Tagged t = (Tagged) decode("A1 OK [COPYUID 7 1:* 5:9] copied\r\n");
        assertEquals(Condition.OK, t.status());
        assertEquals(new ResponseCode.Other("COPYUID", "7 1:* 5:9"), t.code());
        assertEquals("copied", t.text());
        t = (Tagged) decode("A1 OK [APPENDUID 7 *] appended\r\n");
        assertEquals(new ResponseCode.Other("APPENDUID", "7 *"), t.code());
        Untagged.StatusResponse s = (Untagged.StatusResponse) decode("* OK [MODIFIED 1:*] x\r\n");
        assertEquals(new ResponseCode.Other("MODIFIED", "1:*"), s.code());
    }
}
