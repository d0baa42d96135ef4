package org.imap4j.client.oauth;

/**
 * Where the client gets an OAuth 2.0 access token: asked at every authentication, so a reconnecting supervisor or a
 * pool that opens a connection always authenticates with a current token. An implementation returns a cached token
 * while it is valid and refreshes it (with the refresh token grant, RFC 6749 section 6) when it is about to expire or
 * after {@link #invalidate}; {@link RefreshingTokenSource} does that around a plain fetch function.
 *
 * <p>Implementations must be thread-safe: connections of a pool authenticate at the same time.
 */
public interface TokenSource {

    /**
     * Returns a token that is valid now, refreshing it first if needed. May block (a call to the identity provider).
     *
     * @return the token
     * @throws Exception if no token can be had; the client reports
     *                   {@link org.imap4j.client.auth.AuthFailure#TOKEN_SOURCE_FAILED}
     */
    AccessToken token() throws Exception;

    /**
     * Tells the source that the server refused {@code rejected} as expired or invalid: the next {@link #token()}
     * must not return it again. The default does nothing (for a source that fetches anew every time).
     *
     * @param rejected the refused token
     */
    default void invalidate(AccessToken rejected) {
    }
}
