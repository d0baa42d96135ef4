package org.imap4j.client.oauth;

import java.util.Objects;

/**
 * The outcome of a successful OAuth 2.0 authentication: which mechanism was used and whether the first token was
 * refused and a refreshed one succeeded. A refresh is not a reconnect: it happened on the same connection (or, after
 * a {@code BYE}, on the caller's next one).
 *
 * @param mechanism {@code OAUTHBEARER} or {@code XOAUTH2}
 * @param refreshed whether the server refused the first token and accepted a refreshed one
 */
public record OAuth2Login(String mechanism, boolean refreshed) {
    /**
     * Validates the mechanism.
     *
     * @param mechanism {@code OAUTHBEARER} or {@code XOAUTH2}
     * @param refreshed whether a refreshed token was needed
     */
    public OAuth2Login {
        Objects.requireNonNull(mechanism, "mechanism");
    }
}
