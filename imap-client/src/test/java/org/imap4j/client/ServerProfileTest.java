package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imap4j.codec.response.Capability;
import org.junit.jupiter.api.Test;

/** Server families told from capabilities, ID and greeting, strongest signal first. */
class ServerProfileTest {

    private static List<Capability> caps(String... names) {
        List<Capability> out = new ArrayList<>();
        for (String n : names) {
            out.add(Capability.of(n));
        }
        return out;
    }

    @Test
    void familiesFromTheirOwnCapabilities() {
        ServerProfile gmail = ServerProfile.detect("Gimap ready for requests from 192.0.2.1 a1mb123", Map.of(),
                caps("IMAP4rev1", "X-GM-EXT-1", "UIDPLUS"));
        assertEquals(ServerProfile.Family.GMAIL, gmail.family());
        assertEquals(15, gmail.connectionLimit());
        assertEquals("capability X-GM-EXT-1", gmail.evidence());
        assertTrue(gmail.quirks().contains("gmail-highestmodseq-no-text"));
        assertEquals(ServerProfile.Family.ICLOUD, ServerProfile.detect("", Map.of(),
                caps("IMAP4rev1", "XAPPLEPUSHSERVICE")).family());
        assertEquals(ServerProfile.Family.YAHOO, ServerProfile.detect("", Map.of(),
                caps("IMAP4rev1", "XYMHIGHESTMODSEQ")).family());
        // Courier's pre-authenticated greeting says only "Ready."; ACL2=UNION is its own
        assertEquals(ServerProfile.Family.COURIER, ServerProfile.detect("Ready.", Map.of(),
                caps("IMAP4rev1", "ACL", "ACL2=UNION")).family());
    }

    @Test
    void familiesFromIdThenGreeting() {
        ServerProfile dovecot = ServerProfile.detect("Dovecot (Debian) ready.", Map.of("name", "Dovecot"),
                caps("IMAP4rev1", "ID"));
        assertEquals(ServerProfile.Family.DOVECOT, dovecot.family());
        assertEquals("Dovecot", dovecot.product());
        ServerProfile cyrus = ServerProfile.detect("server ready", Map.of("NAME", "Cyrus IMAPD", "version",
                "3.6.1-Debian-3.6.1-4"), caps("IMAP4rev1"));
        assertEquals(ServerProfile.Family.CYRUS, cyrus.family());
        assertEquals("3.6.1-Debian-3.6.1-4", cyrus.version());
        assertEquals("ID name Cyrus IMAPD", cyrus.evidence());
        assertEquals(ServerProfile.Family.MICROSOFT, ServerProfile.detect(
                "The Microsoft Exchange IMAP4 service is ready.", Map.of(), caps("IMAP4rev1")).family());
        assertEquals(ServerProfile.Family.STALWART, ServerProfile.detect("Stalwart IMAP4rev2 at your service.",
                Map.of(), caps("IMAP4rev2")).family());
        assertEquals(ServerProfile.Family.FASTMAIL, ServerProfile.detect("", Map.of("vendor", "Fastmail"),
                caps("IMAP4rev1")).family());
        ServerProfile unknown = ServerProfile.detect("hello", Map.of(), caps("IMAP4rev1"));
        assertEquals(ServerProfile.Family.UNKNOWN, unknown.family());
        assertEquals(0, unknown.connectionLimit());
        assertTrue(unknown.quirks().isEmpty());
    }

    @Test
    void aCapabilityOutranksWhatTheServerSaysOfItself() {
        // a Gmail front end saying "Dovecot" in its greeting is still Gmail: the capability is the stronger signal
        assertEquals(ServerProfile.Family.GMAIL, ServerProfile.detect("Dovecot ready", Map.of("name", "Dovecot"),
                caps("X-GM-EXT-1")).family());
        // control characters from the server never reach the evidence text
        assertEquals("greeting \"Dovecot??ready\"", ServerProfile.detect("Dovecot\u001b\nready", Map.of(),
                caps()).evidence());
    }
}
