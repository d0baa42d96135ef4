package org.imap4j.session;

import static org.imap4j.session.DriverHarness.out;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.response.Condition;
import org.imap4j.session.testing.LogCapture;
import org.junit.jupiter.api.Test;

/**
 * What the driver reports to the {@link ImapEventListener} and the log, byte for byte with no socket: commands with
 * their protocol names and the durations the passed-in clock gives, IDLE and its keep-alive, the end, a listener that
 * throws, and the trace logged at TRACE without any {@link TraceListener}, secrets redacted.
 */
class SessionEventsTest {
    private static final long SEC = 1_000_000_000L;

    private final List<String> events = new ArrayList<>();
    private final ImapEventListener recorder = new ImapEventListener() {
        @Override
        public void connectFailed(ImapException cause) {
            events.add("connectFailed " + cause.getMessage());
        }

        @Override
        public void commandStart(String tag, String command) {
            events.add("start " + tag + " " + command);
        }

        @Override
        public void commandEnd(String tag, String command, Condition status, long durationNanos) {
            events.add("end " + tag + " " + command + " " + status + " " + durationNanos / SEC + "s");
        }

        @Override
        public void idleStart(String tag) {
            events.add("idleStart " + tag);
        }

        @Override
        public void idleEnd(String tag) {
            events.add("idleEnd " + tag);
        }

        @Override
        public void connectionClosed(ImapException cause) {
            events.add("closed " + (cause == null ? "clean" : cause.getClass().getSimpleName()));
        }
    };

    private SessionDriver driver(ImapEventListener l) {
        TransportOptions o = TransportOptions.builder("mail.example").readTimeout(Duration.ofSeconds(100))
                .idleRefresh(Duration.ofMinutes(25)).liveness(Duration.ofHours(2)).eventListener(l).build();
        return new SessionDriver(o, ConnectionListener.NONE, 0);
    }

    private static void in(SessionDriver d, String s, long now) {
        DriverHarness.inAndRun(d, s, now);
    }

    @Test
    void commandsAreReportedByTagAndProtocolNameWithTheirDurations() {
        SessionDriver d = driver(recorder);
        in(d, "* OK hello\r\n", 1 * SEC);
        out(d);
        in(d, "* CAPABILITY IMAP4rev1 IDLE\r\nA1 OK done\r\n", 2 * SEC);
        d.submit(new Command.Login("alice", Secret.of("hunter2")), CommandListener.NONE, null, 3 * SEC);
        d.submit(new Command.Fetch(SequenceSet.of(1), List.of(FetchAttribute.Item.FLAGS), true, null, false),
                CommandListener.NONE, null, 3 * SEC);
        d.submit(new Command.Search(null, SearchKey.all(), null, false), CommandListener.NONE, null, 4 * SEC);
        assertEquals("A2 LOGIN alice hunter2\r\n", out(d), "what follows LOGIN waits for it (RFC 9051 5.5)");
        in(d, "A2 OK logged in\r\n", 10 * SEC);
        out(d);
        in(d, "A3 OK fetched\r\n", 10 * SEC);
        out(d);
        in(d, "A4 NO no search\r\n", 10 * SEC);
        assertEquals(List.of("start A1 CAPABILITY", "end A1 CAPABILITY OK 1s", "start A2 LOGIN", "start A3 UID FETCH",
                "start A4 SEARCH", "end A2 LOGIN OK 7s", "end A3 UID FETCH OK 7s", "end A4 SEARCH NO 6s"), events);
        assertFalse(events.toString().contains("hunter2"));
    }

    @Test
    void idleAndItsKeepAliveAreReported() {
        SessionDriver d = driver(recorder);
        in(d, "* OK [CAPABILITY IMAP4rev1 IDLE] hi\r\n", 1);
        SessionDriver.Call idle = d.submit(new Command.Idle(), CommandListener.NONE, null, 2);
        out(d);
        in(d, "+ idling\r\n", 3);
        long due = d.nextDeadline();
        d.onTimer(due); // 25 minutes: DONE, then IDLE again under a new tag
        assertEquals("DONE\r\n", out(d));
        in(d, "A1 OK done\r\n", due + 1);
        assertEquals("A2 IDLE\r\n", out(d));
        in(d, "+ idling\r\n", due + 2);
        d.done(idle, due + 3);
        out(d);
        in(d, "A2 OK idle over\r\n", due + 4);
        assertEquals(List.of("start A1 IDLE", "idleStart A1", "idleEnd A1", "end A1 IDLE OK 1500s", "start A2 IDLE",
                "idleStart A2", "idleEnd A2", "end A2 IDLE OK 0s"), events);
    }

    @Test
    void theEndIsReportedOnceAsConnectFailedBeforeReadyAndConnectionClosedAfter() {
        SessionDriver refused = driver(recorder);
        in(refused, "* BYE go away\r\n", 1);
        refused.close();
        assertEquals(List.of("connectFailed the server refused the connection: BYE go away"), events);

        events.clear();
        SessionDriver d = driver(recorder);
        in(d, "* OK [CAPABILITY IMAP4rev1] hi\r\n", 1);
        d.submit(new Command.Noop(), CommandListener.NONE, null, 2 * SEC);
        out(d);
        d.connectionLost(new ImapConnectionException("reset"));
        d.close();
        assertEquals(List.of("start A1 NOOP", "end A1 NOOP null 0s", "closed ImapConnectionException"), events);
    }

    @Test
    void aThrowingListenerIsLoggedOnceAsAWarningAndTheSessionGoesOn() {
        ImapEventListener hostile = new ImapEventListener() {
            @Override
            public void commandStart(String tag, String command) {
                throw new IllegalStateException("bug in a metrics hook");
            }

            @Override
            public void commandEnd(String tag, String command, Condition status, long durationNanos) {
                throw new IllegalStateException("bug in a metrics hook");
            }
        };
        try (LogCapture logs = LogCapture.start()) {
            SessionDriver d = driver(hostile);
            in(d, "* OK [CAPABILITY IMAP4rev1] hi\r\n", 1);
            SessionDriver.Call noop = d.submit(new Command.Noop(), CommandListener.NONE, null, 2);
            SessionDriver.Call again = d.submit(new Command.Noop(), CommandListener.NONE, null, 2);
            assertEquals("A1 NOOP\r\n", out(d), "a NOOP runs alone");
            in(d, "A1 OK\r\n", 3);
            assertEquals("A2 NOOP\r\n", out(d));
            in(d, "A2 OK\r\n", 3);
            assertEquals(Condition.OK, noop.future().join().status());
            assertEquals(Condition.OK, again.future().join().status());
            List<LogRecord> warnings = logs.records().stream().filter(r -> r.getLevel() == Level.WARNING).toList();
            assertEquals(1, warnings.size(), logs::dump);
            assertTrue(LogCapture.text(warnings.get(0)).contains("event listener threw in commandStart"), logs::dump);
            assertEquals(3, logs.records().stream().filter(r -> r.getLevel() == Level.FINE
                    && LogCapture.text(r).contains("event listener threw")).count(), "later ones at DEBUG");
        }
    }

    @Test
    void theTraceIsLoggedRedactedWithoutATraceListener() {
        try (LogCapture logs = LogCapture.start()) {
            SessionDriver d = driver(ImapEventListener.NONE);
            in(d, "* OK [CAPABILITY IMAP4rev1] hi\r\n", 1);
            d.submit(new Command.Login("alice", Secret.of("hunter2")), CommandListener.NONE, null, 2);
            out(d);
            in(d, "A1 OK logged in\r\n", 3);
            List<String> trace = logs.of(ConnectionEvents.TRACE_LOGGER).stream().map(LogCapture::text).toList();
            assertEquals(3, trace.size(), logs::dump);
            assertTrue(trace.get(0).matches("mail\\.example:993#\\d+ S: \\* OK \\[CAPABILITY IMAP4rev1] hi"),
                    trace::toString);
            assertTrue(trace.get(1).endsWith(" C: A1 LOGIN <redacted>"), trace::toString);
            assertTrue(trace.get(2).endsWith(" S: A1 OK logged in"), trace::toString);
            assertFalse(logs.dump().contains("hunter2"), logs::dump);
        }
    }

    @Test
    void nothingIsTracedOrDecodedWhenTheTraceLoggerIsOff() {
        assertFalse(ConnectionEvents.traceLogged(), "the trace logger is off by default");
        assertEquals("UID FETCH", ConnectionEvents.name(
                new Command.Fetch(SequenceSet.of(1), List.of(FetchAttribute.Item.FLAGS), true, null, false)));
        assertEquals("LIST", ConnectionEvents.name(Command.ListMailboxes.of("", "*")));
        assertEquals("STARTTLS", ConnectionEvents.name(new Command.StartTls()));
    }
}
