package org.imap4j.codec;

/**
 * A value given to a validating constructor or factory is not valid for its grammar rule. It names the rule, the
 * offending character and its index, so that invalid protocol values cannot be built.
 */
public class ImapValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what rule was broken, where
     */
    public ImapValidationException(String message) {
        super(message);
    }
}
