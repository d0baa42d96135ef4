package org.imap4j.client.internal;

import org.imap4j.client.ImapClientConfig;

/** Streaming both ways over the Blocking transport. */
class BlockingStreamingTest extends AbstractStreamingSuite {
    @Override
    protected ImapClientConfig.Transport transport() {
        return ImapClientConfig.Transport.BLOCKING;
    }
}
