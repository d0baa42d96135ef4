package org.imap4j.session;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Turns a host name into the addresses to try, like OkHttp's {@code Dns}: the system resolver by default, or your
 * own (a fixed table, DNS over HTTPS, a service registry). A transport calls it off its I/O thread and bounds the
 * wait by the connect timeout; an IP literal is never passed to it. Through a proxy, only the proxy's name is
 * resolved here (the proxy resolves the server's).
 *
 * <pre>{@code
 * HostResolver pinned = host -> List.of(InetAddress.getByName("192.0.2.7"));
 * TransportOptions o = TransportOptions.builder("imap.example.org").resolver(pinned).build();
 * }</pre>
 *
 * <p>When a name has several addresses, the transports connect in the order of {@link #attemptOrder(List)} and, in
 * the manner of RFC 8305 ("Happy Eyeballs"), start the next attempt when the previous one has not connected within
 * {@link TransportOptions#connectAttemptDelay()} (or has failed), with attempts running in parallel: the first to
 * connect wins and the others are closed. A dead address (an IPv6 route that drops packets) then costs that delay,
 * not the connect timeout.
 */
@FunctionalInterface
public interface HostResolver {
    /** The platform resolver: {@link InetAddress#getAllByName(String)}. */
    HostResolver SYSTEM = host -> Arrays.asList(InetAddress.getAllByName(host));

    /**
     * @param host a host name (never an IP literal)
     * @return its addresses, at least one
     * @throws UnknownHostException if the name has no address
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /**
     * Parses an IP literal without any lookup: a dotted-quad IPv4 address, or an IPv6 address (with or without
     * brackets; no zone).
     *
     * @param host a host name or IP literal
     * @return the address if {@code host} is an IP literal, else empty (a name to resolve)
     */
    static Optional<InetAddress> ipLiteral(String host) {
        String h = host.length() > 2 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
        if (h.indexOf(':') >= 0) {
            if (h.indexOf('%') >= 0) {
                return Optional.empty();
            }
            try {
                // never a DNS query: a string with ':' is parsed as an IPv6 literal or rejected
                return Optional.of(InetAddress.getByName(h));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                return Optional.empty();
            }
            for (int k = 0; k < p.length(); k++) {
                if (p.charAt(k) < '0' || p.charAt(k) > '9') {
                    return Optional.empty();
                }
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return Optional.empty();
            }
            a[i] = (byte) v;
        }
        try {
            return Optional.of(InetAddress.getByAddress(a));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    /**
     * The order in which connection attempts are made (RFC 8305 section 4): IPv6 first, then alternating between the
     * families, each family's addresses kept in the order the resolver gave them; duplicates dropped.
     *
     * @param addresses the resolved addresses
     * @return the attempt order
     */
    static List<InetAddress> attemptOrder(List<InetAddress> addresses) {
        List<InetAddress> v6 = new ArrayList<>();
        List<InetAddress> v4 = new ArrayList<>();
        for (InetAddress a : addresses) {
            if (v6.contains(a) || v4.contains(a)) {
                continue;
            }
            (a instanceof Inet6Address ? v6 : v4).add(a);
        }
        List<InetAddress> out = new ArrayList<>(v6.size() + v4.size());
        for (int i = 0; i < Math.max(v6.size(), v4.size()); i++) {
            if (i < v6.size()) {
                out.add(v6.get(i));
            }
            if (i < v4.size()) {
                out.add(v4.get(i));
            }
        }
        return out;
    }
}
