package org.imap4j.session;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.imap4j.codec.core.Secret;

/**
 * How a connection reaches the server: directly, or through a SOCKS5 proxy (RFC 1928, with the username/password
 * authentication of RFC 1929) or an HTTP proxy that tunnels with {@code CONNECT} (RFC 9110 section 9.3.6, with
 * optional Basic authentication, RFC 7617).
 *
 * <pre>{@code
 * TransportOptions o = TransportOptions.builder("imap.example.org")
 *         .proxy(ProxyOptions.socks5("proxy.corp", 1080).withCredentials("me", Secret.of("pw")))
 *         .build();
 * }</pre>
 *
 * <p>Through a proxy, the client does not resolve the server's name: it sends the name to the proxy, which resolves
 * it (SOCKS5 address type DOMAINNAME; an IP literal is sent as an address, IPv6 included). TLS, implicit or after
 * STARTTLS, runs end to end inside the tunnel, and the server's certificate is checked against the server's host
 * name, never the proxy's. The proxy's own name is resolved by the connection's {@link HostResolver}, and its
 * addresses are tried like a server's (see {@link TransportOptions}). A proxy that refuses fails the connect with an
 * {@link ImapProxyException}. The proxy credentials are {@link Secret}s: they appear in no message, trace or
 * {@code toString()}.
 */
public sealed interface ProxyOptions permits ProxyOptions.Direct, ProxyOptions.Socks5, ProxyOptions.HttpConnect {

    /** @return no proxy: connect to the server itself (the default) */
    static ProxyOptions direct() {
        return Direct.INSTANCE;
    }

    /**
     * @param host the proxy's host name or address
     * @param port the proxy's port (commonly 1080)
     * @return a SOCKS5 proxy without authentication
     */
    static Socks5 socks5(String host, int port) {
        return new Socks5(host, port, null);
    }

    /**
     * @param host the proxy's host name or address
     * @param port the proxy's port (commonly 3128 or 8080)
     * @return an HTTP CONNECT proxy without authentication
     */
    static HttpConnect httpConnect(String host, int port) {
        return new HttpConnect(host, port, null);
    }

    /** A direct connection, without a proxy. */
    record Direct() implements ProxyOptions {
        static final Direct INSTANCE = new Direct();
    }

    /**
     * A SOCKS5 proxy (RFC 1928). With credentials, the client offers username/password authentication (RFC 1929)
     * besides none, and the proxy chooses.
     *
     * @param host        the proxy's host name or address
     * @param port        the proxy's port
     * @param credentials the username and password, or {@code null} for none
     */
    record Socks5(String host, int port, Credentials credentials) implements ProxyOptions {
        /**
         * Validates; RFC 1929 allows at most 255 bytes each for the username and the password.
         *
         * @param host        the proxy's host name or address
         * @param port        the proxy's port
         * @param credentials the username and password, or {@code null} for none
         */
        public Socks5 {
            checkEndpoint(host, port);
            if (credentials != null) {
                if (credentials.username().isEmpty()
                        || credentials.username().getBytes(StandardCharsets.UTF_8).length > 255) {
                    throw new IllegalArgumentException("a SOCKS5 username must be 1 to 255 bytes (RFC 1929)");
                }
                byte[] pw = credentials.password().utf8Bytes();
                int n = pw.length;
                java.util.Arrays.fill(pw, (byte) 0);
                if (n < 1 || n > 255) {
                    throw new IllegalArgumentException("a SOCKS5 password must be 1 to 255 bytes (RFC 1929)");
                }
            }
        }

        /**
         * @param username the username
         * @param password the password
         * @return this proxy with username/password authentication
         */
        public Socks5 withCredentials(String username, Secret password) {
            return new Socks5(host, port, new Credentials(username, password));
        }

        /** @return {@code "SOCKS5 proxy host:port"} */
        @Override
        public String toString() {
            return "SOCKS5 proxy " + hostPort(host, port) + (credentials == null ? "" : " (with credentials)");
        }
    }

    /**
     * An HTTP proxy that opens a tunnel with {@code CONNECT host:port} (RFC 9110 section 9.3.6). With credentials,
     * the request carries {@code Proxy-Authorization: Basic} (RFC 7617), so use them only over a network you trust or
     * with a proxy on the same host: the proxy connection itself is not encrypted.
     *
     * @param host        the proxy's host name or address
     * @param port        the proxy's port
     * @param credentials the username and password, or {@code null} for none
     */
    record HttpConnect(String host, int port, Credentials credentials) implements ProxyOptions {
        /**
         * Validates; a Basic username may not contain a colon (RFC 7617 section 2).
         *
         * @param host        the proxy's host name or address
         * @param port        the proxy's port
         * @param credentials the username and password, or {@code null} for none
         */
        public HttpConnect {
            checkEndpoint(host, port);
            if (credentials != null && credentials.username().indexOf(':') >= 0) {
                throw new IllegalArgumentException("a Basic username may not contain ':' (RFC 7617)");
            }
        }

        /**
         * @param username the username
         * @param password the password
         * @return this proxy with Basic authentication
         */
        public HttpConnect withCredentials(String username, Secret password) {
            return new HttpConnect(host, port, new Credentials(username, password));
        }

        /** @return {@code "HTTP proxy host:port"} */
        @Override
        public String toString() {
            return "HTTP proxy " + hostPort(host, port) + (credentials == null ? "" : " (with credentials)");
        }
    }

    /**
     * The credentials a proxy asks for. The password is a {@link Secret}; {@link #toString()} shows neither part.
     *
     * @param username the username (no control characters)
     * @param password the password
     */
    record Credentials(String username, Secret password) {
        /**
         * Validates.
         *
         * @param username the username (no control characters)
         * @param password the password
         */
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            for (int i = 0; i < username.length(); i++) {
                char c = username.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    throw new IllegalArgumentException("control character in the proxy username at index " + i);
                }
            }
        }

        /** @return {@code "Credentials[redacted]"} */
        @Override
        public String toString() {
            return "Credentials[redacted]";
        }
    }

    private static void checkEndpoint(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty proxy host");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '/' || c == '@' || c == '?' || c == '#') {
                throw new IllegalArgumentException("character " + (int) c + " not allowed in a proxy host, index "
                        + i);
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port out of range: " + port);
        }
    }

    /** {@code host:port}, with an IPv6 literal in brackets. */
    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
