package org.imap4j.session;

/**
 * The TLS channel binding types (RFC 5929, RFC 9266) that SCRAM-*-PLUS can bind an authentication to.
 */
public enum ChannelBinding {
    /** {@code tls-unique}: the first Finished message (RFC 5929 section 3); TLS 1.2 only. */
    TLS_UNIQUE("tls-unique"),
    /** {@code tls-server-end-point}: a hash of the server's certificate (RFC 5929 section 4). */
    TLS_SERVER_END_POINT("tls-server-end-point"),
    /** {@code tls-exporter}: 32 bytes from the TLS exporter (RFC 9266); the binding for TLS 1.3. */
    TLS_EXPORTER("tls-exporter");

    private final String wireName;

    ChannelBinding(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name used in GS2 headers ({@code p=tls-exporter}) */
    public String wireName() {
        return wireName;
    }
}
