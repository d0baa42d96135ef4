package org.imap4j.client;

/** Every client operation over the NIO transport. */
class NioClientTest extends AbstractClientSuite {
    @Override
    protected ImapClientConfig.Transport transport() {
        return ImapClientConfig.Transport.NIO;
    }
}
