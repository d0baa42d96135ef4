package org.imap4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLSocket;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.servers.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Handler mode of the scripted server against a raw socket client: answers that depend on the command. */
@Timeout(30)
class ScriptedImapServerHandlerTest {

    /** A line-level client over a raw socket whose streams can be replaced (TLS, DEFLATE). */
    private static final class Raw implements AutoCloseable {
        Socket socket;
        InputStream in;
        OutputStream out;

        Raw(ScriptedImapServer server) throws IOException {
            this(new Socket(server.host(), server.port()));
        }

        Raw(Socket s) throws IOException {
            socket = s;
            socket.setSoTimeout(5000);
            streams(socket.getInputStream(), socket.getOutputStream());
        }

        void streams(InputStream i, OutputStream o) {
            in = i;
            out = o;
        }

        // byte by byte: a reader would ask an InflaterInputStream for more than the line (its available() is 1)
        String line() throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                b.append((char) c);
            }
            if (c < 0 && b.length() == 0) {
                return null;
            }
            int end = b.length() > 0 && b.charAt(b.length() - 1) == '\r' ? b.length() - 1 : b.length();
            return b.substring(0, end);
        }

        void send(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void theHandlerAnswersByCommandAndDefaultsTheRest() throws Exception {
        ImapScript script = ImapScript.create().greeting("IMAP4rev1", "IDLE").handler(x -> {
            if (x.command() instanceof Command.Search) {
                x.send(new Untagged.Search(List.of(2L, 5L), null));
                x.ok();
                return true;
            }
            if (x.command() instanceof Command.Delete d && d.mailbox().equals(MailboxName.of("keep"))) {
                x.no(new ResponseCode.Simple(ResponseCode.Kind.CANNOT), "not this one");
                return true;
            }
            return false;
        });
        try (ScriptedImapServer server = ScriptedImapServer.start(script); Raw c = new Raw(server)) {
            assertEquals("* OK [CAPABILITY IMAP4rev1 IDLE] imap4j scripted server ready", c.line());
            c.send("a SEARCH ALL\r\n");
            assertEquals("* SEARCH 2 5", c.line());
            assertEquals("a OK completed", c.line());
            c.send("b DELETE keep\r\nc DELETE other\r\n");
            assertEquals("b NO [CANNOT] not this one", c.line());
            assertEquals("c OK done", c.line(), "declined: the default answer");
            c.send("d SELECT INBOX\r\n");
            assertEquals("* 3 EXISTS", c.line());
            assertEquals("* OK [UIDVALIDITY 7] ok", c.line());
            assertEquals("* OK [UIDNEXT 40] ok", c.line());
            assertEquals("d OK [READ-WRITE] selected", c.line());
            c.send("e CAPABILITY\r\n");
            assertEquals("* CAPABILITY IMAP4rev1 IDLE", c.line());
            assertEquals("e OK CAPABILITY done", c.line());
            c.send("f IDLE\r\n");
            assertEquals("+ idling", c.line());
            c.send("DONE\r\n");
            assertEquals("f OK IDLE terminated", c.line());
            c.send("g LOGOUT\r\n");
            assertEquals("* BYE bye", c.line());
            assertEquals("g OK LOGOUT done", c.line());
            assertNull(c.line(), "LOGOUT ends the connection");
            server.verify(Duration.ofSeconds(5));
            assertEquals(7, server.received().size());
            assertEquals(new Command.Delete(MailboxName.of("other")), server.received().get(2).command());
        }
    }

    @Test
    void continuationsLiteralsAndRawLines() throws Exception {
        CompletableFuture<String> saslResponse = new CompletableFuture<>();
        try (ScriptedImapServer server = ScriptedImapServer.serve(x -> {
            if (x.command() instanceof Command.Authenticate a && a.mechanism().equals("PLAIN")) {
                x.continuation("");
                saslResponse.complete(x.readLine());
                x.ok(new ResponseCode.Capabilities(List.of()), "welcome");
                return true;
            }
            if (x.command() instanceof Command.Append) {
                x.sendRaw("* 1 EXISTS trailing junk\r\n".getBytes(StandardCharsets.US_ASCII));
                x.ok(new ResponseCode.AppendUid(9, org.imap4j.codec.core.SequenceSet.of(3)), "appended");
                return true;
            }
            return false;
        }); Raw c = new Raw(server)) {
            assertEquals("* OK [CAPABILITY IMAP4rev1] imap4j scripted server ready", c.line());
            c.send("a AUTHENTICATE PLAIN\r\n");
            assertEquals("+ ", c.line());
            c.send("AGFsaWNlAHB3\r\n");
            assertEquals("a OK [CAPABILITY] welcome", c.line());
            assertEquals("AGFsaWNlAHB3", saslResponse.get(5, TimeUnit.SECONDS));
            c.send("b APPEND INBOX {5}\r\n");
            assertEquals("+ go ahead", c.line(), "a synchronizing literal is continued before the handler runs");
            c.send("hello\r\n");
            assertEquals("* 1 EXISTS trailing junk", c.line());
            assertEquals("b OK [APPENDUID 9 3] appended", c.line());
            Command.Append append = assertInstanceOf(Command.Append.class, server.received().get(1).command());
            assertEquals("hello", new String(append.messages().get(0).data().toByteArray(), StandardCharsets.US_ASCII));
            server.verify(Duration.ofSeconds(5));
        }
    }

    @Test
    void pauseStallAndClose() throws Exception {
        CompletableFuture<Long> stalledBytes = new CompletableFuture<>();
        try (ScriptedImapServer server = ScriptedImapServer.serve(x -> {
            if (x.command() instanceof Command.Noop) {
                x.pause(Duration.ofMillis(200));
                x.ok("late");
                return true;
            }
            if (x.command() instanceof Command.Check) {
                stalledBytes.complete(x.stall());
                return true;
            }
            if (x.command() instanceof Command.Expunge) {
                x.send(new Untagged.Expunge(1));
                x.close();
                return true;
            }
            return false;
        })) {
            try (Raw c = new Raw(server)) {
                c.line();
                long start = System.nanoTime();
                c.send("a NOOP\r\n");
                assertEquals("a OK late", c.line());
                assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(190), "paused");
                c.send("b EXPUNGE\r\n");
                assertEquals("* 1 EXPUNGE", c.line());
                assertNull(c.line(), "closed without completion");
            }
            try (Raw c = new Raw(server)) {
                c.line();
                c.send("c CHECK\r\n");
                c.send("d NOOP\r\n");
                c.socket.setSoTimeout(300);
                assertThrows(java.net.SocketTimeoutException.class, c::line, "a stalled server sends nothing");
            }
            assertEquals("d NOOP\r\n".length(), stalledBytes.get(5, TimeUnit.SECONDS));
            server.verify(Duration.ofSeconds(5));
            assertEquals(2, server.connections());
        }
    }

    @Test
    void failuresAreReported() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.serve(x -> {
            if (x.command() instanceof Command.Noop) {
                x.fail("NOOP is not welcome");
                return false;
            }
            if (x.command() instanceof Command.Check) {
                throw new IllegalStateException("boom");
            }
            return false;
        }); Raw c = new Raw(server)) {
            c.line();
            c.send("a NOOP\r\n");
            assertEquals("a OK done", c.line());
            c.send("b )garbage(\r\n");
            assertEquals("* BAD unreadable command (scripted server)", c.line());
            c.send("c CHECK\r\n");
            assertNull(c.line(), "a failing handler ends the connection");
            AssertionError e = assertThrows(AssertionError.class, () -> server.verify(Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("NOOP is not welcome"), e.getMessage());
            assertTrue(e.getMessage().contains("unreadable command"), e.getMessage());
            assertTrue(e.getMessage().contains("boom"), e.getMessage());
            assertEquals(3, server.problems().size(), server.problems().toString());
        }
    }

    @Test
    void stepsFirstThenTheHandler() throws Exception {
        ImapScript script = ImapScript.create()
                .expect(Command.Noop.class).respond(Responses.exists(9)).ok("scripted")
                .handler(x -> false);
        try (ScriptedImapServer server = ScriptedImapServer.start(script); Raw c = new Raw(server)) {
            c.line();
            c.send("a CHECK\r\n");
            assertEquals("a OK done", c.line(), "not the next step: the handler");
            c.send("b NOOP\r\n");
            assertEquals("* 9 EXISTS", c.line());
            assertEquals("b OK scripted", c.line());
            server.verify(Duration.ofSeconds(5));
        }
    }

    @Test
    void startTlsAndCompressByDefault() throws Exception {
        TestCertificates.ServerIdentity id = TestCertificates.localhost();
        ImapScript script = ImapScript.create()
                .greetingRaw("* OK plain greeting\r\n")
                .capabilities("IMAP4rev1", "STARTTLS", "COMPRESS=DEFLATE")
                .startTls(id.serverContext())
                .handler(x -> {
                    if (x.command() instanceof Command.Noop) {
                        x.ok((x.isSecure() ? "secure" : "plain") + (x.isCompressing() ? " compressed" : ""));
                        return true;
                    }
                    return false;
                });
        try (ScriptedImapServer server = ScriptedImapServer.start(script); Raw c = new Raw(server)) {
            assertEquals("* OK plain greeting", c.line());
            c.send("a CAPABILITY\r\n");
            assertEquals("* CAPABILITY IMAP4rev1 STARTTLS COMPRESS=DEFLATE", c.line());
            assertEquals("a OK CAPABILITY done", c.line());
            c.send("b NOOP\r\n");
            assertEquals("b OK plain", c.line());
            c.send("c STARTTLS\r\n");
            assertEquals("c OK begin TLS", c.line());
            SSLSocket tls = (SSLSocket) TestCertificates.clientContext().getSocketFactory()
                    .createSocket(c.socket, "localhost", server.port(), true);
            tls.startHandshake();
            c.socket = tls;
            c.streams(tls.getInputStream(), tls.getOutputStream());
            c.send("d NOOP\r\n");
            assertEquals("d OK secure", c.line());
            c.send("e COMPRESS DEFLATE\r\n");
            assertEquals("e OK DEFLATE active", c.line());
            c.streams(new InflaterInputStream(tls.getInputStream(), new Inflater(true)),
                    new DeflaterOutputStream(tls.getOutputStream(), new Deflater(Deflater.DEFAULT_COMPRESSION, true),
                            true));
            c.send("f NOOP\r\n");
            assertEquals("f OK secure compressed", c.line());
            server.verify(Duration.ofSeconds(5));
        }
    }

    @Test
    void implicitTlsWithoutAStartTlsContextRefusesStartTls() throws Exception {
        TestCertificates.ServerIdentity id = TestCertificates.localhost();
        try (ScriptedImapServer server = ScriptedImapServer.start(id.serverContext(),
                ImapScript.create().handler(x -> false))) {
            SSLSocket tls = (SSLSocket) TestCertificates.clientContext().getSocketFactory()
                    .createSocket("localhost", server.port());
            try (Raw c = new Raw(tls)) {
                assertEquals("* OK [CAPABILITY IMAP4rev1] imap4j scripted server ready", c.line());
                c.send("a STARTTLS\r\n");
                assertEquals("a BAD STARTTLS is not available (no context in the script)", c.line());
                c.send("b COMPRESS XZ\r\n");
                assertEquals("b BAD only DEFLATE", c.line());
            }
            server.verify(Duration.ofSeconds(5));
        }
    }

    @Test
    void aGreetingInPiecesAndAHandlerThatReadsTheNextCommandItself() throws Exception {
        ImapScript script = ImapScript.create()
                .greetingRaw(Duration.ofMillis(300), "* OK hel", "lo\r\n")
                .handler(x -> {
                    if (x.command() instanceof Command.Noop) {
                        TaggedCommand next = x.readCommand();
                        x.ok("then " + next.tag().value());
                        x.send(new Tagged(next.tag(), Condition.NO, null, "after NOOP"));
                        return true;
                    }
                    return false;
                });
        try (ScriptedImapServer server = ScriptedImapServer.start(script); Raw c = new Raw(server)) {
            byte[] first = new byte[64];
            int n = c.in.read(first);
            assertEquals("* OK hel", new String(first, 0, n, StandardCharsets.US_ASCII), "the first piece alone");
            assertEquals("lo", c.line());
            c.send("a NOOP\r\nb CHECK\r\n");
            assertEquals("a OK then b", c.line());
            assertEquals("b NO after NOOP", c.line());
            server.verify(Duration.ofSeconds(5));
            assertEquals(List.of(new Command.Noop(), new Command.Check()),
                    server.received().stream().map(t -> t.command()).toList(), "read by the handler, still recorded");
        }
    }
}
