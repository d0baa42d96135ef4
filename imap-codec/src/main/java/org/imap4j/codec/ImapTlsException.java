package org.imap4j.codec;

/**
 * TLS could not be established as required: the handshake failed (untrusted chain, host name mismatch, expired
 * certificate, protocol error), or the server did not offer STARTTLS on a connection that requires it, or it
 * greeted with PREAUTH where STARTTLS is required (RFC 9051 section 6.2.1; the downgrade is refused).
 * No credential has been sent when this is thrown.
 */
public class ImapTlsException extends ImapConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause   the TLS failure, or {@code null}
     */
    public ImapTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
