package org.imap4j.client.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.imap4j.session.ImapTransport;

/**
 * The one switch of a connection's reading that several consumers share: a pulled FETCH whose caller lags behind,
 * and the listener's lane when its callbacks lag behind the responses. Each holds the gate closed while it lags;
 * the transport reads again when none does. Each holder calls {@link #close()} and {@link #open()} in pairs (it
 * keeps its own flag), and the transport hears of a change in the order the gate decided it.
 */
final class ReadGate {
    private final Supplier<ImapTransport> transport;
    private final ReentrantLock lock = new ReentrantLock();
    private int holders;

    /** @param transport the connection's transport, once there is one */
    ReadGate(Supplier<ImapTransport> transport) {
        this.transport = transport;
    }

    /** One more consumer lags: the first stops the reading. */
    void close() {
        lock.lock();
        try {
            if (holders++ == 0) {
                ImapTransport t = transport.get();
                if (t != null) {
                    t.pauseReading();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A consumer caught up: the last one starts the reading again. */
    void open() {
        lock.lock();
        try {
            if (holders > 0 && --holders == 0) {
                ImapTransport t = transport.get();
                if (t != null) {
                    t.resumeReading();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
