package org.imap4j.client.internal;

import org.imap4j.client.ImapClientConfig;

/** Streaming both ways over the Nio transport. */
class NioStreamingTest extends AbstractStreamingSuite {
    @Override
    protected ImapClientConfig.Transport transport() {
        return ImapClientConfig.Transport.NIO;
    }
}
