package org.imap4j.client.auth;

/**
 * Why an authentication, or the first command after it, was refused: the reason of an
 * {@link AuthFailureException}. Each value is a different remedy for the application.
 */
public enum AuthFailure {
    /**
     * The user name or password was refused ({@code NO [AUTHENTICATIONFAILED]}, RFC 5530 section 3, or a plain
     * {@code NO} to LOGIN or a password mechanism). Retrying with the same credentials will not help.
     */
    BAD_CREDENTIALS,
    /**
     * The OAuth 2.0 access token was refused as expired or invalid, and a refreshed token was refused too (or no
     * refresh was possible on this connection): {@code NO [AUTHENTICATIONFAILED]} to XOAUTH2 or OAUTHBEARER, the
     * mechanism's JSON error challenge (status {@code 400}, {@code 401} or {@code invalid_token}, RFC 7628 section
     * 3.2.2), or a {@code BYE}/{@code NO} that says the token expired (Microsoft's {@code AccessTokenExpired}).
     */
    TOKEN_INVALID,
    /**
     * The OAuth 2.0 token was valid but lacks the scope for mail access (JSON status {@code insufficient_scope} or
     * {@code 403}). A refresh with the same grant does not help; the application must ask for the scope.
     */
    INSUFFICIENT_SCOPE,
    /**
     * The {@link org.imap4j.client.oauth.TokenSource} itself failed to produce a token (the identity provider
     * refused the refresh token, or could not be reached).
     */
    TOKEN_SOURCE_FAILED,
    /**
     * The server accepted the credentials and then refused every command with "User is authenticated but not
     * connected": Microsoft 365's answer when the application registration or the mailbox permissions of the tenant
     * are misconfigured. Not a token problem; an administrator must fix the tenant.
     */
    AUTHENTICATED_NOT_CONNECTED,
    /**
     * The account has too many simultaneous connections ({@code [LIMIT]}, RFC 5530 section 3, or a text such as
     * "Too many simultaneous connections"). Close connections (or lower a pool's cap) before retrying.
     */
    TOO_MANY_CONNECTIONS,
    /**
     * The account cannot be used now or at all: {@code [UNAVAILABLE]} (temporary), {@code [EXPIRED]},
     * {@code [PRIVACYREQUIRED]} or {@code [CONTACTADMIN]} (RFC 5530 section 3).
     */
    ACCOUNT_UNAVAILABLE,
    /** An authentication refusal that fits none of the other reasons. */
    OTHER
}
