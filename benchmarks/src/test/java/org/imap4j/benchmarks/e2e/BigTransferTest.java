package org.imap4j.benchmarks.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.testing.servers.DovecotServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The large-transfer path end to end, in CI: a message many times the child's heap ({@code -Xmx64m}) uploaded from a
 * stream and downloaded through the pulled FETCH, on both transports, SHA-256 checked both ways. By default 256 MiB;
 * {@code -Dimap4j.big=true} runs the full 2 GiB of issue 15 ({@code -Dimap4j.big.size=BYTES} for another size).
 */
class BigTransferTest {
    @Test
    void aMessageFourTimesTheHeapAndMoreGoesUpAndDownVerifiedOnBothTransports() throws Exception {
        Assumptions.assumeTrue(DovecotServer.installed() || System.getenv("CI") != null, "Dovecot not installed");
        long size = Boolean.getBoolean("imap4j.big") ? Long.getLong("imap4j.big.size", 2L << 30)
                : Long.getLong("imap4j.big.size", 256L << 20);
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        List<BigTransferRunner.Result> results;
        try (PrintStream out = new PrintStream(table, true, StandardCharsets.UTF_8)) {
            results = BigTransferRunner.run(size, List.of("BLOCKING", "NIO"), System.getProperty("java.class.path"),
                    out);
        }
        System.out.println(table.toString(StandardCharsets.UTF_8));
        assertEquals(2, results.size());
        for (BigTransferRunner.Result r : results) {
            assertTrue(r.sentOk(), r + "\n" + table);
            assertTrue(r.gotOk(), r + "\n" + table);
            assertEquals(size, r.received(), r.toString());
            assertTrue(r.maxHeapKib() <= 64 * 1024, "the child ran with -Xmx64m: " + r);
            assertTrue(size >= 4L * r.maxHeapKib() * 1024, "the message is four times the heap or more");
        }
    }
}
