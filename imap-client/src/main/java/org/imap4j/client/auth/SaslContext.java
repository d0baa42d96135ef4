package org.imap4j.client.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.imap4j.codec.core.Bytes;
import org.imap4j.session.ChannelBinding;

/**
 * What a {@link SaslMechanism} may learn about the connection it authenticates: the server's host and port (sent
 * by OAUTHBEARER, RFC 7628 section 3.1), whether the connection is protected by TLS, and the TLS channel-binding
 * data (RFC 5929, RFC 9266) that SCRAM-*-PLUS binds to (RFC 5802 section 6), and the largest SCRAM iteration count
 * the client will compute.
 *
 * <p>The iteration-count cap defends against a hostile server that asks for billions of PBKDF2 rounds to keep the
 * client's CPU busy (RFC 5802 section 9, RFC 7804 section 8; net-imap CVE-2026-42256). Real servers use 4,096 (the
 * minimum RFC 7677 asks for, and the default of Dovecot and Cyrus SASL) up to some tens of thousands; the default cap,
 * {@value #DEFAULT_MAX_SCRAM_ITERATIONS}, is the value proposed for the MongoDB drivers' client-side cap
 * (DRIVERS-3472) and for irssi's, and costs some 25 to 80 ms of HMAC-SHA-256 on a current JDK, where the 2^31-1 rounds
 * a hostile server may ask for would take tens of minutes. A server that asks for more than the cap is refused with an
 * {@link org.imap4j.codec.ImapAuthenticationException} before any round is computed.
 *
 * @param host           the server host name as the client connected to it; never {@code null}
 * @param port           the server port, 0 to 65535
 * @param secure         whether the connection is protected by TLS (implicit TLS or after STARTTLS)
 * @param channelBinding the channel-binding data of each type, empty where the TLS stack cannot provide it; a
 *                       {@code null} function means none is available
 * @param maxScramIterations the largest SCRAM iteration count the client computes (at least 1)
 */
public record SaslContext(String host, int port, boolean secure,
                          Function<ChannelBinding, Optional<Bytes>> channelBinding, int maxScramIterations) {
    /** The default cap on the SCRAM iteration count a server may ask for: 100,000. */
    public static final int DEFAULT_MAX_SCRAM_ITERATIONS = 100_000;

    /**
     * Validates the values and replaces a {@code null} channel-binding function by one that has none.
     *
     * @param host               the server host name as the client connected to it; never {@code null}
     * @param port               the server port, 0 to 65535
     * @param secure             whether the connection is protected by TLS (implicit TLS or after STARTTLS)
     * @param channelBinding     the channel-binding data of each type, empty where the TLS stack cannot provide it; a
     *                           {@code null} function means none is available
     * @param maxScramIterations the largest SCRAM iteration count the client computes (at least 1)
     */
    public SaslContext {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
        if (channelBinding == null) {
            channelBinding = type -> Optional.empty();
        }
        if (maxScramIterations < 1) {
            throw new IllegalArgumentException("maxScramIterations must be positive: " + maxScramIterations);
        }
    }

    /**
     * A context with the default SCRAM iteration cap ({@value #DEFAULT_MAX_SCRAM_ITERATIONS}).
     *
     * @param host           the server host name
     * @param port           the server port
     * @param secure         whether the connection is protected by TLS
     * @param channelBinding the channel-binding data of each type, or {@code null} for none
     */
    public SaslContext(String host, int port, boolean secure,
                       Function<ChannelBinding, Optional<Bytes>> channelBinding) {
        this(host, port, secure, channelBinding, DEFAULT_MAX_SCRAM_ITERATIONS);
    }

    /**
     * @param v the largest SCRAM iteration count to compute (at least 1)
     * @return a copy with that cap
     */
    public SaslContext withMaxScramIterations(int v) {
        return new SaslContext(host, port, secure, channelBinding, v);
    }

    /**
     * A context without channel binding.
     *
     * @param host   the server host name
     * @param port   the server port
     * @param secure whether the connection is protected by TLS
     * @return the context
     */
    public static SaslContext of(String host, int port, boolean secure) {
        return new SaslContext(host, port, secure, null);
    }

    /**
     * The channel-binding data of one type, tolerating a function that returns {@code null}.
     *
     * @param type the binding type
     * @return the data, or empty if the connection cannot provide it
     */
    public Optional<Bytes> bindingData(ChannelBinding type) {
        Optional<Bytes> data = channelBinding.apply(type);
        return data == null ? Optional.empty() : data;
    }
}
