package org.imap4j.session;

/** How a connection is secured. */
public enum TlsMode {
    /** Plain TCP. Credentials then travel in cleartext; the client refuses to send them unless the caller opts in. */
    PLAIN,
    /** TLS from the first byte (the {@code imaps} port, 993; RFC 8314). */
    IMPLICIT,
    /**
     * Plain TCP upgraded with STARTTLS before anything else (RFC 9051 section 6.2.1). Required: a server that does
     * not offer it, refuses it, or greets with PREAUTH fails the connection before any credential is sent.
     */
    STARTTLS;

    /** @return the IANA port for this mode: 993 for {@link #IMPLICIT}, else 143 */
    public int defaultPort() {
        return this == IMPLICIT ? 993 : 143;
    }
}
