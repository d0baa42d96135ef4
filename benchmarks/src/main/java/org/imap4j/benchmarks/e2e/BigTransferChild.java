package org.imap4j.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import org.imap4j.client.FetchStream;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;
import org.imap4j.session.TlsMode;

/**
 * One transfer of {@link BigTransferRunner}, in its own JVM (the runner starts it with {@code -Xmx64m}): APPENDs a
 * {@link GeneratedMessage} of the given size from the stream (SHA-256 of the bytes the stream gave), then downloads
 * it with {@code BODY.PEEK[]} through {@link ImapClient#fetchStream} (SHA-256 of the bytes the body stream gave), and
 * prints one line: {@code BIG upload_ms=.. download_ms=.. sent=<sha> got=<sha> size=.. heap_peak_kib=..
 * vmhwm_kib=..}. The heap peak is the largest heap use (live and garbage) seen by a sampler every 10 ms.
 *
 * <pre>
 * java -Xmx64m -cp benchmarks.jar org.imap4j.benchmarks.e2e.BigTransferChild host port user password mailbox size BLOCKING|NIO
 * </pre>
 */
public final class BigTransferChild {
    /** The prefix of the result line. */
    static final String PREFIX = "BIG ";

    private BigTransferChild() {
    }

    /**
     * @param args host port user password mailbox size transport
     * @throws Exception on failure (exit status 1)
     */
    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        MailboxName box = MailboxName.of(args[4]);
        long size = Long.parseLong(args[5]);
        ImapClientConfig.Transport transport = ImapClientConfig.Transport.valueOf(args[6]);
        java.util.concurrent.atomic.AtomicLong heapPeak = new java.util.concurrent.atomic.AtomicLong();
        Thread sampler = new Thread(() -> {
            java.lang.management.MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            while (true) {
                heapPeak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try (ImapClient c = ImapClient.builder(host).port(port).tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true)
                .transport(transport).readTimeout(Duration.ofSeconds(120)).connect()) {
            c.login(args[2], args[3]);
            c.create(box);
            MessageDigest sent = GeneratedMessage.sha256();
            long t0 = System.nanoTime();
            long uid;
            try (DigestInputStream in = new DigestInputStream(new GeneratedMessage(size, 1), sent)) {
                uid = c.append(box, in, size).uid().orElseThrow();
            }
            long t1 = System.nanoTime();
            c.select(box);
            MessageDigest got = GeneratedMessage.sha256();
            long received = 0;
            long t2 = System.nanoTime();
            try (FetchStream s = c.fetchStream(SequenceSet.of(uid), null,
                    new FetchAttribute.BodySection(Section.whole(), true, null))) {
                for (FetchStream.Part p : s) {
                    if (p instanceof FetchStream.Body b) {
                        byte[] buf = new byte[64 * 1024];
                        for (int n; (n = b.content().read(buf)) > 0; ) {
                            got.update(buf, 0, n);
                            received += n;
                        }
                    }
                }
            }
            long t3 = System.nanoTime();
            c.closeMailbox();
            c.delete(box);
            c.logout();
            HexFormat hex = HexFormat.of();
            System.out.println(String.format(Locale.ROOT, "%supload_ms=%d download_ms=%d sent=%s got=%s size=%d "
                    + "heap_peak_kib=%d vmhwm_kib=%d max_heap_kib=%d", PREFIX, (t1 - t0) / 1_000_000,
                    (t3 - t2) / 1_000_000, hex.formatHex(sent.digest()), hex.formatHex(got.digest()), received,
                    heapPeak.get() / 1024, ChildReport.peakRssKib(), Runtime.getRuntime().maxMemory() / 1024));
        }
    }
}
