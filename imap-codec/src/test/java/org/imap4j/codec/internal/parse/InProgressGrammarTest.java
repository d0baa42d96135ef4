package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/** The INPROGRESS response code (RFC 9585): the RFC's examples both ways, and what a client must disregard. */
class InProgressGrammarTest {

    private static ResponseCode code(String wire) {
        return ((Untagged.StatusResponse) ImapCodec.decodeResponse(wire.getBytes(StandardCharsets.US_ASCII))).code();
    }

    private static void both(String wire, ResponseCode c, String text) {
        Untagged.StatusResponse s = new Untagged.StatusResponse(Condition.OK, c, text);
        assertEquals(s, ImapCodec.decodeResponse(wire.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(wire, new String(ImapCodec.encodeResponse(s), StandardCharsets.US_ASCII));
    }

    @Test
    void examplesOfTheRfc() {
        both("* OK [INPROGRESS] Hang in there...\r\n", new ResponseCode.InProgress(null, null, null),
                "Hang in there...");
        both("* OK [INPROGRESS (\"tag\" 175 NIL)] ...\r\n", new ResponseCode.InProgress("tag", 175L, null), "...");
        both("* OK [INPROGRESS (\"tag\" 175 1000)] ...\r\n", new ResponseCode.InProgress("tag", 175L, 1000L), "...");
        both("* OK [INPROGRESS (NIL 1 NIL)] Processed 1 item(s)\r\n", new ResponseCode.InProgress(null, 1L, null),
                "Processed 1 item(s)");
        assertEquals(new ResponseCode.InProgress("tag", null, null), code("* OK [INPROGRESS (\"tag\" NIL NIL)] x\r\n"));
        assertEquals(0.175, ((ResponseCode.InProgress) code("* OK [INPROGRESS (\"A1\" 175 1000)] x\r\n")).fraction());
        assertEquals(new ResponseCode.InProgress("A1", 5L, 10L), code("* OK [inprogress (\"A1\" 5 10)] Searching\r\n"));
    }

    @Test
    void aGoalOfZeroOrBelowTheProgressIsDisregarded() {
        assertEquals(new ResponseCode.InProgress("t", 5L, null), code("* OK [INPROGRESS (\"t\" 5 0)] x\r\n"));
        assertEquals(new ResponseCode.InProgress("t", 50L, null), code("* OK [INPROGRESS (\"t\" 50 10)] x\r\n"));
        assertEquals(-1.0, new ResponseCode.InProgress("t", 50L, null).fraction());
        // numbers that are not 32-bit: the code is kept whole, the response survives
        assertEquals(new ResponseCode.Other("INPROGRESS", "(\"t\" 99999999999 NIL)"),
                code("* OK [INPROGRESS (\"t\" 99999999999 NIL)] x\r\n"));
        assertThrows(ImapValidationException.class, () -> new ResponseCode.InProgress("t", null, 5L));
        assertThrows(ImapValidationException.class, () -> new ResponseCode.InProgress("t", 6L, 5L));
    }
}
