package org.imap4j.session;

import static org.imap4j.session.DriverHarness.in;
import static org.imap4j.session.DriverHarness.out;
import static org.imap4j.session.DriverHarness.run;
import static org.imap4j.session.DriverHarness.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.ConnectionState;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/**
 * How a connection ends, at the driver (issue 14): a clean LOGOUT however the server ends it (item 4), the first
 * failure kept as the cause of everything after it (item 5), a limit broken by a command listener failing at once
 * (item 8), and the opening sequence refusing answers to commands not yet sent (item 1).
 */
class SessionDriverEndTest {
    private final List<ImapException> closed = new ArrayList<>();
    private final ConnectionListener listener = new ConnectionListener() {
        @Override
        public void onUnsolicited(Untagged response) {
        }

        @Override
        public void onClosed(ImapException cause) {
            closed.add(cause);
        }
    };

    private SessionDriver driver(TlsMode mode) {
        TransportOptions o = TransportOptions.builder("mail.example").tlsMode(mode)
                .readTimeout(Duration.ofSeconds(10)).greetingTimeout(Duration.ofSeconds(5)).build();
        return new SessionDriver(o, listener, 0);
    }

    private SessionDriver ready() {
        SessionDriver d = driver(TlsMode.IMPLICIT);
        in(d, "* OK [CAPABILITY IMAP4rev1 IDLE] hi\r\n", 1);
        run(d);
        assertTrue(d.ready().isDone());
        return d;
    }

    @Test
    void logoutAnsweredByByeAndCloseIsASuccessAndStaysLogout() {
        SessionDriver d = ready();
        SessionDriver.Call bye = d.submit(new Command.Logout(), CommandListener.NONE, null, 2);
        out(d);
        in(d, "* BYE see you\r\n", 3);
        d.connectionLost(new ImapConnectionException("connection closed by the server"));
        run(d);
        assertEquals(Condition.OK, bye.future().join().status());
        assertEquals(ConnectionState.LOGOUT, d.state());
        assertNull(d.closeCause());
        assertEquals(1, closed.size());
        assertNull(closed.get(0));
    }

    @Test
    void closingAfterACompletedLogoutKeepsTheLogoutState() {
        SessionDriver d = ready();
        SessionDriver.Call bye = d.submit(new Command.Logout(), CommandListener.NONE, null, 2);
        out(d);
        in(d, "* BYE see you\r\nA1 OK done\r\n", 3);
        d.close();
        run(d);
        assertEquals(Condition.OK, bye.future().join().status());
        assertEquals(ConnectionState.LOGOUT, d.state());
        assertNull(d.closeCause());
        assertEquals(1, closed.size());
        assertNull(closed.get(0));
    }

    @Test
    void byeWithOtherCommandsPendingFailsThemAndReportsWhy() {
        SessionDriver d = ready();
        SessionDriver.Call noop = d.submit(new Command.Noop(), CommandListener.NONE, null, 2);
        out(d);
        in(d, "* BYE shutting down\r\n", 3);
        d.connectionLost(new ImapConnectionException("connection closed by the server"));
        run(d);
        Throwable t = failure(noop.future());
        assertTrue(t.getMessage().contains("shutting down"), t.getMessage());
        assertEquals(ConnectionState.FAILED, d.state(), "commands were lost: not a clean end");
        assertSame(t, d.closeCause());
        assertEquals(List.of(t), closed);
    }

    @Test
    void commandsAfterAFailureCarryTheFirstError() {
        SessionDriver d = ready();
        d.submit(new Command.Noop(), CommandListener.NONE, null, 2);
        in(d, "A1 OK before it was sent\r\n", 3);
        run(d);
        ImapException first = d.closeCause();
        assertInstanceOf(ImapProtocolException.class, first);
        d.connectionLost(new ImapConnectionException("and then the socket closed"));
        SessionDriver.Call late = d.submit(new Command.Noop(), CommandListener.NONE, null, 4);
        run(d);
        Throwable t = failure(late.future());
        assertInstanceOf(ImapConnectionException.class, t);
        assertSame(first, t.getCause());
        assertTrue(t.getMessage().contains(first.getMessage()), t.getMessage());
        assertSame(first, d.closeCause(), "the first error is never replaced");
        assertEquals(List.of(first), closed);
    }

    @Test
    void aLimitBrokenByACommandListenerFailsItsCommandAtOnceAndThenTheConnection() {
        SessionDriver d = ready();
        ImapProtocolException limit = ImapProtocolException.limit("maxBodyInMemory", 10, 5);
        SessionDriver.Call search = d.submit(new Command.Search(null, SearchKey.all(), null, false),
                new CommandListener() {
                    @Override
                    public void onData(Untagged response) {
                        throw limit;
                    }
                }, null, 2);
        out(d);
        in(d, "* SEARCH 1 2\r\n", 3);
        run(d);
        assertSame(limit, failure(search.future()), "no tagged reply needed");
        assertTrue(d.nextDeadline() <= 3, "due at once");
        d.onTimer(4);
        run(d);
        assertTrue(d.isClosed());
        assertSame(limit, d.closeCause());
    }

    @Test
    void closingAfterAListenerLimitReportsTheLimitNotAPlainClose() {
        SessionDriver d = ready();
        ImapProtocolException limit = ImapProtocolException.limit("maxBodyInMemory", 10, 5);
        d.submit(new Command.Search(null, SearchKey.all(), null, false), new CommandListener() {
            @Override
            public void onData(Untagged response) {
                throw limit;
            }
        }, null, 2);
        // submitted second: the NOOP is a barrier, held in the engine until the SEARCH completes (RFC 9051 5.5)
        SessionDriver.Call other = d.submit(new Command.Noop(), CommandListener.NONE, null, 2);
        out(d);
        in(d, "* SEARCH 1 2\r\n", 3);
        run(d);
        d.close();
        run(d);
        assertSame(limit, failure(other.future()));
        assertSame(limit, d.closeCause());
    }

    @Test
    void starttlsAnsweredBeforeItWasSentFailsTheOpening() {
        // greeting, then at once the answer to the CAPABILITY and to a STARTTLS the driver has not written yet
        SessionDriver d = driver(TlsMode.STARTTLS);
        in(d, "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] hi\r\nA1 OK Begin TLS\r\n", 1);
        run(d);
        Throwable t = failure(d.ready());
        assertInstanceOf(ImapProtocolException.class, t);
        assertTrue(t.getMessage().contains("before it had received that command"), t.getMessage());
        assertTrue(!d.tlsPending() && d.isClosed());
        assertEquals("", out(d), "nothing is written after the violation");
    }
}
