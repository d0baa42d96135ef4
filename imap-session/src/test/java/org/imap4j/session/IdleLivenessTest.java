package org.imap4j.session;

import static org.imap4j.session.DriverHarness.run;
import static org.imap4j.session.DriverHarness.out;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapTimeoutException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.Condition;
import org.junit.jupiter.api.Test;

/**
 * Push liveness in the sans-I/O driver, with time passed in: an IDLE whose server is silent for half the liveness
 * bound is probed with DONE; the DONE must be answered within the other half, else the connection fails with an
 * {@link ImapLivenessException}; any byte from the server renews the bound; the NAT-safe refresh defaults to 9 min.
 */
class IdleLivenessTest {
    private static final long SEC = 1_000_000_000L;
    private final List<ImapException> closed = new ArrayList<>();

    private SessionDriver idling(Duration liveness, Duration refresh) {
        TransportOptions o = TransportOptions.builder("mail.example").liveness(liveness).idleRefresh(refresh)
                .build();
        SessionDriver d = new SessionDriver(o, new ConnectionListener() {
            @Override
            public void onClosed(ImapException cause) {
                closed.add(cause);
            }
        }, 0);
        in(d, "* OK [CAPABILITY IMAP4rev1 IDLE] hi\r\n", 1);
        return d;
    }

    private static void in(SessionDriver d, String s, long now) {
        DriverHarness.inAndRun(d, s, now);
    }

    @Test
    void defaultsAreNatSafe() {
        TransportOptions o = TransportOptions.builder("mail.example").build();
        assertEquals(Duration.ofMinutes(2), o.liveness());
        assertTrue(o.idleRefresh().compareTo(Duration.ofMinutes(9)) <= 0, "re-IDLE at most every 9 minutes");
        assertEquals(Duration.ofSeconds(7), o.toBuilder().liveness(Duration.ofSeconds(7)).build().liveness());
    }

    @Test
    void aSilentServerIsProbedWithDoneAndADeadLinkFailsWithinTheBound() {
        SessionDriver d = idling(Duration.ofSeconds(4), Duration.ofMinutes(9));
        SessionDriver.Call idle = d.submit(new Command.Idle(), CommandListener.NONE, null, 2 * SEC);
        assertEquals("A1 IDLE\r\n", out(d));
        in(d, "+ idling\r\n", 3 * SEC);
        assertEquals(5 * SEC, d.nextDeadline(), "probe after half the bound of silence");
        d.onTimer(5 * SEC);
        assertEquals("DONE\r\n", out(d));
        assertEquals(7 * SEC, d.nextDeadline(), "the DONE has the other half");
        d.onTimer(7 * SEC - 1);
        assertFalse(d.isClosed());
        d.onTimer(7 * SEC);
        run(d);
        assertTrue(d.isClosed());
        assertInstanceOf(ImapLivenessException.class, d.closeCause());
        assertInstanceOf(ImapTimeoutException.class, d.closeCause(), "a liveness failure is a timeout");
        assertInstanceOf(ImapLivenessException.class, closed.get(0));
        assertTrue(idle.future().isCompletedExceptionally());
        assertTrue(7 * SEC - 3 * SEC <= Duration.ofSeconds(4).toNanos(), "detected within the bound");
    }

    @Test
    void aLiveServerAnswersTheProbeAndIdleGoesOnUnderANewTag() {
        SessionDriver d = idling(Duration.ofSeconds(4), Duration.ofMinutes(9));
        SessionDriver.Call idle = d.submit(new Command.Idle(), CommandListener.NONE, null, 2 * SEC);
        out(d);
        in(d, "+ idling\r\n", 3 * SEC);
        d.onTimer(5 * SEC);
        assertEquals("DONE\r\n", out(d));
        in(d, "A1 OK done\r\n", 6 * SEC);
        assertEquals("A2 IDLE\r\n", out(d));
        in(d, "+ idling\r\n", 6 * SEC + 1);
        assertFalse(idle.future().isDone(), "the caller's IDLE goes on");
        assertFalse(d.isClosed());
        assertNull(d.closeCause());
        d.done(idle, 7 * SEC);
        assertEquals("DONE\r\n", out(d));
        in(d, "A2 OK done\r\n", 7 * SEC + 1);
        assertEquals(Condition.OK, idle.future().join().status());
    }

    @Test
    void anyServerByteRenewsTheBound() {
        SessionDriver d = idling(Duration.ofSeconds(4), Duration.ofMinutes(9));
        d.submit(new Command.Idle(), CommandListener.NONE, null, 2 * SEC);
        out(d);
        in(d, "+ idling\r\n", 3 * SEC);
        in(d, "* OK still here\r\n", 4 * SEC);
        assertEquals(6 * SEC, d.nextDeadline(), "counted from the last byte");
        in(d, "* 3 EXISTS\r\n", 5 * SEC + SEC / 2);
        d.onTimer(6 * SEC);
        assertEquals("", out(d), "no probe while the server talks");
        assertEquals(7 * SEC + SEC / 2, d.nextDeadline());
    }

    @Test
    void theRefreshStillComesAtItsPeriodWhenItIsShorterThanTheProbe() {
        SessionDriver d = idling(Duration.ofMinutes(2), Duration.ofSeconds(30));
        d.submit(new Command.Idle(), CommandListener.NONE, null, 2 * SEC);
        out(d);
        in(d, "+ idling\r\n", 3 * SEC);
        assertEquals(33 * SEC, d.nextDeadline());
    }

    @Test
    void aFetchKeepsTheReadTimeoutNotTheLivenessBound() {
        SessionDriver d = idling(Duration.ofSeconds(4), Duration.ofMinutes(9));
        SessionDriver.Call f = d.submit(new Command.Noop(), CommandListener.NONE, null, 2 * SEC);
        out(d);
        d.onTimer(10 * SEC);
        assertFalse(d.isClosed(), "the 60 s read timeout, not the 2 s half of the liveness bound");
        d.onTimer(62 * SEC);
        run(d);
        assertTrue(d.isClosed());
        assertFalse(d.closeCause() instanceof ImapLivenessException, String.valueOf(d.closeCause()));
        assertTrue(f.future().isCompletedExceptionally());
    }
}
