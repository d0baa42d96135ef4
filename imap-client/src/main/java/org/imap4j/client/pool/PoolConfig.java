package org.imap4j.client.pool;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The settings of an {@link ImapPool}.
 *
 * <p>Default caps for providers known to limit simultaneous connections per account ({@link #defaultCap(String)}):
 * Gmail 15 (the figure Google's help has given for years; an older Google help page said 10), Microsoft 365 /
 * Outlook.com 16 (Exchange's default {@code MaxConnectionsPerUser} for IMAP4, documented for Exchange Server and
 * assumed for Exchange Online), iCloud 10 and Yahoo 5 (assumed: neither documents a figure). Any other host gets
 * {@value #DEFAULT_CAP}. A pool should stay below the provider's limit, since other clients of the same account
 * (phones, desktop programs) count too.
 *
 * @param maxConnections     the most connections open at once (at least 1)
 * @param leaseTimeout       how long {@link ImapPool#lease(org.imap4j.codec.core.MailboxName)} waits for a
 *                           connection
 * @param healthCheckAfter   a connection unused for longer than this gets a {@code NOOP} before it is lent; a failed
 *                           one is replaced ({@link Duration#ZERO}: always)
 * @param healthCheckTimeout how long that {@code NOOP} may take
 * @param shutdownDeadline   how long {@link ImapPool#close()} waits for leases to come back
 */
public record PoolConfig(int maxConnections, Duration leaseTimeout, Duration healthCheckAfter,
                         Duration healthCheckTimeout, Duration shutdownDeadline) {
    /** The cap for hosts without a known limit: 5. */
    public static final int DEFAULT_CAP = 5;

    /**
     * Validates the values.
     *
     * @param maxConnections     the most connections open at once (at least 1)
     * @param leaseTimeout       how long a lease waits for a connection
     * @param healthCheckAfter   idle time after which a connection is checked with NOOP before it is lent
     * @param healthCheckTimeout how long that NOOP may take
     * @param shutdownDeadline   how long {@link ImapPool#close()} waits for leases to come back
     */
    public PoolConfig {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
        for (Duration d : new Duration[] {leaseTimeout, healthCheckAfter, healthCheckTimeout, shutdownDeadline}) {
            if (Objects.requireNonNull(d, "durations must not be null").isNegative()) {
                throw new IllegalArgumentException("durations must not be negative: " + d);
            }
        }
    }

    /**
     * @param host the IMAP server host
     * @return the defaults with the {@link #defaultCap(String)} of that host: lease timeout 30 s, health check after
     *         60 s idle with a 10 s NOOP deadline, shutdown deadline 30 s
     */
    public static PoolConfig forHost(String host) {
        return new PoolConfig(defaultCap(host), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /**
     * @param host the IMAP server host
     * @return the connection cap for a provider known to limit connections per account, else {@value #DEFAULT_CAP}
     */
    public static int defaultCap(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith("gmail.com") || h.endsWith("googlemail.com")) {
            return 15;
        }
        if (h.endsWith("office365.com") || h.endsWith("outlook.com") || h.endsWith("office.com")) {
            return 16;
        }
        if (h.endsWith("mail.me.com")) {
            return 10;
        }
        if (h.endsWith("yahoo.com")) {
            return 5;
        }
        return DEFAULT_CAP;
    }

    /**
     * The cap for a server family told from what the server says of itself ({@link
     * org.imap4j.client.ServerProfile#detect}), for hosts whose name does not tell the provider (a custom domain on
     * Google Workspace or Microsoft 365, a proxy): the same figures as {@link #defaultCap(String)}.
     *
     * @param family the detected family
     * @return its cap, or {@value #DEFAULT_CAP} for a family without a known limit
     */
    public static int defaultCap(org.imap4j.client.ServerProfile.Family family) {
        return switch (family) {
            case GMAIL -> 15;
            case MICROSOFT -> 16;
            case ICLOUD -> 10;
            default -> DEFAULT_CAP;
        };
    }

    /**
     * @param v the most connections open at once
     * @return a copy with that cap
     */
    public PoolConfig withMaxConnections(int v) {
        return new PoolConfig(v, leaseTimeout, healthCheckAfter, healthCheckTimeout, shutdownDeadline);
    }

    /**
     * @param v how long a lease waits
     * @return a copy with that lease timeout
     */
    public PoolConfig withLeaseTimeout(Duration v) {
        return new PoolConfig(maxConnections, v, healthCheckAfter, healthCheckTimeout, shutdownDeadline);
    }

    /**
     * @param v idle time after which a connection is checked before it is lent
     * @return a copy with that threshold
     */
    public PoolConfig withHealthCheckAfter(Duration v) {
        return new PoolConfig(maxConnections, leaseTimeout, v, healthCheckTimeout, shutdownDeadline);
    }

    /**
     * @param v how long {@link ImapPool#close()} waits for leases
     * @return a copy with that deadline
     */
    public PoolConfig withShutdownDeadline(Duration v) {
        return new PoolConfig(maxConnections, leaseTimeout, healthCheckAfter, healthCheckTimeout, v);
    }
}
