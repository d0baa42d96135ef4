package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/** UIDBATCHES (RFC 10022) and JMAPACCESS (RFC 9698), both directions. */
class UidBatchesGrammarTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void command(String line, Command c) {
        Tag tag = Tag.of(line.substring(0, line.indexOf(' ')));
        assertEquals(line + "\r\n", new String(ImapCodec.encodeCommandBytes(tag, c), StandardCharsets.US_ASCII));
        assertEquals(c, ImapCodec.decodeCommand(b(line + "\r\n")).command());
    }

    private static SequenceSet.Range r(long a, long b) {
        return new SequenceSet.Range(a, b);
    }

    @Test
    void commands() {
        command("A143 UIDBATCHES 2000", new Command.UidBatches(2000, null, null));
        command("A302 UIDBATCHES 2000 10:20", new Command.UidBatches(2000, 10L, 20L));
        command("A02 GETJMAPACCESS", new Command.GetJmapAccess());
        assertThrows(ImapValidationException.class, () -> new Command.UidBatches(0, null, null));
        assertThrows(ImapValidationException.class, () -> new Command.UidBatches(500, 1L, null));
        for (String bad : List.of("a UIDBATCHES 0\r\n", "a UIDBATCHES 2000 0:20\r\n", "a UIDBATCHES 2000 10\r\n",
                "a UIDBATCHES 2000 1:*\r\n")) {
            assertThrows(org.imap4j.codec.ImapProtocolException.class, () -> ImapCodec.decodeCommand(b(bad)), bad);
        }
    }

    @Test
    void responses() {
        String wire = "* UIDBATCHES (TAG \"A143\") 215295:99696,99695:20351,20350:7830,7829:1\r\n";
        Untagged.UidBatches u = new Untagged.UidBatches("A143", List.of(r(99696, 215295), r(20351, 99695),
                r(7830, 20350), r(1, 7829)));
        assertEquals(u, ImapCodec.decodeResponse(b(wire)));
        assertEquals(wire, new String(ImapCodec.encodeResponse(u), StandardCharsets.US_ASCII), "high UID first");
        // the older drafts' overlapping boundaries are read too
        assertEquals(4, ((Untagged.UidBatches) ImapCodec.decodeResponse(
                b("* UIDBATCHES (TAG \"A143\") 215295:99695,99696:20350,20351:7829,7830:1\r\n"))).batches().size());
        Untagged.UidBatches empty = new Untagged.UidBatches("A143", List.of());
        assertEquals(empty, ImapCodec.decodeResponse(b("* UIDBATCHES (TAG \"A143\")\r\n")));
        assertEquals("* UIDBATCHES (TAG \"A143\")\r\n", new String(ImapCodec.encodeResponse(empty),
                StandardCharsets.US_ASCII));
        Untagged.UidBatches one = new Untagged.UidBatches("A143", List.of(r(99695, 99695)));
        assertEquals(one, ImapCodec.decodeResponse(b("* UIDBATCHES (TAG \"A143\") 99695\r\n")));
        assertEquals(new Tagged(Tag.of("A302"), Condition.NO, new ResponseCode.Simple(ResponseCode.Kind.TOOFEW),
                "Minimum batch size is 500"), ImapCodec.decodeResponse(b("A302 NO [TOOFEW] Minimum batch size is 500\r\n")));
        assertEquals(new ResponseCode.Simple(ResponseCode.Kind.TOOMANY), ((Tagged) ImapCodec.decodeResponse(
                b("A302 NO [TOOMANY] Too many messages in mailbox\r\n"))).code());
        Untagged.JmapAccess j = new Untagged.JmapAccess("https://jmap.example/session");
        assertEquals(j, ImapCodec.decodeResponse(b("* JMAPACCESS \"https://jmap.example/session\"\r\n")));
        assertEquals("* JMAPACCESS \"https://jmap.example/session\"\r\n",
                new String(ImapCodec.encodeResponse(j), StandardCharsets.US_ASCII));
    }

    @Property(tries = 200)
    void batchesRoundTrip(@ForAll @LongRange(min = 1, max = 4294967295L) long a,
            @ForAll @LongRange(min = 1, max = 4294967295L) long b, @ForAll @LongRange(min = 1, max = 99999) long size) {
        Untagged.UidBatches u = new Untagged.UidBatches("t1", List.of(r(a, b), r(1, 1)));
        assertEquals(u, ImapCodec.decodeResponse(ImapCodec.encodeResponse(u)));
        Command.UidBatches c = new Command.UidBatches(size, Math.min(a, b), Math.max(a, b));
        assertEquals(c, ImapCodec.decodeCommand(ImapCodec.encodeCommandBytes(Tag.of("t"), c)).command());
    }
}
