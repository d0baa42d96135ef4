package org.imap4j.codec;

/**
 * A deadline passed: the connect, the greeting, or a command whose server went silent for longer than the read
 * timeout. The connection is closed and every pending command completes with this exception.
 */
public class ImapTimeoutException extends ImapConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which deadline passed, and how long it was
     */
    public ImapTimeoutException(String message) {
        super(message);
    }
}
