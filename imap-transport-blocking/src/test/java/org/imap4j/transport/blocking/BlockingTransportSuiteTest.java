package org.imap4j.transport.blocking;

import org.imap4j.session.ConnectionListener;
import org.imap4j.session.ImapTransport;
import org.imap4j.session.TransportOptions;
import org.imap4j.session.testing.AbstractTransportSuite;

/** The shared transport suite over {@link BlockingTransport}. */
class BlockingTransportSuiteTest extends AbstractTransportSuite {
    @Override
    protected ImapTransport connect(TransportOptions options, ConnectionListener listener) {
        return BlockingTransport.connect(options, listener);
    }
}
