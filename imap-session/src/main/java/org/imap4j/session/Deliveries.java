package org.imap4j.session;

import java.util.ArrayDeque;
import org.imap4j.codec.ImapProtocolException;

/**
 * The session driver's part that queues what must run outside the transport's lock, in order: listener callbacks
 * and future completions. A transport takes them one by one through {@link SessionDriver#pollDelivery()}.
 *
 * <p>It also keeps the first limit a command listener broke while collecting (see {@link #guarded}): deliveries run
 * outside the transport's lock, so that error is handed back to the driver through a volatile field, and the driver
 * fails the connection with it at its next call.
 */
final class Deliveries {
    /** Made on the first delivery and dropped when drained, so an idle connection holds no deque. */
    private ArrayDeque<Runnable> queue;
    /** The first limit error a command listener threw; written by a delivery, so volatile. */
    private volatile ImapProtocolException listenerLimit;

    /** @param r a callback to run after the ones queued before it */
    void add(Runnable r) {
        if (queue == null) {
            queue = new ArrayDeque<>(2);
        }
        queue.add(r);
    }

    /** @return the next callback, or {@code null} */
    Runnable poll() {
        if (queue == null) {
            return null;
        }
        Runnable r = queue.poll();
        if (r == null) {
            queue = null;
        }
        return r;
    }

    /** @return the first limit a command listener broke, or {@code null} */
    ImapProtocolException listenerLimit() {
        return listenerLimit;
    }

    /**
     * A listener callback that throws (a parser limit in the client, a full heap while assembling a body, a bug in
     * user code) must neither stop the deliveries of other commands nor leave its own command looking successful
     * with part of its data: the first failure is kept and fails the command when its tagged response arrives.
     */
    Runnable guarded(SessionDriver.Call c, Runnable callback) {
        return new SessionDriver.CallDelivery(c, () -> {
            try {
                callback.run();
            } catch (ImapProtocolException e) {
                if (c.listenerFailure == null) {
                    c.listenerFailure = e;
                }
                if (e.limit() != null) {
                    // A limit broken while collecting (a body too large to hold, too many results): the caller hears
                    // of it now, not at a tagged reply a hostile server may never send, and the connection closes at
                    // the next call into the driver (the client closes it at once; see SessionDriver.close()).
                    if (listenerLimit == null) {
                        listenerLimit = e;
                    }
                    c.future.completeExceptionally(e);
                }
            } catch (RuntimeException | Error e) {
                if (c.listenerFailure == null) {
                    c.listenerFailure = e;
                }
            }
        });
    }
}
