package org.imap4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.core.Secret;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.Test;

class MicrometerMetricsTest {
    @Test
    void aSessionFeedsCommandTimersHandshakeBytesAndTheOpenGauge() {
        try (GreenMailServer gm = GreenMailServer.start()) {
            gm.deliver("From: a@example.org\r\nSubject: one\r\n\r\nbody\r\n");
            MeterRegistry registry = new SimpleMeterRegistry();
            Servers.Output out = new Servers.Output();

            MicrometerMetrics.run(Servers.tls(gm), GreenMailServer.USER, Secret.of(GreenMailServer.PASSWORD),
                    registry, out.stream);

            String printed = out.text();
            assertTrue(printed.contains("1 messages in INBOX"), printed);
            for (String command : new String[] {"LOGIN", "SELECT", "LOGOUT"}) {
                assertEquals(1, registry.get("imap.command").tag("command", command).tag("status", "OK").timer()
                        .count(), () -> command + "\n" + printed);
            }
            assertEquals(1, registry.get("imap.connect").timer().count(), printed);
            assertEquals(1, registry.get("imap.tls.handshake").timer().count(), printed);
            assertTrue(registry.get("imap.tls.handshake").timer().getId().getTag("protocol").startsWith("TLS"));
            assertTrue(registry.get("imap.bytes.sent").counter().count() > 100, printed);
            assertTrue(registry.get("imap.bytes.received").counter().count() > 1000, printed);
            assertEquals(0, registry.get("imap.connections.open").gauge().value(), "closed again: " + printed);
            assertTrue(printed.contains("imap.command"), "the meters are printed: " + printed);
            assertTrue(!printed.contains(GreenMailServer.PASSWORD), printed);
        }
    }

    @Test
    void aRefusedLoginIsTimedWithItsStatus() {
        try (GreenMailServer gm = GreenMailServer.start()) {
            MeterRegistry registry = new SimpleMeterRegistry();
            assertThrows(ImapException.class, () -> MicrometerMetrics.run(Servers.tls(gm), GreenMailServer.USER,
                    Secret.of("wrong"), registry, new Servers.Output().stream));
            assertEquals(1, registry.get("imap.command").tag("command", "LOGIN").tag("status", "NO").timer().count());
            assertEquals(0, registry.get("imap.connections.open").gauge().value());
        }
    }
}
