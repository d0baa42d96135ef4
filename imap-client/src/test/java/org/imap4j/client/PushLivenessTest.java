package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.imap4j.codec.ImapException;
import org.imap4j.session.ImapLivenessException;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;
import org.imap4j.testing.servers.FaultProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Push liveness against Dovecot through a fault-injecting proxy, on both transports: a black-holed link (nothing
 * closed, every byte dropped) ends an IDLE with an {@link ImapLivenessException} within the liveness bound, while a
 * live but quiet server keeps the IDLE going across the probes. The opt-in {@link #measure} prints the detection
 * times of the default and a short bound for BENCHMARKS.md.
 */
class PushLivenessTest {
    private static DovecotServer dovecot;

    @BeforeAll
    static void start() {
        dovecot = DovecotServer.startOrSkip();
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    private static ImapClient connect(FaultProxy proxy, ImapClientConfig.Transport t, Duration liveness) {
        ImapClient c = ImapClient.builder(proxy.host()).port(proxy.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(t).liveness(liveness).connect();
        c.login(DovecotServer.USER, DovecotServer.PASSWORD);
        c.select("INBOX");
        return c;
    }

    /** @return how long after the black hole opened the IDLE failed, in nanoseconds */
    private static long detect(ImapClientConfig.Transport t, Duration liveness) {
        try (FaultProxy proxy = FaultProxy.to(dovecot.host(), dovecot.imapPort());
                ImapClient c = connect(proxy, t, liveness)) {
            Idle idle = c.idle();
            assertTrue(idle.awaitStarted(Duration.ofSeconds(20)), "IDLE started");
            proxy.blackHole();
            long start = System.nanoTime();
            ImapException e = assertThrows(ImapException.class, idle::await);
            long took = System.nanoTime() - start;
            assertInstanceOf(ImapLivenessException.class, e, String.valueOf(e));
            assertThrows(org.imap4j.codec.ImapConnectionException.class, c::noop, "the dead connection is closed");
            return took;
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    @Timeout(60)
    void aBlackHoledIdleIsDetectedWithinTheLivenessBound(ImapClientConfig.Transport t) {
        Duration liveness = Duration.ofSeconds(3);
        long took = detect(t, liveness);
        assertTrue(took >= Duration.ofMillis(1000).toNanos(), "not before the server had half the bound: "
                + took / 1e9 + " s");
        // the bound, plus a wide margin for a loaded machine
        assertTrue(took <= liveness.plusSeconds(10).toNanos(), "detected after " + took / 1e9 + " s");
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    @Timeout(60)
    void aLiveQuietServerKeepsIdleGoingAcrossTheProbes(ImapClientConfig.Transport t) {
        try (FaultProxy proxy = FaultProxy.to(dovecot.host(), dovecot.imapPort());
                ImapClient c = connect(proxy, t, Duration.ofSeconds(2))) {
            Idle idle = c.idle();
            assertTrue(idle.awaitStarted(Duration.ofSeconds(20)));
            // about seven probes (one per second of silence), each answered: IDLE goes on until the limit
            assertFalse(idle.await(Duration.ofSeconds(7)), "IDLE ran to the limit, no failure");
            c.noop(); // the connection is alive
            assertTrue(proxy.accepted() == 1, "one connection throughout");
        }
    }

    /**
     * Opt-in measurement ({@code -Dimap4j.measureLiveness=true}): detection time of a black-holed IDLE with the
     * default bound (2 min) and a 3 s bound, on both transports; printed as a table for BENCHMARKS.md.
     */
    @Test
    @EnabledIfSystemProperty(named = "imap4j.measureLiveness", matches = "true")
    @Timeout(900)
    void measure() {
        StringBuilder sb = new StringBuilder("| transport | liveness | detected after |\n|---|---|---|\n");
        for (ImapClientConfig.Transport t : ImapClientConfig.Transport.values()) {
            for (Duration l : new Duration[] {Duration.ofSeconds(3), Duration.ofMinutes(2)}) {
                long took = detect(t, l);
                sb.append("| ").append(t).append(" | ").append(l.toSeconds()).append(" s | ")
                        .append(String.format(java.util.Locale.ROOT, "%.2f s", took / 1e9)).append(" |\n");
            }
        }
        System.out.println(sb);
    }
}
