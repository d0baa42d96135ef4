package org.imap4j.transport.blocking;

import org.imap4j.session.ConnectionListener;
import org.imap4j.session.ImapTransport;
import org.imap4j.session.TransportOptions;
import org.imap4j.session.testing.AbstractEventSuite;

/** The event listener and logging suite over {@link BlockingTransport}. */
class BlockingEventsTest extends AbstractEventSuite {
    @Override
    protected ImapTransport connect(TransportOptions options, ConnectionListener listener) {
        return BlockingTransport.connect(options, listener);
    }
}
