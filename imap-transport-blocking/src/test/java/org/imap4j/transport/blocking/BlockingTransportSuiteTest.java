package org.imap4j.transport.blocking;

import org.imap4j.codec.transport.ConnectionListener;
import org.imap4j.codec.transport.ImapTransport;
import org.imap4j.codec.transport.TransportOptions;
import org.imap4j.codec.transport.testing.AbstractTransportSuite;

/** The shared transport suite over {@link BlockingTransport}. */
class BlockingTransportSuiteTest extends AbstractTransportSuite {
    @Override
    protected ImapTransport connect(TransportOptions options, ConnectionListener listener) {
        return BlockingTransport.connect(options, listener);
    }
}
