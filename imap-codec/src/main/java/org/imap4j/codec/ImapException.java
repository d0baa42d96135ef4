package org.imap4j.codec;

/**
 * The root of imap4j's error hierarchy: every failure the library reports, other than caller misuse
 * ({@link IllegalArgumentException} / {@link IllegalStateException}), is one of its four subclasses, split by whose
 * fault it was.
 *
 * <ul>
 *   <li>{@link ImapProtocolException}: the peer broke the grammar or a {@link CodecLimits} limit;</li>
 *   <li>{@code ImapCommandException}: the server answered a command with NO or BAD;</li>
 *   <li>{@link ImapConnectionException}: I/O failed, timed out, or the connection is gone;</li>
 *   <li>{@link ImapAuthenticationException}: credentials were refused, or could not be sent safely.</li>
 * </ul>
 *
 * <p>The hierarchy is unchecked: a sans-I/O codec has no checked I/O to declare, and the client wraps
 * {@link java.io.IOException} in {@link ImapConnectionException}.
 */
public abstract class ImapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message and an optional cause.
     *
     * @param message what went wrong, never containing a secret
     * @param cause   the underlying failure, or {@code null}
     */
    protected ImapException(String message, Throwable cause) {
        super(message, cause);
    }
}
