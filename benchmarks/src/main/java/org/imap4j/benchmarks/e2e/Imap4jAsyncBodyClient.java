package org.imap4j.benchmarks.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.imap4j.client.AsyncImapClient;
import org.imap4j.client.FetchResult;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.ProgressListener;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.Section;
import org.imap4j.session.TlsMode;

/**
 * imap4j's asynchronous client in the body job ({@link BodyRunner}): {@link AsyncImapClient} on the NIO transport,
 * LOGIN, SELECT, the whole of messages UID 1..N read and summed ({@link ChildReport#sum}), LOGOUT. Modes:
 * <ul>
 *   <li>{@code stream}: {@link AsyncImapClient#fetchMessages(SequenceSet, org.imap4j.client.BodySink)}, the single
 *       command {@code UID FETCH 1:N (UID BODY.PEEK[])} with each body written to its own sink stream as it
 *       arrives (in chunks above the 1 MiB stream threshold), none kept;</li>
 *   <li>{@code each}: the former streamed mode, one {@link AsyncImapClient#fetchSpecific(long, Section, java.io.OutputStream,
 *       ProgressListener)} per message, each started when the previous one completes, so N commands
 *       {@code UID FETCH u (BODY.PEEK[])}, one round trip each; each body goes to the sink (in chunks above the
 *       1 MiB stream threshold);</li>
 *   <li>{@code pipelined}: the same N calls issued at once, so that the client pipelines them. Kept to reproduce a
 *       client defect, not measured: the engine hands an untagged FETCH to the oldest in-flight FETCH command
 *       ({@code ImapEngine.route}), whose {@code FetchOp} finds the UID outside its set and passes the response to
 *       the mailbox listener, so bodies of later commands are lost (on 2026-11-24, 11-13 of 50 came back empty);</li>
 *   <li>{@code memory}: {@link AsyncImapClient#fetchMessage(SequenceSet)}, the single command
 *       {@code UID FETCH 1:N (BODY.PEEK[])} with every body in memory at once.</li>
 * </ul>
 * The sink is written on the client's callback executor, one response at a time, never concurrently.
 *
 * <p>{@code -Dbench.streamAbove=BYTES}: see {@link ChildReport#streamAbove}.
 *
 * <pre>
 * java -cp ... org.imap4j.benchmarks.e2e.Imap4jAsyncBodyClient HOST PORT USER PASSWORD MAILBOX N stream|each|pipelined|memory
 * </pre>
 */
public final class Imap4jAsyncBodyClient {
    private Imap4jAsyncBodyClient() {
    }

    /** @param args HOST PORT USER PASSWORD MAILBOX N stream|each|pipelined|memory */
    public static void main(String[] args) {
        long mainStart = System.nanoTime();
        if (args.length != 7) {
            System.err.println("usage: Imap4jAsyncBodyClient HOST PORT USER PASSWORD MAILBOX N stream|each|pipelined|memory");
            System.exit(2);
        }
        ChildReport.checkArgs("Imap4jAsyncBodyClient", Arrays.copyOf(args, 5));
        int n = Integer.parseInt(args[5]);
        String mode = args[6];
        ImapClientConfig config = ChildReport.streamAbove(ImapClient.builder(args[0]).port(Integer.parseInt(args[1]))
                .tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true).transport(ImapClientConfig.Transport.NIO)
                .readTimeout(Duration.ofSeconds(120))).build();
        MailboxName box = MailboxName.of(args[4]);
        ChildReport.SumSink sink = new ChildReport.SumSink();
        int messages = AsyncImapClient.connect(config).thenCompose(c -> c.login(args[2], Secret.of(args[3]))
                .thenCompose(v -> c.select(box))
                .thenCompose(s -> "stream".equals(mode) ? oneCommand(c, n, sink)
                        : "each".equals(mode) ? streamEach(c, 1, n, sink, 0)
                        : "pipelined".equals(mode) ? streamAll(c, n, sink) : inMemory(c, n, sink))
                .thenCompose(count -> c.logout().thenApply(v -> count))
                .whenComplete((r, e) -> c.close()))
                .join();
        ChildReport.printAndExit(messages, sink.sum, mainStart);
    }

    /** All N bodies in one command, each to its own (summing) stream; returns how many bodies were opened. */
    private static CompletableFuture<Integer> oneCommand(AsyncImapClient c, int n, ChildReport.SumSink sink) {
        AtomicInteger opened = new AtomicInteger();
        return c.fetchMessages(SequenceSet.range(1, n), Imap4jBlockingBodyClient.summing(sink, opened))
                .thenApply(results -> opened.get());
    }

    /** Streams message {@code uid}, then (on completion) the next, up to {@code n}; returns how many came back. */
    private static CompletableFuture<Integer> streamEach(AsyncImapClient c, long uid, int n, ChildReport.SumSink sink,
            int done) {
        if (uid > n) {
            return CompletableFuture.completedFuture(done);
        }
        return c.fetchSpecific(uid, Section.whole(), sink, ProgressListener.NONE)
                .thenCompose(r -> streamEach(c, uid + 1, n, sink, r != null ? done + 1 : done));
    }

    private static CompletableFuture<Integer> streamAll(AsyncImapClient c, int n, ChildReport.SumSink sink) {
        @SuppressWarnings("unchecked")
        CompletableFuture<FetchResult>[] all = new CompletableFuture[n];
        for (int i = 0; i < n; i++) {
            all[i] = c.fetchSpecific(i + 1, Section.whole(), sink, ProgressListener.NONE);
        }
        return CompletableFuture.allOf(all).thenApply(v -> {
            int count = 0;
            for (CompletableFuture<FetchResult> f : all) {
                if (f.join() != null) {
                    count++;
                }
            }
            return count;
        });
    }

    private static CompletableFuture<Integer> inMemory(AsyncImapClient c, int n, ChildReport.SumSink sink) {
        return c.fetchMessage(SequenceSet.range(1, n)).thenApply(results -> {
            int count = 0;
            for (FetchResult r : results.values()) {
                try {
                    r.message().orElseThrow().writeTo(sink);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count++;
            }
            return count;
        });
    }
}
