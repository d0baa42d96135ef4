/**
 * The blocking transport: moves bytes between a {@code Socket}/{@code SSLSocket} and the session
 * layer's {@link org.imap4j.session.SessionDriver}, on the threads of its callers. BouncyCastle's JSSE is optional.
 */
module org.imap4j.transport.blocking {
    requires transitive org.imap4j.session;
    requires static org.bouncycastle.tls;

    exports org.imap4j.transport.blocking;
}
