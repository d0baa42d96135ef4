package org.imap4j.conformance.security;

import org.imap4j.client.ImapClientConfig;

/** The CVE-class regression suite over the blocking transport. */
class BlockingCveClassTest extends AbstractCveClassSuite {
    @Override
    protected ImapClientConfig.Transport transport() {
        return ImapClientConfig.Transport.BLOCKING;
    }
}
