package org.imap4j.client.auth;

/**
 * One SASL mechanism (RFC 4422 section 3.1) configured with the credentials it sends. It is immutable and may be
 * used for any number of {@code AUTHENTICATE} commands; each one gets its own {@link SaslExchange} from
 * {@link #start}.
 *
 * <p>Implement it to plug in a mechanism imap4j does not ship; {@link Sasl} builds the standard ones.
 */
public interface SaslMechanism {

    /**
     * The registered mechanism name (RFC 4422 section 3.1), in upper case as the server advertises it in its
     * {@code AUTH=<name>} capability (RFC 9051 section 6.2.2), for example {@code "SCRAM-SHA-256-PLUS"}.
     *
     * @return the mechanism name
     */
    String name();

    /**
     * Whether the mechanism sends a secret that an eavesdropper could replay: a password (PLAIN, RFC 4616; LOGIN)
     * or a bearer token (XOAUTH2; OAUTHBEARER, RFC 7628 section 5). The client refuses such a mechanism over a
     * connection without TLS unless the caller opts in (RFC 4616 section 4, RFC 9051 section 11.1).
     *
     * @return {@code true} if the mechanism must not run in cleartext by default
     */
    boolean sendsReusableSecret();

    /**
     * Whether the mechanism binds the authentication to the TLS channel (the {@code -PLUS} variants of SCRAM,
     * RFC 5802 section 6), and so can only start on a connection that yields channel-binding data.
     *
     * @return {@code true} for a {@code -PLUS} mechanism; {@code false} unless overridden
     */
    default boolean needsChannelBinding() {
        return false;
    }

    /**
     * Starts one authentication exchange (RFC 4422 section 3.4).
     *
     * @param context the connection the exchange runs on
     * @return a fresh exchange, never shared
     * @throws org.imap4j.codec.ImapAuthenticationException if the exchange cannot start, for example because the
     *     credentials are prohibited by SASLprep (RFC 4013) or no channel binding is available for a
     *     {@code -PLUS} mechanism
     */
    SaslExchange start(SaslContext context);
}
