package org.imap4j.session;

import org.imap4j.codec.ImapConnectionException;

/**
 * The stream that supplies a literal's bytes (an APPEND from an {@link java.io.InputStream}, see
 * {@link CommandListener#literalSource(int)}) ended before the announced size, held more, or failed. Part of the
 * literal may be on the wire, and a literal of the announced size cannot be completed, so the connection is closed:
 * the server never receives a complete literal of the wrong length.
 */
public class LiteralSourceException extends ImapConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong (sizes only, never content)
     * @param cause   the stream's exception, or {@code null}
     */
    public LiteralSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
