package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.internal.encode.FetchEncoder;
import org.imap4j.codec.internal.encode.ImapWriter;
import org.junit.jupiter.api.Test;

class FetchAttributeParserTest {

    private static List<FetchAttribute> parse(String s) {
        byte[] b = (s + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ImapReader r = new ImapReader(b, 0, b.length, new int[0], CodecLimits.defaults(), Quirk.defaults());
        List<FetchAttribute> out = FetchParser.attributes(r);
        r.crlf();
        return out;
    }

    private static String encode(List<FetchAttribute> attrs) {
        ImapWriter w = new ImapWriter(EncodeOptions.DEFAULT, false);
        FetchEncoder.attributes(w, attrs);
        return new String(w.toBytes(), StandardCharsets.US_ASCII);
    }

    /** Parses, checks the typed value, and checks the encoder gives back the same bytes. */
    private static void known(String wire, List<FetchAttribute> expected) {
        assertEquals(expected, parse(wire), wire);
        assertEquals(wire, encode(expected));
    }

    @Test
    void rfc3501And9051Examples() {
        // RFC 3501 section 6.4.5 / RFC 9051 section 6.4.5 examples.
        known("FLAGS", List.of(FetchAttribute.Item.FLAGS));
        known("BODY[HEADER]", List.of(new FetchAttribute.BodySection(Section.header(), false, null)));
        known("(FLAGS BODY[HEADER.FIELDS (DATE FROM)])", List.of(FetchAttribute.Item.FLAGS,
                new FetchAttribute.BodySection(Section.headerFields("DATE", "FROM"), false, null)));
        known("ALL", List.of(FetchAttribute.Macro.ALL));
        known("FAST", List.of(FetchAttribute.Macro.FAST));
        known("FULL", List.of(FetchAttribute.Macro.FULL));
        // RFC 3501 section 8: FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)]) and BODY[TEXT].
        known("BODY[TEXT]", List.of(new FetchAttribute.BodySection(Section.text(), false, null)));
    }

    @Test
    void everySectionAndPartialForm() {
        known("(UID BODY.PEEK[]<0.2048> BODY[1.2.MIME] BODY.PEEK[3.HEADER.FIELDS.NOT (Received X-Spam)] BODY[4.TEXT] "
                + "BODY[2])", List.of(FetchAttribute.Item.UID,
                new FetchAttribute.BodySection(Section.whole(), true, new FetchAttribute.Partial(0, 2048)),
                new FetchAttribute.BodySection(Section.of(List.of(1, 2), Section.Kind.MIME), false, null),
                new FetchAttribute.BodySection(new Section(List.of(3), Section.Kind.HEADER_FIELDS_NOT,
                        List.of("Received", "X-Spam")), true, null),
                new FetchAttribute.BodySection(Section.of(List.of(4), Section.Kind.TEXT), false, null),
                new FetchAttribute.BodySection(Section.ofPart(2), false, null)));
    }

    @Test
    void extensionAttributes() {
        // RFC 3516 BINARY, RFC 7162 MODSEQ, RFC 8474, RFC 8970, RFC 8514, Gmail.
        known("(BINARY.PEEK[1]<100.200> BINARY[] BINARY.SIZE[1.2] MODSEQ EMAILID THREADID PREVIEW SAVEDATE "
                + "X-GM-MSGID X-GM-THRID X-GM-LABELS RFC822 RFC822.HEADER RFC822.TEXT RFC822.SIZE INTERNALDATE "
                + "ENVELOPE BODYSTRUCTURE BODY X-CUSTOM)", List.of(
                new FetchAttribute.Binary(List.of(1), true, new FetchAttribute.Partial(100, 200)),
                new FetchAttribute.Binary(List.of(), false, null),
                new FetchAttribute.BinarySize(List.of(1, 2)),
                FetchAttribute.Item.MODSEQ, FetchAttribute.Item.EMAILID, FetchAttribute.Item.THREADID,
                FetchAttribute.Item.PREVIEW, FetchAttribute.Item.SAVEDATE, FetchAttribute.Item.X_GM_MSGID,
                FetchAttribute.Item.X_GM_THRID, FetchAttribute.Item.X_GM_LABELS, FetchAttribute.Item.RFC822,
                FetchAttribute.Item.RFC822_HEADER, FetchAttribute.Item.RFC822_TEXT, FetchAttribute.Item.RFC822_SIZE,
                FetchAttribute.Item.INTERNALDATE, FetchAttribute.Item.ENVELOPE, FetchAttribute.Item.BODYSTRUCTURE,
                FetchAttribute.Item.BODY, new FetchAttribute.Other("X-CUSTOM")));
    }

    @Test
    void lowerCaseCommandsAreAccepted() {
        assertEquals(List.of(FetchAttribute.Item.UID, new FetchAttribute.BodySection(Section.header(), true, null)),
                parse("(uid body.peek[header])"));
        assertEquals(List.of(FetchAttribute.Macro.ALL), parse("all"));
    }

    @Test
    void invalidAttributesAreRejected() {
        for (String bad : new String[] {"(ALL UID)", "BODY.PEEK", "BINARY", "BODY[]<0.0>", "UID[1]", "()",
            "BODY[HEADER.FIELDS ()]", "(UID", "BODY[1.]"}) {
            assertThrows(ImapProtocolException.class, () -> parse(bad), bad);
        }
    }

    @Test
    void encoderRefusesMisuseAndInjection() {
        assertThrows(ImapValidationException.class, () -> encode(List.of()));
        assertThrows(ImapValidationException.class,
                () -> encode(List.of(FetchAttribute.Macro.ALL, FetchAttribute.Item.UID)));
        assertThrows(ImapValidationException.class, () -> Section.headerFields("X\r\nA1 LOGOUT"));
        assertThrows(ImapValidationException.class, () -> Section.headerFields("Subject:"));
        assertThrows(ImapValidationException.class, () -> Section.headerFields("a b"));
        assertThrows(ImapValidationException.class, () -> Section.headerFields());
        assertThrows(ImapValidationException.class, () -> Section.of(List.of(), Section.Kind.MIME));
        assertThrows(ImapValidationException.class, () -> Section.ofPart(0));
        assertThrows(ImapValidationException.class, () -> new FetchAttribute.Other("uid"));
        assertThrows(ImapValidationException.class, () -> new FetchAttribute.Other("X[1]"));
        assertThrows(ImapValidationException.class, () -> new FetchAttribute.Partial(0, 0));
        // Field names that are not atoms are quoted, never sent raw.
        assertEquals("BODY[HEADER.FIELDS (\"a(b\" \"x\\\"y\")]",
                encode(List.of(new FetchAttribute.BodySection(Section.headerFields("a(b", "x\"y"), false, null))));
    }
}
