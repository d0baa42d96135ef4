package org.imap4j.codec;

/**
 * Authentication failed or was refused before it started (for example because it would have sent a password in
 * cleartext). The message never contains the credential.
 */
public class ImapAuthenticationException extends ImapException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why authentication failed
     * @param cause   the underlying failure, or {@code null}
     */
    public ImapAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
