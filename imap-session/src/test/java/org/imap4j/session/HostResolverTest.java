package org.imap4j.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Address literals and the RFC 8305 attempt order. */
class HostResolverTest {
    private static List<InetAddress> all(String... literals) throws UnknownHostException {
        List<InetAddress> out = new ArrayList<>();
        for (String l : literals) {
            out.add(InetAddress.getByName(l));
        }
        return out;
    }

    @Test
    void attemptsStartWithIpv6AndAlternateFamilies() throws UnknownHostException {
        assertEquals(all("2001:db8::1", "192.0.2.1", "2001:db8::2", "192.0.2.2", "192.0.2.3"),
                HostResolver.attemptOrder(all("192.0.2.1", "192.0.2.2", "2001:db8::1", "192.0.2.3", "2001:db8::2")));
        assertEquals(all("192.0.2.1", "192.0.2.2"), HostResolver.attemptOrder(all("192.0.2.1", "192.0.2.2",
                "192.0.2.1")), "one family keeps its order; duplicates go");
    }

    @Test
    void literalsAreParsedWithoutALookup() throws UnknownHostException {
        assertEquals(Optional.of(InetAddress.getByName("192.0.2.7")), HostResolver.ipLiteral("192.0.2.7"));
        assertEquals(Optional.of(InetAddress.getByName("::1")), HostResolver.ipLiteral("[::1]"));
        assertEquals(Optional.of(InetAddress.getByName("2001:db8::1")), HostResolver.ipLiteral("2001:db8::1"));
        for (String name : List.of("localhost", "imap.example.org", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.x",
                "01234.1.1.1", "::g", "fe80::1%lo")) {
            assertTrue(HostResolver.ipLiteral(name).isEmpty(), name);
        }
    }

    @Test
    void transportOptionsRefuseAHostWithControlCharacters() {
        assertThrows(IllegalArgumentException.class, () -> TransportOptions.builder("a\r\nb").build());
        assertThrows(IllegalArgumentException.class, () -> TransportOptions.builder("a b").build());
        assertThrows(IllegalArgumentException.class,
                () -> TransportOptions.builder("a").connectAttemptDelay(java.time.Duration.ZERO).build());
        TransportOptions o = TransportOptions.builder("imap.example.org").build();
        assertEquals(ProxyOptions.direct(), o.proxy());
        assertEquals(HostResolver.SYSTEM, o.resolver());
        assertEquals(java.time.Duration.ofMillis(250), o.connectAttemptDelay());
        assertEquals(o, o.toBuilder().build());
    }
}
