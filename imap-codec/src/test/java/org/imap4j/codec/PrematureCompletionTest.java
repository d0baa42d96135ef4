package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.response.Condition;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 1 (the STARTTLS-stripping class, ruby net-imap CVE-2026-42246), item 5 (the first failure stays the
 * cause) and item 8 (a limit broken inside a response fails at once), byte for byte at the engine: a tagged response
 * (or a continuation request) for a command that is queued, partially written, waiting for a literal's continuation,
 * or emitted but not yet taken by {@code pollOutput()} is a protocol violation that fails the connection and never
 * completes the command.
 */
class PrematureCompletionTest {

    private final ImapEngine engine = new ImapEngine(EngineConfig.defaults());

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private List<EngineEvent> feed(String serverBytes) {
        return EngineHarness.feed(engine, serverBytes);
    }

    private String written() {
        return EngineHarness.written(engine);
    }

    private static <T> List<T> all(List<EngineEvent> events, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (EngineEvent e : events) {
            if (type.isInstance(e)) {
                found.add(type.cast(e));
            }
        }
        return found;
    }

    private void greet(String caps) {
        feed("* OK [CAPABILITY " + caps + "] ready\r\n");
        assertEquals(ConnectionState.NOT_AUTHENTICATED, engine.state());
    }

    /** The connection failed with the premature-answer error; {@code handle} failed with it and never completed. */
    private ImapProtocolException assertPremature(List<EngineEvent> ev, CommandHandle handle) {
        assertTrue(all(ev, EngineEvent.Completed.class).stream().noneMatch(c -> c.handle() == handle),
                "the command must never complete from a premature answer: " + ev);
        assertEquals(1, all(ev, EngineEvent.Failed.class).size(), ev.toString());
        ImapException cause = all(ev, EngineEvent.Failed.class).get(0).cause();
        ImapProtocolException p = assertInstanceOf(ImapProtocolException.class, cause);
        assertTrue(p.getMessage().contains("before it had received that command"), p.getMessage());
        assertTrue(p.getMessage().contains(handle.tag().value()), p.getMessage());
        assertTrue(all(ev, EngineEvent.CommandFailed.class).stream()
                .anyMatch(f -> f.handle() == handle && f.cause() == p), ev.toString());
        assertEquals(ConnectionState.FAILED, engine.state());
        assertNull(engine.pollOutput(), "nothing more is written after the violation");
        return p;
    }

    @Test
    void okForACommandEmittedButNotYetPolledFails() {
        greet("IMAP4rev1");
        CommandHandle noop = engine.submit(new Command.Noop());
        assertTrue(engine.hasOutput());
        assertPremature(feed("A1 OK done\r\n"), noop);
    }

    @Test
    void okForACommandStillQueuedBehindIdleFails() {
        greet("IMAP4rev1 IDLE");
        CommandHandle idle = engine.submit(new Command.Idle());
        CommandHandle noop = engine.submit(new Command.Noop());
        assertEquals("A1 IDLE\r\n", written(), "NOOP waits behind IDLE");
        List<EngineEvent> ev = feed("+ idling\r\nA2 OK noop done\r\n");
        ImapProtocolException p = assertPremature(ev, noop);
        assertTrue(p.getMessage().contains("still queued"), p.getMessage());
        assertTrue(all(ev, EngineEvent.CommandFailed.class).stream().anyMatch(f -> f.handle() == idle));
    }

    @Test
    void okForACommandWaitingForItsLiteralContinuationFails() {
        greet("IMAP4rev1");
        CommandHandle login = engine.submit(new Command.Login("alice", Secret.of("p\"w\r\nsecret")));
        String first = written();
        assertTrue(first.startsWith("A1 LOGIN alice {"), first);
        ImapProtocolException p = assertPremature(feed("A1 OK logged in\r\n"), login);
        assertTrue(p.getMessage().contains("continuation"), p.getMessage());
        assertFalse(engine.state() == ConnectionState.AUTHENTICATED);
    }

    @Test
    void refusalInsteadOfTheLiteralContinuationStaysValid() {
        // RFC 9051 section 4.3: NO or BAD instead of "+" refuses the command; the server read the line before the literal
        greet("IMAP4rev1");
        CommandHandle login = engine.submit(new Command.Login("alice", Secret.of("p\"w\r\nsecret")));
        written();
        List<EngineEvent> ev = feed("A1 NO refused\r\n");
        assertEquals(login, all(ev, EngineEvent.Completed.class).get(0).handle());
        assertEquals(ConnectionState.NOT_AUTHENTICATED, engine.state());
        assertNull(engine.pollOutput(), "the password is never sent");
    }

    @Test
    void anyAnswerToAPartiallyPolledCommandFails() {
        greet("IMAP4rev1");
        CommandHandle append = engine.submit(new Command.Append(MailboxName.of("Sent"),
                List.of(new Command.AppendMessage(List.of(), null, Bytes.utf8("Subject: x\r\n\r\nbody\r\n"), false))));
        // the line before the literal is emitted but not polled: even a refusal answers bytes never sent
        assertPremature(feed("A1 NO [OVERQUOTA] no room\r\n"), append);
    }

    @Test
    void continuationBeforeTheLiteralLineWasPolledFails() {
        greet("IMAP4rev1");
        CommandHandle login = engine.submit(new Command.Login("alice", Secret.of("p\"w\r\nsecret")));
        assertPremature(feed("+ go ahead\r\n"), login);
    }

    @Test
    void startTlsAnsweredBeforeItWasPolledFailsAndSendsNothing() {
        greet("IMAP4rev1 STARTTLS LOGINDISABLED");
        CommandHandle tls = engine.submit(new Command.StartTls());
        CommandHandle login = engine.submit(new Command.Login("alice", Secret.of("pw")));
        List<EngineEvent> ev = feed("A1 OK begin TLS\r\n");
        assertPremature(ev, tls);
        assertTrue(all(ev, EngineEvent.StartTls.class).isEmpty(), "no TLS switch: " + ev);
        assertTrue(all(ev, EngineEvent.CommandFailed.class).stream().anyMatch(f -> f.handle() == login));
        assertEquals("", written(), "no cleartext LOGIN");
    }

    @Test
    void compressAnsweredBeforeItWasPolledFails() {
        greet("IMAP4rev1 COMPRESS=DEFLATE");
        CommandHandle z = engine.submit(new Command.Compress("DEFLATE"));
        List<EngineEvent> ev = feed("A1 OK deflate active\r\n");
        assertPremature(ev, z);
        assertTrue(all(ev, EngineEvent.CompressionStarted.class).isEmpty(), ev.toString());
        assertFalse(engine.isCompressing());
    }

    @Test
    void idleAnsweredBeforeItWasPolledFails() {
        greet("IMAP4rev1 IDLE");
        CommandHandle idle = engine.submit(new Command.Idle());
        assertPremature(feed("+ idling\r\n"), idle);
    }

    @Test
    void idleEndedByTheServerWhileDoneIsQueuedCompletesAndDropsDone() {
        // a server may end IDLE itself; the DONE it never needed is not sent as a stray command afterwards
        greet("IMAP4rev1 IDLE");
        CommandHandle idle = engine.submit(new Command.Idle());
        assertEquals("A1 IDLE\r\n", written());
        feed("+ idling\r\n");
        engine.idleDone(idle);
        List<EngineEvent> ev = feed("A1 OK idle over\r\n");
        assertEquals(idle, all(ev, EngineEvent.Completed.class).get(0).handle());
        assertNull(engine.pollOutput(), "DONE of a completed IDLE is dropped");
    }

    @Test
    void authenticateSucceedingBeforeTheClientAnswerWasPolledFails() {
        greet("IMAP4rev1 AUTH=PLAIN");
        CommandHandle auth = engine.submit(new Command.Authenticate("PLAIN", null));
        assertEquals("A1 AUTHENTICATE PLAIN\r\n", written());
        feed("+ \r\n");
        engine.authenticateResponse(auth, Bytes.utf8("\0alice\0pw"));
        assertPremature(feed("A1 OK welcome\r\n"), auth);
        assertEquals(ConnectionState.FAILED, engine.state());
    }

    @Test
    void authenticateRefusedBeforeTheClientAnswerWasPolledStaysValid() {
        greet("IMAP4rev1 AUTH=PLAIN");
        CommandHandle auth = engine.submit(new Command.Authenticate("PLAIN", null));
        written();
        feed("+ \r\n");
        engine.authenticateResponse(auth, Bytes.utf8("\0alice\0pw"));
        List<EngineEvent> ev = feed("A1 NO go away\r\n");
        assertEquals(Condition.NO, all(ev, EngineEvent.Completed.class).get(0).response().status());
        assertNull(engine.pollOutput(), "the credentials of a finished AUTHENTICATE are not sent");
    }

    @Test
    void authenticateChallengeBeforeTheCommandWasPolledFails() {
        greet("IMAP4rev1 AUTH=PLAIN");
        CommandHandle auth = engine.submit(new Command.Authenticate("PLAIN", null));
        assertPremature(feed("+ \r\n"), auth);
    }

    @Test
    void anUnreadableTaggedAnswerToAnUnpolledCommandFails() {
        // onMalformed's tag lookup: the bytes cannot be parsed, but their tag names a command not yet sent
        greet("IMAP4rev1");
        CommandHandle noop = engine.submit(new Command.Noop());
        assertPremature(feed("A1 GARBAGE (((\r\n"), noop);
    }

    @Test
    void aTagNotInFlightCompletesNothingAndIsReported() {
        // decided: reported as Malformed and skipped (it completes nothing, so it cannot stand in for an answer);
        // the later command with that tag needs its own answer, received after it was sent
        greet("IMAP4rev1");
        List<EngineEvent> ev = feed("A1 OK prepared in advance\r\n");
        assertEquals(1, all(ev, EngineEvent.Malformed.class).size(), ev.toString());
        CommandHandle noop = engine.submit(new Command.Noop());
        assertEquals("A1 NOOP\r\n", written());
        assertTrue(feed("").isEmpty(), "the earlier answer is not replayed");
        assertEquals(noop, all(feed("A1 OK\r\n"), EngineEvent.Completed.class).get(0).handle());
    }

    @Test
    void laterSubmitsCarryTheFirstFailure() {
        greet("IMAP4rev1");
        engine.submit(new Command.Noop());
        List<EngineEvent> ev = feed("A1 OK too early\r\n");
        ImapException first = all(ev, EngineEvent.Failed.class).get(0).cause();
        assertSame(first, engine.failureCause());
        engine.connectionLost(new ImapConnectionException("socket closed afterwards"));
        ImapConnectionException later = assertThrows(ImapConnectionException.class,
                () -> engine.submit(new Command.Noop()));
        assertSame(first, later.getCause(), "the first error is the cause");
        assertTrue(later.getMessage().contains(first.getMessage()), later.getMessage());
    }

    @Test
    void aParserLimitInsideAnUntaggedResponseFailsTheWaitingCommandAtOnce() {
        ImapEngine e = new ImapEngine(EngineConfig.defaults()
                .withLimits(CodecLimits.defaults().withMaxListItems(4)));
        e.receive(ascii("* OK [CAPABILITY IMAP4rev1] ready\r\n"));
        while (e.next() != null) {
            // greeting
        }
        CommandHandle search = e.submit(new Command.Noop());
        while (e.pollOutput() != null) {
            // sent
        }
        e.receive(ascii("* FLAGS (\\a \\b \\c \\d \\e \\f)\r\n"));
        List<EngineEvent> ev = new ArrayList<>();
        for (EngineEvent x; (x = e.next()) != null; ) {
            ev.add(x);
        }
        EngineEvent.CommandFailed cf = all(ev, EngineEvent.CommandFailed.class).get(0);
        assertEquals(search, cf.handle());
        assertEquals("maxListItems", assertInstanceOf(ImapProtocolException.class, cf.cause()).limit());
        assertEquals(ConnectionState.FAILED, e.state());
    }
}
