package org.imap4j.codec;

/**
 * The connection failed: an I/O error, a timeout, a TLS failure, a BYE, or a use of a connection that is already
 * closed. Every command pending on a connection that fails completes with one of these.
 */
public class ImapConnectionException extends ImapException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause   the underlying failure, or {@code null}
     */
    public ImapConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what failed
     */
    public ImapConnectionException(String message) {
        super(message, null);
    }
}
