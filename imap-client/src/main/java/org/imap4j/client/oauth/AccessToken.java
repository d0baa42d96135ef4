package org.imap4j.client.oauth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.imap4j.codec.core.Secret;

/**
 * An OAuth 2.0 access token (RFC 6749 section 1.4) with the instant it expires, when the identity provider said
 * ({@code expires_in} of RFC 6749 section 5.1). The value is a {@link Secret}: {@link #toString()} never shows it.
 *
 * @param value     the bearer token
 * @param expiresAt when it expires, or {@code null} when unknown (then it is used until the server refuses it)
 */
public record AccessToken(Secret value, Instant expiresAt) {
    /**
     * Validates the value.
     *
     * @param value     the bearer token
     * @param expiresAt when it expires, or {@code null} when unknown
     */
    public AccessToken {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value     the bearer token
     * @param expiresAt when it expires
     * @return the token
     */
    public static AccessToken of(Secret value, Instant expiresAt) {
        return new AccessToken(value, expiresAt);
    }

    /** @return the expiry, if known */
    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    /**
     * @param now  the current instant
     * @param skew how long before its expiry a token counts as expired already
     * @return whether the token expires before {@code now + skew}; {@code false} when the expiry is unknown
     */
    public boolean expiresWithin(Instant now, java.time.Duration skew) {
        return expiresAt != null && !now.plus(skew).isBefore(expiresAt);
    }

    /** @return {@code AccessToken[redacted, expiresAt=...]} */
    @Override
    public String toString() {
        return "AccessToken[redacted, expiresAt=" + expiresAt + "]";
    }
}
