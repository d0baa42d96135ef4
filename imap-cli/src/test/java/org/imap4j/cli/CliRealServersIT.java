package org.imap4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imap4j.client.ImapClient;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.CyrusServer;
import org.imap4j.testing.servers.DovecotServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21 on the real servers CI installs: UIDs that name no message (exit 5, named, nothing changed), {@code --json}
 * from every command that prints data, and the error texts a person meets (wrong password, cleartext refused, an
 * untrusted certificate, a mailbox the server refuses), against a private Dovecot and a private Cyrus (skipped when
 * not installed, failed on CI).
 */
class CliRealServersIT {

    /** One server as the CLI sees it. */
    private record Server(String host, int port, int tlsPort, String user, String password) {
        String url(String mailbox) {
            return "imap://" + user + "@" + host + ":" + port + "/" + mailbox;
        }

        CliProcess.Result cli(String... args) {
            String[] all = new String[args.length + 1];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--insecure-plaintext";
            return CliProcess.run(password, all);
        }

        void seed(String mailbox, int n) {
            try (ImapClient c = ImapClient.builder(host).port(port).tlsMode(TlsMode.PLAIN)
                    .allowCleartextPasswords(true).connect()) {
                c.login(user, password);
                c.create(MailboxName.of(mailbox));
                for (int i = 1; i <= n; i++) {
                    List<Flag> flags = new ArrayList<>();
                    if (i % 2 == 1) {
                        flags.add(Flag.SEEN);
                    }
                    c.append(MailboxName.of(mailbox), Bytes.utf8("From: Bob <bob@example.org>\r\nSubject: Message " + i
                            + "\r\nMessage-ID: <m" + i + "." + mailbox + "@example.org>\r\n\r\nBody of message " + i
                            + ".\r\n"), OffsetDateTime.of(2024, 3, 4, 10, i, 0, 0, ZoneOffset.UTC),
                            flags.toArray(new Flag[0]));
                }
                c.logout();
            }
        }
    }

    @Test
    void dovecot(@TempDir Path dir) throws Exception {
        try (DovecotServer d = DovecotServer.startOrSkip()) {
            run(new Server(d.host(), d.imapPort(), d.imapsPort(), DovecotServer.USER, DovecotServer.PASSWORD), dir);
        }
    }

    @Test
    void cyrus(@TempDir Path dir) throws Exception {
        try (CyrusServer c = CyrusServer.startOrSkip()) {
            run(new Server(c.host(), c.imapPort(), c.imapsPort(), CyrusServer.USER, CyrusServer.PASSWORD), dir);
        }
    }

    private static void run(Server s, Path dir) throws Exception {
        missingUids(s);
        json(s, dir);
        errors(s);
    }

    private static void missingUids(Server s) {
        s.seed("Sparse", 3);
        s.seed("SparseDest", 0);
        String sparse = s.url("Sparse");
        for (String[] cmd : List.of(new String[] {"move", sparse, "2,99", "SparseDest"},
                new String[] {"copy", sparse, "99", "SparseDest"}, new String[] {"delete", sparse, "1,99"},
                new String[] {"flags", sparse, "add", "99", "flagged"}, new String[] {"expunge", sparse, "99"},
                new String[] {"fetch", sparse, "99"}, new String[] {"show", sparse, "99"})) {
            CliProcess.Result r = s.cli(cmd);
            assertEquals(5, r.code(), r.toString());
            assertTrue(r.err().contains("no message with UID 99 in Sparse"), r.toString());
            assertEquals("", r.out(), "nothing printed as if done: " + r);
        }
        CliProcess.Result all = s.cli("search", sparse, "all");
        assertEquals("1 2 3", all.out().strip(), "nothing moved, copied or deleted: " + all);
        assertFalse(s.cli("flags", sparse, "get", "1:3").out().contains("\\Deleted"));
        assertEquals("", s.cli("search", s.url("SparseDest"), "all").out().strip(), "nothing copied");
    }

    private static void json(Server s, Path dir) throws Exception {
        s.seed("Js", 3);
        String js = s.url("Js");
        Map<String, Object> caps = MiniJson.object(s.cli("capabilities", s.url(""), "--json").out());
        assertTrue(((List<?>) caps.get("capabilities")).contains("IMAP4rev1"), caps.toString());
        Map<String, Object> list = MiniJson.object(s.cli("list", s.url(""), "--json").out());
        assertTrue(((List<?>) list.get("mailboxes")).stream().anyMatch(m -> ((Map<?, ?>) m).get("mailbox")
                .equals("Js") && ((Map<?, ?>) m).get("messages").equals(3L)), list.toString());
        assertEquals(3L, MiniJson.object(s.cli("status", js, "--json").out()).get("messages"));
        assertEquals(List.of(2L), MiniJson.object(s.cli("search", js, "unseen", "--json").out()).get("uids"));
        assertEquals(3, ((List<?>) MiniJson.parse(s.cli("fetch", js, "--json").out())).size());
        Map<String, Object> show = MiniJson.object(s.cli("show", js, "2", "--json").out());
        assertEquals("Message 2", ((Map<?, ?>) show.get("headers")).get("Subject"), show.toString());
        Map<String, Object> flags = MiniJson.object(s.cli("flags", js, "add", "1", "flagged", "--json").out());
        List<?> flagged = (List<?>) ((Map<?, ?>) ((List<?>) flags.get("messages")).get(0)).get("flags");
        assertTrue(flagged.contains("\\Flagged") && flagged.contains("\\Seen"), flags.toString());
        assertEquals(Map.of("command", "create", "mailbox", "JsTarget", "ok", true),
                MiniJson.object(s.cli("create", s.url("JsTarget"), "--json").out()));
        assertEquals(1L, MiniJson.object(s.cli("copy", js, "1", "JsTarget", "--json").out()).get("messages"));
        assertEquals(1L, MiniJson.object(s.cli("move", js, "3", "JsTarget", "--json").out()).get("messages"));
        assertEquals(List.of(2L), MiniJson.object(s.cli("delete", js, "2", "--json").out()).get("marked"));
        assertEquals(List.of(2L), MiniJson.object(s.cli("expunge", js, "--json").out()).get("expunged"));
        Path eml = dir.resolve("a.eml");
        Files.writeString(eml, "Subject: json\n\nx\n");
        assertEquals("Js", MiniJson.object(s.cli("append", js, eml.toString(), "--json").out()).get("mailbox"));
        Path mbox = dir.resolve("js-" + s.port() + ".mbox");
        assertEquals(2L, MiniJson.object(s.cli("export", js, mbox.toString(), "--json").out()).get("exported"));
        Map<String, Object> im = MiniJson.object(s.cli("import", s.url("JsBack"), mbox.toString(), "--json",
                "--no-progress").out());
        assertEquals(2L, im.get("imported"), im.toString());
        Path cap = dir.resolve("js-" + s.port() + ".imap");
        Map<String, Object> captured = MiniJson.object(s.cli("capture", js, "--out", cap.toString(), "--json").out());
        assertEquals(2L, captured.get("fetchResponses"), captured.toString());
        for (String[] cmd : List.of(new String[] {"rename", s.url("JsBack"), "JsRenamed"},
                new String[] {"subscribe", s.url("JsRenamed")}, new String[] {"unsubscribe", s.url("JsRenamed")},
                new String[] {"delete-mailbox", s.url("JsRenamed"), "--yes"})) {
            List<String> args = new ArrayList<>(List.of(cmd));
            args.add("--json");
            CliProcess.Result r = s.cli(args.toArray(new String[0]));
            assertEquals(0, r.code(), r.toString());
            assertEquals(true, MiniJson.object(r.out()).get("ok"), r.toString());
        }
    }

    private static void errors(Server s) {
        CliProcess.Result wrong = CliProcess.run("not-the-password", "status", s.url("INBOX"), "--insecure-plaintext");
        assertEquals(4, wrong.code(), wrong.toString());
        assertFalse(wrong.err().contains("not-the-password"), "the password is never shown: " + wrong);
        assertTrue(wrong.err().startsWith("imap4j: ") && wrong.err().lines().count() <= 2, wrong.toString());
        CliProcess.Result cleartext = CliProcess.run(s.password(), "status", s.url("INBOX"));
        assertEquals(4, cleartext.code(), cleartext.toString());
        assertEquals("imap4j: passwords are not sent without TLS; use imaps:// or --starttls, or --insecure-plaintext "
                + "on a trusted network\n", cleartext.err());
        CliProcess.Result untrusted = CliProcess.run(s.password(), "status", "imaps://" + s.user() + "@" + s.host()
                + ":" + s.tlsPort() + "/INBOX");
        assertEquals(3, untrusted.code(), untrusted.toString());
        assertTrue(untrusted.err().contains("--trust-cert"), untrusted.toString());
        CliProcess.Result tlsPort = s.cli("status", "imap://" + s.user() + "@" + s.host() + ":" + s.tlsPort()
                + "/INBOX");
        assertEquals(3, tlsPort.code(), tlsPort.toString());
        assertTrue(tlsPort.err().contains("use imaps://"), tlsPort.toString());
        CliProcess.Result no = s.cli("status", s.url("No-Such-Mailbox"));
        assertEquals(1, no.code(), no.toString());
        assertTrue(no.err().startsWith("imap4j: ") && !no.err().contains("Exception"), no.toString());
    }
}
