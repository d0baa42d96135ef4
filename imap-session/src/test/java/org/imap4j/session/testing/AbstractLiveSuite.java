package org.imap4j.session.testing;

import org.imap4j.codec.ImapException;
import org.imap4j.session.ConnectionListener;
import org.imap4j.session.ImapTransport;
import org.imap4j.session.TransportOptions;
import org.imap4j.testing.servers.DovecotServer;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the transport suites ({@link AbstractTransportSuite}, {@link AbstractConnectivitySuite},
 * {@link AbstractEventSuite}) share: an embedded GreenMail started before the first test, a private Dovecot started
 * by the first test that asks for it (skipped where Dovecot is not installed), both stopped after the last, and the
 * one method a transport's test class implements.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractLiveSuite {
    /** The embedded server, running from before the first test to after the last. */
    GreenMailServer greenMail;
    private DovecotServer dovecot;

    /**
     * Opens a ready connection with the transport under test.
     *
     * @param options  where and how
     * @param listener the connection listener
     * @return the transport
     * @throws ImapException as the transport reports failures
     */
    protected abstract ImapTransport connect(TransportOptions options, ConnectionListener listener);

    @BeforeAll
    final void startServers() {
        greenMail = GreenMailServer.start();
    }

    @AfterAll
    final void stopServers() {
        if (greenMail != null) {
            greenMail.close();
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }

    /** @return the private Dovecot, started on the first call; the calling test is skipped where it is missing */
    final DovecotServer dovecot() {
        if (dovecot == null) {
            dovecot = DovecotServer.startOrSkip();
        }
        return dovecot;
    }
}
