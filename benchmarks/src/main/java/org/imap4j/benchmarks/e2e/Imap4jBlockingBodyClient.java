package org.imap4j.benchmarks.e2e;

import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.imap4j.client.BodySink;
import org.imap4j.client.FetchResult;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.ProgressListener;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.session.TlsMode;

/**
 * imap4j's blocking client in the body job ({@link BodyRunner}): {@link ImapClient} on the BLOCKING transport, LOGIN,
 * SELECT, the whole of messages UID 1..N read and summed ({@link ChildReport#sum}), LOGOUT. Modes:
 * <ul>
 *   <li>{@code stream}: {@link ImapClient#fetchMessages(SequenceSet, BodySink)}, the single command
 *       {@code UID FETCH 1:N (UID BODY.PEEK[])} with each body written to its own sink stream (all of them summing
 *       into one {@link ChildReport.SumSink}); bodies above the client's 1 MiB stream threshold go in chunks, smaller
 *       ones from the parsed response, none is kept;</li>
 *   <li>{@code each}: the former streamed mode, {@link ImapClient#fetchMessage(long, java.io.OutputStream,
 *       ProgressListener)} per message, so N commands {@code UID FETCH u (BODY.PEEK[])}, one round trip each;</li>
 *   <li>{@code memory}: {@link ImapClient#fetchMessage(SequenceSet)}, the single command
 *       {@code UID FETCH 1:N (BODY.PEEK[])}, which returns every body in memory at once.</li>
 * </ul>
 *
 * <p>{@code -Dbench.streamAbove=BYTES}: see {@link ChildReport#streamAbove}.
 *
 * <pre>
 * java -cp ... org.imap4j.benchmarks.e2e.Imap4jBlockingBodyClient HOST PORT USER PASSWORD MAILBOX N stream|each|memory
 * </pre>
 */
public final class Imap4jBlockingBodyClient {
    private Imap4jBlockingBodyClient() {
    }

    /** @param args HOST PORT USER PASSWORD MAILBOX N stream|each|memory */
    public static void main(String[] args) {
        long mainStart = System.nanoTime();
        if (args.length != 7) {
            System.err.println("usage: Imap4jBlockingBodyClient HOST PORT USER PASSWORD MAILBOX N stream|each|memory");
            System.exit(2);
        }
        ChildReport.checkArgs("Imap4jBlockingBodyClient", Arrays.copyOf(args, 5));
        int n = Integer.parseInt(args[5]);
        String mode = args[6];
        int messages = 0;
        ChildReport.SumSink sink = new ChildReport.SumSink();
        try (ImapClient c = ChildReport.streamAbove(ImapClient.builder(args[0]).port(Integer.parseInt(args[1]))
                .tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true).transport(ImapClientConfig.Transport.BLOCKING)
                .readTimeout(Duration.ofSeconds(120))).connect()) {
            c.login(args[2], args[3]);
            c.select(MailboxName.of(args[4]));
            if ("stream".equals(mode)) {
                AtomicInteger opened = new AtomicInteger();
                c.fetchMessages(SequenceSet.range(1, n), summing(sink, opened));
                messages = opened.get();
            } else if ("each".equals(mode)) {
                for (long uid = 1; uid <= n; uid++) {
                    if (c.fetchMessage(uid, sink, ProgressListener.NONE) != null) {
                        messages++;
                    }
                }
            } else {
                Map<Long, FetchResult> results = c.fetchMessage(SequenceSet.range(1, n));
                for (FetchResult r : results.values()) {
                    Bytes b = r.message().orElseThrow();
                    b.writeTo(sink);
                    messages++;
                }
            }
            c.logout();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ChildReport.printAndExit(messages, sink.sum, mainStart);
    }

    /**
     * A body sink whose every stream adds to {@code sum} and counts the bodies; closing a stream (imap4j does at each
     * body's end) leaves {@code sum} open for the next body.
     */
    static BodySink summing(ChildReport.SumSink sum, AtomicInteger opened) {
        OutputStream shared = new OutputStream() {
            @Override
            public void write(int b) {
                sum.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sum.write(b, off, len);
            }
        };
        return (uid, seq, size) -> {
            opened.incrementAndGet();
            return shared;
        };
    }
}
