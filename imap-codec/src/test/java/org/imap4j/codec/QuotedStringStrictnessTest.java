package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 11: invalid or overlong UTF-8 inside a quoted string is a typed error (or, with
 * {@link Quirk#LATIN1_FALLBACK}, kept byte for byte), never replaced by U+FFFD; CR and LF are never accepted inside a
 * quoted string, in every quoted-string reader, including the {@link Quirk#UNESCAPED_MAILBOX_QUOTES} re-read.
 */
class QuotedStringStrictnessTest {

    private static byte[] wire(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.writeBytes((byte[]) p);
            }
        }
        return out.toByteArray();
    }

    private static Response decode(byte[] b, Set<Quirk> quirks) {
        ResponseDecoder d = new ResponseDecoder(CodecLimits.defaults(), quirks);
        d.feed(b, 0, b.length);
        return d.next();
    }

    private static final byte[] OVERLONG_SLASH = {(byte) 0xC0, (byte) 0xAF};
    private static final byte[] INVALID = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] SURROGATE = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};

    @Test
    void unescapedQuoteQuirkRefusesInvalidUtf8InsteadOfReplacingIt() {
        for (byte[] bad : new byte[][] {OVERLONG_SLASH, INVALID, SURROGATE}) {
            // the quirk's re-read path: the name holds an unescaped quote, so the strict read fails first
            byte[] list = wire("* LIST () \"/\" \"Tom \"", bad, "\"\r\n");
            ImapProtocolException e = assertThrows(ImapProtocolException.class,
                    () -> decode(list, Quirk.defaults()));
            assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
            byte[] status = wire("* STATUS \"a\"b", bad, "\" (MESSAGES 1)\r\n");
            assertThrows(ImapProtocolException.class, () -> decode(status, Quirk.defaults()));
            // the strict path too
            byte[] plain = wire("* LIST () \"/\" \"box", bad, "\"\r\n");
            assertThrows(ImapProtocolException.class, () -> decode(plain, Quirk.defaults()));
        }
    }

    @Test
    void latin1FallbackKeepsEveryByte() {
        Set<Quirk> q = Quirk.defaults();
        q.add(Quirk.LATIN1_FALLBACK);
        Untagged.MailboxList l = (Untagged.MailboxList) decode(wire("* LIST () \"/\" \"Tom \"", INVALID, "\"\r\n"), q);
        String name = l.mailbox().name();
        assertFalse(name.contains("\uFFFD"), name);
        assertEquals("Tom \"\u00FF\u00FE", name);
    }

    @Test
    void validUtf8UnderTheQuirkStillDecodes() {
        Untagged.MailboxList l = (Untagged.MailboxList) decode(
                "* LIST () \"/\" \"Tom \"b\u00e4r\"\"\r\n".getBytes(StandardCharsets.UTF_8), Quirk.defaults());
        assertEquals(MailboxName.of("Tom \"b\u00e4r\""), l.mailbox());
    }

    @Test
    void crInsideAQuotedStringIsAlwaysATypedError() {
        for (String line : new String[] {
            "* LIST () \"/\" \"Tom \"a\rb\"\r\n",        // the quirk's re-read
            "* STATUS \"a\"\rb\" (MESSAGES 1)\r\n",      // the quirk's re-read, STATUS
            "* LIST () \"/\" \"a\rb\"\r\n",              // the plain quoted reader
            "* 1 FETCH (BODY[] \"a\rb\")\r\n",          // section data (raw bytes)
            "* 1 FETCH (ENVELOPE (\"a\rb\" NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n", // envelope fast path
            "* ID (\"name\" \"x\ry\")\r\n",
            "* OK [BADCHARSET (\"a\rb\")] x\r\n",         // code degrades, but never accepts the CR in a charset
        }) {
            byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
            Response r;
            try {
                r = decode(b, Quirk.defaults());
            } catch (ImapProtocolException expected) {
                continue;
            }
            // only the response code may degrade (to Unparsed, its bytes kept raw): no string holds the CR
            Untagged.StatusResponse s = (Untagged.StatusResponse) r;
            assertFalse(s.code() instanceof org.imap4j.codec.response.ResponseCode.BadCharset, line);
        }
    }
}
