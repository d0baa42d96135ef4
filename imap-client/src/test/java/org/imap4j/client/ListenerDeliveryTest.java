package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Listener callbacks run on the client's delivery lane, never on the thread that reads the socket (issue 15 item
 * 5), against GreenMail on both transports: a listener that calls the client (blocking) from inside
 * {@code newMessages}, one that sleeps a second, one that throws: no deadlock, no lost event, and the connection
 * keeps working.
 */
@Timeout(60)
class ListenerDeliveryTest {

    /** The listener under test: the first event calls the client, the second sleeps, the third throws. */
    private static final class Demanding implements MailboxListener {
        final AtomicReference<ImapClient> client = new AtomicReference<>();
        final List<Long> exists = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger nestedResults = new AtomicInteger(-1);
        final List<Throwable> nestedFailures = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void newMessages(long count, long recent) {
            exists.add(count);
            threads.add(Thread.currentThread().getName());
            if (exists.size() == 1) {
                try {
                    // a blocking call from inside a callback: served, because this is not the reading thread
                    nestedResults.set(client.get().fetchFlags(SequenceSet.all()).size());
                } catch (RuntimeException e) {
                    nestedFailures.add(e);
                }
            } else if (exists.size() == 2) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (exists.size() == 3) {
                throw new IllegalStateException("a listener bug");
            }
        }
    }

    private static ImapClientConfig.Builder builder(GreenMailServer gm, ImapClientConfig.Transport transport,
            MailboxListener listener) {
        return ImapClient.builder(gm.host()).port(gm.imapPort()).tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true)
                .transport(transport).readTimeout(Duration.ofSeconds(20)).listener(listener);
    }

    private static long readers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("imap4j-reader-")).count();
    }

    private static String message(int i) {
        return "From: a@example.org\r\nSubject: message " + i + "\r\n\r\nbody " + i + "\r\n";
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aBlockingCallerAndAListenerThatCallsTheClientSleepsAndThrows(ImapClientConfig.Transport transport) {
        Demanding listener = new Demanding();
        try (GreenMailServer gm = GreenMailServer.start();
                ImapClient c = builder(gm, transport, listener).connect()) {
            listener.client.set(c);
            c.login(GreenMailServer.USER, GreenMailServer.PASSWORD);
            c.select(MailboxName.INBOX);
            String caller = Thread.currentThread().getName();
            for (int i = 1; i <= 3; i++) {
                gm.deliver(message(i));
                long started = System.nanoTime();
                c.noop();
                if (i == 2) {
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    assertTrue(ms >= 900, "the caller returns after the listener handled the EXISTS: " + ms + " ms");
                }
            }
            assertEquals(List.of(1L, 2L, 3L), listener.exists, "every event, in order, none lost");
            assertEquals(List.of(), listener.nestedFailures);
            assertEquals(1, listener.nestedResults.get(), "the listener's own FETCH completed");
            for (String t : listener.threads) {
                assertNotEquals(caller, t, "a listener ran on the reading caller's thread");
                assertTrue(t.startsWith("imap4j-delivery-"), "a listener ran on " + t);
            }
            // the connection keeps working after the listener threw
            assertEquals(3, c.fetchFlags(SequenceSet.all()).size());
            c.noop();
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void theAsyncClientsFuturesAndEventsRunInServerOrderOnTheChosenExecutor(ImapClientConfig.Transport transport)
            throws Exception {
        Demanding listener = new Demanding();
        // one thread: a listener's blocking call must not need the lane it runs on
        ExecutorService mine = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "my-delivery");
            t.setDaemon(true);
            return t;
        });
        try (GreenMailServer gm = GreenMailServer.start();
                AsyncImapClient c = builder(gm, transport, listener).deliveryExecutor(mine).connectAsync()
                        .get(20, TimeUnit.SECONDS)) {
            listener.client.set(c.blocking());
            c.login(GreenMailServer.USER, org.imap4j.codec.core.Secret.of(GreenMailServer.PASSWORD))
                    .get(20, TimeUnit.SECONDS);
            c.select(MailboxName.INBOX).get(20, TimeUnit.SECONDS);
            List<String> completions = Collections.synchronizedList(new ArrayList<>());
            for (int i = 1; i <= 3; i++) {
                gm.deliver(message(i));
                int n = i;
                // the executor is held until the continuation is attached, so it cannot run on this thread
                java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
                mine.execute(() -> {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                java.util.concurrent.CompletableFuture<Void> done = c.noop().thenRun(() -> completions.add(
                        Thread.currentThread().getName() + " after " + listener.exists.size() + " events, NOOP " + n));
                gate.countDown();
                done.get(20, TimeUnit.SECONDS);
            }
            assertEquals(List.of(1L, 2L, 3L), listener.exists, "every event, in order, none lost");
            assertEquals(List.of(), listener.nestedFailures);
            assertEquals(1, listener.nestedResults.get());
            assertEquals(List.of("my-delivery after 1 events, NOOP 1", "my-delivery after 2 events, NOOP 2",
                    "my-delivery after 3 events, NOOP 3"), completions,
                    "each future completes on the delivery executor after the events that came before it");
            for (String t : listener.threads) {
                assertEquals("my-delivery", t);
            }
            assertEquals(3, c.fetchFlags(SequenceSet.all()).get(20, TimeUnit.SECONDS).size());
            // over the blocking transport a reader thread read for these futures; with none pending it ends
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (readers() > 0 && System.nanoTime() - until < 0) {
                Thread.sleep(20);
            }
            assertEquals(0, readers(), "a background reader outlived the futures it read for");
        } finally {
            mine.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void continuationsOfReturnedFuturesRunOffTheDeliveringThreadAndMayCallTheBlockingView(
            ImapClientConfig.Transport transport) throws Exception {
        try (GreenMailServer gm = GreenMailServer.start()) {
            gm.deliver(message(1));
            AtomicReference<AsyncImapClient> opened = new AtomicReference<>();
            int exists = builder(gm, transport, MailboxListener.NONE).connectAsync().thenApply(c -> {
                opened.set(c);
                // before, on NIO this ran on the transport's delivery thread, where a blocking wait is refused
                c.blocking().login(GreenMailServer.USER, GreenMailServer.PASSWORD);
                return c.blocking().select(MailboxName.INBOX).exists();
            }).get(30, TimeUnit.SECONDS).intValue();
            assertEquals(1, exists);
            AsyncImapClient c = opened.get();
            String[] where = new String[1];
            assertEquals(1, c.fetchFlags(SequenceSet.all()).thenApply(r -> {
                where[0] = Thread.currentThread().getName();
                return c.blocking().fetchFlags(SequenceSet.all()).size(); // a blocking call inside a continuation
            }).get(30, TimeUnit.SECONDS));
            assertTrue(where[0].startsWith("imap4j-delivery-") || where[0].equals(Thread.currentThread().getName()),
                    where[0]);
            c.close();
        }
    }
}
