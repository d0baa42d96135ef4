package org.imap4j.client.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.imap4j.codec.core.Secret;
import org.junit.jupiter.api.Test;

/** The token cache: proactive refresh within the skew, invalidation, and no token in its text. */
class RefreshingTokenSourceTest {
    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void refreshesBeforeExpiryWithinTheSkewAndAfterInvalidate() throws Exception {
        MovableClock clock = new MovableClock();
        AtomicInteger n = new AtomicInteger();
        TokenSource idp = () -> AccessToken.of(Secret.of("t" + n.incrementAndGet()),
                clock.instant().plus(Duration.ofMinutes(10)));
        RefreshingTokenSource tokens = RefreshingTokenSource.of(idp, Duration.ofMinutes(2), clock);
        AccessToken first = tokens.token();
        assertSame(first, tokens.token());
        clock.advance(Duration.ofMinutes(7)); // 3 minutes left: still outside the 2-minute skew
        assertSame(first, tokens.token());
        clock.advance(Duration.ofMinutes(1).plusSeconds(30)); // 90 s left: inside the skew
        AccessToken second = tokens.token();
        assertNotEquals(first, second);
        assertEquals(2, tokens.fetches());
        tokens.invalidate(first); // an old token: nothing happens
        assertSame(second, tokens.token());
        tokens.invalidate(second);
        assertEquals("t3", tokens.token().value().reveal());
        assertEquals(3, tokens.fetches());
        assertFalse(tokens.toString().contains("t3"));
        assertFalse(tokens.token().toString().contains("t3"));
    }

    @Test
    void tokenWithoutExpiryIsKeptUntilInvalidated() throws Exception {
        AtomicInteger n = new AtomicInteger();
        RefreshingTokenSource tokens = RefreshingTokenSource.of(
                () -> new AccessToken(Secret.of("u" + n.incrementAndGet()), null));
        AccessToken t = tokens.token();
        assertSame(t, tokens.token());
        tokens.invalidate(t);
        assertEquals("u2", tokens.token().value().reveal());
    }
}
