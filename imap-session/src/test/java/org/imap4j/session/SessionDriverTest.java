package org.imap4j.session;

import static org.imap4j.session.DriverHarness.in;
import static org.imap4j.session.DriverHarness.out;
import static org.imap4j.session.DriverHarness.run;
import static org.imap4j.session.DriverHarness.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapTimeoutException;
import org.imap4j.codec.ImapTlsException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/** The driver byte for byte, with no socket: opening, STARTTLS, deadlines, IDLE keep-alive, COMPRESS, trace. */
class SessionDriverTest {
    private static final long SEC = 1_000_000_000L;

    private final List<Untagged> unsolicited = new ArrayList<>();
    private final List<ImapException> closed = new ArrayList<>();
    private final List<String> traced = new ArrayList<>();
    private final ConnectionListener listener = new ConnectionListener() {
        @Override
        public void onUnsolicited(Untagged response) {
            unsolicited.add(response);
        }

        @Override
        public void onClosed(ImapException cause) {
            closed.add(cause);
        }
    };

    private SessionDriver driver(TlsMode mode) {
        TransportOptions o = TransportOptions.builder("mail.example").tlsMode(mode)
                .readTimeout(Duration.ofSeconds(10)).greetingTimeout(Duration.ofSeconds(5))
                .idleRefresh(Duration.ofMinutes(25)).liveness(Duration.ofHours(2)) // refresh alone; see IdleLivenessTest
                .trace((d, text) -> traced.add(d + " " + text)).build();
        return new SessionDriver(o, listener, 0);
    }

    @Test
    void greetingWithoutCapabilitiesAsksForThem() {
        SessionDriver d = driver(TlsMode.IMPLICIT);
        in(d, "* OK hello\r\n", 1);
        assertEquals("A1 CAPABILITY\r\n", out(d));
        in(d, "* CAPABILITY IMAP4rev1 IDLE\r\nA1 OK done\r\n", 2);
        run(d);
        assertTrue(d.ready().isDone() && !d.ready().isCompletedExceptionally());
        assertEquals(2, d.capabilities().size());
        assertTrue(unsolicited.isEmpty(), "the opening CAPABILITY is the driver's own");
    }

    @Test
    void starttlsSequenceReReadsCapabilities() {
        SessionDriver d = driver(TlsMode.STARTTLS);
        in(d, "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] hi\r\n", 1);
        assertEquals("A1 STARTTLS\r\n", out(d));
        in(d, "A1 OK go\r\n", 2);
        assertTrue(d.tlsPending());
        assertEquals(Long.MAX_VALUE, d.nextDeadline(), "the transport bounds the handshake itself");
        d.tlsEstablished(3);
        assertEquals("A2 CAPABILITY\r\n", out(d));
        in(d, "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\nA2 OK done\r\n", 4);
        run(d);
        assertTrue(d.ready().isDone() && !d.ready().isCompletedExceptionally());
    }

    @Test
    void starttlsInjectionInTheSameSegmentFails() {
        SessionDriver d = driver(TlsMode.STARTTLS);
        in(d, "* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n", 1);
        out(d);
        in(d, "A1 OK go\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n", 2);
        run(d);
        assertFalse(d.tlsPending());
        assertTrue(d.isClosed());
        assertInstanceOf(ImapProtocolException.class, failure(d.ready()));
        assertEquals("", out(d));
    }

    @Test
    void starttlsInjectionInALaterReadFails() {
        SessionDriver d = driver(TlsMode.STARTTLS);
        in(d, "* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n", 1);
        out(d);
        in(d, "A1 OK go\r\n", 2);
        assertTrue(d.tlsPending());
        in(d, "* OK injected\r\n", 3);
        run(d);
        assertTrue(d.isClosed());
        assertInstanceOf(ImapProtocolException.class, failure(d.ready()));
    }

    @Test
    void starttlsRequiredButNotOfferedSendsNothing() {
        SessionDriver d = driver(TlsMode.STARTTLS);
        in(d, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n", 1);
        run(d);
        assertEquals("", out(d));
        assertInstanceOf(ImapTlsException.class, failure(d.ready()));
        assertInstanceOf(ImapTlsException.class, closed.get(0));
    }

    @Test
    void preauthOnAStarttlsConnectionIsRefused() {
        SessionDriver d = driver(TlsMode.STARTTLS);
        in(d, "* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome\r\n", 1);
        run(d);
        assertEquals("", out(d));
        assertInstanceOf(ImapTlsException.class, failure(d.ready()));
    }

    @Test
    void greetingTimeout() {
        SessionDriver d = driver(TlsMode.IMPLICIT);
        assertEquals(5 * SEC, d.nextDeadline());
        d.onTimer(5 * SEC - 1);
        assertFalse(d.isClosed());
        d.onTimer(5 * SEC);
        run(d);
        assertInstanceOf(ImapTimeoutException.class, failure(d.ready()));
    }

    @Test
    void theConnectTimeoutBoundsTheWholeOpeningNotJustTheGreeting() {
        TransportOptions o = TransportOptions.builder("mail.example").tlsMode(TlsMode.IMPLICIT)
                .connectTimeout(Duration.ofSeconds(8)).greetingTimeout(Duration.ofSeconds(30))
                .readTimeout(Duration.ofSeconds(60)).build();
        SessionDriver d = new SessionDriver(o, listener, 0);
        assertEquals(8 * SEC, d.nextDeadline(), "the connect timeout is shorter than the greeting timeout");
        // greeted without capabilities: the CAPABILITY exchange still belongs to the opening
        in(d, "* OK hi\r\n", 2 * SEC);
        assertEquals("A1 CAPABILITY\r\n", out(d));
        assertEquals(8 * SEC, d.nextDeadline(), "not the read timeout of 60 s");
        d.onTimer(8 * SEC - 1);
        assertFalse(d.isClosed());
        d.onTimer(8 * SEC);
        run(d);
        Throwable t = failure(d.ready());
        assertInstanceOf(ImapTimeoutException.class, t);
        assertTrue(t.getMessage().contains("connect timeout of PT8S"), t.getMessage());
    }

    @Test
    void theConnectTimeoutEndsWhenTheSessionIsReady() {
        TransportOptions o = TransportOptions.builder("mail.example").tlsMode(TlsMode.IMPLICIT)
                .connectTimeout(Duration.ofSeconds(8)).readTimeout(Duration.ofSeconds(60)).build();
        SessionDriver d = new SessionDriver(o, listener, 0);
        in(d, "* OK [CAPABILITY IMAP4rev1] hi\r\n", SEC);
        run(d);
        assertTrue(d.ready().isDone());
        d.submit(new Command.Noop(), CommandListener.NONE, null, 2 * SEC);
        out(d);
        assertEquals(62 * SEC, d.nextDeadline(), "a command after the opening has the read timeout only");
        d.onTimer(9 * SEC);
        assertFalse(d.isClosed());
    }

    private SessionDriver ready() {
        SessionDriver d = driver(TlsMode.IMPLICIT);
        in(d, "* OK [CAPABILITY IMAP4rev1 IDLE] hi\r\n", 1);
        run(d);
        assertTrue(d.ready().isDone());
        return d;
    }

    @Test
    void aListenerThatThrowsFailsItsOwnCommandOnlyAndLaterDeliveriesStillRun() {
        SessionDriver d = ready();
        OutOfMemoryError oom = new OutOfMemoryError("assembling a body");
        SessionDriver.Call broken = d.submit(new Command.Search(null, SearchKey.all(), null, false),
                new CommandListener() {
                    @Override
                    public void onData(org.imap4j.codec.response.Untagged response) {
                        throw oom;
                    }
                }, null, 2);
        java.util.List<Object> seen = new java.util.ArrayList<>();
        SessionDriver.Call fine = d.submit(new Command.Noop(), new CommandListener() {
            @Override
            public void onData(org.imap4j.codec.response.Untagged response) {
                seen.add(response);
            }
        }, null, 2);
        out(d);
        in(d, "* SEARCH 1 2\r\nA1 OK searched\r\n", 3);
        out(d); // the NOOP is a barrier (RFC 9051 section 5.5): the engine writes it once the SEARCH has completed
        in(d, "A2 OK noop\r\n", 3);
        run(d);
        assertSame(oom, failure(broken.future()), "the command whose listener failed fails with that failure");
        assertTrue(fine.future().isDone() && !fine.future().isCompletedExceptionally());
    }

    @Test
    void readTimeoutFailsPendingCommands() {
        SessionDriver d = ready();
        SessionDriver.Call noop = d.submit(new Command.Noop(), CommandListener.NONE, null, 2 * SEC);
        assertEquals(12 * SEC, d.nextDeadline());
        in(d, "* 3 EXISTS\r\n", 5 * SEC);
        assertEquals(15 * SEC, d.nextDeadline(), "inactivity counts from the last byte");
        d.onTimer(15 * SEC);
        run(d);
        Throwable t = failure(noop.future());
        assertInstanceOf(ImapTimeoutException.class, t);
        assertTrue(t.getMessage().contains("A1 NOOP"), t.getMessage());
        assertTrue(d.isClosed());
    }

    @Test
    void aServerThatTricklesBytesHitsTheCommandTimeout() {
        TransportOptions o = TransportOptions.builder("mail.example").readTimeout(Duration.ofSeconds(10))
                .commandTimeout(Duration.ofSeconds(60)).build();
        SessionDriver d = new SessionDriver(o, listener, 0);
        in(d, "* OK [CAPABILITY IMAP4rev1] hi\r\n", 1);
        run(d);
        SessionDriver.Call fetch = d.submit(new Command.Noop(), CommandListener.NONE, null, SEC);
        long t = SEC;
        // one byte every 5 s: never silent for the read timeout, but never done either
        byte[] slow = "* 1 FETCH (FLAGS (\\Seen))\r\n".getBytes(StandardCharsets.US_ASCII);
        int i = 0;
        while (!d.isClosed() && t < 200 * SEC) {
            t += 5 * SEC;
            if (t - d.nextDeadline() >= 0) {
                d.onTimer(t);
            } else {
                d.receive(ByteBuffer.wrap(slow, i++ % slow.length, 1), t);
            }
        }
        run(d);
        Throwable f = failure(fetch.future());
        assertInstanceOf(ImapTimeoutException.class, f);
        assertTrue(f.getMessage().contains("command timeout"), f.getMessage());
        assertTrue(t <= 62 * SEC + 5 * SEC, "fired at the command deadline, t=" + t / SEC + " s");
    }

    @Test
    void idleHasNoCommandTimeout() {
        TransportOptions o = TransportOptions.builder("mail.example").commandTimeout(Duration.ofSeconds(60))
                .idleRefresh(Duration.ofMinutes(25)).liveness(Duration.ofHours(2)).build();
        SessionDriver d = new SessionDriver(o, listener, 0);
        in(d, "* OK [CAPABILITY IMAP4rev1 IDLE] hi\r\n", 1);
        SessionDriver.Call idle = d.submit(new Command.Idle(), CommandListener.NONE, null, 2);
        out(d);
        in(d, "+ idling\r\n", 3);
        assertEquals(3 + Duration.ofMinutes(25).toNanos(), d.nextDeadline());
        assertFalse(idle.future().isDone());
    }

    @Test
    void anIdlingConnectionReleasesItsReceiveBufferAfterEachPush() {
        SessionDriver d = new SessionDriver(TransportOptions.builder("mail.example").build(), listener, 0);
        in(d, "* OK [CAPABILITY IMAP4rev1 IDLE] hi\r\n", 1);
        d.submit(new Command.Idle(), CommandListener.NONE, null, 2);
        out(d);
        in(d, "+ idling\r\n", 3);
        assertEquals(0, d.receiveBufferCapacity(), "released when IDLE starts");
        in(d, "* 7 EXISTS\r\n", 4);
        assertEquals(0, d.receiveBufferCapacity(), "released again after a push");
        in(d, "* 8 EX", 5);
        assertTrue(d.receiveBufferCapacity() > 0, "a partial response keeps its buffer");
        in(d, "ISTS\r\n", 6);
        assertEquals(0, d.receiveBufferCapacity());
    }

    @Test
    void noDeadlineWhenNothingIsPending() {
        SessionDriver d = ready();
        assertEquals(Long.MAX_VALUE, d.nextDeadline());
    }

    @Test
    void idleIsReissuedBeforeTheServerLimitAndEndsOnDone() {
        SessionDriver d = ready();
        List<Bytes> continuations = new ArrayList<>();
        List<Untagged> data = new ArrayList<>();
        SessionDriver.Call idle = d.submit(new Command.Idle(), new CommandListener() {
            @Override
            public void onContinuation(ImapCall call, Bytes challenge) {
                continuations.add(challenge);
            }
        }, null, 2 * SEC);
        assertEquals("A1 IDLE\r\n", out(d));
        in(d, "+ idling\r\n", 3 * SEC);
        run(d);
        assertEquals(1, continuations.size());
        long refresh = 3 * SEC + Duration.ofMinutes(25).toNanos();
        assertEquals(refresh, d.nextDeadline(), "no read timeout while idling, only the keep-alive");
        in(d, "* 4 EXISTS\r\n", 60 * SEC);
        run(d);
        assertEquals(1, unsolicited.size());
        d.onTimer(refresh);
        assertEquals("DONE\r\n", out(d));
        in(d, "A1 OK idle done\r\n", refresh + 1);
        assertEquals("A2 IDLE\r\n", out(d));
        assertFalse(idle.future().isDone(), "the caller's IDLE goes on");
        in(d, "+ idling\r\n", refresh + 2);
        run(d);
        assertEquals(1, continuations.size(), "the re-issue is not announced again");
        d.done(idle, refresh + 3);
        assertEquals("DONE\r\n", out(d));
        in(d, "A2 OK idle done\r\n", refresh + 4);
        run(d);
        assertEquals(Condition.OK, idle.future().join().status());
        assertTrue(data.isEmpty());
    }

    @Test
    void doneBeforeTheContinuationWaitsForIt() {
        SessionDriver d = ready();
        SessionDriver.Call idle = d.submit(new Command.Idle(), CommandListener.NONE, null, 2);
        out(d);
        d.done(idle, 3);
        assertEquals("", out(d));
        in(d, "+ idling\r\n", 4);
        assertEquals("DONE\r\n", out(d));
        in(d, "A1 OK done\r\n", 5);
        run(d);
        assertEquals(Condition.OK, idle.future().join().status());
    }

    @Test
    void compressDeflatesOutputAndInflatesInput() throws Exception {
        SessionDriver d = ready();
        SessionDriver.Call c = d.submit(Command.Compress.DEFLATE, CommandListener.NONE, null, 2);
        assertEquals("A1 COMPRESS DEFLATE\r\n", out(d));
        Deflater serverOut = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        Inflater serverIn = new Inflater(true);
        // the OK and the first compressed bytes arrive in one read
        byte[] ok = "A1 OK DEFLATE active\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] z = deflate(serverOut, "* 9 EXISTS\r\n");
        ByteBuffer both = ByteBuffer.allocate(ok.length + z.length).put(ok).put(z).flip();
        d.receive(both, 3);
        run(d);
        assertEquals(Condition.OK, c.future().join().status());
        assertTrue(d.isCompressing());
        assertEquals(1, unsolicited.size());
        SessionDriver.Call noop = d.submit(new Command.Noop(), CommandListener.NONE, null, 4);
        ByteBuffer wire = d.pollOutput();
        assertNull(d.pollOutput());
        byte[] plain = new byte[100];
        serverIn.setInput(wire);
        int n = serverIn.inflate(plain);
        assertEquals("A2 NOOP\r\n", new String(plain, 0, n, StandardCharsets.US_ASCII),
                "a sync flush makes the whole command readable at once");
        d.receive(ByteBuffer.wrap(deflate(serverOut, "A2 OK done\r\n")), 5);
        run(d);
        assertEquals(Condition.OK, noop.future().join().status());
    }

    private static byte[] deflate(Deflater z, String s) {
        z.setInput(s.getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        int n;
        while ((n = z.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
            o.write(buf, 0, n);
            if (n < buf.length) {
                break;
            }
        }
        return o.toByteArray();
    }

    @Test
    void corruptCompressedInputFailsTheConnection() {
        SessionDriver d = ready();
        SessionDriver.Call c = d.submit(Command.Compress.DEFLATE, CommandListener.NONE, null, 2);
        out(d);
        in(d, "A1 OK on\r\n", 3);
        SessionDriver.Call noop = d.submit(new Command.Noop(), CommandListener.NONE, null, 4);
        d.receive(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff, 0x13, 0x37}), 5);
        run(d);
        assertEquals(Condition.OK, c.future().join().status());
        assertInstanceOf(ImapProtocolException.class, failure(noop.future()));
        assertTrue(d.isClosed());
    }

    @Test
    void traceRedactsLoginAndAuthenticateSecrets() {
        SessionDriver d = ready();
        traced.clear();
        d.submit(new Command.Login("alice", Secret.of("hunter2")), CommandListener.NONE, null, 2);
        out(d);
        in(d, "A1 OK logged in\r\n", 3);
        SessionDriver.Call auth = d.submit(new Command.Authenticate("PLAIN", null), CommandListener.NONE, null, 4);
        out(d);
        in(d, "+ \r\n", 5);
        run(d);
        d.respond(auth, Bytes.utf8("\0alice\0hunter2"));
        out(d);
        String all = String.join("|", traced);
        assertFalse(all.contains("hunter2"), all);
        assertFalse(all.contains("AGFsaWNl"), "the base64 SASL response is hidden too: " + all);
        assertTrue(all.contains("OUT A1 LOGIN <redacted>"), all);
        assertTrue(all.contains("OUT A2 AUTHENTICATE PLAIN"), all);
        assertTrue(all.contains("IN A1 OK logged in"), all);
    }

    @Test
    void literalPasswordIsRedactedFragmentByFragment() {
        SessionDriver d = ready();
        traced.clear();
        // a password with a CR must go as a literal: the line, then the literal after the continuation
        d.submit(new Command.Login("alice", Secret.of("pa\"ss\r\nword")), CommandListener.NONE, null, 2);
        out(d);
        in(d, "+ go on\r\n", 3);
        out(d);
        String all = String.join("|", traced);
        assertFalse(all.contains("word"), all);
        assertTrue(all.contains("<redacted"), all);
    }

    @Test
    void closeByTheCallerFailsPendingAndReportsACleanEnd() {
        SessionDriver d = ready();
        SessionDriver.Call noop = d.submit(new Command.Noop(), CommandListener.NONE, null, 2);
        d.close();
        run(d);
        assertInstanceOf(ImapConnectionException.class, failure(noop.future()));
        assertEquals(1, closed.size());
        assertNull(closed.get(0));
        SessionDriver.Call late = d.submit(new Command.Noop(), CommandListener.NONE, null, 3);
        run(d);
        assertInstanceOf(ImapConnectionException.class, failure(late.future()));
    }

    @Test
    void logoutThenEofIsAClean() {
        SessionDriver d = ready();
        SessionDriver.Call bye = d.submit(new Command.Logout(), CommandListener.NONE, null, 2);
        out(d);
        in(d, "* BYE bye\r\nA1 OK logged out\r\n", 3);
        d.connectionLost(new ImapConnectionException("closed by the server"));
        run(d);
        Tagged t = bye.future().join();
        assertEquals(Condition.OK, t.status());
        assertEquals(1, closed.size());
        assertNull(closed.get(0));
    }
}
