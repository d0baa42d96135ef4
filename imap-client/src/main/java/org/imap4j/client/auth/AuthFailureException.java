package org.imap4j.client.auth;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.response.ResponseCode;

/**
 * A typed authentication failure: the {@link AuthFailure reason} tells the application what to do (ask the user for
 * a password, fix the tenant, close connections, wait), and {@link #tokenRefreshed()} says whether an OAuth 2.0
 * token was already refreshed once for this attempt. The message holds the reason, the command and the server's
 * text, escaped ({@link org.imap4j.codec.ServerText}); it never holds a password or token.
 *
 * <pre>{@code
 * try {
 *     client.authenticate("me@example.com", tokens);
 * } catch (AuthFailureException e) {
 *     switch (e.reason()) {
 *         case TOO_MANY_CONNECTIONS -> pool.shrink();
 *         case AUTHENTICATED_NOT_CONNECTED -> alertAdministrator(e.getMessage());
 *         default -> throw e;
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #classify(Throwable, boolean)} gives the reason of any failure of LOGIN, AUTHENTICATE or of the first
 * command after them, so code that authenticates by other means (a reconnecting supervisor) can tell them apart too.
 */
public class AuthFailureException extends ImapAuthenticationException {
    private static final long serialVersionUID = 1L;

    /** Why authentication failed. */
    private final AuthFailure reason;
    /** Whether an OAuth 2.0 token was refreshed once before the failure. */
    private final boolean tokenRefreshed;

    /**
     * Creates the exception.
     *
     * @param reason         why authentication failed
     * @param detail         what was attempted and what the server said (no secret); escaped here
     * @param tokenRefreshed whether an OAuth 2.0 token was refreshed once before this failure
     * @param cause          the underlying failure ({@link ImapCommandException} carries the server's response code),
     *                       or {@code null}
     */
    public AuthFailureException(AuthFailure reason, String detail, boolean tokenRefreshed, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail
                + (tokenRefreshed ? " (after one token refresh)" : ""), cause);
        this.reason = reason;
        this.tokenRefreshed = tokenRefreshed;
    }

    /** @return why authentication failed */
    public AuthFailure reason() {
        return reason;
    }

    /** @return whether an OAuth 2.0 token was refreshed once before the failure */
    public boolean tokenRefreshed() {
        return tokenRefreshed;
    }

    /**
     * Classifies a failure of LOGIN, AUTHENTICATE, the CAPABILITY that follows them, or of a command that ended the
     * session with a {@code BYE} (a token that expired mid-session). The response code decides where there is one
     * (RFC 5530); Microsoft's and other providers' known texts decide otherwise; the JSON error of an OAuth
     * mechanism (RFC 7628 section 3.2.2) decides between an invalid token and a missing scope.
     *
     * @param failure   the failure, or an exception that has it as a cause (a
     *                  {@link java.util.concurrent.CompletionException} is looked through)
     * @param tokenAuth whether the credentials were an OAuth 2.0 token (so {@code [AUTHENTICATIONFAILED]} means the
     *                  token, not the password)
     * @return the reason, or empty when the failure is not an authentication refusal (a network failure, a timeout,
     *         a refusal of an ordinary command)
     */
    public static Optional<AuthFailure> classify(Throwable failure, boolean tokenAuth) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AuthFailureException a) {
                return Optional.of(a.reason());
            }
            if (t instanceof ImapCommandException c) {
                return classify(c, tokenAuth);
            }
            if (t instanceof ImapConnectionException && t.getMessage() != null && tokenExpiryText(t.getMessage())) {
                return Optional.of(AuthFailure.TOKEN_INVALID);
            }
            if (t instanceof ImapAuthenticationException && t.getCause() == null) {
                Optional<AuthFailure> json = t.getMessage() == null ? Optional.empty() : jsonStatus(t.getMessage());
                if (json.isPresent()) {
                    return json;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static Optional<AuthFailure> classify(ImapCommandException c, boolean tokenAuth) {
        String text = c.text().toLowerCase(Locale.ROOT);
        if (text.contains("authenticated but not connected")) {
            return Optional.of(AuthFailure.AUTHENTICATED_NOT_CONNECTED);
        }
        String command = c.command() == null ? "" : c.command().toUpperCase(Locale.ROOT);
        boolean authCommand = command.equals("LOGIN") || command.equals("AUTHENTICATE");
        // The RFC 5530 codes mean the account only on LOGIN and AUTHENTICATE ([LIMIT] on a STORE is a flag limit).
        if (authCommand && c.code() instanceof ResponseCode.Simple s) {
            switch (s.kind()) {
                case LIMIT:
                    return Optional.of(AuthFailure.TOO_MANY_CONNECTIONS);
                case UNAVAILABLE:
                case EXPIRED:
                case PRIVACYREQUIRED:
                case CONTACTADMIN:
                    return Optional.of(AuthFailure.ACCOUNT_UNAVAILABLE);
                case AUTHENTICATIONFAILED:
                case AUTHORIZATIONFAILED:
                    return Optional.of(tokenAuth ? AuthFailure.TOKEN_INVALID : AuthFailure.BAD_CREDENTIALS);
                default:
                    break;
            }
        }
        if (text.contains("too many simultaneous connections") || text.contains("too many connections")
                || text.contains("maximum number of connections")) {
            return Optional.of(AuthFailure.TOO_MANY_CONNECTIONS);
        }
        if (tokenExpiryText(text)) {
            return Optional.of(AuthFailure.TOKEN_INVALID);
        }
        if (authCommand) {
            return Optional.of(tokenAuth ? AuthFailure.TOKEN_INVALID : AuthFailure.BAD_CREDENTIALS);
        }
        return Optional.empty();
    }

    /** Microsoft's "AccessTokenExpired", and the usual wordings of an expired or invalid token. */
    private static boolean tokenExpiryText(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains("accesstokenexpired") || t.contains("token expired") || t.contains("expired token")
                || t.contains("token has expired") || t.contains("token is expired") || t.contains("invalid_token")
                || t.contains("session invalidated");
    }

    /**
     * The reason a JSON error challenge of XOAUTH2 or OAUTHBEARER gives: {@code "status":"401"}, {@code "400"} or
     * {@code "invalid_token"} mean the token; {@code "403"} or {@code "insufficient_scope"} mean the scope.
     *
     * @param json the server's error (the challenge, decoded), or a message that contains it
     * @return the reason, or empty if the text holds no status
     */
    public static Optional<AuthFailure> jsonStatus(String json) {
        if (json == null) {
            return Optional.empty();
        }
        String t = json.replace(" ", "").toLowerCase(Locale.ROOT);
        if (t.contains("\"status\":\"insufficient_scope\"") || t.contains("\"status\":\"403\"")) {
            return Optional.of(AuthFailure.INSUFFICIENT_SCOPE);
        }
        if (t.contains("\"status\":\"invalid_token\"") || t.contains("\"status\":\"401\"")
                || t.contains("\"status\":\"400\"") || t.contains("\"status\":\"invalid_request\"")) {
            return Optional.of(AuthFailure.TOKEN_INVALID);
        }
        return Optional.empty();
    }
}
