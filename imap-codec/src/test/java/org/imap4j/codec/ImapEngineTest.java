package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.response.Condition;
import org.junit.jupiter.api.Test;

/** Drives the sans-I/O engine byte for byte, as a transport would, against scripted server bytes. */
class ImapEngineTest {

    private final ImapEngine engine = new ImapEngine(EngineConfig.defaults());

    private static ByteBuffer ascii(String s) {
        return EngineHarness.utf8(s);
    }

    private List<EngineEvent> feed(String serverBytes) {
        return EngineHarness.feed(engine, serverBytes);
    }

    private List<EngineEvent> drain() {
        return EngineHarness.drain(engine);
    }

    private String written() {
        return EngineHarness.written(engine);
    }

    private static <T> T only(List<EngineEvent> events, Class<T> type) {
        T found = null;
        for (EngineEvent e : events) {
            if (type.isInstance(e)) {
                if (found != null) {
                    throw new AssertionError("more than one " + type.getSimpleName() + " in " + events);
                }
                found = type.cast(e);
            }
        }
        if (found == null) {
            throw new AssertionError("no " + type.getSimpleName() + " in " + events);
        }
        return found;
    }

    private void greet() {
        List<EngineEvent> ev = feed("* OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE] ready\r\n");
        only(ev, EngineEvent.Greeting.class);
        assertEquals(ConnectionState.NOT_AUTHENTICATED, engine.state());
    }

    @Test
    void greetingLoginSelectAndStates() {
        greet();
        assertEquals(EncodeOptions.LiteralSupport.LITERAL_PLUS, engine.encodeOptions().literals());
        CommandHandle login = engine.submit(new Command.Login("alice", Secret.of("pw")));
        assertEquals("A1 LOGIN alice pw\r\n", written());
        List<EngineEvent> ev = feed("A1 OK done\r\n");
        assertEquals(login, only(ev, EngineEvent.Completed.class).handle());
        assertEquals(ConnectionState.AUTHENTICATED, engine.state());

        CommandHandle sel = engine.submit(new Command.Select(MailboxName.INBOX, false, null));
        assertEquals("A2 SELECT INBOX\r\n", written());
        ev = feed("* 3 EXISTS\r\n* FLAGS (\\Seen)\r\nA2 OK [READ-WRITE] done\r\n");
        long routed = ev.stream().filter(e -> e instanceof EngineEvent.Data d && d.handle() == sel).count();
        assertEquals(2, routed);
        assertEquals(ConnectionState.SELECTED, engine.state());
    }

    @Test
    void synchronizingLiteralWaitsForContinuation() {
        feed("* OK ready\r\n");
        engine.submit(new Command.Login("alice", Secret.of("p\"w\r\nA9 DELETE INBOX")));
        String first = written();
        assertTrue(first.startsWith("A1 LOGIN alice {"), first);
        assertTrue(first.endsWith("}\r\n"), first);
        assertNull(engine.pollOutput(), "the payload must wait for '+'");
        List<EngineEvent> ev = feed("+ go ahead\r\n");
        assertTrue(ev.isEmpty(), "literal continuations are handled by the engine: " + ev);
        assertEquals("p\"w\r\nA9 DELETE INBOX\r\n", written());
    }

    @Test
    void commandRefusedBeforeLiteralNeverSendsPayload() {
        feed("* OK [CAPABILITY IMAP4rev1] ready\r\n");
        CommandHandle app = engine.submit(new Command.Append(MailboxName.of("Sent"),
                List.of(new Command.AppendMessage(List.of(), null, Bytes.utf8("Subject: x\r\n\r\nbody\r\n"), false))));
        CommandHandle noop = engine.submit(new Command.Noop());
        assertEquals("A1 APPEND Sent {20}\r\n", written());
        List<EngineEvent> ev = feed("A1 NO [OVERQUOTA] no room\r\n");
        EngineEvent.Completed c = only(ev, EngineEvent.Completed.class);
        assertEquals(app, c.handle());
        assertEquals(Condition.NO, c.response().status());
        assertEquals("A2 NOOP\r\n", written(), "the refused payload is dropped, the next command goes out");
        assertEquals(noop, only(feed("A2 OK\r\n"), EngineEvent.Completed.class).handle());
    }

    @Test
    void idleFlow() {
        greet();
        CommandHandle idle = engine.submit(new Command.Idle());
        engine.submit(new Command.Noop());
        assertEquals("A1 IDLE\r\n", written(), "nothing is written after IDLE until it completes");
        List<EngineEvent> ev = feed("+ idling\r\n* 4 EXISTS\r\n");
        assertEquals(idle, only(ev, EngineEvent.ContinuationRequest.class).handle());
        assertNull(only(ev, EngineEvent.Data.class).handle(), "EXISTS during IDLE is unsolicited");
        engine.idleDone(idle);
        assertEquals("DONE\r\n", written());
        ev = feed("A1 OK idle done\r\n");
        assertEquals(idle, only(ev, EngineEvent.Completed.class).handle());
        assertEquals("A2 NOOP\r\n", written());
    }

    @Test
    void authenticateRounds() {
        greet();
        CommandHandle auth = engine.submit(new Command.Authenticate("CRAM-MD5", null));
        assertEquals("A1 AUTHENTICATE CRAM-MD5\r\n", written());
        List<EngineEvent> ev = feed("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n");
        EngineEvent.ContinuationRequest cr = only(ev, EngineEvent.ContinuationRequest.class);
        assertEquals("<1896.697170952@postoffice.reston.mci.net>", cr.challenge().utf8());
        engine.authenticateResponse(auth, Bytes.utf8("tim b913a602c7eda7a495b4e6e7334d3890"));
        assertEquals("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw\r\n", written());
        feed("A1 OK CRAM authentication successful\r\n");
        assertEquals(ConnectionState.AUTHENTICATED, engine.state());
    }

    @Test
    void startTlsInjectionIsAnError() {
        greet();
        CommandHandle tls = engine.submit(new Command.StartTls());
        written();
        List<EngineEvent> ev = feed("A1 OK begin TLS\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n");
        EngineEvent.Failed f = only(ev, EngineEvent.Failed.class);
        assertInstanceOf(ImapProtocolException.class, f.cause());
        assertTrue(f.cause().getMessage().contains("STARTTLS"), f.cause().getMessage());
        assertEquals(ConnectionState.FAILED, engine.state());
        assertThrows(ImapConnectionException.class, () -> engine.submit(new Command.Noop()));
        assertEquals(tls, only(ev, EngineEvent.Completed.class).handle());
    }

    @Test
    void startTlsCleanBoundary() {
        greet();
        engine.submit(new Command.StartTls());
        engine.submit(new Command.Capability());
        assertEquals("A1 STARTTLS\r\n", written());
        List<EngineEvent> ev = feed("A1 OK begin TLS\r\n");
        only(ev, EngineEvent.StartTls.class);
        assertTrue(engine.capabilities().isEmpty(), "pre-TLS capabilities are forgotten");
        assertThrows(IllegalStateException.class, () -> engine.receive(ascii("x")));
        engine.tlsEstablished();
        assertEquals("A2 CAPABILITY\r\n", written());
    }

    @Test
    void literalPlusLearnedBeforeStartTlsIsNotUsedAfterIt() {
        greet(); // offers LITERAL+ in cleartext
        engine.submit(new Command.StartTls());
        written();
        feed("A1 OK begin TLS\r\n");
        engine.tlsEstablished();
        engine.submit(new Command.Login("alice", Secret.of("pässwörd")));
        String out = written();
        assertTrue(out.startsWith("A2 LOGIN alice {"), out);
        assertFalse(out.contains("+}"), "a non-synchronizing literal needs LITERAL+ offered after TLS: " + out);
    }

    @Test
    void compressHandsOverCompressedBytes() {
        greet();
        engine.submit(new Command.Compress("DEFLATE"));
        assertEquals("A1 COMPRESS DEFLATE\r\n", written());
        engine.receive(ascii("A1 OK deflate active\r\n"));
        engine.receive(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        List<EngineEvent> ev = drain();
        EngineEvent.CompressionStarted cs = only(ev, EngineEvent.CompressionStarted.class);
        assertEquals(Bytes.of(new byte[] {1, 2, 3}), cs.compressedInput());
        assertTrue(engine.isCompressing());
    }

    @Test
    void unknownTagsAndStrayContinuationsAreReportedNotFatal() {
        greet();
        CommandHandle noop = engine.submit(new Command.Noop());
        written();
        List<EngineEvent> ev = feed("A9 OK never sent\r\n+ nothing waits\r\nA1 OK fine\r\n");
        assertEquals(2, ev.stream().filter(e -> e instanceof EngineEvent.Malformed).count(), ev.toString());
        assertEquals(noop, only(ev, EngineEvent.Completed.class).handle());
        assertEquals(ConnectionState.NOT_AUTHENTICATED, engine.state());
    }

    @Test
    void malformedUntaggedDoesNotHarmOtherCommands() {
        greet();
        CommandHandle noop = engine.submit(new Command.Noop());
        written();
        List<EngineEvent> ev = feed("* 12 EXISTS junk (\r\n* 5 EXISTS\r\nA1 OK\r\n");
        only(ev, EngineEvent.Malformed.class);
        assertEquals(noop, only(ev, EngineEvent.Completed.class).handle());
    }

    @Test
    void connectionLostFailsEveryPendingCommand() {
        greet();
        CommandHandle a = engine.submit(new Command.Noop());
        CommandHandle b = engine.submit(new Command.Check());
        written();
        feed("* BYE shutting down\r\n");
        assertEquals(ConnectionState.LOGOUT, engine.state());
        engine.connectionLost(new ImapConnectionException("connection reset"));
        List<EngineEvent> ev = drain();
        List<CommandHandle> failed = new ArrayList<>();
        for (EngineEvent e : ev) {
            if (e instanceof EngineEvent.CommandFailed cf) {
                failed.add(cf.handle());
                assertTrue(cf.cause().getMessage().contains("shutting down"), cf.cause().getMessage());
            }
        }
        assertEquals(List.of(a, b), failed);
        only(ev, EngineEvent.Failed.class);
    }

    @Test
    void framingErrorFailsEverythingWithTypedError() {
        greet();
        engine.submit(new Command.Noop());
        written();
        List<EngineEvent> ev = feed("* 1 FETCH (BODY[] {99999999999999999999}\r\n");
        EngineEvent.CommandFailed cf = only(ev, EngineEvent.CommandFailed.class);
        assertInstanceOf(ImapProtocolException.class, cf.cause());
        assertEquals(ConnectionState.FAILED, engine.state());
    }

    @Test
    void largeLiteralsStreamInChunks() {
        ImapEngine e = new ImapEngine(EngineConfig.defaults()
                .withLimits(CodecLimits.defaults().withLiteralStreamThreshold(16)));
        e.receive(ascii("* OK ready\r\n"));
        while (e.next() != null) {
            // greeting
        }
        e.submit(new Command.Noop());
        while (e.pollOutput() != null) {
            // written, as a transport would, before the server can answer it
        }
        String body = "0123456789abcdefghijklmnopqrstuvwxyz";
        byte[] wire = ("* 1 FETCH (UID 7 BODY[] {" + body.length() + "}\r\n" + body + ")\r\nA1 OK\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        StringBuilder streamed = new StringBuilder();
        List<EngineEvent> all = new ArrayList<>();
        for (byte b : wire) {
            e.receive(ByteBuffer.wrap(new byte[] {b}));
            for (EngineEvent ev; (ev = e.next()) != null; ) {
                all.add(ev);
                if (ev instanceof EngineEvent.LiteralChunk c) {
                    byte[] a = new byte[c.chunk().remaining()];
                    c.chunk().get(a);
                    streamed.append(new String(a, StandardCharsets.US_ASCII));
                }
            }
        }
        assertEquals(body, streamed.toString());
        EngineEvent.LiteralStarted ls = only(all, EngineEvent.LiteralStarted.class);
        assertEquals(body.length(), ls.size());
        assertTrue(ls.prefix().utf8().startsWith("* 1 FETCH (UID 7 BODY[] {"), ls.prefix().utf8());
        only(all, EngineEvent.LiteralEnded.class);
        only(all, EngineEvent.Completed.class);
    }

    @Test
    void oneByteAtATimeGivesTheSameEvents() {
        String script = "* OK [CAPABILITY IMAP4rev1] hi\r\n* 2 EXISTS\r\n* 1 FETCH (UID 9 BODY[] {5}\r\nhello)\r\n"
                + "A1 OK done\r\n";
        ImapEngine whole = new ImapEngine(EngineConfig.defaults());
        ImapEngine bytewise = new ImapEngine(EngineConfig.defaults());
        whole.submit(new Command.Noop());
        bytewise.submit(new Command.Noop());
        while (whole.pollOutput() != null | bytewise.pollOutput() != null) {
            // written, as a transport would, before the server can answer it
        }
        whole.receive(ascii(script));
        List<String> a = new ArrayList<>();
        for (EngineEvent e; (e = whole.next()) != null; ) {
            a.add(e.toString());
        }
        List<String> b = new ArrayList<>();
        for (byte x : script.getBytes(StandardCharsets.US_ASCII)) {
            bytewise.receive(ByteBuffer.wrap(new byte[] {x}));
            for (EngineEvent e; (e = bytewise.next()) != null; ) {
                b.add(e.toString());
            }
        }
        assertEquals(a, b);
        assertEquals(a.size(), 5, a.toString());
    }
}
