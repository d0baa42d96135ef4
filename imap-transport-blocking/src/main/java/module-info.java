/**
 * The blocking transport: moves bytes between a {@code Socket}/{@code SSLSocket} and the codec's
 * {@link org.imap4j.codec.transport.SessionDriver}, on the threads of its callers. BouncyCastle's JSSE is optional.
 */
module org.imap4j.transport.blocking {
    requires transitive org.imap4j.codec;
    requires static org.bouncycastle.tls;

    exports org.imap4j.transport.blocking;
}
