package org.imap4j.client.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.imap4j.codec.core.Secret;

/**
 * The SASL mechanisms {@code authenticate(user, password)} may use, by name, in the order it prefers them: the first
 * mechanism of the preference order that the server offers (and that may run on this connection) is used; when none
 * is, the client falls back to the LOGIN command. Immutable: each change returns a new registry.
 *
 * <p>{@link #defaults()} holds the built-in mechanisms, strongest first: SCRAM-SHA-256-PLUS, SCRAM-SHA-256,
 * SCRAM-SHA-1-PLUS, SCRAM-SHA-1, CRAM-MD5, PLAIN, LOGIN. Whatever the order, a {@code -PLUS} mechanism runs only on a
 * connection with channel-binding data, and a mechanism that sends a reusable secret ({@link
 * SaslMechanism#sendsReusableSecret()}) only over TLS (or with cleartext passwords allowed).
 *
 * <pre>{@code
 * AuthenticatorRegistry reg = AuthenticatorRegistry.defaults()
 *         .register("X-CORP-TOKEN", (user, password, conn) -> new CorpTokenMechanism(user, password))
 *         .preferring("X-CORP-TOKEN", "SCRAM-SHA-256", "PLAIN");   // only these three, in this order
 * ImapClient c = ImapClient.builder("imap.example.org").authenticators(reg).connect();
 * c.authenticate("alice", Secret.of("..."));
 * }</pre>
 */
public final class AuthenticatorRegistry {

    /** Builds a mechanism for a user and password on one connection. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param user       the user name
         * @param password   the password
         * @param connection what the connection offers
         * @return the mechanism, or {@code null} to decline on this connection
         */
        SaslMechanism create(String user, Secret password, Connection connection);
    }

    /**
     * What a {@link Factory} may know of the connection.
     *
     * @param secure         whether passwords may be sent (TLS, or cleartext passwords allowed)
     * @param channelBinding whether the connection has TLS channel-binding data
     * @param offered        the mechanisms the server offers, upper case, without {@code AUTH=}
     */
    public record Connection(boolean secure, boolean channelBinding, Set<String> offered) {
        /**
         * Copies the set.
         *
         * @param secure         whether passwords may be sent
         * @param channelBinding whether channel-binding data exists
         * @param offered        the mechanisms the server offers
         */
        public Connection {
            offered = Set.copyOf(offered);
        }
    }

    /** The built-in mechanisms, strongest first. */
    private static final List<String> BUILT_IN = List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1-PLUS",
            "SCRAM-SHA-1", "CRAM-MD5", "PLAIN", "LOGIN");

    private static final AuthenticatorRegistry DEFAULTS;

    static {
        // one factory class for all built-in names (no lambda to link per mechanism when a client is configured)
        Map<String, Factory> m = new LinkedHashMap<>();
        for (String name : BUILT_IN) {
            m.put(name, new BuiltIn(name));
        }
        DEFAULTS = new AuthenticatorRegistry(m, BUILT_IN);
    }

    /** A built-in mechanism's factory, by name. */
    private record BuiltIn(String name) implements Factory {
        @Override
        public SaslMechanism create(String user, Secret password, Connection c) {
            switch (name) {
                case "SCRAM-SHA-256-PLUS":
                    return Sasl.scramSha256Plus(user, password);
                case "SCRAM-SHA-256":
                    return Sasl.scramSha256(user, password, offersPlus(c));
                case "SCRAM-SHA-1-PLUS":
                    return Sasl.scramSha1Plus(user, password);
                case "SCRAM-SHA-1":
                    return Sasl.scramSha1(user, password, offersPlus(c));
                case "CRAM-MD5":
                    return Sasl.cramMd5(user, password);
                case "PLAIN":
                    return Sasl.plain(user, password);
                case "LOGIN":
                    return Sasl.login(user, password);
                default:
                    throw new IllegalStateException(name);
            }
        }
    }

    private final Map<String, Factory> factories;
    private final List<String> preference;

    private AuthenticatorRegistry(Map<String, Factory> factories, List<String> preference) {
        this.factories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(factories));
        this.preference = List.copyOf(preference);
    }

    private static boolean offersPlus(Connection c) {
        return c.offered().contains("SCRAM-SHA-256-PLUS") || c.offered().contains("SCRAM-SHA-1-PLUS");
    }

    private static String key(String name) {
        String n = Objects.requireNonNull(name, "name").trim().toUpperCase(Locale.ROOT);
        if (n.startsWith("AUTH=")) {
            n = n.substring(5);
        }
        if (n.isEmpty() || n.length() > 20 || !n.chars().allMatch(ch -> ch >= 'A' && ch <= 'Z'
                || ch >= '0' && ch <= '9' || ch == '-' || ch == '_')) {
            throw new IllegalArgumentException("not a SASL mechanism name (RFC 4422 section 3.1): " + name);
        }
        return n;
    }

    /** @return the built-in mechanisms, strongest first */
    public static AuthenticatorRegistry defaults() {
        return DEFAULTS;
    }

    /**
     * Registers a mechanism (or replaces the one of that name, keeping its place); a new one goes first in the
     * preference order.
     *
     * @param name    the SASL mechanism name as the server advertises it ({@code AUTH=name}), any case
     * @param factory builds it for a user and password
     * @return the new registry
     */
    public AuthenticatorRegistry register(String name, Factory factory) {
        String k = key(name);
        Objects.requireNonNull(factory, "factory");
        Map<String, Factory> m = new LinkedHashMap<>(factories);
        m.put(k, factory);
        List<String> p = new ArrayList<>(preference);
        if (!p.contains(k)) {
            p.add(0, k);
        }
        return new AuthenticatorRegistry(m, p);
    }

    /**
     * @param names the mechanisms to use, most preferred first; a registered mechanism not named is not used
     * @return the new registry
     * @throws IllegalArgumentException if a name is not registered or named twice
     */
    public AuthenticatorRegistry preferring(String... names) {
        List<String> p = new ArrayList<>();
        for (String n : names) {
            String k = key(n);
            if (!factories.containsKey(k)) {
                throw new IllegalArgumentException("no mechanism registered as " + k);
            }
            if (p.contains(k)) {
                throw new IllegalArgumentException(k + " named twice");
            }
            p.add(k);
        }
        return new AuthenticatorRegistry(factories, p);
    }

    /** @return the mechanisms in use, most preferred first */
    public List<String> preference() {
        return preference;
    }

    /**
     * The first mechanism of the preference order that the server offers and that may run on this connection.
     *
     * @param serverMechanisms the server's {@code AUTH=} capabilities, with or without the prefix, any case
     * @param user             the user name
     * @param password         the password
     * @param secure           whether passwords may be sent (TLS, or cleartext passwords allowed)
     * @param channelBinding   whether the connection has TLS channel-binding data
     * @return the mechanism, or empty (then the client uses the LOGIN command)
     */
    public Optional<SaslMechanism> choose(Collection<String> serverMechanisms, String user, Secret password,
            boolean secure, boolean channelBinding) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Set<String> offered = new HashSet<>();
        for (String m : serverMechanisms) {
            String n = m.trim().toUpperCase(Locale.ROOT);
            offered.add(n.startsWith("AUTH=") ? n.substring(5) : n);
        }
        Connection c = new Connection(secure, channelBinding, offered);
        for (String name : preference) {
            if (!offered.contains(name) || name.endsWith("-PLUS") && !channelBinding) {
                continue;
            }
            SaslMechanism m = factories.get(name).create(user, password, c);
            if (m != null && (secure || !m.sendsReusableSecret())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** @return the preference order (the factories are not shown) */
    @Override
    public String toString() {
        return "AuthenticatorRegistry" + preference;
    }
}
