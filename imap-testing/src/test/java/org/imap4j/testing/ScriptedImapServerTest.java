package org.imap4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/** The scripted server against a raw socket client: what it sends, what it reads, and what verify reports. */
class ScriptedImapServerTest {

    /** A line-level client over a raw socket. */
    private static final class Raw implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Raw(ScriptedImapServer server) throws IOException {
            socket = new Socket(server.host(), server.port());
            socket.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        String line() throws IOException {
            return in.readLine();
        }

        void send(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void playsATypedScript() throws Exception {
        ImapScript script = ImapScript.create()
                .greeting("IMAP4rev1", "IDLE", "LITERAL+")
                .expect(new Command.Login("alice", Secret.of("pw\"1"))).ok()
                .expect(new Command.Select(MailboxName.INBOX, false, null))
                .respond(new Untagged.Exists(3), Responses.ok(new ResponseCode.UidNext(4), "next"))
                .ok(new ResponseCode.Simple(ResponseCode.Kind.READ_WRITE), "selected")
                .expect(Command.Idle.class).idle(Responses.exists(4)).ok("idle done")
                .expect(Command.Logout.class).respond(Responses.bye("bye")).ok();
        try (ScriptedImapServer server = ScriptedImapServer.start(script); Raw c = new Raw(server)) {
            assertEquals("* OK [CAPABILITY IMAP4rev1 IDLE LITERAL+] imap4j scripted server ready", c.line());
            c.send("A1 LOGIN alice {4}\r\n");
            assertEquals("+ go ahead", c.line(), "a synchronizing literal gets its continuation");
            c.send("pw\"1\r\n");
            assertEquals("A1 OK completed", c.line());
            c.send("A2 SELECT INBOX\r\n");
            assertEquals("* 3 EXISTS", c.line());
            assertEquals("* OK [UIDNEXT 4] next", c.line());
            assertEquals("A2 OK [READ-WRITE] selected", c.line());
            c.send("A3 IDLE\r\n");
            assertEquals("+ idling", c.line());
            assertEquals("* 4 EXISTS", c.line());
            c.send("DONE\r\n");
            assertEquals("A3 OK idle done", c.line());
            c.send("A4 LOGOUT\r\n");
            assertEquals("* BYE bye", c.line());
            assertEquals("A4 OK completed", c.line());
            server.verify(Duration.ofSeconds(5));
            assertEquals(4, server.received().size());
            assertEquals(new Command.Login("alice", Secret.of("pw\"1")), server.received().get(0).command());
            // each command's bytes as they arrived, its literal and the line after it included (IDLE's DONE is a raw line)
            assertEquals(List.of("A1 LOGIN alice {4}\r\npw\"1\r\n", "A2 SELECT INBOX\r\n", "A3 IDLE\r\n",
                    "A4 LOGOUT\r\n"), server.receivedBytes().stream().map(b -> b.latin1()).toList());
        }
    }

    @Test
    void aCommandsBytesAreKeptUpTo64KiBItsRecordWhole() throws Exception {
        ImapScript script = ImapScript.create().expect(Command.Append.class).ok();
        try (ScriptedImapServer server = ScriptedImapServer.start(script); Raw c = new Raw(server)) {
            c.line();
            c.send("A1 APPEND INBOX {100000}\r\n");
            assertEquals("+ go ahead", c.line());
            c.send("x".repeat(100_000) + "\r\n");
            assertEquals("A1 OK completed", c.line());
            server.verify(Duration.ofSeconds(5));
            Command.Append append = (Command.Append) server.received().get(0).command();
            assertEquals(100_000, append.messages().get(0).data().size());
            assertEquals(64 << 10, server.receivedBytes().get(0).size());
            assertTrue(server.receivedBytes().get(0).latin1().startsWith("A1 APPEND INBOX {100000}\r\nxxx"));
        }
    }

    @Test
    void anUnexpectedCommandIsAnsweredBadAndReported() throws Exception {
        ImapScript script = ImapScript.create().expect(Command.Noop.class).ok();
        try (ScriptedImapServer server = ScriptedImapServer.start(script); Raw c = new Raw(server)) {
            c.line();
            c.send("B1 CHECK\r\n");
            assertEquals("B1 BAD unexpected command (scripted server)", c.line());
            AssertionError e = assertThrows(AssertionError.class, () -> server.verify(Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains("unexpected Check[]"), e.getMessage());
            assertTrue(e.getMessage().contains("never sent Noop"), e.getMessage());
        }
    }

    @Test
    void alwaysStepsAnswerBetweenSteps() throws Exception {
        ImapScript script = ImapScript.create()
                .expect(Command.Noop.class).ok();
        script.always(Command.Capability.class).respond(new Untagged.Capabilities(List.of())).ok();
        try (ScriptedImapServer server = ScriptedImapServer.start(script); Raw c = new Raw(server)) {
            c.line();
            c.send("C1 CAPABILITY\r\nC2 NOOP\r\nC3 CAPABILITY\r\n");
            assertEquals("* CAPABILITY", c.line());
            assertEquals("C1 OK completed", c.line());
            assertEquals("C2 OK completed", c.line());
            assertEquals("* CAPABILITY", c.line());
            assertEquals("C3 OK completed", c.line());
            server.verify(Duration.ofSeconds(5));
        }
    }

    @Test
    void eachConnectionPlaysItsScriptAndRawBytesGoAsTheyAre() throws Exception {
        ImapScript dies = ImapScript.create().expect(Command.Noop.class).respondRaw("* 1 EXISTS junk\r\n").close();
        ImapScript second = ImapScript.create().greetingRaw("* PREAUTH hello\r\n").expect(Command.Noop.class).ok();
        try (ScriptedImapServer server = ScriptedImapServer.start(dies, second)) {
            try (Raw c = new Raw(server)) {
                c.line();
                c.send("D1 NOOP\r\n");
                assertEquals("* 1 EXISTS junk", c.line());
                assertEquals(null, c.line(), "closed instead of completing");
            }
            try (Raw c = new Raw(server)) {
                assertEquals("* PREAUTH hello", c.line());
                c.send("E1 NOOP\r\n");
                assertEquals("E1 OK completed", c.line());
            }
            server.verify(Duration.ofSeconds(5));
            assertEquals(2, server.connections());
        }
    }

    @Test
    void aMissingConnectionIsReported() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start(ImapScript.create())) {
            AssertionError e = assertThrows(AssertionError.class, () -> server.verify(Duration.ofMillis(100)));
            assertTrue(e.getMessage().contains("no connection"), e.getMessage());
        }
    }
}
