package org.imap4j.session;

/** Which JSSE implementation runs TLS. */
public enum TlsProvider {
    /** The JDK's own JSSE (SunJSSE). */
    JDK,
    /**
     * BouncyCastle's JSSE ({@code org.bouncycastle:bctls-jdk18on}, which the caller adds to the class or module path).
     * It also exposes the TLS channel bindings (tls-unique, tls-exporter) that SCRAM-*-PLUS needs.
     */
    BOUNCY_CASTLE
}
