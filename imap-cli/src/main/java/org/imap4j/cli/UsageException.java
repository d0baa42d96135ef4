package org.imap4j.cli;

/** The command line was wrong: exit code 2, with a message that says what was expected. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
