package org.imap4j.client.internal;

import org.imap4j.session.ImapTransport;

/**
 * The one switch of a connection's reading that several consumers share: a pulled FETCH whose caller lags behind,
 * and the listener's lane when its callbacks lag behind the responses (as the lane's {@link Lane.Pressure}). Each
 * holds the gate closed while it lags; the transport reads again when none does. Each holder calls {@link #close()}
 * and {@link #open()} in pairs (it keeps its own flag), and the transport hears of a change in the order the gate
 * decided it. One small object per connection: a monitor, not a lock object.
 */
final class ReadGate implements Lane.Pressure {
    private final Session session;
    private int holders;

    /** @param session the connection, whose transport is paused and resumed once there is one */
    ReadGate(Session session) {
        this.session = session;
    }

    /** One more consumer lags: the first stops the reading. */
    synchronized void close() {
        if (holders++ == 0) {
            ImapTransport t = session.transport();
            if (t != null) {
                t.pauseReading();
            }
        }
    }

    /** A consumer caught up: the last one starts the reading again. */
    synchronized void open() {
        if (holders > 0 && --holders == 0) {
            ImapTransport t = session.transport();
            if (t != null) {
                t.resumeReading();
            }
        }
    }

    @Override
    public void lagging() {
        close();
    }

    @Override
    public void caughtUp() {
        open();
    }
}
