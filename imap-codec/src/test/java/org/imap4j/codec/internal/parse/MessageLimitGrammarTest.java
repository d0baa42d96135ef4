package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/** MESSAGELIMIT / SAVELIMIT (RFC 9738): the capabilities, the response code, and UIDREQUIRED of UIDONLY. */
class MessageLimitGrammarTest {

    private static void both(String wire, Object r) {
        assertEquals(r, ImapCodec.decodeResponse(wire.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(wire, new String(ImapCodec.encodeResponse((org.imap4j.codec.response.Response) r),
                StandardCharsets.US_ASCII));
    }

    @Test
    void capabilitiesAreTypedWithTheirNumber() {
        Untagged.Capabilities caps = assertInstanceOf(Untagged.Capabilities.class, ImapCodec.decodeResponse(
                "* CAPABILITY IMAP4rev1 MESSAGELIMIT=1000 savelimit=500\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of(Capability.Known.IMAP4REV1, new Capability.MessageLimit(1000, false),
                new Capability.MessageLimit(500, true)), caps.capabilities());
        assertEquals("SAVELIMIT=500", new Capability.MessageLimit(500, true).wire());
        assertInstanceOf(Capability.Other.class, Capability.of("MESSAGELIMIT=0"), "not an nz-number: kept as sent");
        assertInstanceOf(Capability.Other.class, Capability.of("MESSAGELIMIT=x"));
    }

    @Test
    void theResponseCodeOfTheRfc() {
        both("A01 OK [MESSAGELIMIT 1000 23221] Only the last 1000 messages were processed\r\n",
                new Tagged(Tag.of("A01"), Condition.OK, new ResponseCode.MessageLimit(1000, 23221L),
                        "Only the last 1000 messages were processed"));
        both("A03 NO [MESSAGELIMIT 1000] COPY exceeds the limit\r\n", new Tagged(Tag.of("A03"), Condition.NO,
                new ResponseCode.MessageLimit(1000, null), "COPY exceeds the limit"));
        both("* NO [MESSAGELIMIT 1000 23221] Only the last 1000 messages were processed\r\n",
                new Untagged.StatusResponse(Condition.NO, new ResponseCode.MessageLimit(1000, 23221L),
                        "Only the last 1000 messages were processed"));
    }

    @Test
    void uidRequired() {
        both("6 BAD [UIDREQUIRED] Message sequence numbers are not allowed\r\n", new Tagged(Tag.of("6"), Condition.BAD,
                new ResponseCode.Simple(ResponseCode.Kind.UIDREQUIRED), "Message sequence numbers are not allowed"));
    }
}
