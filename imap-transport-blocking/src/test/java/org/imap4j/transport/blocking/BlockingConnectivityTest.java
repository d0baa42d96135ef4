package org.imap4j.transport.blocking;

import org.imap4j.session.ConnectionListener;
import org.imap4j.session.ImapTransport;
import org.imap4j.session.TransportOptions;
import org.imap4j.session.testing.AbstractConnectivitySuite;

/** Proxies, parallel connection attempts and the connect deadline over {@link BlockingTransport}. */
class BlockingConnectivityTest extends AbstractConnectivitySuite {
    @Override
    protected ImapTransport connect(TransportOptions options, ConnectionListener listener) {
        return BlockingTransport.connect(options, listener);
    }
}
