package org.imap4j.conformance.live;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TlsOptions;
import org.imap4j.testing.servers.CourierServer;
import org.imap4j.testing.servers.CyrusServer;
import org.imap4j.testing.servers.DovecotServer;
import org.imap4j.testing.servers.GreenMailServer;

/**
 * One real server the live suite runs against: where it listens, which users it has, and how to stop it. The
 * scenarios never look at which server it is; what a server does not offer they learn from its capabilities.
 *
 * @param name      the name in the report, e.g. {@code "Dovecot 2.3"}
 * @param host      the address both listeners bind
 * @param plainPort the cleartext port (STARTTLS may be offered there)
 * @param tlsPort   the implicit-TLS port
 * @param ca        the certificate a client must trust to verify the server (host name {@code localhost} or the IP)
 * @param users     the users, each {@code {name, password}} (two distinct ones, or the one a pre-authenticating
 *                  server logs every session in as)
 * @param preauth   whether every session starts authenticated ({@code * PREAUTH}): no LOGIN, no TLS listener
 * @param stop      stops the server
 */
record LiveTarget(String name, String host, int plainPort, int tlsPort, X509Certificate ca, List<String[]> users,
        boolean preauth, AutoCloseable stop) implements AutoCloseable {

    static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    /** {@code -Dlive.trace=true} prints every connection's redacted protocol trace to stderr (for debugging). */
    private static final boolean TRACE = Boolean.getBoolean("live.trace");

    private static ImapClientConfig.Builder traced(ImapClientConfig.Builder b) {
        return TRACE ? b.trace((direction, text) -> System.err.println(direction + " " + text.strip())) : b;
    }

    /** Embedded GreenMail: always available. */
    static LiveTarget greenMail() {
        GreenMailServer g = GreenMailServer.start();
        // GreenMail creates users on first login; the second is added explicitly so both exist from the start.
        g.greenMail().setUser("bob@localhost", "bob", "secret2");
        return new LiveTarget("GreenMail 2.1", g.host(), g.imapPort(), g.imapsPort(), g.ca(),
                List.of(new String[] {GreenMailServer.USER, GreenMailServer.PASSWORD},
                        new String[] {"bob", "secret2"}), false, g);
    }

    /** A private Dovecot from Debian; skipped (or failed on CI) when not installed. */
    static LiveTarget dovecot() {
        DovecotServer d = DovecotServer.startOrSkip();
        return new LiveTarget("Dovecot 2.3", d.host(), d.imapPort(), d.imapsPort(), d.ca(),
                List.of(new String[] {DovecotServer.USER, DovecotServer.PASSWORD},
                        new String[] {DovecotServer.USER2, DovecotServer.PASSWORD2}), false, d);
    }

    /** A private Cyrus IMAP 3.6 unpacked from Debian; skipped (or failed on CI) when not installed. */
    static LiveTarget cyrus() {
        CyrusServer c = CyrusServer.startOrSkip();
        return new LiveTarget("Cyrus 3.6", c.host(), c.imapPort(), c.imapsPort(), c.ca(),
                List.of(new String[] {CyrusServer.USER, CyrusServer.PASSWORD},
                        new String[] {CyrusServer.USER2, CyrusServer.PASSWORD2}), false, c);
    }

    /**
     * A private Courier-IMAP 5.0 unpacked from Debian; skipped (or failed on CI) when not installed. Its sessions are
     * pre-authenticated and it has no TLS listener: scenarios about TLS, STARTTLS, LOGIN or a second user are "not
     * offered" there.
     */
    static LiveTarget courier() {
        CourierServer c = CourierServer.startOrSkip();
        return new LiveTarget("Courier 5.0", c.host(), c.imapPort(), -1, null,
                List.<String[]>of(new String[] {CourierServer.USER, ""}), true, c);
    }

    /**
     * @param transport the transport
     * @return a builder for the connection every scenario starts from: implicit TLS, or for a pre-authenticating
     *     server without TLS its plain port (nothing secret is sent: there is no login)
     */
    ImapClientConfig.Builder session(ImapClientConfig.Transport transport) {
        if (tlsPort < 0) {
            return traced(ImapClient.builder(host).port(plainPort).tlsMode(TlsMode.PLAIN).transport(transport)
                    .readTimeout(READ_TIMEOUT));
        }
        return tls(transport);
    }

    /**
     * @param transport the transport
     * @return a builder for an implicit-TLS connection trusting {@link #ca()} with host-name verification on
     * @throws Scenario.NotOffered if the server has no TLS listener
     */
    ImapClientConfig.Builder tls(ImapClientConfig.Transport transport) {
        if (tlsPort < 0) {
            throw new Scenario.NotOffered("no TLS listener");
        }
        return traced(ImapClient.builder(host).port(tlsPort).tlsMode(TlsMode.IMPLICIT)
                .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(ca))))
                .transport(transport).readTimeout(READ_TIMEOUT));
    }

    /**
     * @param transport the transport
     * @param mode      {@link TlsMode#PLAIN} or {@link TlsMode#STARTTLS}
     * @return a builder for the cleartext port (cleartext passwords not allowed unless the caller says so)
     * @throws Scenario.NotOffered on a pre-authenticating server without TLS (these scenarios test TLS and LOGIN)
     */
    ImapClientConfig.Builder plain(ImapClientConfig.Transport transport, TlsMode mode) {
        if (preauth) {
            throw new Scenario.NotOffered("pre-authenticated sessions without TLS");
        }
        return traced(ImapClient.builder(host).port(plainPort).tlsMode(mode)
                .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(ca))))
                .transport(transport).readTimeout(READ_TIMEOUT));
    }

    @Override
    public void close() throws Exception {
        stop.close();
    }
}
