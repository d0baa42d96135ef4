/**
 * The NIO transport: one selector thread drives many connections through the session layer's
 * {@link org.imap4j.session.SessionDriver}, with TLS by {@link javax.net.ssl.SSLEngine}. BouncyCastle's JSSE
 * is optional and reached by reflection only (for the tls-unique and tls-exporter channel bindings), so no
 * {@code requires static} on it is needed.
 */
module org.imap4j.transport.nio {
    requires transitive org.imap4j.session;

    exports org.imap4j.transport.nio;
}
