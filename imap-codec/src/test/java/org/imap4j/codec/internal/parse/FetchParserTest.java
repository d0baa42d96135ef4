package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.fetch.Address;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.codec.fetch.Envelope;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.internal.encode.FetchEncoder;
import org.imap4j.codec.internal.encode.ImapWriter;
import org.junit.jupiter.api.Test;

class FetchParserTest {

    static ImapReader reader(byte[] b, Set<Quirk> quirks, int... streamed) {
        return new ImapReader(b, 0, b.length, streamed, CodecLimits.defaults(), quirks);
    }

    static ImapReader reader(String s) {
        return reader(s.getBytes(StandardCharsets.UTF_8), Quirk.defaults());
    }

    /** Parses a {@code msg-att} followed by CRLF, checking that exactly that was consumed. */
    static List<FetchItem> parse(String msgAtt) {
        ImapReader r = reader(msgAtt + "\r\n");
        List<FetchItem> items = FetchParser.msgAtt(r);
        r.crlf();
        return items;
    }

    static String encode(List<FetchItem> items) {
        ImapWriter w = new ImapWriter(EncodeOptions.DEFAULT, true);
        FetchEncoder.msgAtt(w, items);
        return new String(w.toBytes(), StandardCharsets.UTF_8);
    }

    static final String RFC3501_EXAMPLE = "(FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" "
            + "RFC822.SIZE 4286 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" "
            + "\"IMAP4rev1 WG mtg summary and minutes\" "
            + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
            + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
            + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
            + "((NIL NIL \"imap\" \"cac.washington.edu\")) "
            + "((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL "
            + "\"<B27397-0100000@cac.washington.edu>\") "
            + "BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))";

    /** GreenMail 2.1.2 answered {@code UID FETCH 1 (UID BODY.PEEK[TEXT]<4.4>)} with no space before the literal. */
    @Test
    void greenMailOmitsTheSpaceAfterAnOrigin() {
        List<FetchItem> items = parse("(UID 1 BODY[TEXT]<4>{4}\r\ntext)");
        FetchItem.BodySection b = (FetchItem.BodySection) items.get(1);
        assertEquals(java.util.OptionalLong.of(4), b.origin());
        assertEquals("text", ((org.imap4j.codec.fetch.BodyData.InMemory) b.data()).bytes().utf8());
        byte[] strict = "(UID 1 BODY[TEXT]<4>{4}\r\ntext)\r\n".getBytes(StandardCharsets.US_ASCII);
        ImapReader r = reader(strict, java.util.EnumSet.noneOf(Quirk.class));
        org.junit.jupiter.api.Assertions.assertThrows(org.imap4j.codec.ImapProtocolException.class,
                () -> FetchParser.msgAtt(r), "without the quirk the grammar's SP is required");
    }

    /** Exchange / Office 365 send {@code "inline"} for {@code ("inline" NIL)} (MailKit issues 919, 1446). */
    @Test
    void rfc3501Section8Example() {
        ImapReader r = reader("* 12 FETCH " + RFC3501_EXAMPLE + "\r\n");
        r.seek("* 12 FETCH ".length());
        List<FetchItem> items = FetchParser.msgAtt(r);
        r.crlf();
        Address.Mailbox gray = new Address.Mailbox("Terry Gray", null, "gray", "cac.washington.edu");
        Envelope env = new Envelope("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)", "IMAP4rev1 WG mtg summary and minutes",
                List.of(gray), List.of(gray), List.of(gray),
                List.of(new Address.Mailbox(null, null, "imap", "cac.washington.edu")),
                List.of(new Address.Mailbox(null, null, "minutes", "CNRI.Reston.VA.US"),
                        new Address.Mailbox("John Klensin", null, "KLENSIN", "MIT.EDU")),
                List.of(), null, "<B27397-0100000@cac.washington.edu>");
        BodyStructure body = new BodyStructure.Text("PLAIN", new BodyStructure.Fields(
                List.of(new BodyStructure.Param("CHARSET", "US-ASCII")), null, null, "7BIT", 3028), 92, null);
        List<FetchItem> expected = List.of(
                new FetchItem.Flags(List.of(Flag.SEEN)),
                new FetchItem.InternalDate(OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7))),
                new FetchItem.Rfc822Size(4286),
                new FetchItem.EnvelopeItem(env),
                new FetchItem.BodyStructureItem(body, false));
        assertEquals(expected, items);
        assertSame(Flag.SEEN, ((FetchItem.Flags) items.get(0)).flags().get(0));
        // The encoder reproduces the RFC's bytes exactly.
        assertEquals(RFC3501_EXAMPLE, encode(items));
    }

    @Test
    void rfc3501Section742FlagsAndSize() {
        assertEquals(List.of(new FetchItem.Flags(List.of(Flag.SEEN)), new FetchItem.Rfc822Size(44827)),
                parse("(FLAGS (\\Seen) RFC822.SIZE 44827)"));
        assertEquals(List.of(new FetchItem.Flags(List.of(Flag.DELETED, Flag.SEEN))),
                parse("(FLAGS (\\Deleted \\Seen))"));
        assertEquals(List.of(new FetchItem.Flags(List.of(Flag.of("$Forwarded"), Flag.of("custom")))),
                parse("(FLAGS ($Forwarded custom))"));
        assertEquals(List.of(new FetchItem.Flags(List.of())), parse("(FLAGS ())"));
    }

    @Test
    void rfc9051BodyHeaderLiteral() {
        String header = "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\nSubject: hi\r\n\r\n";
        List<FetchItem> items = parse("(UID 4827313 BODY[HEADER] {" + header.length() + "}\r\n" + header + ")");
        assertEquals(List.of(new FetchItem.Uid(4827313), new FetchItem.BodySection(Section.header(),
                OptionalLong.empty(), BodyData.of(Bytes.utf8(header)))), items);
    }

    @Test
    void bodySectionForms() {
        assertEquals(new FetchItem.BodySection(Section.whole(), OptionalLong.of(0), BodyData.of(Bytes.utf8("abc"))),
                parse("(BODY[]<0> \"abc\")").get(0));
        assertEquals(new FetchItem.BodySection(Section.of(List.of(1, 2), Section.Kind.MIME), OptionalLong.empty(),
                BodyData.NIL), parse("(BODY[1.2.MIME] NIL)").get(0));
        assertEquals(new FetchItem.BodySection(Section.ofPart(3), OptionalLong.empty(), BodyData.of(Bytes.utf8("a\"b"))),
                parse("(BODY[3] \"a\\\"b\")").get(0));
        assertEquals(new FetchItem.BodySection(Section.of(List.of(4), Section.Kind.TEXT), OptionalLong.empty(),
                BodyData.of(Bytes.empty())), parse("(BODY[4.TEXT] \"\")").get(0));
        assertEquals(new FetchItem.BodySection(Section.headerFields("From", "Subject"), OptionalLong.empty(),
                BodyData.of(Bytes.utf8("x"))), parse("(BODY[HEADER.FIELDS (From \"Subject\")] {1}\r\nx)").get(0));
        assertEquals(new FetchItem.BodySection(
                new Section(List.of(2), Section.Kind.HEADER_FIELDS_NOT, List.of("Received")), OptionalLong.empty(),
                BodyData.NIL), parse("(BODY[2.HEADER.FIELDS.NOT (Received)] NIL)").get(0));
        assertThrows(ImapProtocolException.class, () -> parse("(BODY[MIME] NIL)"));
        assertThrows(ImapProtocolException.class, () -> parse("(BODY[HEADER.FIELDS (a:b)] NIL)"));
        assertThrows(ImapProtocolException.class, () -> parse("(BODY[0] NIL)"));
    }

    @Test
    void streamedBodyLiteral() {
        byte[] b = "(BODY[] {100000}\r\n)\r\n".getBytes(StandardCharsets.US_ASCII);
        int payloadAt = "(BODY[] {100000}\r\n".length();
        ImapReader r = reader(b, Quirk.defaults(), payloadAt);
        List<FetchItem> items = FetchParser.msgAtt(r);
        r.crlf();
        assertEquals(List.of(new FetchItem.BodySection(Section.whole(), OptionalLong.empty(),
                new BodyData.Streamed(100000, false))), items);
    }

    @Test
    void binaryLiteral8AndSize() {
        byte[] head = "(BINARY[1]<5> ~{4}\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] payload = {0, 1, (byte) 0xff, '\n'};
        byte[] tail = " BINARY.SIZE[1] 4 BINARY[] NIL)\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + payload.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(payload, 0, all, head.length, payload.length);
        System.arraycopy(tail, 0, all, head.length + payload.length, tail.length);
        ImapReader r = reader(all, Quirk.defaults());
        List<FetchItem> items = FetchParser.msgAtt(r);
        r.crlf();
        assertEquals(List.of(new FetchItem.Binary(List.of(1), OptionalLong.of(5), BodyData.of(Bytes.of(payload))),
                new FetchItem.BinarySize(List.of(1), 4),
                new FetchItem.Binary(List.of(), OptionalLong.empty(), BodyData.NIL)), items);
        ImapWriter w = new ImapWriter(EncodeOptions.DEFAULT, true);
        FetchEncoder.msgAtt(w, items);
        assertArrayEquals(java.util.Arrays.copyOf(all, all.length - 2), w.toBytes());
    }

    @Test
    void extensionItems() {
        assertEquals(List.of(new FetchItem.Uid(1), new FetchItem.ModSeq(Long.MAX_VALUE),
                        new FetchItem.EmailId("M6d99ac3275bb4e"), new FetchItem.ThreadId(null),
                        new FetchItem.ThreadId("T64b478a75b7ea9"), new FetchItem.Preview("Hello\u00e9"),
                        new FetchItem.Preview(null), new FetchItem.SaveDate(null),
                        new FetchItem.SaveDate(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(5, 30)))),
                parse("(UID 1 MODSEQ (9223372036854775807) EMAILID (M6d99ac3275bb4e) THREADID NIL "
                        + "THREADID (T64b478a75b7ea9) PREVIEW \"Hello\u00e9\" PREVIEW NIL SAVEDATE NIL "
                        + "SAVEDATE \" 2-Jan-2026 03:04:05 +0530\")"));
        assertThrows(ImapProtocolException.class, () -> parse("(MODSEQ (9223372036854775808))"));
        assertThrows(ImapProtocolException.class, () -> parse("(UID 0)"));
        assertThrows(ImapProtocolException.class, () -> parse("(EMAILID (a.b))"));
    }

    @Test
    void gmailItems() {
        List<FetchItem> items = parse("(X-GM-THRID 1278455344230334865 X-GM-MSGID 18446744073709551615 "
                + "X-GM-LABELS (\\Inbox \\Sent Important \"Muy Importante\" foo))");
        assertEquals(List.of(new FetchItem.GmailThreadId(1278455344230334865L), new FetchItem.GmailMessageId(-1L),
                new FetchItem.GmailLabels(List.of("\\Inbox", "\\Sent", "Important", "Muy Importante", "foo"))), items);
        assertEquals("(X-GM-THRID 1278455344230334865 X-GM-MSGID 18446744073709551615 "
                + "X-GM-LABELS (\\Inbox \\Sent Important \"Muy Importante\" foo))", encode(items));
        assertThrows(ImapProtocolException.class, () -> parse("(X-GM-MSGID 18446744073709551616)"));
    }

    @Test
    void rfc822Items() {
        assertEquals(List.of(new FetchItem.Rfc822Header(BodyData.of(Bytes.utf8("A: b\r\n"))),
                        new FetchItem.Rfc822Text(BodyData.NIL), new FetchItem.Rfc822(BodyData.of(Bytes.utf8("x")))),
                parse("(RFC822.HEADER {6}\r\nA: b\r\n RFC822.TEXT NIL RFC822 \"x\")"));
    }

    @Test
    void unknownItemKeptAsOther() {
        assertEquals(List.of(new FetchItem.Uid(7), new FetchItem.Other("X-FOO", new ImapValue.ValueList(
                        List.of(new ImapValue.Atom("a"), new ImapValue.Num(1), ImapValue.NIL))),
                        new FetchItem.Other("X-SEC[1 (A)]<3>", new ImapValue.Quoted("v"))),
                parse("(UID 7 X-FOO (a 1 NIL) X-SEC[1 (A)]<3> \"v\")"));
    }

    @Test
    void caseInsensitiveNamesOnlyWithQuirk() {
        assertEquals(List.of(new FetchItem.Uid(5), new FetchItem.Flags(List.of(Flag.SEEN))),
                parse("(uid 5 Flags (\\seen))"));
        byte[] b = "(uid 5)\r\n".getBytes(StandardCharsets.US_ASCII);
        List<FetchItem> strict = FetchParser.msgAtt(reader(b, Quirk.none()));
        assertEquals(List.of(new FetchItem.Other("uid", new ImapValue.Num(5))), strict);
    }

    static final String MULTIPART = "(BODYSTRUCTURE ("
            + "(\"text\" \"plain\" (\"charset\" \"utf-8\" \"format\" \"flowed\") NIL NIL \"quoted-printable\" 1234 40"
            + " NIL NIL NIL NIL)"
            + "(\"message\" \"rfc822\" (\"name\" \"fwd.eml\") \"<id@x>\" \"Forwarded\" \"7bit\" 5000 "
            + "(\"Mon, 1 Jan 2024 00:00:00 +0000\" \"inner\" ((NIL NIL \"p\" \"q.org\")) NIL NIL NIL NIL NIL NIL NIL) "
            + "((\"TEXT\" \"HTML\" (\"CHARSET\" \"ISO-8859-1\") NIL NIL \"BASE64\" 2000 26 NIL NIL NIL NIL)"
            + "(\"APPLICATION\" \"PDF\" (\"NAME\" \"a.pdf\") NIL NIL \"BASE64\" 1000 NIL "
            + "(\"ATTACHMENT\" (\"FILENAME\" \"a.pdf\")) NIL NIL) \"MIXED\" (\"BOUNDARY\" \"in\") NIL NIL NIL) 120 "
            + "\"md5sum\" (\"inline\" NIL) (\"en\" \"de\") \"http://x/loc\" 42 (\"ext\" (1 NIL)))"
            + "(\"image\" \"png\" NIL NIL NIL \"base64\" 300) "
            + "\"mixed\" (\"boundary\" \"outer\") NIL \"en\" NIL))";

    @Test
    void hostileNestingIsALimitNotAStackOverflow() {
        StringBuilder sb = new StringBuilder("(BODYSTRUCTURE ");
        sb.append("(".repeat(100_000));
        ImapProtocolException e = assertThrows(ImapProtocolException.class, () -> parse(sb.toString()));
        assertEquals("maxNestingDepth", e.limit());
        StringBuilder ext = new StringBuilder("(BODYSTRUCTURE (\"A\" \"B\" NIL NIL NIL \"7BIT\" 1 NIL NIL NIL NIL ");
        ext.append("(".repeat(100_000));
        e = assertThrows(ImapProtocolException.class, () -> parse(ext.toString()));
        assertEquals("maxNestingDepth", e.limit());
        StringBuilder other = new StringBuilder("(X-FOO ").append("(".repeat(100_000));
        e = assertThrows(ImapProtocolException.class, () -> parse(other.toString()));
        assertEquals("maxNestingDepth", e.limit());
    }

    @Test
    void malformedInputIsAProtocolError() {
        for (String bad : new String[] {"(UID)", "(UID x)", "(FLAGS \\Seen)", "(RFC822.SIZE -1)", "(BODY[HEADER)",
            "(ENVELOPE (NIL))", "(BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1))", "UID 1", "(UID 1",
            "(BODY[] {5}\r\nab)", "( )",
            "(ENVELOPE (\"abcdefghijk\rl\" NIL NIL NIL NIL NIL NIL NIL NIL NIL))",
            "(BODY[] {18446744073709551615}\r\nabc)",
            "(ENVELOPE ({18446744073709551615}\r\nabc NIL NIL NIL NIL NIL NIL NIL NIL NIL))"}) {
            assertThrows(ImapProtocolException.class, () -> parse(bad), bad);
        }
        assertTrue(parse("()").isEmpty());
    }
    @Test
    void encoderRefusesStreamedData() {
        assertThrows(org.imap4j.codec.ImapValidationException.class, () -> encode(List.of(
                new FetchItem.Rfc822(new BodyData.Streamed(10, false)))));
    }
    @Test
    void serverStyleLinesSurviveDecodeEncodeDecode() {
        String[] lines = {
            // Dovecot style: lower-case MIME values, MODSEQ.
            "(UID 1 RFC822.SIZE 2345 FLAGS (\\Seen $NotJunk) BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" "
                + "\"utf-8\") NIL NIL \"quoted-printable\" 120 4 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" "
                + "\"utf-8\") NIL NIL \"quoted-printable\" 400 10 NIL NIL NIL NIL) \"alternative\" (\"boundary\" "
                + "\"b1\") NIL NIL NIL) MODSEQ (12345))",
            // Gmail style: quoted system labels.
            "(X-GM-THRID 1234 X-GM-MSGID 5678 X-GM-LABELS (\"\\\\Important\" \"\\\\Sent\" Work) UID 42 "
                + "MODSEQ (999) FLAGS (\\Seen))",
            // Exchange style: doubled and trailing spaces (Quirk.EXTRA_SPACES).
            "(UID 5  FLAGS (\\Seen) ENVELOPE (\"d\" \"s\" ((\"A\" NIL \"a\" \"b\")) NIL NIL NIL NIL NIL NIL NIL) )",
        };
        for (String line : lines) {
            List<FetchItem> items = parse(line);
            assertEquals(items, parse(encode(items)), line);
        }
        FetchItem.GmailLabels labels = (FetchItem.GmailLabels) parse(lines[1]).get(2);
        assertEquals(List.of("\\Important", "\\Sent", "Work"), labels.labels());
    }
}
