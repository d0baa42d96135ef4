package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * Issue 14 item 3 as a property: whatever a server puts between the brackets of a status response (no CR, LF or
 * NUL), the status survives, and the decoded response writes back to a response that decodes to itself.
 */
class MalformedResponseCodeProperties {

    @Provide
    Arbitrary<String> bracketed() {
        return Arbitraries.strings().withChars("[]() \"\\aZ09*:,=-{}~\u00fc").ofMaxLength(24);
    }

    private static Response decode(byte[] b) {
        ResponseDecoder d = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
        d.feed(b, 0, b.length);
        Response r = d.next();
        d.finish();
        return r;
    }

    @Property(tries = 1500)
    void anyBracketedPartKeepsTheStatusAndRoundTrips(@ForAll("bracketed") String inside, @ForAll boolean tagged,
            @ForAll boolean withText) {
        String wire = (tagged ? "A1 NO [" : "* NO [") + inside + "]" + (withText ? " some text" : "") + "\r\n";
        Response r = decode(wire.getBytes(StandardCharsets.UTF_8));
        assertNotNull(r, wire);
        if (tagged) {
            assertEquals(Condition.NO, ((Tagged) r).status(), wire);
        } else {
            assertEquals(Condition.NO, ((Untagged.StatusResponse) r).status(), wire);
        }
        byte[] again = ImapCodec.encodeResponse(r);
        assertEquals(r, decode(again), wire);
    }
}
