package org.imap4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.StatusItem;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.Responses;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the CLI prints of server text (mailbox names, subjects, addresses, NO texts, bodies) carries no terminal
 * escape or forged line (issue 14 item 13).
 */
@Timeout(60)
class CliServerTextTest {
    /** ESC[2J clears the screen; U+009B is a one-character CSI; U+0085 is NEL; BEL ends an OSC title. */
    private static final String EVIL = "\u001b[2J\u001b]0;pwned\u0007\u009b31m\u0085\u007f";

    private static String literal(String s) {
        return "{" + s.getBytes(StandardCharsets.UTF_8).length + "}\r\n" + s;
    }

    /**
     * Answers as records where the codec can write the answer; the hostile server text (control characters in a
     * mailbox name, an envelope and a NO text) goes raw, since the codec refuses to write it.
     */
    private static ScriptedImapServer server() throws IOException {
        return ScriptedImapServer.start(ImapScript.create().greeting("IMAP4rev1").handler(x -> {
            Command c = x.command();
            if (c instanceof Command.ListMailboxes) {
                x.sendRaw("* LIST () \"/\" " + literal("Box" + EVIL) + "\r\n");
                x.send(new Untagged.MailboxList(false, List.of(), "/", MailboxName.INBOX, List.of()));
                x.ok("done");
            } else if (c instanceof Command.Examine) {
                x.send(new Untagged.Exists(1), Responses.ok(new ResponseCode.UidValidity(7), "v"),
                        Responses.ok(new ResponseCode.UidNext(2), "n"));
                x.ok("done");
            } else if (c instanceof Command.Search) {
                x.send(new Untagged.Search(List.of(1L), null));
                x.ok("done");
            } else if (c instanceof Command.Fetch) {
                x.sendRaw("* 1 FETCH (UID 1 FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" "
                        + "RFC822.SIZE 10 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700\" "
                        + literal("hi\r\nA9 OK forged line" + EVIL) + " ((" + literal("Mallory" + EVIL)
                        + " NIL \"evil\" \"example.org\")) NIL NIL NIL NIL NIL NIL \"<id@example.org>\"))\r\n");
                x.ok("done");
            } else if (c instanceof Command.Status st && !st.mailbox().name().equals("Other")) {
                x.send(new Untagged.MailboxStatus(MailboxName.INBOX, List.of(
                        new StatusItem.Count(StatusItem.Kind.MESSAGES, 1),
                        new StatusItem.Count(StatusItem.Kind.UNSEEN, 0))));
                x.ok("done");
            } else if (c instanceof Command.Status) {
                x.sendRaw(x.tag().value() + " NO [ALERT] no status " + EVIL + "\r\n");
            } else {
                return false; // OK done; LOGOUT with BYE
            }
            return true;
        }));
    }

    /**
     * A UIDPLUS server whose mailbox has {@code exists} messages, whose SEARCH finds {@code found} and whose COPY
     * answers {@code copyUid}.
     */
    private static ScriptedImapServer copyServer(long exists, List<Long> found, ResponseCode.CopyUid copyUid)
            throws IOException {
        return ScriptedImapServer.start(ImapScript.create().greeting("IMAP4rev1", "UIDPLUS").handler(x -> {
            if (x.command() instanceof Command.Select) {
                x.send(new Untagged.Exists(exists), Responses.ok(new ResponseCode.UidValidity(7), "v"));
                x.ok(new ResponseCode.Simple(ResponseCode.Kind.READ_WRITE), "done");
            } else if (x.command() instanceof Command.Search) {
                x.send(new Untagged.Search(found, null));
                x.ok("done");
            } else if (x.command() instanceof Command.Copy) {
                x.ok(copyUid, "copied");
            } else {
                return false; // OK done; LOGOUT with BYE
            }
            return true;
        }));
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("IMAP4J_PASSWORD", "pw")).run(argv);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Only LF line ends are allowed; every other control character must have been escaped. */
    private static void assertClean(String shown) {
        for (int i = 0; i < shown.length(); i++) {
            char ch = shown.charAt(i);
            assertTrue(ch == '\n' || !(ch < 0x20 || (ch >= 0x7f && ch <= 0x9f)),
                    "control character U+" + Integer.toHexString(ch) + " at " + i + " in: " + shown);
        }
    }

    @Test
    void listFetchStatusAndTracePrintServerTextEscaped() throws Exception {
        try (ScriptedImapServer server = server()) {
            String base = "imap://alice@127.0.0.1:" + server.port() + "/";
            Run list = run("list", base, "--insecure-plaintext", "--trace");
            assertEquals(0, list.code(), list.toString());
            assertTrue(list.out().contains("Box\\x1b[2J"), list.out());
            assertClean(list.out());
            assertClean(list.err());

            Run fetch = run("fetch", base + "INBOX", "--insecure-plaintext");
            assertEquals(0, fetch.code(), fetch.toString());
            assertTrue(fetch.out().contains("\\x1b"), fetch.out());
            assertTrue(fetch.out().lines().noneMatch(l -> l.startsWith("A9 OK")), fetch.out());
            assertClean(fetch.out());

            Run json = run("fetch", base + "INBOX", "--insecure-plaintext", "--json");
            assertEquals(0, json.code(), json.toString());
            assertTrue(json.out().contains("\\u009b"), json.out());
            assertClean(json.out());

            Run status = run("status", base + "Other", "--insecure-plaintext");
            assertEquals(1, status.code(), status.toString());
            assertTrue(status.err().contains("no status \\x1b[2J"), status.err());
            assertClean(status.err());
            assertClean(status.out());
            assertEquals(List.of(), server.problems());
        }
    }

    @Test
    void copyOfAHostileUidSetPrintsTheSetsNotFourBillionLines() throws Exception {
        try (ScriptedImapServer server = copyServer(1, List.of(1L),
                new ResponseCode.CopyUid(9, SequenceSet.range(1, 4294967295L), SequenceSet.range(1, 4294967295L)))) {
            Run copy = run("copy", "imap://alice@127.0.0.1:" + server.port() + "/INBOX", "1", "Dest",
                    "--insecure-plaintext");
            assertEquals(0, copy.code(), copy.toString());
            assertEquals(2, copy.out().lines().count(), copy.out());
            assertTrue(copy.out().contains("UIDs 1:4294967295 -> Dest UIDs 1:4294967295"), copy.out());
        }
    }

    /** A COPYUID naming fewer messages than were asked for is not reported as success. */
    @Test
    void copyUidNamingFewerMessagesIsAFailure() throws Exception {
        try (ScriptedImapServer server = copyServer(3, List.of(4L, 5L, 6L),
                new ResponseCode.CopyUid(9, SequenceSet.parse("4,6"), SequenceSet.range(20, 21)))) {
            Run copy = run("copy", "imap://alice@127.0.0.1:" + server.port() + "/INBOX", "4:6", "Dest",
                    "--insecure-plaintext");
            assertEquals(5, copy.code(), copy.toString());
            assertTrue(copy.err().contains("copied 2 of 3 messages; not UID 5"), copy.toString());
            assertTrue(copy.out().contains("UID 6 -> Dest UID 21"), copy.toString());
        }
    }

    /** {@code show} prints the server's NO text, escaped, and invents no message text of its own. */
    @Test
    void showOfAMessageTheServerRefusesPrintsTheServersText() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start(ImapScript.create().greeting("IMAP4rev1")
                .handler(x -> {
                    if (x.command() instanceof Command.Examine) {
                        x.send(new Untagged.Exists(1), Responses.ok(new ResponseCode.UidValidity(7), "v"));
                        x.ok(new ResponseCode.Simple(ResponseCode.Kind.READ_ONLY), "done");
                    } else if (x.command() instanceof Command.Search) {
                        x.send(new Untagged.Search(List.of(5L), null));
                        x.ok("done");
                    } else if (x.command() instanceof Command.Fetch) {
                        // raw: a NO text with control characters, which the codec refuses to write
                        x.sendRaw(x.tag().value() + " NO [UNAVAILABLE] message store offline " + EVIL + "\r\n");
                    } else {
                        return false;
                    }
                    return true;
                }))) {
            Run show = run("show", "imap://alice@127.0.0.1:" + server.port() + "/INBOX", "5",
                    "--insecure-plaintext");
            assertEquals(1, show.code(), show.toString());
            assertEquals("", show.out(), show.toString());
            assertTrue(show.err().contains("message store offline \\x1b[2J"), show.toString());
            assertTrue(!show.err().contains("no message with UID"), show.toString());
            assertClean(show.err());
        }
    }

    @Test
    void bodiesKeepTheirLinesAndTabsButNoOtherControl() {
        String shown = Text.safeBody("line 1\r\nline\t2\n" + EVIL + "\rforged\u0000");
        assertEquals("line 1\nline\t2\n\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\x85\\x7f\\rforged\\x00", shown);
        assertClean(shown.replace("\t", ""));
        assertEquals("\"a\\u001b\\u009b\\u0085\"", Text.json("a\u001b\u009b\u0085"));
    }
}
