package org.imap4j.session;

import java.util.Collection;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;

/**
 * INPROGRESS (RFC 9585): which running command an {@code * OK [INPROGRESS ("tag" n goal)]} response is about. The
 * driver hands the response to that command's listener (its progress) and starts its command deadline again.
 */
final class InProgressRouting {
    private InProgressRouting() {
    }

    /**
     * @param u     a response
     * @param calls the commands in flight
     * @return the command the response reports progress of: the one whose tag it names, or with a NIL tag the only
     *     command in flight other than IDLE; {@code null} when it is no INPROGRESS response or names none of them
     */
    static SessionDriver.Call command(Untagged u, Collection<SessionDriver.Call> calls) {
        if (!(u instanceof Untagged.StatusResponse s) || !(s.code() instanceof ResponseCode.InProgress p)) {
            return null;
        }
        SessionDriver.Call only = null;
        int running = 0;
        for (SessionDriver.Call c : calls) {
            if (c.handle == null || c.command instanceof Command.Idle) {
                continue;
            }
            if (p.tag() != null && c.handle.tag().value().equals(p.tag())) {
                return c;
            }
            running++;
            only = c;
        }
        return p.tag() == null && running == 1 ? only : null;
    }
}
