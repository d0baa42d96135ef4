package org.imap4j.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.imap4j.client.DecodedAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MimeMessagesTest {
    @TempDir
    Path spool;

    static final byte[] SMALL = "tiny attachment".getBytes(StandardCharsets.US_ASCII);

    /** A message with encoded-word headers, multipart/alternative, an attachment of {@code blob}, and a forward. */
    static String message(byte[] blob) {
        return "Date: Tue, 1 Jul 2003 10:52:37 +0200\r\n"
                + "From: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <joerg@example.de>\r\n"
                + "To: \"Doe, Jane\" <jane@example.org>, team: ann@x.org, bob@x.org;\r\n"
                + "Subject: =?UTF-8?B?R3LDvMOfZQ==?=\r\n =?UTF-8?Q?_aus_K=C3=B6ln?=\r\n"
                + "Message-ID: <m1@example.de>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                + "preamble\r\n"
                + "--outer\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
                + "--alt\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Gr=FC=DFe, soft=\r\n break\r\n"
                + "--alt\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString("<p>Grüße</p>".getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "--alt--\r\n"
                + "--outer\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Disposition: attachment;\r\n filename*0*=utf-8''B%C3%BCcher;\r\n filename*1=\" Liste.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(blob) + "\r\n"
                + "--outer\r\nContent-Type: text/plain; name=\"=?UTF-8?Q?n=C3=B6tes.txt?=\"\r\n"
                + "Content-Disposition: attachment\r\n\r\n"
                + "tiny attachment\r\n"
                + "--outer\r\nContent-Type: message/rfc822\r\n\r\n"
                + "From: fwd@example.com\r\nSubject: =?UTF-8?Q?inner_=E2=82=AC?=\r\n"
                + "Content-Type: multipart/mixed; boundary=inner\r\n\r\n"
                + "--inner\r\nContent-Type: text/plain\r\n\r\ninner text\r\n"
                + "--inner\r\nContent-Type: image/png; name=dot.png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'}) + "\r\n"
                + "--inner--\r\n"
                + "--outer--\r\nepilogue\r\n";
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void decodesHeadersTextHtmlAttachmentsAndNestedMessages() throws IOException {
        byte[] blob = random(5000);
        try (MimeMessage m = MimeMessages.parse(new ByteArrayInputStream(message(blob)
                .getBytes(StandardCharsets.US_ASCII)))) {
            assertEquals("Grüße aus Köln", m.subject());
            assertEquals(List.of(new DecodedAddress("Jörg Müller", "joerg@example.de", null)), m.from());
            assertEquals("Jörg Müller <joerg@example.de>", m.from().get(0).formatted());
            assertEquals(List.of(new DecodedAddress("Doe, Jane", "jane@example.org", null),
                    new DecodedAddress("", "ann@x.org", "team"), new DecodedAddress("", "bob@x.org", "team")), m.to());
            assertEquals(OffsetDateTime.parse("2003-07-01T10:52:37+02:00"), m.date().orElseThrow());
            assertEquals("<m1@example.de>", m.messageId().orElseThrow());
            assertEquals("=?UTF-8?B?R3LDvMOfZQ==?= =?UTF-8?Q?_aus_K=C3=B6ln?=",
                    m.headers().first("subject").orElseThrow().raw(), "the raw value is unfolded, kept encoded");

            assertEquals("Grüße, soft break", m.text().orElseThrow());
            assertEquals("<p>Grüße</p>", m.html().orElseThrow());
            MimePart.Multipart mixed = assertInstanceOf(MimePart.Multipart.class, m.body());
            MimePart.Multipart alt = assertInstanceOf(MimePart.Multipart.class, mixed.parts().get(0));
            assertEquals("multipart/alternative", alt.contentType().mimeType());
            MimePart.Text plain = (MimePart.Text) alt.parts().get(0);
            assertEquals("ISO-8859-1", plain.charset());
            assertTrue(((MimePart.Text) alt.parts().get(1)).isHtml());

            List<MimePart.Attachment> atts = m.attachments();
            assertEquals(2, atts.size(), atts::toString);
            MimePart.Attachment bin = atts.get(0);
            assertEquals("Bücher Liste.bin", bin.fileName());
            assertEquals("attachment", bin.disposition());
            assertEquals(5000, bin.size());
            assertInstanceOf(Content.InMemory.class, bin.content(), "5000 bytes stay below the threshold");
            assertArrayEquals(blob, bin.content().openStream().readAllBytes());
            MimePart.Attachment notes = atts.get(1);
            assertEquals("nötes.txt", notes.name().orElseThrow(), "Content-Type name, RFC 2047 decoded");
            assertArrayEquals(SMALL, notes.content().openStream().readAllBytes());

            List<MimeMessage> fwd = m.attachedMessages();
            assertEquals(1, fwd.size());
            assertEquals("inner €", fwd.get(0).subject());
            assertEquals("inner text", fwd.get(0).text().orElseThrow());
            assertEquals("dot.png", fwd.get(0).attachments().get(0).fileName());
            assertEquals(4, fwd.get(0).attachments().get(0).size());
            assertEquals(2, m.textParts().size(), "plain, html; the attachment and forward are not inline");
        }
    }

    @Test
    void largeAttachmentsAreSpooledAndDeletedOnClose() throws IOException {
        byte[] blob = random(300_000);
        MimeOptions o = MimeOptions.defaults().withSpoolThreshold(64 << 10).withSpoolDirectory(spool);
        Path file;
        try (MimeMessage m = MimeMessages.parse(new ByteArrayInputStream(message(blob)
                .getBytes(StandardCharsets.US_ASCII)), o)) {
            Content.Spooled c = assertInstanceOf(Content.Spooled.class, m.attachments().get(0).content());
            file = c.file();
            assertEquals(spool, file.getParent());
            assertEquals(300_000, c.size());
            try (InputStream in = c.openStream()) {
                assertArrayEquals(blob, in.readAllBytes());
            }
            assertInstanceOf(Content.InMemory.class, m.attachments().get(1).content());
        }
        assertFalse(Files.exists(file), "close deletes the spool file");
    }

    @Test
    void temporaryFilesOfOneMessageAreBoundedAndDeletedWhenTheBoundIsPassed() throws IOException {
        // two attachments of 300,000 bytes each: together above a 500,000-byte disk budget, each alone below it
        byte[] blob = random(300_000);
        String one = message(blob);
        String two = one.replace("--outer--", "--outer\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Disposition: attachment; filename=second.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(blob) + "\r\n--outer--");
        MimeOptions tight = MimeOptions.defaults().withSpoolThreshold(64 << 10).withSpoolDirectory(spool)
                .withMaxSpoolBytes(500_000);
        IOException e = assertThrows(IOException.class, () -> MimeMessages.parse(
                new ByteArrayInputStream(two.getBytes(StandardCharsets.US_ASCII)), tight));
        assertTrue(e.getMessage().contains("maxSpoolBytes"), e.getMessage());
        try (Stream<Path> left = Files.list(spool)) {
            assertEquals(0, left.count(), "the files written before the bound was passed are deleted");
        }
        try (MimeMessage m = MimeMessages.parse(new ByteArrayInputStream(one.getBytes(StandardCharsets.US_ASCII)),
                tight)) {
            assertEquals(300_000, m.attachments().get(0).size(), "one attachment fits the same budget");
        }
        assertThrows(IllegalArgumentException.class, () -> MimeOptions.defaults().withMaxSpoolBytes(-1));
        assertEquals(1L << 30, MimeOptions.defaults().maxSpoolBytes());
    }

    @Test
    void attachmentsCanGoToTheCallersSink() throws IOException {
        byte[] blob = random(100_000);
        List<String> names = new ArrayList<>();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        MimeOptions o = MimeOptions.defaults().withAttachmentSink((headers, type, name) -> {
            names.add(type + " " + name);
            return type.is("application/octet-stream") ? got : null;
        });
        try (MimeMessage m = MimeMessages.parse(message(blob).getBytes(StandardCharsets.US_ASCII))) {
            assertEquals(100_000, m.attachments().get(0).size());
        }
        MimeMessage m = MimeMessages.parse(new ByteArrayInputStream(message(blob).getBytes(StandardCharsets.US_ASCII)),
                o);
        assertEquals(new Content.Delivered(100_000), m.attachments().get(0).content());
        assertArrayEquals(blob, got.toByteArray());
        assertThrows(IllegalStateException.class, () -> m.attachments().get(0).content().openStream());
        assertEquals(List.of("application/octet-stream Bücher Liste.bin", "text/plain nötes.txt", "image/png dot.png"),
                names);
    }

    @Test
    void aTextPartAboveTheTextLimitIsKeptAsBytes() throws IOException {
        String big = "x".repeat(10_000);
        String msg = "Subject: big\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + big;
        MimeOptions o = MimeOptions.defaults().withMaxTextBytes(4096).withSpoolThreshold(1024)
                .withSpoolDirectory(spool);
        try (MimeMessage m = MimeMessages.parse(new ByteArrayInputStream(msg.getBytes(StandardCharsets.UTF_8)), o)) {
            assertTrue(m.text().isEmpty());
            MimePart.Attachment a = assertInstanceOf(MimePart.Attachment.class, m.body());
            assertEquals(10_000, a.size());
            assertInstanceOf(Content.Spooled.class, a.content());
            assertEquals(big, new String(a.content().openStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        try (Stream<Path> left = Files.list(spool)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void lenientForPlainAndBrokenMessages() throws IOException {
        MimeMessage plain = MimeMessages.parse("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("body\r\n", plain.text().orElseThrow());
        assertEquals("text/plain", plain.body().contentType().mimeType());
        MimeMessage unknownCharset = MimeMessages.parse(
                "Content-Type: text/plain; charset=x-nonsense\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ok", unknownCharset.text().orElseThrow());
        MimeMessage unterminated = MimeMessages.parse(("Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\none\r\n--b\r\n\r\ntwo").getBytes(StandardCharsets.US_ASCII));
        assertEquals(2, unterminated.textParts().size());
    }

    @Test
    void rawUtf8HeadersAreReadAsUtf8() {
        // RFC 6532 (SMTPUTF8 / IMAP UTF8=ACCEPT): header fields in UTF-8 without encoded words
        MimeMessage m = MimeMessages.parse("Subject: Grüße\r\nFrom: Jörg <jörg@exämple.de>\r\n\r\nx"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("Grüße", m.subject());
        assertEquals("Jörg", m.from().get(0).name());
        // bytes that are not UTF-8 stay as Latin-1 characters rather than being lost
        MimeMessage latin = MimeMessages.parse("Subject: Gr\u00fc\u00dfe\r\n\r\nx"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("Grüße", latin.subject());
    }

    @Test
    void limitsBoundHostileMessages() {
        StringBuilder many = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 50; i++) {
            many.append("--b\r\n\r\npart\r\n");
        }
        many.append("--b--\r\n");
        MimeOptions o = MimeOptions.defaults().withLimits(4096, 10, 32).withSpoolDirectory(spool);
        assertThrows(IOException.class, () -> MimeMessages.parse(
                new ByteArrayInputStream(many.toString().getBytes(StandardCharsets.US_ASCII)), o));
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            deep.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i)
                    .append("\r\n");
        }
        deep.append("\r\nleaf\r\n");
        assertThrows(IOException.class, () -> MimeMessages.parse(
                new ByteArrayInputStream(deep.toString().getBytes(StandardCharsets.US_ASCII)), o));
        String hugeHeader = "Subject: " + "a".repeat(10_000) + "\r\n\r\nbody";
        assertThrows(IOException.class, () -> MimeMessages.parse(
                new ByteArrayInputStream(hugeHeader.getBytes(StandardCharsets.US_ASCII)), o));
    }
}
