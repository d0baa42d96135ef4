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
 *
 * <p>Messages are safe to log and to print: every message is passed through {@link ServerText#escape(CharSequence)},
 * so server text inside it (a NO/BAD text, a BYE text, offending bytes) carries no CR, LF, ESC or other control
 * character. Typed accessors, such as {@link ImapCommandException#text()}, return the raw server text.
 */
public abstract class ImapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message and an optional cause.
     *
     * @param message what went wrong, never containing a secret; control characters are escaped
     *                (see {@link ServerText#escape(CharSequence)})
     * @param cause   the underlying failure, or {@code null}
     */
    protected ImapException(String message, Throwable cause) {
        super(message == null ? null : ServerText.escape(message), cause);
    }
}
