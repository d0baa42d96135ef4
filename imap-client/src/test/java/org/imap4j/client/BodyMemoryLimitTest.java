package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.session.testing.MemoryProbe;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A body's memory follows the bytes received, never the size a server announces, and a body held in memory is
 * bounded by {@code maxInMemoryBody} whatever the stream threshold; breaking the bound fails the waiting caller at
 * once with the typed limit error and closes the connection (issue 14 item 7; literal-size DoS, net-imap
 * CVE-2025-43857). Both transports.
 */
class BodyMemoryLimitTest {
    private static final long HUGE = 300_000_000L;

    /** Announces {@code size} for BODY[] of UID 5, sends {@code send} bytes of it in 64 KiB pieces, then waits. */
    // Raw bytes: the test is about a literal whose announced size is not (yet) what follows, which the codec would
    // never write.
    private static ScriptedImapServer bodyServer(long size, long send, long pauseMillis, CountDownLatch sent,
            boolean complete) throws IOException {
        return HandlerScripts.start(x -> {
            if (!(x.command() instanceof Command.Fetch)) {
                return false;
            }
            x.sendRaw("* 1 FETCH (UID 5 BODY[] {" + size + "}\r\n");
            byte[] piece = new byte[64 * 1024];
            Arrays.fill(piece, (byte) 'x');
            long left = send;
            while (left > 0) {
                int n = (int) Math.min(piece.length, left);
                x.sendRaw(n == piece.length ? piece : Arrays.copyOf(piece, n));
                left -= n;
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
            if (sent != null) {
                sent.countDown();
            }
            if (complete) {
                x.sendRaw(")\r\n");
                x.ok("fetched");
                return true;
            }
            x.stall();
            return true;
        });
    }

    private static ImapClient connect(ImapClientConfig.Builder b) {
        ImapClient c = b.connect();
        c.login("alice", "secret");
        c.select(MailboxName.INBOX);
        return c;
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aHugeAnnouncedBodyFailsAtOnceWithTheTypedLimitAndCostsNoHeap(ImapClientConfig.Transport transport)
            throws Exception {
        try (ScriptedImapServer server = bodyServer(HUGE, Long.MAX_VALUE, 20, null, false)) {
            try (ImapClient c = connect(HandlerScripts.client(server, transport))) {
                MemoryProbe probe = MemoryProbe.start();
                long t0 = System.nanoTime();
                ImapProtocolException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> assertThrows(ImapProtocolException.class, () -> c.fetchMessage(SequenceSet.of(5))));
                long waited = System.nanoTime() - t0;
                MemoryProbe.Result r = probe.stop();
                System.out.println("[BodyMemoryLimitTest] " + transport + ", {300000000} trickled, default limit: "
                        + r + ", error after " + waited / 1_000_000 + " ms");
                assertEquals("maxInMemoryBody", e.limit(), e::getMessage);
                assertTrue(waited < TimeUnit.SECONDS.toNanos(5), "the error came at once, not with a timeout");
                assertTrue(r.allocatedBytes() < 32L << 20, "a 300 MB announcement cost " + r);
                assertThrows(ImapException.class, c::noop, "the connection is closed");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void memoryGrowsOnlyWithTheBytesReceivedUnderAHighLimit(ImapClientConfig.Transport transport) throws Exception {
        CountDownLatch sent = new CountDownLatch(1);
        long trickled = 4L << 20;
        try (ScriptedImapServer server = bodyServer(HUGE, trickled, 2, sent, false)) {
            ImapClient c = connect(HandlerScripts.client(server, transport).maxInMemoryBody(400_000_000L));
            MemoryProbe probe = MemoryProbe.start();
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread fetcher = new Thread(() -> {
                try {
                    c.fetchMessage(SequenceSet.of(5));
                } catch (Throwable t) {
                    outcome.set(t);
                }
            }, "fetcher");
            fetcher.start();
            assertTrue(sent.await(30, TimeUnit.SECONDS));
            Thread.sleep(500); // the client reads what was sent
            MemoryProbe.Result r = probe.stop();
            System.out.println("[BodyMemoryLimitTest] " + transport + ", 4 MiB of {300000000} received under a "
                    + "400 MB limit: " + r);
            c.close();
            fetcher.join(10_000);
            assertInstanceOf(ImapException.class, outcome.get(), "the fetch ends when the client closes");
            assertTrue(r.allocatedBytes() < 48L << 20, "4 MiB received of a 300 MB announcement cost " + r);
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aBodyOverTheLimitFailsPromptlyEvenWhenAllItsBytesArrive(ImapClientConfig.Transport transport)
            throws Exception {
        int size = 5_000_000;
        try (ScriptedImapServer server = bodyServer(size, size, 0, null, false)) {
            try (ImapClient c = connect(HandlerScripts.client(server, transport).maxInMemoryBody(4L << 20))) {
                long t0 = System.nanoTime();
                ImapProtocolException e = assertTimeoutPreemptively(Duration.ofSeconds(15),
                        () -> assertThrows(ImapProtocolException.class, () -> c.fetchMessage(SequenceSet.of(5))));
                assertEquals("maxInMemoryBody", e.limit());
                assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
                assertThrows(ImapException.class, c::noop, "the connection is closed");
            }
        }
    }

    /** Below the 1 MiB stream threshold the codec buffers literals: the in-memory limit still holds. */
    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void theLimitHoldsBelowTheStreamThresholdToo(ImapClientConfig.Transport transport) throws Exception {
        int size = 200_000;
        try (ScriptedImapServer server = bodyServer(size, size, 0, null, true)) {
            try (ImapClient c = connect(HandlerScripts.client(server, transport).maxInMemoryBody(100_000))) {
                ImapProtocolException e = assertTimeoutPreemptively(Duration.ofSeconds(15),
                        () -> assertThrows(ImapProtocolException.class, () -> c.fetchMessage(SequenceSet.of(5))));
                assertEquals("maxInMemoryBody", e.limit());
            }
        }
    }

    /** The limit is for bodies held in memory: a sink takes any size. */
    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aBodyWrittenToASinkIsNotLimited(ImapClientConfig.Transport transport) throws Exception {
        int size = 300_000;
        try (ScriptedImapServer server = bodyServer(size, size, 0, null, true)) {
            try (ImapClient c = connect(HandlerScripts.client(server, transport).maxInMemoryBody(100_000))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                FetchResults r = c.fetchMessages(SequenceSet.of(5), (uid, seq, announced) -> out);
                assertEquals(size, out.size());
                assertEquals(List.of(5L), List.copyOf(r.keySet()));
                FetchResults small = c.fetchMessages(SequenceSet.of(5), (uid, seq, announced) -> out);
                assertEquals(2 * size, out.size());
                assertEquals(List.of(), small.warnings());
            }
        }
    }
}
