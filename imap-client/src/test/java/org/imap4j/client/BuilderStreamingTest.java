package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Setting limits on the client builder does not silently turn body streaming off (issue 14 item 14a): the streaming
 * threshold is its own option, which only an explicit choice changes.
 */
@Timeout(120)
class BuilderStreamingTest {
    private static final long DEFAULT_THRESHOLD = 1 << 20;

    private static long threshold(ImapClientConfig.Builder b) {
        return b.build().transportOptions().engine().limits().literalStreamThreshold();
    }

    @Test
    void limitsKeepTheStreamingThresholdUnlessOneIsChosen() {
        CodecLimits custom = CodecLimits.defaults().withMaxLineLength(1 << 16);
        assertEquals(DEFAULT_THRESHOLD, threshold(ImapClient.builder("h")));
        ImapClientConfig.Builder b = ImapClient.builder("h").limits(custom);
        assertEquals(DEFAULT_THRESHOLD, threshold(b));
        assertEquals(1 << 16, b.build().transportOptions().engine().limits().maxLineLength());
        // an explicit threshold, on the limits or by the builder's own option: the later call wins
        assertEquals(4096, threshold(ImapClient.builder("h").limits(custom.withLiteralStreamThreshold(4096))));
        assertEquals(8192, threshold(ImapClient.builder("h").limits(custom.withLiteralStreamThreshold(4096))
                .streamLiteralsAbove(8192)));
        assertEquals(8192, threshold(ImapClient.builder("h").streamLiteralsAbove(8192).limits(custom)));
        assertEquals(Long.MAX_VALUE, threshold(ImapClient.builder("h").limits(custom)
                .streamLiteralsAbove(Long.MAX_VALUE)));
        // only an explicit, smaller in-memory limit lowers the threshold (the codec bounds what it buffers itself)
        assertEquals(4096, threshold(ImapClient.builder("h").limits(custom).streamLiteralsAbove(Long.MAX_VALUE)
                .maxInMemoryBody(4096)));
    }

    /** A 3 MiB body still streams (progress arrives in pieces before the whole body) when the caller set limits. */
    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aLargeBodyStillStreamsWithCustomLimits(ImapClientConfig.Transport transport) {
        try (GreenMailServer g = GreenMailServer.start();
                ImapClient c = ImapClient.builder(g.host()).port(g.imapPort()).tlsMode(TlsMode.PLAIN)
                        .allowCleartextPasswords(true).transport(transport).readTimeout(Duration.ofSeconds(30))
                        .limits(CodecLimits.defaults().withMaxLineLength(1 << 20).withMaxNestingDepth(50))
                        .connect()) {
            c.login(GreenMailServer.USER, GreenMailServer.PASSWORD);
            StringBuilder body = new StringBuilder();
            while (body.length() < (3 << 20)) {
                body.append("line ").append(body.length()).append(" of a large body, streamed not buffered\r\n");
            }
            byte[] message = ("From: a@example.org\r\nSubject: big\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
            long uid = c.append(MailboxName.INBOX, Bytes.of(message)).uid().orElseThrow();
            c.select(MailboxName.INBOX);
            List<long[]> progress = new CopyOnWriteArrayList<>();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            c.fetchMessage(uid, out, (soFar, total) -> progress.add(new long[] {soFar, total}));
            assertArrayEquals(message, out.toByteArray());
            assertTrue(progress.size() > 1 && progress.get(0)[0] < message.length,
                    "the body was buffered whole, not streamed: " + progress.size() + " progress call(s)");
        }
    }
}
