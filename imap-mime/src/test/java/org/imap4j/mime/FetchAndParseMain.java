package org.imap4j.mime;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.imap4j.client.ImapClient;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.session.TlsMode;

/**
 * Run in a child JVM with a small heap by {@link BoundedHeapFetchTest}: fetches one message from the server and
 * parses it, either streaming through {@link MimeMessages#fetch} ({@code stream}) or, as the control, by collecting
 * the body in memory first and parsing with nothing spooled ({@code in-memory}), then prints what it found.
 *
 * <p>Arguments: host port user password uid mode spool-directory.
 */
public final class FetchAndParseMain {
    private FetchAndParseMain() {
    }

    /**
     * The sum of the heap pools' peak usage. Reached reflectively: the test sources are compiled inside the
     * org.imap4j.mime module, which does not read java.management; the child runs on the class path.
     */
    private static long peakHeap() throws ReflectiveOperationException {
        Object pools = Class.forName("java.lang.management.ManagementFactory").getMethod("getMemoryPoolMXBeans")
                .invoke(null);
        Class<?> poolType = Class.forName("java.lang.management.MemoryPoolMXBean");
        Class<?> usageType = Class.forName("java.lang.management.MemoryUsage");
        long peak = 0;
        for (Object pool : (java.util.List<?>) pools) {
            if (((Enum<?>) poolType.getMethod("getType").invoke(pool)).name().equals("HEAP")) {
                Object usage = poolType.getMethod("getPeakUsage").invoke(pool);
                peak += (Long) usageType.getMethod("getUsed").invoke(usage);
            }
        }
        return peak;
    }

    /**
     * @param args host port user password uid mode spool-directory
     * @throws Exception on any failure (the parent reads the exit code and stderr)
     */
    public static void main(String[] args) throws Exception {
        long uid = Long.parseLong(args[4]);
        MimeOptions options = MimeOptions.defaults().withSpoolDirectory(Path.of(args[6]));
        try (ImapClient c = ImapClient.builder(args[0]).port(Integer.parseInt(args[1])).tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true)
                .connect()) {
            c.login(args[2], args[3]);
            c.select(MailboxName.INBOX);
            MimeMessage m;
            if (args[5].equals("stream")) {
                m = MimeMessages.fetch(c, uid, options);
            } else {
                ByteArrayOutputStream whole = new ByteArrayOutputStream();
                c.fetchMessage(uid, whole, null);
                m = MimeMessages.parse(Bytes.of(whole.toByteArray()), options.withSpoolThreshold(Long.MAX_VALUE));
            }
            try (m) {
                MimePart.Attachment a = m.attachments().get(0);
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[8192];
                try (InputStream in = a.content().openStream()) {
                    for (int n; (n = in.read(buf)) >= 0;) {
                        sha.update(buf, 0, n);
                    }
                }
                System.out.println("subject=" + m.subject());
                System.out.println("from=" + m.from().get(0).formatted());
                System.out.println("text=" + m.text().orElse("").strip());
                System.out.println("html=" + m.html().orElse("").strip());
                System.out.println("attachment=" + a.fileName() + " " + a.size() + " "
                        + a.content().getClass().getSimpleName() + " " + HexFormat.of().formatHex(sha.digest()));
            }
            System.out.println("peakHeapBytes=" + peakHeap() + " maxHeapBytes=" + Runtime.getRuntime().maxMemory());
        }
    }
}
