/**
 * The imap4j session layer: the transport SPI ({@link org.imap4j.session.ImapTransport}), TLS options and context
 * creation (JDK or BouncyCastle JSSE, channel bindings), and the sans-I/O {@link org.imap4j.session.SessionDriver}
 * both transports share (opening sequence and STARTTLS, IDLE keep-alive, deadlines, COMPRESS, redacted trace, ordered
 * deliveries). It starts no thread and does no I/O of its own; BouncyCastle is reached by reflection only.
 */
module org.imap4j.session {
    requires transitive org.imap4j.codec;

    exports org.imap4j.session;
}
