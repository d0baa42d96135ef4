package org.imap4j.cli;

/**
 * Some of the UIDs a command was given name no message in the mailbox. Said in the CLI's own words (never as if the
 * server had sent it); exits with {@link Main#NOT_FOUND}.
 */
final class MissingMessagesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingMessagesException(String message) {
        super(message, null, false, false);
    }
}
