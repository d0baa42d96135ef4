package org.imap4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.imap4j.client.FetchResult;
import org.imap4j.client.FetchResults;
import org.imap4j.client.FetchStream;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.response.Capability;
import org.imap4j.session.LiteralSourceException;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Streaming both ways against a real server (Dovecot): a pulled FETCH whose bodies are bound in place and read as
 * streams, with back-pressure to the socket; APPEND from an {@link InputStream} with LITERAL+ and with synchronizing
 * literals, exact to the byte; a stream of the wrong length fails the command and closes the connection without
 * storing anything (issue 15 item 6). Run by each transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractStreamingSuite {
    private static final AtomicLong UNIQUE = new AtomicLong();
    private DovecotServer dovecot;
    private DovecotServer syncOnly;

    /** @return the transport under test */
    protected abstract ImapClientConfig.Transport transport();

    @BeforeAll
    void start() {
        dovecot = DovecotServer.startOrSkip();
    }

    @AfterAll
    void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
        if (syncOnly != null) {
            syncOnly.close();
        }
    }

    private ImapClient client(DovecotServer d, Duration readTimeout) {
        ImapClient c = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(transport()).readTimeout(readTimeout).connect();
        c.login(DovecotServer.USER, DovecotServer.PASSWORD);
        return c;
    }

    private static MailboxName box(ImapClient c, String prefix) {
        MailboxName b = MailboxName.of(prefix + "-" + System.nanoTime() % 100000 + "-" + UNIQUE.incrementAndGet());
        c.create(b);
        return b;
    }

    /** A generated message of exactly {@code size} bytes (CRLF lines), never held in memory. */
    static class Generated extends InputStream {
        private final byte[] header;
        private final long size;
        private final int seed;
        private long pos;

        Generated(long size, int seed) {
            this.header = ("From: a@example.org\r\nSubject: generated " + seed + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            this.size = size;
            this.seed = seed;
        }

        long textOffset() {
            return header.length;
        }

        private byte at(long p) {
            if (p < header.length) {
                return header[(int) p];
            }
            // it ends in CRLF and has no lone CR anywhere (a server may store line ends its own way)
            if (p == size - 2) {
                return '\r';
            }
            if (p == size - 1) {
                return '\n';
            }
            if (p == size - 3 && (p - header.length) % 78 == 76) {
                return 'Z';
            }
            long q = p - header.length;
            long col = q % 78;
            if (col == 76) {
                return '\r';
            }
            if (col == 77) {
                return '\n';
            }
            return (byte) ('A' + (q / 78 * 7 + col + seed) % 26);
        }

        @Override
        public int read() {
            return pos < size ? at(pos++) & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            for (int i = 0; i < n; i++) {
                b[off + i] = at(pos++);
            }
            return n;
        }
    }

    static byte[] sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] textSha(long size, int seed) throws IOException {
        Generated g = new Generated(size, seed);
        g.skipNBytes(g.textOffset());
        return sha256(g);
    }

    @Test
    void pulledFetchHandsEachBodyToItsMessageAndSectionInPlace() throws IOException {
        try (ImapClient c = client(dovecot, Duration.ofSeconds(20))) {
            MailboxName box = box(c, "Pull");
            long[] sizes = {2_500_000, 40_000, 3_100_000};
            Map<Long, Integer> seedOf = new HashMap<>();
            for (int i = 0; i < sizes.length; i++) {
                long uid = c.append(box, new Generated(sizes[i], i), sizes[i]).uid().orElseThrow();
                seedOf.put(uid, i);
            }
            c.select(box);
            List<String> seen = new ArrayList<>();
            int responses = 0;
            try (FetchStream s = c.fetchStream(SequenceSet.all(), null, FetchAttribute.Item.UID,
                    new FetchAttribute.BodySection(Section.whole(), true, null),
                    new FetchAttribute.BodySection(Section.text(), true, null))) {
                for (FetchStream.Part p : s) {
                    if (p instanceof FetchStream.Body b) {
                        assertTrue(b.bound());
                        long uid = b.uid().orElseThrow();
                        int seed = seedOf.get(uid);
                        Section section = ((FetchItem.BodySection) b.item()).section();
                        byte[] want = section.equals(Section.whole())
                                ? sha256(new Generated(sizes[seed], seed)) : textSha(sizes[seed], seed);
                        assertArrayEquals(want, sha256(b.content()), uid + " " + section);
                        seen.add(uid + (section.equals(Section.whole()) ? " whole" : " text"));
                    } else {
                        FetchResult r = ((FetchStream.Response) p).result();
                        assertTrue(r.uid().isPresent());
                        for (FetchItem i : r.items()) {
                            if (i instanceof FetchItem.BodySection bs) {
                                assertInstanceOf(BodyData.Streamed.class, bs.data(), "bodies came as Body parts");
                            }
                        }
                        responses++;
                    }
                }
                assertTrue(s.warnings().isEmpty(), s.warnings().toString());
            }
            assertEquals(3, responses);
            assertEquals(6, seen.size(), seen.toString());
            assertEquals(6, seen.stream().distinct().count(), seen.toString());
            // collecting everything into memory stays a one-liner on top, and equals the push-style fetch
            FetchResults all;
            try (FetchStream s = c.fetchStream(SequenceSet.all(), null, FetchAttribute.Item.UID,
                    new FetchAttribute.BodySection(Section.whole(), true, null))) {
                all = s.collect();
            }
            FetchResults pushed = c.fetchMessage(SequenceSet.all());
            assertEquals(pushed.keySet(), all.keySet());
            for (long uid : all.keySet()) {
                assertEquals(pushed.get(uid).message().orElseThrow(), all.get(uid).message().orElseThrow());
            }
            c.noop();
        }
    }

    @Test
    void aSlowConsumerStopsTheReadingAndTheReadTimeoutWaitsForIt() throws Exception {
        long size = 24L << 20;
        try (ImapClient c = client(dovecot, Duration.ofSeconds(2))) {
            MailboxName box = box(c, "Slow");
            long uid = c.append(box, new Generated(size, 7), size).uid().orElseThrow();
            c.select(box);
            AtomicLong progress = new AtomicLong();
            try (FetchStream s = c.fetchStream(SequenceSet.of(uid), (done, total) -> progress.set(done),
                    new FetchAttribute.BodySection(Section.whole(), true, null))) {
                FetchStream.Body b = assertInstanceOf(FetchStream.Body.class, s.next());
                assertEquals(size, b.size());
                Thread.sleep(3000); // longer than the read timeout: the server's silence is ours
                PullFetchOp op = (PullFetchOp) s;
                long queued = op.queuedBytes();
                // the window, plus what the transport had read before the pause took effect: at most its own
                // delivery backlog bound (NIO: 4 MiB) and one read
                assertTrue(queued <= PullFetchOp.HIGH_WATER + (5 << 20), "queued " + queued);
                assertTrue(queued < size / 2, "queued " + queued);
                if (transport() == ImapClientConfig.Transport.NIO) {
                    assertTrue(op.readingPaused(), "the NIO transport stopped reading (queued " + queued + ")");
                }
                assertArrayEquals(sha256(new Generated(size, 7)), sha256(b.content()));
                assertEquals(size, progress.get());
                assertInstanceOf(FetchStream.Response.class, s.next());
                assertEquals(null, s.next());
            }
            c.noop();
        }
    }

    @Test
    void theAsyncClientStreamsBothWaysToo() throws Exception {
        long size = 3_300_000;
        org.imap4j.client.AsyncImapClient a = ImapClient.builder(dovecot.host()).port(dovecot.imapPort())
                .tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true).transport(transport())
                .readTimeout(Duration.ofSeconds(20)).connectAsync().get(20, java.util.concurrent.TimeUnit.SECONDS);
        try {
            a.login(DovecotServer.USER, org.imap4j.codec.core.Secret.of(DovecotServer.PASSWORD))
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);
            MailboxName box = MailboxName.of("Async-" + UNIQUE.incrementAndGet());
            a.create(box).get(20, java.util.concurrent.TimeUnit.SECONDS);
            AtomicLong sent = new AtomicLong();
            long uid = a.append(box, new Generated(size, 8), size, (done, total) -> sent.set(done))
                    .get(60, java.util.concurrent.TimeUnit.SECONDS).uid().orElseThrow();
            assertEquals(size, sent.get());
            a.select(box).get(20, java.util.concurrent.TimeUnit.SECONDS);
            try (FetchStream s = a.fetchStream(SequenceSet.of(uid), null,
                    new FetchAttribute.BodySection(Section.whole(), true, null))) {
                FetchStream.Body b = assertInstanceOf(FetchStream.Body.class, s.next());
                assertEquals(java.util.OptionalLong.of(uid), b.uid(), "bound to its UID before the body arrived");
                assertArrayEquals(sha256(new Generated(size, 8)), sha256(b.content()));
            }
        } finally {
            a.close();
        }
    }

    @Test
    void closingAStreamEarlyReadsTheRestAndTheConnectionGoesOn() throws IOException {
        try (ImapClient c = client(dovecot, Duration.ofSeconds(20))) {
            MailboxName box = box(c, "Early");
            c.append(box, new Generated(3_000_000, 1), 3_000_000);
            c.append(box, new Generated(3_000_000, 2), 3_000_000);
            c.select(box);
            try (FetchStream s = c.fetchStream(SequenceSet.all(), null,
                    new FetchAttribute.BodySection(Section.whole(), true, null))) {
                FetchStream.Body b = assertInstanceOf(FetchStream.Body.class, s.next());
                assertEquals('F', b.content().read());
            }
            assertEquals(2, c.fetchSize(SequenceSet.all()).size());
        }
    }

    @Test
    void appendFromAStreamWithLiteralPlusSendsExactlyTheBytes() throws IOException {
        long size = 5_000_000;
        try (ImapClient c = client(dovecot, Duration.ofSeconds(20))) {
            assertTrue(Capability.has(c.capabilities(), Capability.Known.LITERAL_PLUS), "precondition");
            MailboxName box = box(c, "Up");
            AtomicLong sent = new AtomicLong();
            long uid = c.append(box, new Generated(size, 3), size, (done, total) -> sent.set(done)).uid()
                    .orElseThrow();
            assertEquals(size, sent.get());
            c.select(box);
            assertArrayEquals(sha256(new Generated(size, 3)), downloaded(c, uid));
        }
    }

    private static byte[] downloaded(ImapClient c, long uid) throws IOException {
        try (FetchStream s = c.fetchStream(SequenceSet.of(uid), null,
                new FetchAttribute.BodySection(Section.whole(), true, null))) {
            FetchStream.Body b = assertInstanceOf(FetchStream.Body.class, s.next());
            return sha256(b.content());
        }
    }

    private DovecotServer syncOnly() {
        if (syncOnly == null) {
            syncOnly = DovecotServer.startOrSkip("IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE UIDPLUS");
        }
        return syncOnly;
    }

    @Test
    void appendFromAStreamWaitsForTheContinuationWithoutLiteralPlus() throws IOException {
        long size = 700_000;
        try (ImapClient c = client(syncOnly(), Duration.ofSeconds(20))) {
            assertFalse(Capability.has(c.capabilities(), Capability.Known.LITERAL_PLUS), "precondition");
            assertFalse(Capability.has(c.capabilities(), Capability.Known.LITERAL_MINUS), "precondition");
            MailboxName box = box(c, "Sync");
            long uid = c.append(box, new Generated(size, 4), size).uid().orElseThrow();
            c.select(box);
            assertArrayEquals(sha256(new Generated(size, 4)), downloaded(c, uid));
        }
    }

    @Test
    void aStreamThatEndsEarlyOrHoldsMoreFailsTypedClosesAndStoresNothing() {
        for (long given : new long[] {200_000, 300_001}) {
            MailboxName box;
            try (ImapClient setup = client(dovecot, Duration.ofSeconds(20))) {
                box = box(setup, "Wrong");
            }
            ImapClient c = client(dovecot, Duration.ofSeconds(20));
            try {
                LiteralSourceException e = assertThrows(LiteralSourceException.class,
                        () -> c.append(box, new Generated(given, 5), 300_000));
                assertTrue(e.getMessage().contains("300000"), e.getMessage());
                assertThrows(ImapConnectionException.class, c::noop, "the connection is closed");
            } finally {
                c.close();
            }
            try (ImapClient check = client(dovecot, Duration.ofSeconds(20))) {
                assertEquals(0L, check.status(box, org.imap4j.codec.command.StatusAttribute.MESSAGES).messages()
                        .orElseThrow(), "no message of the wrong length was stored (" + given + " bytes given)");
            }
        }
    }

    @Test
    void theStreamIsNotReadWhenTheServerRefusesBeforeTheContinuation() {
        try (ImapClient c = client(syncOnly(), Duration.ofSeconds(20))) {
            AtomicLong read = new AtomicLong();
            InputStream counted = new Generated(10_000, 6) {
                @Override
                public int read(byte[] b, int off, int len) {
                    int n = super.read(b, off, len);
                    read.addAndGet(Math.max(n, 0));
                    return n;
                }
            };
            assertThrows(org.imap4j.codec.ImapCommandException.class,
                    () -> c.append(MailboxName.of("NoSuchBox-" + UNIQUE.incrementAndGet()), counted, 10_000));
            assertEquals(0, read.get(), "refused before the +: the payload was never read nor sent");
            c.noop();
        }
    }
}
