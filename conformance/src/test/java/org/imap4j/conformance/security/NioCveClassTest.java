package org.imap4j.conformance.security;

import org.imap4j.client.ImapClientConfig;

/** The CVE-class regression suite over the NIO transport. */
class NioCveClassTest extends AbstractCveClassSuite {
    @Override
    protected ImapClientConfig.Transport transport() {
        return ImapClientConfig.Transport.NIO;
    }
}
