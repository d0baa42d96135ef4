package org.imap4j.codec.response;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.ResponseDecoder;
import org.imap4j.codec.fetch.FetchItem;
import org.junit.jupiter.api.Test;

/** FETCH responses through the whole decoding path (framer, response parser, FETCH parser) and back. */
class FetchResponseTest {
    private static final String RFC3501_8 = "* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" "
            + "RFC822.SIZE 4286 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" "
            + "\"IMAP4rev1 WG mtg summary and minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
            + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" "
            + "\"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" "
            + "\"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL "
            + "\"<B27397-0100000@cac.washington.edu>\") BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL "
            + "\"7BIT\" 3028 92))\r\n";

    @Test
    void rfc3501SampleFetchDecodesTypedAndOneByteAtATime() {
        Response whole = ImapCodec.decodeResponse(RFC3501_8.getBytes(StandardCharsets.US_ASCII));
        Untagged.Fetch f = assertInstanceOf(Untagged.Fetch.class, whole);
        assertEquals(12, f.seq());
        FetchItem.EnvelopeItem env = assertInstanceOf(FetchItem.EnvelopeItem.class, f.items().get(3));
        assertEquals("IMAP4rev1 WG mtg summary and minutes", env.envelope().subject());
        assertEquals(2, env.envelope().cc().size());

        ResponseDecoder d = new ResponseDecoder(CodecLimits.defaults(), Quirk.none());
        Response bytewise = null;
        for (byte b : RFC3501_8.getBytes(StandardCharsets.US_ASCII)) {
            d.feed(ByteBuffer.wrap(new byte[] {b}));
            Response r = d.next();
            if (r != null) {
                bytewise = r;
            }
        }
        assertEquals(whole, bytewise);
    }

    @Test
    void encodesBackAndDecodesEqual() {
        Response r = ImapCodec.decodeResponse(RFC3501_8.getBytes(StandardCharsets.US_ASCII));
        assertEquals(r, ImapCodec.decodeResponse(ImapCodec.encodeResponse(r)));
    }
}
