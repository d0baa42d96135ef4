package org.imap4j.codec;

/**
 * The thread waiting for a result was interrupted: the wait ended early, with the thread's interrupt flag set
 * again. The command itself may still complete on the connection, which stays open; a thread interrupted while it
 * waited for an IDLE ends that IDLE ({@code DONE}).
 */
public class ImapInterruptedException extends ImapConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what the thread was waiting for
     * @param cause   the interruption, or {@code null}
     */
    public ImapInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
