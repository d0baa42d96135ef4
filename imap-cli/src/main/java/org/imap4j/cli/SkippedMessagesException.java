package org.imap4j.cli;

/** An import skipped messages (each was reported with its position); exits with {@link Main#SKIPPED}. */
final class SkippedMessagesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SkippedMessagesException(String message) {
        super(message, null, false, false);
    }
}
