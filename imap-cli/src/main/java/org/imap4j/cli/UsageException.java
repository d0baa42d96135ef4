package org.imap4j.cli;

/**
 * The command line was wrong: exit code 2, with a message that says what was expected and, for a command line that
 * did not parse, the help page to read.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The help command that shows the right usage ({@code imap4j help list}), or null. */
    private final String help;

    UsageException(String message) {
        this(message, null);
    }

    UsageException(String message, String help) {
        super(message);
        this.help = help;
    }

    String help() {
        return help;
    }
}
