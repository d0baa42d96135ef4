package org.imap4j.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.imap4j.client.ImapClient;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof: a message with encoded-word headers, a multipart/alternative body and a 20 MiB attachment,
 * fetched from GreenMail and parsed by imap-mime in a child JVM whose whole heap is 48 MiB — less than the message
 * (about 27 MiB of base64) plus its decoded attachment. The control run in the same heap, which collects the body
 * first and parses it in memory, runs out of memory, so the bound is what the streaming path earns.
 */
class BoundedHeapFetchTest {
    static final int ATTACHMENT = 20 << 20;
    static final String HEAP = "-Xmx48m";

    static GreenMailServer gm;
    static long uid;
    static String sha256;

    @TempDir
    Path spool;

    @BeforeAll
    static void deliver() throws NoSuchAlgorithmException {
        byte[] blob = new byte[ATTACHMENT];
        new Random(20).nextBytes(blob);
        sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
        String b64 = Base64.getMimeEncoder().encodeToString(blob);
        blob = null;
        gm = GreenMailServer.start();
        gm.deliver("From: =?UTF-8?Q?Bj=C3=B6rn_=C3=85str=C3=B6m?= <bjorn@example.se>\r\n"
                + "To: alice@localhost\r\n"
                + "Subject: =?UTF-8?B?TcOlbmFkc3JhcHBvcnQ=?= =?ISO-8859-1?Q?_f=F6r_juni?=\r\n"
                + "Date: Mon, 30 Jun 2025 09:00:00 +0200\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
                + "--m\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n"
                + "--a\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Rapporten =C3=A4r bifogad.\r\n"
                + "--a\r\nContent-Type: text/html; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "<p>Rapporten =E4r bifogad.</p>\r\n--a--\r\n"
                + "--m\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Disposition: attachment; filename*=utf-8''rapport-m%C3%A5nad.bin\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--m--\r\n");
        try (ImapClient c = ImapClient.builder(gm.host()).port(gm.imapPort()).tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true).connect()) {
            c.login(GreenMailServer.USER, GreenMailServer.PASSWORD);
            c.select(MailboxName.INBOX);
            uid = c.search(SearchKey.all()).ids().get(0);
        }
    }

    @AfterAll
    static void stop() {
        if (gm != null) {
            gm.close();
        }
    }

    private Run child(String mode) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-cp", System.getProperty("java.class.path"), FetchAndParseMain.class.getName(), gm.host(),
                Integer.toString(gm.imapPort()), GreenMailServer.USER, GreenMailServer.PASSWORD, Long.toString(uid),
                mode, spool.toString()));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException e) {
                // the process ended; what was read is enough
            }
        });
        t.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the child JVM did not finish");
        t.join();
        return new Run(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @Test
    void streamsA20MibAttachmentThroughA48MibHeap() throws Exception {
        Run r = child("stream");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("subject=Månadsrapport för juni\n"), r::toString);
        assertTrue(r.out().contains("from=Björn Åström <bjorn@example.se>\n"), r::toString);
        assertTrue(r.out().contains("text=Rapporten är bifogad.\n"), r::toString);
        assertTrue(r.out().contains("html=<p>Rapporten är bifogad.</p>\n"), r::toString);
        assertTrue(r.out().contains("attachment=rapport-månad.bin " + ATTACHMENT + " Spooled " + sha256), r::toString);
        try (Stream<Path> left = Files.list(spool)) {
            assertEquals(0, left.count(), "closing the message deleted its spool file");
        }
        System.out.println("[bounded heap] " + r.out().lines().filter(l -> l.startsWith("peak")).findFirst()
                .orElse(""));
    }

    @Test
    void controlCollectingTheBodyFirstDoesNotFitTheSameHeap() throws Exception {
        Run r = child("in-memory");
        assertNotEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("OutOfMemoryError"), r::toString);
    }
}
