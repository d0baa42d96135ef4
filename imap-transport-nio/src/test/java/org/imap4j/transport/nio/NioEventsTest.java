package org.imap4j.transport.nio;

import java.util.concurrent.CompletionException;
import org.imap4j.codec.ImapException;
import org.imap4j.session.ConnectionListener;
import org.imap4j.session.ImapTransport;
import org.imap4j.session.TransportOptions;
import org.imap4j.session.testing.AbstractEventSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The event listener and logging suite over {@link NioTransport}, all connections on one selector thread. */
class NioEventsTest extends AbstractEventSuite {
    private NioTransportGroup group;

    @BeforeAll
    void startGroup() {
        group = NioTransportGroup.create();
    }

    @AfterAll
    void stopGroup() {
        group.close();
    }

    @Override
    protected ImapTransport connect(TransportOptions options, ConnectionListener listener) {
        try {
            return group.connect(options, listener).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ImapException ie) {
                throw ie;
            }
            throw e;
        }
    }
}
