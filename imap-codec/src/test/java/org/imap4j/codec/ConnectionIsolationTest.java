package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.fetch.Address;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.codec.fetch.Envelope;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/**
 * Two connections share nothing through the codec (issue 15 item 1): the values a parser shares to save allocation
 * (recent strings, addresses, parameter lists, keywords) belong to one {@link ImapEngine} or {@link ResponseDecoder},
 * so a second one never hands out an object the first one built, while one engine still shares its own.
 */
class ConnectionIsolationTest {
    private static final String FETCH = "* 1 FETCH (FLAGS ($Work) ENVELOPE (NIL \"Hi\" ((\"Ann Example\" NIL \"ann\""
            + " \"example.org\")) NIL NIL ((\"Bob\" NIL \"bob\" \"example.net\")) NIL NIL NIL NIL)"
            + " BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"x-unusual-7\") NIL NIL \"7BIT\" 10 1))\r\n";

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** What one parse built that a memo may share. */
    private record Parts(Address.Mailbox from, String fromName, Flag keyword, BodyStructure.Param param) {
        static Parts of(Untagged.Fetch f) {
            Envelope e = null;
            Flag k = null;
            BodyStructure.Param p = null;
            for (FetchItem it : f.items()) {
                if (it instanceof FetchItem.EnvelopeItem env) {
                    e = env.envelope();
                } else if (it instanceof FetchItem.Flags flags) {
                    k = flags.flags().get(0);
                } else if (it instanceof FetchItem.BodyStructureItem bs) {
                    p = ((BodyStructure.Text) bs.structure()).fields().params().get(0);
                }
            }
            Address.Mailbox from = (Address.Mailbox) e.from().get(0);
            return new Parts(from, from.name(), k, p);
        }
    }

    private static Parts decode(ResponseDecoder d) {
        d.feed(ascii(FETCH));
        Response r = d.next();
        return Parts.of(assertInstanceOf(Untagged.Fetch.class, r));
    }

    private static ImapEngine engine() {
        ImapEngine e = new ImapEngine(EngineConfig.defaults());
        e.receive(ascii("* OK ready\r\n"));
        while (e.next() != null) {
            // the greeting
        }
        return e;
    }

    private static Parts receive(ImapEngine e) {
        e.receive(ascii(FETCH));
        EngineEvent ev = e.next();
        EngineEvent.Data data = assertInstanceOf(EngineEvent.Data.class, ev);
        return Parts.of(assertInstanceOf(Untagged.Fetch.class, data.response()));
    }

    private static void assertSharedWithin(Parts a, Parts b) {
        assertSame(a.from(), b.from());
        assertSame(a.fromName(), b.fromName());
        assertSame(a.keyword(), b.keyword());
        assertSame(a.param(), b.param());
    }

    private static void assertNothingShared(Parts a, Parts b) {
        assertEquals(a, b);
        assertNotSame(a.from(), b.from());
        assertNotSame(a.fromName(), b.fromName());
        assertNotSame(a.keyword(), b.keyword());
        assertNotSame(a.param(), b.param());
    }

    @Test
    void twoDecodersShareNothingWhileOneSharesItsOwn() {
        ResponseDecoder first = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
        ResponseDecoder second = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
        Parts a = decode(first);
        assertSharedWithin(a, decode(first));
        assertNothingShared(a, decode(second));
        assertEquals("Ann Example", a.fromName());
        assertEquals(Flag.of("$Work"), a.keyword());
        assertEquals(new BodyStructure.Param("CHARSET", "x-unusual-7"), a.param());
    }

    @Test
    void twoEnginesShareNothingWhileOneSharesItsOwn() {
        ImapEngine first = engine();
        ImapEngine second = engine();
        Parts a = receive(first);
        assertSharedWithin(a, receive(first));
        assertNothingShared(a, receive(second));
    }

    @Test
    void oneShotDecodesKeepNothing() {
        Untagged.Fetch f1 = (Untagged.Fetch) ImapCodec.decodeResponse(FETCH.getBytes(StandardCharsets.US_ASCII));
        Untagged.Fetch f2 = (Untagged.Fetch) ImapCodec.decodeResponse(FETCH.getBytes(StandardCharsets.US_ASCII));
        assertNothingShared(Parts.of(f1), Parts.of(f2));
    }
}
