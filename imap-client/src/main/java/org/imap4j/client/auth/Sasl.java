package org.imap4j.client.auth;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.imap4j.codec.core.Secret;

/**
 * Builds the standard SASL mechanisms (RFC 4422) and picks the strongest password mechanism a server offers.
 *
 * <pre>{@code
 * Optional<SaslMechanism> m = Sasl.choose(List.of("PLAIN", "SCRAM-SHA-256"), "user", Secret.of("pencil"),
 *         true, false);                       // SCRAM-SHA-256
 * SaslMechanism token = Sasl.xoauth2("someone@gmail.com", Secret.of(accessToken));
 * }</pre>
 *
 * <p>Every mechanism is immutable and can authenticate any number of times. Null credentials and credentials that
 * cannot be encoded (a NUL in a PLAIN user) are caller misuse: {@link NullPointerException} or
 * {@link IllegalArgumentException} at build time. A SCRAM credential that SASLprep (RFC 4013) prohibits fails when
 * the exchange starts, with {@link org.imap4j.codec.ImapAuthenticationException}.
 */
public final class Sasl {
    private Sasl() {
    }

    /**
     * PLAIN (RFC 4616) without an authorization identity. It sends the password; see
     * {@link SaslMechanism#sendsReusableSecret()}.
     *
     * @param user     the authentication identity
     * @param password the password
     * @return the mechanism
     */
    public static SaslMechanism plain(String user, Secret password) {
        return new PlainMechanism(null, user, password);
    }

    /**
     * PLAIN (RFC 4616) acting as another identity.
     *
     * @param authzid  the authorization identity, or {@code null}/empty to act as {@code user}
     * @param user     the authentication identity
     * @param password the password
     * @return the mechanism
     */
    public static SaslMechanism plain(String authzid, String user, Secret password) {
        return new PlainMechanism(authzid, user, password);
    }

    /**
     * LOGIN (draft-murchison-sasl-login): the obsolete two-prompt mechanism some servers still require.
     *
     * @param user     the user name
     * @param password the password
     * @return the mechanism
     */
    public static SaslMechanism login(String user, Secret password) {
        return new LoginMechanism(user, password);
    }

    /**
     * XOAUTH2 (Google, Microsoft, Yahoo): an OAuth 2.0 bearer token in Google's format.
     *
     * @param user        the mailbox user
     * @param accessToken the OAuth 2.0 access token
     * @return the mechanism
     */
    public static SaslMechanism xoauth2(String user, Secret accessToken) {
        return new XOAuth2Mechanism(user, accessToken);
    }

    /**
     * OAUTHBEARER (RFC 7628): an OAuth 2.0 bearer token, with the host and port of the connection.
     *
     * @param user  the authorization identity, or {@code null}/empty to let the token decide
     * @param token the OAuth 2.0 access token
     * @return the mechanism
     */
    public static SaslMechanism oauthBearer(String user, Secret token) {
        return new OAuthBearerMechanism(user, token);
    }

    /**
     * SCRAM-SHA-1 (RFC 5802), declaring that the client does not bind to the channel ({@code n,,}).
     *
     * @param user     the user name, prepared with SASLprep
     * @param password the password, prepared with SASLprep
     * @return the mechanism
     */
    public static SaslMechanism scramSha1(String user, Secret password) {
        return new ScramMechanism(ScramMechanism.Hash.SHA_1, ScramMechanism.Binding.NONE, user, password);
    }

    /**
     * SCRAM-SHA-1 (RFC 5802) as chosen by a negotiator that knows what the server offers: when the server offers no
     * {@code -PLUS} mechanism but the connection could bind, the client says so ({@code y,,}, RFC 5802 section 6),
     * so a server that does support binding detects that an attacker removed its {@code -PLUS} advertisement.
     *
     * @param user             the user name
     * @param password         the password
     * @param serverOffersPlus whether the server advertised a {@code SCRAM-*-PLUS} mechanism
     * @return the mechanism
     */
    public static SaslMechanism scramSha1(String user, Secret password, boolean serverOffersPlus) {
        return new ScramMechanism(ScramMechanism.Hash.SHA_1, serverOffersPlus ? ScramMechanism.Binding.NONE
                : ScramMechanism.Binding.CLIENT_SUPPORTS, user, password);
    }

    /**
     * SCRAM-SHA-1-PLUS (RFC 5802 section 6): SCRAM-SHA-1 bound to the TLS channel.
     *
     * @param user     the user name
     * @param password the password
     * @return the mechanism
     */
    public static SaslMechanism scramSha1Plus(String user, Secret password) {
        return new ScramMechanism(ScramMechanism.Hash.SHA_1, ScramMechanism.Binding.PLUS, user, password);
    }

    /**
     * SCRAM-SHA-256 (RFC 7677), declaring that the client does not bind to the channel ({@code n,,}).
     *
     * @param user     the user name
     * @param password the password
     * @return the mechanism
     */
    public static SaslMechanism scramSha256(String user, Secret password) {
        return new ScramMechanism(ScramMechanism.Hash.SHA_256, ScramMechanism.Binding.NONE, user, password);
    }

    /**
     * SCRAM-SHA-256 (RFC 7677) as chosen by a negotiator; see {@link #scramSha1(String, Secret, boolean)} for the
     * meaning of {@code serverOffersPlus}.
     *
     * @param user             the user name
     * @param password         the password
     * @param serverOffersPlus whether the server advertised a {@code SCRAM-*-PLUS} mechanism
     * @return the mechanism
     */
    public static SaslMechanism scramSha256(String user, Secret password, boolean serverOffersPlus) {
        return new ScramMechanism(ScramMechanism.Hash.SHA_256, serverOffersPlus ? ScramMechanism.Binding.NONE
                : ScramMechanism.Binding.CLIENT_SUPPORTS, user, password);
    }

    /**
     * SCRAM-SHA-256-PLUS (RFC 7677, RFC 5802 section 6): SCRAM-SHA-256 bound to the TLS channel, preferring
     * {@code tls-exporter} (RFC 9266), then {@code tls-unique}, then {@code tls-server-end-point} (RFC 5929).
     *
     * @param user     the user name
     * @param password the password
     * @return the mechanism
     */
    public static SaslMechanism scramSha256Plus(String user, Secret password) {
        return new ScramMechanism(ScramMechanism.Hash.SHA_256, ScramMechanism.Binding.PLUS, user, password);
    }

    /**
     * CRAM-MD5 (RFC 2195). It does not send the password, but needs the server to store it in a reusable form;
     * prefer SCRAM.
     *
     * @param user     the user name
     * @param password the password
     * @return the mechanism
     */
    public static SaslMechanism cramMd5(String user, Secret password) {
        return new CramMd5Mechanism(user, password);
    }

    /**
     * EXTERNAL (RFC 4422 appendix A): authentication established outside SASL, such as a TLS client certificate.
     *
     * @param authzidOrNull the identity to act as, or {@code null} to act as the externally authenticated one
     * @return the mechanism
     */
    public static SaslMechanism external(String authzidOrNull) {
        return new ExternalMechanism(authzidOrNull);
    }

    /**
     * Picks the strongest password mechanism the server offers, in this order: SCRAM-SHA-256-PLUS, SCRAM-SHA-256,
     * SCRAM-SHA-1-PLUS, SCRAM-SHA-1, CRAM-MD5, PLAIN, LOGIN. The {@code -PLUS} variants are picked only when the
     * connection provides channel binding. PLAIN and LOGIN are never picked on a connection without TLS
     * (RFC 9051 section 11.1): a caller who accepts that risk builds them explicitly with {@link #plain} or
     * {@link #login}. When a non-PLUS SCRAM is picked, it declares {@code y,,} if the connection could bind but the
     * server offers no {@code -PLUS} mechanism (RFC 5802 section 6).
     *
     * @param serverMechanisms        the mechanisms from the server's {@code AUTH=} capabilities, with or without
     *                                the {@code AUTH=} prefix, in any case
     * @param user                    the user name
     * @param password                the password
     * @param secure                  whether the connection is protected by TLS
     * @param channelBindingAvailable whether the connection provides TLS channel-binding data
     * @return the mechanism, or empty if the server offers none that may be used
     */
    public static Optional<SaslMechanism> choose(List<String> serverMechanisms, String user, Secret password,
                                                 boolean secure, boolean channelBindingAvailable) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Set<String> offered = new HashSet<>();
        for (String m : serverMechanisms) {
            String name = m.toUpperCase(Locale.ROOT).trim();
            offered.add(name.startsWith("AUTH=") ? name.substring(5) : name);
        }
        boolean offersPlus = offered.contains("SCRAM-SHA-256-PLUS") || offered.contains("SCRAM-SHA-1-PLUS");
        if (channelBindingAvailable && offered.contains("SCRAM-SHA-256-PLUS")) {
            return Optional.of(scramSha256Plus(user, password));
        }
        if (offered.contains("SCRAM-SHA-256")) {
            return Optional.of(scramSha256(user, password, offersPlus));
        }
        if (channelBindingAvailable && offered.contains("SCRAM-SHA-1-PLUS")) {
            return Optional.of(scramSha1Plus(user, password));
        }
        if (offered.contains("SCRAM-SHA-1")) {
            return Optional.of(scramSha1(user, password, offersPlus));
        }
        if (offered.contains("CRAM-MD5")) {
            return Optional.of(cramMd5(user, password));
        }
        if (secure && offered.contains("PLAIN")) {
            return Optional.of(plain(user, password));
        }
        if (secure && offered.contains("LOGIN")) {
            return Optional.of(login(user, password));
        }
        return Optional.empty();
    }
}
