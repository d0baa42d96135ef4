package org.imap4j.codec.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.core.Tag;

/**
 * The check every command example from an RFC gets, through the codec's public entry points: byte-exact encoding and
 * a parse back to the same record.
 */
final class RfcExamples {
    private RfcExamples() {
    }

    /** Asserts that {@code c} encodes to exactly one line, {@code line} + CRLF, and parses back to itself. */
    static void rfc(String line, Command c) {
        String tag = line.substring(0, line.indexOf(' '));
        List<Fragment> fs = ImapCodec.encodeCommand(Tag.of(tag), c, EncodeOptions.DEFAULT);
        assertEquals(1, fs.size(), "one line fragment");
        Fragment.Line l = assertInstanceOf(Fragment.Line.class, fs.get(0));
        assertEquals(line + "\r\n", l.data().utf8());
        assertEquals(new TaggedCommand(Tag.of(tag), c),
                ImapCodec.decodeCommand((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
    }
}
