package org.imap4j.client;

/** Every client operation over the blocking transport. */
class BlockingClientTest extends AbstractClientSuite {
    @Override
    protected ImapClientConfig.Transport transport() {
        return ImapClientConfig.Transport.BLOCKING;
    }
}
