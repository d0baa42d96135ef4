package org.imap4j.client.oauth;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A thread-safe {@link TokenSource} that caches the token of a fetch function (the call to the identity provider's
 * token endpoint) and fetches a new one proactively when the cached one expires within the skew, or after the server
 * refused it ({@link #invalidate}). Callers that ask at the same time share one fetch.
 *
 * <pre>{@code
 * TokenSource tokens = RefreshingTokenSource.of(() -> myIdp.refresh(refreshToken), Duration.ofMinutes(2));
 * }</pre>
 */
public final class RefreshingTokenSource implements TokenSource {
    /** The default skew: a token that expires within 60 seconds is refreshed before use. */
    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);

    private final TokenSource fetch;
    private final Duration skew;
    private final Clock clock;
    private AccessToken current;
    private long fetches;

    private RefreshingTokenSource(TokenSource fetch, Duration skew, Clock clock) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.skew = Objects.requireNonNull(skew, "skew");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (skew.isNegative()) {
            throw new IllegalArgumentException("skew must not be negative: " + skew);
        }
    }

    /**
     * @param fetch a function that fetches a fresh token at every call (its {@code invalidate} is not called)
     * @return the caching source with the {@link #DEFAULT_SKEW}
     */
    public static RefreshingTokenSource of(TokenSource fetch) {
        return new RefreshingTokenSource(fetch, DEFAULT_SKEW, Clock.systemUTC());
    }

    /**
     * @param fetch a function that fetches a fresh token at every call
     * @param skew  how long before its expiry a token is refreshed
     * @return the caching source
     */
    public static RefreshingTokenSource of(TokenSource fetch, Duration skew) {
        return new RefreshingTokenSource(fetch, skew, Clock.systemUTC());
    }

    /**
     * @param fetch a function that fetches a fresh token at every call
     * @param skew  how long before its expiry a token is refreshed
     * @param clock the clock that decides expiry (tests use a fixed or offset clock)
     * @return the caching source
     */
    public static RefreshingTokenSource of(TokenSource fetch, Duration skew, Clock clock) {
        return new RefreshingTokenSource(fetch, skew, clock);
    }

    @Override
    public synchronized AccessToken token() throws Exception {
        if (current == null || current.expiresWithin(clock.instant(), skew)) {
            AccessToken fresh = Objects.requireNonNull(fetch.token(), "the fetch function returned null");
            fetches++;
            current = fresh;
        }
        return current;
    }

    @Override
    public synchronized void invalidate(AccessToken rejected) {
        if (current != null && current.equals(rejected)) {
            current = null;
        }
    }

    /** @return how many tokens were fetched so far (the first one included) */
    public synchronized long fetches() {
        return fetches;
    }

    /** @return {@code RefreshingTokenSource[skew=..., fetches=n]}; never a token */
    @Override
    public synchronized String toString() {
        return "RefreshingTokenSource[skew=" + skew + ", fetches=" + fetches + "]";
    }
}
