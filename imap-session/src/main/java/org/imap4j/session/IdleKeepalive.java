package org.imap4j.session;

import java.util.ArrayList;
import java.util.Map;
import org.imap4j.codec.CommandHandle;
import org.imap4j.codec.ImapEngine;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;

/**
 * The session driver's part that keeps IDLE alive (RFC 2177): an IDLE that has lasted the refresh period is ended
 * with DONE and re-issued under a new tag, invisibly to its caller; a DONE asked for before the server's
 * continuation is sent as soon as it arrives; and an idling connection holds no receive buffer.
 */
final class IdleKeepalive {
    private final SessionDriver driver;
    private final ImapEngine engine;
    private final TransportOptions options;
    private final Map<CommandHandle, SessionDriver.Call> calls;
    private final Deadlines deadlines;

    IdleKeepalive(SessionDriver driver, ImapEngine engine, TransportOptions options,
            Map<CommandHandle, SessionDriver.Call> calls, Deadlines deadlines) {
        this.driver = driver;
        this.engine = engine;
        this.options = options;
        this.calls = calls;
        this.deadlines = deadlines;
    }

    /** @return whether {@code c} is an IDLE the server is in, with no DONE sent */
    static boolean isIdling(SessionDriver.Call c) {
        return c.idling && !c.doneSent;
    }

    /**
     * The caller ends an IDLE: DONE now if the server is idling, else as soon as it starts.
     *
     * @param c   the IDLE
     * @param now the time
     */
    void done(SessionDriver.Call c, long now) {
        c.userDone = true;
        if (!c.future.isDone() && c.idling && !c.doneSent && calls.get(c.handle) == c) {
            sendDone(c, now);
        }
    }

    private void sendDone(SessionDriver.Call c, long now) {
        engine.idleDone(c.handle);
        c.doneSent = true;
        c.idling = false;
        deadlines.progress(now);
        driver.events().idleEnd(c.handle);
    }

    /**
     * The server's continuation to an IDLE: it is idling now.
     *
     * @param c   the IDLE
     * @param now the time
     * @return whether the caller is to be told (the first continuation only, never a keep-alive re-issue's)
     */
    boolean onContinuation(SessionDriver.Call c, long now) {
        c.idling = true;
        c.idleSince = now;
        driver.events().idleStart(c.handle);
        if (c.userDone) {
            sendDone(c, now);
            return false;
        }
        // an idling connection may stay quiet for minutes: it should not hold a receive buffer meanwhile
        engine.trimBuffers();
        if (!c.announced) {
            c.announced = true;
            return true;
        }
        return false;
    }

    /**
     * @param c the command a tagged response completes
     * @param t the response
     * @return whether it was a keep-alive's end, and the caller's IDLE goes on under a new tag (nothing to deliver)
     */
    boolean reissue(SessionDriver.Call c, Tagged t) {
        if (!(c.command instanceof Command.Idle && c.refreshing && !c.userDone && t.status() == Condition.OK)) {
            return false;
        }
        // keep-alive: the caller's IDLE goes on under a new tag (RFC 2177: re-issue before 29 minutes)
        c.refreshing = false;
        c.doneSent = false;
        c.idling = false;
        c.handle = driver.startCommand(new Command.Idle());
        calls.put(c.handle, c);
        return true;
    }

    /**
     * An idling connection may receive an EXISTS and then stay quiet for minutes: the receive buffer that read it
     * is released again (measured: without this, every idle connection kept 16 KiB after its first push).
     */
    void trimIfIdling() {
        for (SessionDriver.Call c : calls.values()) {
            if (isIdling(c)) {
                engine.trimBuffers();
                return;
            }
        }
    }

    /** @return when the earliest IDLE is due for its refresh or its liveness probe, or {@link Long#MAX_VALUE} */
    long nextRefresh() {
        long refresh = Long.MAX_VALUE;
        for (SessionDriver.Call c : calls.values()) {
            if (isIdling(c)) {
                refresh = Math.min(refresh, due(c));
            }
        }
        return refresh;
    }

    /**
     * When an IDLE is to be ended and re-issued: at the refresh period (NAT-safe), or earlier when the server has
     * been silent for half the liveness bound (the {@code DONE} then probes the link: a live server answers it, and
     * {@link Deadlines} gives it the other half).
     */
    private long due(SessionDriver.Call c) {
        long refresh = c.idleSince + options.idleRefresh().toNanos();
        long probe = Math.max(deadlines.lastProgress(), c.idleSince) + Deadlines.half(options.liveness());
        return Math.min(refresh, probe);
    }

    /**
     * @param now the time: every IDLE that has lasted the refresh period, or whose server has been silent for half
     *            the liveness bound, is ended, to be re-issued
     */
    void refreshDue(long now) {
        for (SessionDriver.Call c : new ArrayList<>(calls.values())) {
            if (isIdling(c) && now - due(c) >= 0) {
                c.refreshing = true;
                sendDone(c, now);
            }
        }
    }
}
