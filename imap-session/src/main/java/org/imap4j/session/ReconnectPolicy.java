package org.imap4j.session;

import java.time.Duration;
import java.util.Objects;

/**
 * How a supervised session waits between reconnect attempts: a jittered, bounded exponential back-off, longer when
 * the server said it is busy or unavailable ({@code [UNAVAILABLE]}, a {@code BYE} or alert about too many
 * connections), and how often an idempotent operation caught by a lost connection is run again.
 *
 * <p>Attempt {@code n} (from 1) waits {@code min(maxDelay, initialDelay * multiplier^(n-1))}, at least
 * {@code busyDelay} when the server asked to be left alone, then reduced by a random share of up to {@code jitter}
 * so that many clients cut off together do not come back together.
 *
 * @param initialDelay the wait before the first reconnect attempt (default 1 s)
 * @param maxDelay     the longest wait (default 5 min)
 * @param multiplier   the growth per attempt (default 2, at least 1)
 * @param jitter       the share of the wait that is random, 0..1 (default 0.5)
 * @param busyDelay    the least wait after the server said it is unavailable or has too many connections (default
 *                     1 min)
 * @param maxAttempts  how many attempts in a row before giving up; 0 for never (the default)
 * @param maxRetries   how many times an operation declared idempotent is run again on a new connection after the
 *                     link died under it (default 2)
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
        Duration busyDelay, int maxAttempts, int maxRetries) {
    /**
     * Validates.
     *
     * @param initialDelay the wait before the first attempt
     * @param maxDelay     the longest wait
     * @param multiplier   the growth per attempt, at least 1
     * @param jitter       the random share of each wait, 0..1
     * @param busyDelay    the least wait after a busy or unavailable server
     * @param maxAttempts  attempts before giving up, 0 for never
     * @param maxRetries   reruns of an idempotent operation
     */
    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(busyDelay, "busyDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || busyDelay.isNegative()) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay and busyDelay >= 0");
        }
        if (!(multiplier >= 1) || !(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("need multiplier >= 1 and 0 <= jitter <= 1");
        }
        if (maxAttempts < 0 || maxRetries < 0) {
            throw new IllegalArgumentException("maxAttempts and maxRetries must not be negative");
        }
    }

    /** @return the defaults: 1 s doubling to 5 min, half of it jittered, 1 min when busy, forever, 2 retries */
    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 2, 0.5, Duration.ofMinutes(1), 0,
                2);
    }

    /**
     * @param initial the first wait
     * @param max     the longest wait
     * @return this policy with other delays (a busy server waits at least {@code max} then)
     */
    public ReconnectPolicy withDelays(Duration initial, Duration max) {
        return new ReconnectPolicy(initial, max, multiplier, jitter, max.compareTo(busyDelay) < 0 ? max : busyDelay,
                maxAttempts, maxRetries);
    }

    /**
     * @param attempt the attempt about to be made, from 1
     * @param busy    whether the server said it is unavailable or has too many connections
     * @param random  a random number in [0, 1)
     * @return how long to wait before it
     */
    public Duration delay(int attempt, boolean busy, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1: " + attempt);
        }
        double base = initialDelay.toNanos() * Math.pow(multiplier, Math.min(attempt - 1, 62));
        double bounded = Math.min(base, maxDelay.toNanos());
        if (busy) {
            bounded = Math.max(bounded, busyDelay.toNanos());
        }
        double r = Math.min(Math.max(random, 0), 1);
        return Duration.ofNanos((long) (bounded * (1 - jitter * r)));
    }

    /**
     * @param attempt the attempt that just failed, from 1
     * @return whether another may be made
     */
    public boolean mayRetry(int attempt) {
        return maxAttempts == 0 || attempt < maxAttempts;
    }
}
