package org.imap4j.session;

import java.util.Map;
import org.imap4j.codec.CommandHandle;
import org.imap4j.codec.ImapTimeoutException;
import org.imap4j.codec.command.Command;

/**
 * The session driver's part that keeps the deadlines: the greeting timeout and the connect timeout (both from the
 * start of the connect), the read-inactivity timeout while a command other than IDLE is pending, and the overall
 * command timeout (which stops a server that trickles an answer forever). The IDLE refresh is
 * {@link IdleKeepalive}'s; this part only says when it is next due.
 */
final class Deadlines {
    private final TransportOptions options;
    private final Map<CommandHandle, SessionDriver.Call> calls;
    private final long startedNanos;
    private long lastProgressNanos;
    private OpeningSequence opening;

    Deadlines(TransportOptions options, Map<CommandHandle, SessionDriver.Call> calls, long startedNanos) {
        this.options = options;
        this.calls = calls;
        this.startedNanos = startedNanos;
        this.lastProgressNanos = startedNanos;
    }

    /** @param o the opening sequence, whose phase decides which deadlines run */
    void bind(OpeningSequence o) {
        this.opening = o;
    }

    /** @param now bytes arrived, or the connection became active: the read timeout counts again from now */
    void progress(long now) {
        lastProgressNanos = now;
    }

    private boolean readPaused;

    /**
     * @param paused whether the transport stopped reading for a consumer that lags behind: while it is, the
     *               server's silence is not held against the read timeout; on resuming it counts from now
     * @param now    the time
     */
    void readPaused(boolean paused, long now) {
        if (readPaused && !paused) {
            lastProgressNanos = now;
        }
        readPaused = paused;
    }

    /** @return when bytes last arrived (or a DONE was sent, or the connection became active) */
    long lastProgress() {
        return lastProgressNanos;
    }

    /** @return half of {@code d} in nanoseconds (the liveness bound's two halves: silence, then the probe) */
    static long half(java.time.Duration d) {
        return d.toNanos() / 2;
    }

    /**
     * @return the silence allowed while commands wait: the read timeout, or, when only IDLE commands wait (a DONE
     *         or an IDLE's continuation outstanding), at most half the liveness bound, so a dead link is found in time
     */
    private long readLimit() {
        long limit = options.readTimeout().toNanos();
        return onlyIdle() ? Math.min(limit, half(options.liveness())) : limit;
    }

    /** @return whether the commands that wait are all IDLE (none in the opening) */
    private boolean onlyIdle() {
        if (opening.pending() != null || calls.isEmpty()) {
            return false;
        }
        for (SessionDriver.Call c : calls.values()) {
            if (!(c.command instanceof Command.Idle)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param idleRefresh when the next IDLE refresh is due ({@link IdleKeepalive#nextRefresh()})
     * @return the next deadline of an open connection, or {@link Long#MAX_VALUE}
     */
    long next(long idleRefresh) {
        OpeningSequence.Phase phase = opening.phase();
        long connect = phase == OpeningSequence.Phase.READY ? Long.MAX_VALUE
                : startedNanos + options.connectTimeout().toNanos();
        if (phase == OpeningSequence.Phase.GREETING) {
            return Math.min(startedNanos + options.greetingTimeout().toNanos(), connect);
        }
        if (busy()) {
            long silence = readPaused ? Long.MAX_VALUE : lastProgressNanos + readLimit();
            return Math.min(Math.min(silence, commandDeadline()), connect);
        }
        return idleRefresh;
    }

    /**
     * @param now the time
     * @return the deadline that has passed, as the error the connection fails with, or {@code null}
     */
    ImapTimeoutException expired(long now) {
        OpeningSequence.Phase phase = opening.phase();
        if (phase == OpeningSequence.Phase.GREETING && now - startedNanos >= options.greetingTimeout().toNanos()) {
            return new ImapTimeoutException("no greeting from " + options.host() + " within "
                    + options.greetingTimeout());
        }
        if (phase != OpeningSequence.Phase.READY && now - startedNanos >= options.connectTimeout().toNanos()) {
            return new ImapTimeoutException("connecting to " + options.host() + ":" + options.port()
                    + " did not finish within the connect timeout of " + options.connectTimeout() + " ("
                    + (phase == OpeningSequence.Phase.GREETING ? "no greeting yet"
                    : "the opening CAPABILITY/STARTTLS exchange was still running") + ")");
        }
        if (phase == OpeningSequence.Phase.GREETING || !busy()) {
            return null;
        }
        SessionDriver.Call late = overdue(now);
        if (late != null) {
            return new ImapTimeoutException(late.handle.tag().value() + " " + name(late.command)
                    + " did not complete within the command timeout of " + options.commandTimeout()
                    + " (the server kept it alive without finishing it)");
        }
        if (!readPaused && now - lastProgressNanos >= readLimit()) {
            if (onlyIdle()) {
                return new ImapLivenessException("the link looks dead: the server answered neither DONE nor IDLE"
                        + " within " + java.time.Duration.ofNanos(readLimit()) + " (" + describePending()
                        + "; liveness bound " + options.liveness() + ")");
            }
            return new ImapTimeoutException("the server sent nothing for " + options.readTimeout() + " while "
                    + describePending() + " waited");
        }
        return null;
    }

    /** @return whether anything but an IDLE the server is in waits for the server (so the read timeout runs) */
    boolean busy() {
        if (opening.pending() != null) {
            return true;
        }
        for (SessionDriver.Call c : calls.values()) {
            if (!IdleKeepalive.isIdling(c)) {
                return true;
            }
        }
        return false;
    }

    /** @return when the oldest command other than IDLE runs out of time, or {@link Long#MAX_VALUE} */
    private long commandDeadline() {
        long d = Long.MAX_VALUE;
        for (SessionDriver.Call c : calls.values()) {
            if (!(c.command instanceof Command.Idle)) {
                d = Math.min(d, c.submittedNanos + options.commandTimeout().toNanos());
            }
        }
        return d;
    }

    private SessionDriver.Call overdue(long now) {
        for (SessionDriver.Call c : calls.values()) {
            if (!(c.command instanceof Command.Idle)
                    && now - c.submittedNanos >= options.commandTimeout().toNanos()) {
                return c;
            }
        }
        return null;
    }

    /** @return the command's name as the protocol spells it ({@code UID FETCH}, {@code LIST}), for messages */
    static String name(Command c) {
        return ConnectionEvents.name(c);
    }

    private String describePending() {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (SessionDriver.Call c : calls.values()) {
            if (n++ < 3) {
                sb.append(n > 1 ? ", " : "").append(c.handle.tag().value()).append(' ').append(name(c.command));
            }
        }
        CommandHandle pending = opening.pending();
        if (pending != null) {
            sb.append(n++ > 0 ? ", " : "").append(pending.tag().value()).append(" (opening ").append(opening.phase())
                    .append(')');
        }
        return n == 0 ? "a command" : sb.toString();
    }
}
