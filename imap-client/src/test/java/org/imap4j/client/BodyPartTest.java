package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.codec.fetch.Envelope;
import org.imap4j.session.TlsOptions;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.Test;

/** Finding a part in a BODYSTRUCTURE and fetching only it, decoded. */
class BodyPartTest {
    private static BodyStructure.Fields fields(String encoding, BodyStructure.Param... params) {
        return new BodyStructure.Fields(List.of(params), null, null, encoding, 10);
    }

    private static BodyStructure.SinglePartExtension attachment(BodyStructure.Param... params) {
        return new BodyStructure.SinglePartExtension(null, new BodyStructure.Disposition("attachment",
                List.of(params)), List.of(), null, List.of());
    }

    @Test
    void sectionsFollowRfc9051() {
        BodyStructure text = new BodyStructure.Text("PLAIN", fields("7BIT"), 1, null);
        BodyStructure html = new BodyStructure.Text("HTML", fields("QUOTED-PRINTABLE"), 1, null);
        BodyStructure pdf = new BodyStructure.Basic("APPLICATION", "PDF", fields("BASE64"),
                attachment(new BodyStructure.Param("filename", "a.pdf")));
        Envelope env = new Envelope(null, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                null, null);
        BodyStructure inner = new BodyStructure.Multipart(List.of(text, pdf), "MIXED", null);
        BodyStructure message = new BodyStructure.Message("RFC822", fields("7BIT"), env, inner, 10, null);
        BodyStructure bs = new BodyStructure.Multipart(List.of(
                new BodyStructure.Multipart(List.of(text, html), "ALTERNATIVE", null), pdf, message), "MIXED", null);

        List<String> sections = new ArrayList<>();
        for (BodyPart p : BodyPart.parts(bs)) {
            sections.add(p.section().part() + " " + p.mimeType());
        }
        assertEquals(List.of("[1, 1] text/plain", "[1, 2] text/html", "[2] application/pdf",
                "[3] message/rfc822"), sections);
        assertEquals(List.of(1, 2), BodyPart.first(bs, "TEXT/HTML").orElseThrow().section().part());
        assertEquals(List.of(2), BodyPart.attachments(bs).get(0).section().part());
        assertEquals("a.pdf", BodyPart.attachments(bs).get(0).fileName().orElseThrow());
        assertEquals(2, BodyPart.attachments(bs).size(), "the attached message is an attachment too");
        List<BodyPart> nested = BodyPart.attachments(bs).get(1).nestedParts();
        assertEquals(List.of(3, 1), nested.get(0).section().part());
        assertEquals(List.of(3, 2), nested.get(1).section().part());
        // a message that is not multipart has one part, numbered 1
        assertEquals(List.of(1), BodyPart.parts(text).get(0).section().part());
        assertEquals(List.of(3, 1), new BodyPart(BodyPart.parts(bs).get(3).section(),
                new BodyStructure.Message("RFC822", fields("7BIT"), env, text, 1, null)).nestedParts().get(0)
                .section().part());
    }

    @Test
    void fileNamesDecodeRfc2231AndRfc2047() {
        BodyStructure extended = new BodyStructure.Basic("APPLICATION", "OCTET-STREAM", fields("BASE64"),
                attachment(new BodyStructure.Param("filename*", "utf-8'de'B%C3%BCcher%20Liste.txt")));
        assertEquals("Bücher Liste.txt", BodyPart.parts(extended).get(0).fileName().orElseThrow());
        BodyStructure continued = new BodyStructure.Basic("APPLICATION", "OCTET-STREAM", fields("BASE64"),
                attachment(new BodyStructure.Param("filename*0*", "iso-8859-1''M%FC"),
                        new BodyStructure.Param("filename*1", "ller.doc")));
        assertEquals("Müller.doc", BodyPart.parts(continued).get(0).fileName().orElseThrow());
        BodyStructure encodedWord = new BodyStructure.Basic("IMAGE", "PNG",
                fields("BASE64", new BodyStructure.Param("name", "=?UTF-8?Q?f=C3=B6to.png?=")), null);
        BodyPart p = BodyPart.parts(encodedWord).get(0);
        assertEquals("föto.png", p.fileName().orElseThrow());
        assertTrue(p.isAttachment(), "a named image is an attachment");
        BodyStructure latin = new BodyStructure.Text("PLAIN", fields("7BIT",
                new BodyStructure.Param("charset", "iso-8859-1")), 1, null);
        assertEquals(StandardCharsets.ISO_8859_1, BodyPart.parts(latin).get(0).charset().orElseThrow());
        assertEquals("7bit", BodyPart.parts(latin).get(0).encoding());
        assertTrue(BodyPart.parts(latin).get(0).fileName().isEmpty());
    }

    @Test
    void fetchPartStreamsOnlyThatPartDecodedAgainstGreenMail() {
        byte[] blob = new byte[300_000];
        new Random(7).nextBytes(blob);
        String b64 = Base64.getMimeEncoder().encodeToString(blob);
        String message = "From: a@example.org\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n"
                + "--XX\r\nContent-Type: multipart/alternative; boundary=\"YY\"\r\n\r\n"
                + "--YY\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Gr=C3=BC=C3=9Fe, a long line that is soft=\r\n broken\r\n"
                + "--YY\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>hi</p>\r\n--YY--\r\n"
                + "--XX\r\nContent-Type: application/octet-stream; name=\"blob.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"blob.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64 + "\r\n--XX--\r\n";
        try (GreenMailServer gm = GreenMailServer.start();
                ImapClient c = ImapClient.builder(gm.host()).port(gm.imapsPort()).tls(TlsOptions.defaults()
                        .withTrust(new TlsOptions.Trust.Certificates(List.of(gm.ca())))).connect()) {
            gm.deliver(message);
            c.login(GreenMailServer.USER, GreenMailServer.PASSWORD);
            c.select(MailboxName.INBOX);
            long uid = c.search(org.imap4j.codec.command.SearchKey.all()).ids().get(0);
            BodyStructure bs = c.fetchBodyStructure(SequenceSet.of(uid)).get(uid).bodyStructure().orElseThrow();

            BodyPart text = BodyPart.first(bs, "text/plain").orElseThrow();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            c.fetchPart(uid, text, out);
            assertEquals("Grüße, a long line that is soft broken", out.toString(StandardCharsets.UTF_8));

            BodyPart att = BodyPart.attachments(bs).get(0);
            assertEquals("blob.bin", att.fileName().orElseThrow());
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            c.fetchPart(uid, att, file);
            assertArrayEquals(blob, file.toByteArray());
        }
    }
}
