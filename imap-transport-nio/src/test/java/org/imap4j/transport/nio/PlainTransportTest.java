package org.imap4j.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.imap4j.codec.ConnectionState;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapTimeoutException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Continuation;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.CommandListener;
import org.imap4j.session.ConnectionListener;
import org.imap4j.session.ImapCall;
import org.imap4j.session.ImapTransport;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TransportOptions;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PlainTransportTest {
    private NioTransportGroup group;
    private CommandRouter router;
    private ScriptedImapServer server;

    @BeforeEach
    void setUp() throws IOException {
        group = NioTransportGroup.create();
        router = new CommandRouter();
        server = ScriptedImapServer.start(router.script());
    }

    @AfterEach
    void tearDown() {
        group.close();
        server.close();
    }

    private TransportOptions.Builder options() {
        return TransportOptions.builder("127.0.0.1").port(server.port()).tlsMode(TlsMode.PLAIN)
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5));
    }

    static ImapException failureOf(CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return assertInstanceOf(ImapException.class, e.getCause());
        } catch (Exception e) {
            throw new AssertionError("no failure within 10 s", e);
        }
        throw new AssertionError("expected a failure, got " + f.join());
    }

    @Test
    void greetingCapabilityNoopLogout() throws Exception {
        AtomicReference<ImapException> closedWith = new AtomicReference<>(new ImapConnectionException("not closed"));
        CountDownLatch closed = new CountDownLatch(1);
        ImapTransport t = group.connect(options().build(), new ConnectionListener() {
            @Override
            public void onClosed(ImapException cause) {
                closedWith.set(cause);
                closed.countDown();
            }
        }).get(10, TimeUnit.SECONDS);
        assertEquals(Condition.OK, t.greeting().status());
        assertTrue(Capability.has(t.capabilities(), Capability.Known.IDLE), t.capabilities().toString());
        assertFalse(t.isSecure());
        assertEquals(ConnectionState.NOT_AUTHENTICATED, t.state());
        Tagged noop = t.execute(new Command.Noop(), CommandListener.NONE);
        assertEquals(Condition.OK, noop.status());
        Tagged bye = t.execute(new Command.Logout(), CommandListener.NONE);
        assertEquals(Condition.OK, bye.status());
        assertTrue(closed.await(5, TimeUnit.SECONDS));
        assertNull(closedWith.get(), "LOGOUT is a clean end");
        assertInstanceOf(Command.Capability.class, server.received().get(0).command(), server.received().toString());
        t.close();
        t.close();
    }

    @Test
    void pipelinesCommandsFromSeveralThreads() throws Exception {
        ImapTransport t = group.connect(options().build(), ConnectionListener.NONE).get(10, TimeUnit.SECONDS);
        int threads = 4;
        int each = 25;
        List<CompletableFuture<Tagged>> all = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread w = new Thread(() -> {
                for (int j = 0; j < each; j++) {
                    CompletableFuture<Tagged> f = t.submit(new Command.Noop(), CommandListener.NONE).future();
                    synchronized (all) {
                        all.add(f);
                    }
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
        Set<String> tags = new HashSet<>();
        for (CompletableFuture<Tagged> f : all) {
            assertEquals(Condition.OK, f.join().status());
            assertTrue(tags.add(f.join().tag().value()), "tags are unique");
        }
        assertEquals(threads * each, tags.size());
    }

    @Test
    void idleThenDoneWithCallbacksOffTheSelectorThread() throws Exception {
        List<String> idleLines = new java.util.concurrent.CopyOnWriteArrayList<>();
        router.on(Command.Idle.class, x -> {
            x.send(new Continuation(null, "idling"), new Untagged.Exists(7));
            idleLines.add(x.readLine());
            x.ok("IDLE terminated");
            return true;
        });
        CountDownLatch exists = new CountDownLatch(1);
        // the codec routes EXISTS during IDLE as unsolicited or to the IDLE: either is fine here
        ImapTransport t = group.connect(options().build(), new ConnectionListener() {
            @Override
            public void onUnsolicited(Untagged response) {
                if (response instanceof Untagged.Exists e && e.count() == 7) {
                    exists.countDown();
                }
            }
        }).get(10, TimeUnit.SECONDS);
        CountDownLatch idling = new CountDownLatch(1);
        AtomicReference<String> callbackThread = new AtomicReference<>();
        ImapCall idle = t.submit(new Command.Idle(), new CommandListener() {
            @Override
            public void onContinuation(ImapCall call, Bytes challenge) {
                callbackThread.set(Thread.currentThread().getName());
                idling.countDown();
            }

            @Override
            public void onData(Untagged response) {
                if (response instanceof Untagged.Exists e && e.count() == 7) {
                    exists.countDown();
                }
            }
        });
        assertTrue(idling.await(5, TimeUnit.SECONDS));
        assertTrue(exists.await(5, TimeUnit.SECONDS));
        assertFalse(callbackThread.get().contains("selector"), callbackThread.get());
        assertFalse(idle.future().isDone());
        idle.done();
        idle.done();
        assertEquals(Condition.OK, idle.future().get(5, TimeUnit.SECONDS).status());
        assertTrue(idleLines.contains("DONE"), idleLines.toString());
        assertEquals(Condition.OK, t.execute(new Command.Noop(), CommandListener.NONE).status());
    }

    /** A connection listener that only hands responses on may be called on the selector thread: one hand-off less. */
    @Test
    void promptUnsolicitedRunsWhereItWasReadWhenNothingWaits() throws Exception {
        router.on(Command.Idle.class, x -> {
            x.send(new Continuation(null, "idling"));
            x.pause(java.time.Duration.ofMillis(300)); // the continuation's delivery has run by then: nothing of the connection waits
            x.send(new Untagged.Exists(7));
            x.readLine(); // DONE
            x.ok("IDLE terminated");
            return true;
        });
        AtomicReference<String> pushedOn = new AtomicReference<>();
        CountDownLatch exists = new CountDownLatch(1);
        ImapTransport t = group.connect(options().build(), new ConnectionListener() {
            @Override
            public void onUnsolicited(Untagged response) {
                if (response instanceof Untagged.Exists) {
                    pushedOn.set(Thread.currentThread().getName());
                    exists.countDown();
                }
            }

            @Override
            public boolean promptUnsolicited() {
                return true;
            }
        }).get(10, TimeUnit.SECONDS);
        ImapCall idle = t.submit(new Command.Idle(), CommandListener.NONE);
        assertTrue(exists.await(5, TimeUnit.SECONDS));
        assertTrue(pushedOn.get().contains("selector"), pushedOn.get());
        idle.done();
        assertEquals(Condition.OK, idle.future().get(5, TimeUnit.SECONDS).status());
    }

    /** A prompt delivery never overtakes an earlier one still running on the callback executor. */
    @Test
    void promptUnsolicitedKeepsTheConnectionsOrder() throws Exception {
        router.on(Command.Idle.class, x -> {
            x.send(new Continuation(null, "idling"));
            x.pause(java.time.Duration.ofMillis(50)); // read separately, while the continuation's slow callback still runs
            x.send(new Untagged.Exists(7));
            x.readLine(); // DONE
            x.ok("IDLE terminated");
            return true;
        });
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch exists = new CountDownLatch(1);
        ImapTransport t = group.connect(options().build(), new ConnectionListener() {
            @Override
            public void onUnsolicited(Untagged response) {
                if (response instanceof Untagged.Exists) {
                    order.add("exists on " + (Thread.currentThread().getName().contains("selector")
                            ? "selector" : "executor"));
                    exists.countDown();
                }
            }

            @Override
            public boolean promptUnsolicited() {
                return true;
            }
        }).get(10, TimeUnit.SECONDS);
        ImapCall idle = t.submit(new Command.Idle(), new CommandListener() {
            @Override
            public void onContinuation(ImapCall call, Bytes challenge) {
                sleep(400);
                order.add("continuation");
            }
        });
        assertTrue(exists.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("continuation", "exists on executor"), order);
        idle.done();
        assertEquals(Condition.OK, idle.future().get(5, TimeUnit.SECONDS).status());
    }

    /** A command that only collects: its data and its completion run where they were read, when nothing waits. */
    @Test
    void promptCommandRunsWhereItWasReadWhenNothingWaits() throws Exception {
        router.on(Command.Fetch.class, x -> {
            x.pause(java.time.Duration.ofMillis(300)); // the connect's deliveries have run: nothing of the connection waits
            x.sendRaw("* 1 FETCH (UID 5 FLAGS (\\Seen))\r\n* 2 FETCH (UID 6 FLAGS ())\r\n");
            x.ok("FETCH completed");
            return true;
        });
        ImapTransport t = group.connect(options().build(), ConnectionListener.NONE).get(10, TimeUnit.SECONDS);
        List<String> dataOn = java.util.Collections.synchronizedList(new ArrayList<>());
        ImapCall fetch = t.submit(uidFetch(), new CommandListener() {
            @Override
            public void onData(Untagged response) {
                dataOn.add(Thread.currentThread().getName());
            }

            @Override
            public boolean prompt() {
                return true;
            }
        });
        CompletableFuture<String> completedOn = fetch.future().thenApply(r -> Thread.currentThread().getName());
        String completion = completedOn.get(5, TimeUnit.SECONDS);
        assertEquals(2, dataOn.size(), dataOn.toString());
        for (String on : dataOn) {
            assertTrue(on.contains("selector"), on);
        }
        assertTrue(completion.contains("selector"), completion);
    }

    /**
     * A response far larger than one read (a 3 MiB literal in one frame, so the engine's receive buffer grows to
     * megabytes of free space) is still read at most 64 KiB at a time: the JDK keeps a temporary direct buffer per
     * thread as large as the largest heap read, so an unbounded read would leave megabytes of native memory on the
     * selector thread. The server writes the whole response at once, so the socket holds far more than 64 KiB.
     */
    @Test
    void readsAtMost64KiBAtATime() throws Exception {
        int size = 3 << 20;
        byte[] head = ("* 1 FETCH (UID 5 BODY[] {" + size + "}\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] response = new byte[head.length + size + 3];
        System.arraycopy(head, 0, response, 0, head.length);
        java.util.Arrays.fill(response, head.length, head.length + size, (byte) 'x');
        response[response.length - 3] = ')';
        response[response.length - 2] = '\r';
        response[response.length - 1] = '\n';
        router.on(Command.Fetch.class, x -> {
            x.sendRaw(response);
            x.ok("FETCH completed");
            return true;
        });
        List<Long> reads = java.util.Collections.synchronizedList(new ArrayList<>());
        org.imap4j.session.ImapEventListener events = new org.imap4j.session.ImapEventListener() {
            @Override
            public void bytesReceived(long count) {
                reads.add(count);
            }
        };
        ImapTransport t = group.connect(options().eventListener(events).build(), ConnectionListener.NONE)
                .get(10, TimeUnit.SECONDS);
        AtomicReference<Untagged> data = new AtomicReference<>();
        t.submit(uidFetch(), new CommandListener() {
            @Override
            public void onData(Untagged response) {
                data.set(response);
            }
        }).future().get(10, TimeUnit.SECONDS);
        assertInstanceOf(Untagged.Fetch.class, data.get());
        long total = 0;
        long largest = 0;
        synchronized (reads) {
            for (long n : reads) {
                total += n;
                largest = Math.max(largest, n);
            }
        }
        assertTrue(total > size, "read " + total);
        assertTrue(largest <= 64 * 1024, "a read of " + largest + " bytes (" + reads.size() + " reads)");
    }

    /** Without prompt() (the default) the same command's data and completion stay on the callback executor. */
    @Test
    void commandDataRunsOnTheExecutorByDefault() throws Exception {
        router.on(Command.Fetch.class, x -> {
            x.pause(java.time.Duration.ofMillis(300));
            x.sendRaw("* 1 FETCH (UID 5 FLAGS (\\Seen))\r\n");
            x.ok("FETCH completed");
            return true;
        });
        ImapTransport t = group.connect(options().build(), ConnectionListener.NONE).get(10, TimeUnit.SECONDS);
        AtomicReference<String> dataOn = new AtomicReference<>();
        ImapCall fetch = t.submit(uidFetch(), new CommandListener() {
            @Override
            public void onData(Untagged response) {
                dataOn.set(Thread.currentThread().getName());
            }
        });
        String completion = fetch.future().thenApply(r -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
        assertTrue(dataOn.get().contains("callback"), dataOn.get());
        assertTrue(completion.contains("callback"), completion);
    }

    /**
     * A prompt command's data never overtakes an earlier delivery of the connection that is still running on the
     * callback executor: it queues behind it and runs there.
     */
    @Test
    void promptCommandKeepsTheConnectionsOrder() throws Exception {
        router.on(Command.Noop.class, x -> {
            x.send(new Untagged.Exists(7));
            x.ok("NOOP completed");
            return true;
        });
        router.on(Command.Fetch.class, x -> {
            x.sendRaw("* 1 FETCH (UID 5 FLAGS (\\Seen))\r\n");
            x.ok("FETCH completed");
            return true;
        });
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        ImapTransport t = group.connect(options().build(), new ConnectionListener() {
            @Override
            public void onUnsolicited(Untagged response) {
                if (response instanceof Untagged.Exists) {
                    sleep(400); // still running when the FETCH's data is read
                    order.add("exists");
                }
            }
        }).get(10, TimeUnit.SECONDS);
        CommandListener slowNoop = new CommandListener() {
            @Override
            public void onData(Untagged response) {
                if (response instanceof Untagged.Exists) {
                    sleep(400);
                    order.add("exists");
                }
            }
        };
        ImapCall noop = t.submit(new Command.Noop(), slowNoop);
        ImapCall fetch = t.submit(uidFetch(), new CommandListener() {
            @Override
            public void onData(Untagged response) {
                order.add("fetch data on " + (Thread.currentThread().getName().contains("selector")
                        ? "selector" : "executor"));
            }

            @Override
            public boolean prompt() {
                return true;
            }
        });
        assertEquals(Condition.OK, fetch.future().get(5, TimeUnit.SECONDS).status());
        assertEquals(Condition.OK, noop.future().get(5, TimeUnit.SECONDS).status());
        assertEquals(List.of("exists", "fetch data on executor"), order);
    }

    private static Command.Fetch uidFetch() {
        return new Command.Fetch(org.imap4j.codec.core.SequenceSet.of(1, 2), List.of(
                org.imap4j.codec.fetch.FetchAttribute.Item.UID, org.imap4j.codec.fetch.FetchAttribute.Item.FLAGS),
                true, null, false);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void directExecutorRunsCallbacksInline() throws Exception {
        ImapTransport t = group.connect(options().callbackExecutor(Runnable::run).build(), ConnectionListener.NONE)
                .get(10, TimeUnit.SECONDS);
        AtomicReference<Thread> completedOn = new AtomicReference<>();
        t.submit(new Command.Noop(), CommandListener.NONE).future()
                .thenRun(() -> completedOn.set(Thread.currentThread())).get(5, TimeUnit.SECONDS);
        assertNotNull(completedOn.get());
    }

    @Test
    void serverClosingMidLiteralFailsThePendingCall() throws Exception {
        router.on(Command.Noop.class, x -> {
            // raw: a literal cut short, which the codec would never write
            x.sendRaw("* 1 FETCH (BODY[] {100}\r\nonly part of it");
            x.close();
            return true;
        });
        AtomicReference<ImapException> closedWith = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        ImapTransport t = group.connect(options().build(), new ConnectionListener() {
            @Override
            public void onClosed(ImapException cause) {
                closedWith.set(cause);
                closed.countDown();
            }
        }).get(10, TimeUnit.SECONDS);
        ImapException e = failureOf(t.submit(new Command.Noop(), CommandListener.NONE).future());
        assertSame(ImapConnectionException.class, e.getClass(), e.toString());
        assertTrue(closed.await(5, TimeUnit.SECONDS));
        assertNotNull(closedWith.get());
        ImapException after = failureOf(t.submit(new Command.Noop(), CommandListener.NONE).future());
        assertInstanceOf(ImapConnectionException.class, after);
    }

    @Test
    void stalledServerGivesReadTimeout() throws Exception {
        router.on(Command.Noop.class, x -> true); // never answers
        ImapTransport t = group.connect(options().readTimeout(Duration.ofMillis(300)).build(),
                ConnectionListener.NONE).get(10, TimeUnit.SECONDS);
        long start = System.nanoTime();
        ImapException e = failureOf(t.submit(new Command.Noop(), CommandListener.NONE).future());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(ImapTimeoutException.class, e, e.toString());
        assertTrue(ms >= 250 && ms < 5000, "timed out after " + ms + " ms");
        ImapException await = assertThrows(ImapException.class,
                () -> t.submit(new Command.Noop(), CommandListener.NONE).await());
        assertInstanceOf(ImapConnectionException.class, await);
    }

    @Test
    void silentServerGivesGreetingTimeout() throws Exception {
        server.close();
        // raw: no greeting at all
        server = ScriptedImapServer.start(router.script().greetingRaw(""));
        ImapException e = failureOf(group.connect(options().greetingTimeout(Duration.ofMillis(300)).build(),
                ConnectionListener.NONE));
        assertInstanceOf(ImapTimeoutException.class, e, e.toString());
    }

    @Test
    void refusedConnectionIsAConnectionException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ImapException e = failureOf(group.connect(options().port(port).build(), ConnectionListener.NONE));
        assertSame(ImapConnectionException.class, e.getClass(), e.toString());
    }

    @Test
    void closingTheGroupFailsPendingCalls() throws Exception {
        router.on(Command.Noop.class, x -> true); // never answers
        ImapTransport t = group.connect(options().build(), ConnectionListener.NONE).get(10, TimeUnit.SECONDS);
        CompletableFuture<Tagged> f = t.submit(new Command.Noop(), CommandListener.NONE).future();
        group.close();
        ImapException e = failureOf(f);
        assertInstanceOf(ImapConnectionException.class, e);
        group.close();
        assertInstanceOf(ImapConnectionException.class,
                failureOf(group.connect(options().build(), ConnectionListener.NONE)));
    }

    @Test
    void slowListenerPausesReadingAndLosesNothing() throws Exception {
        int count = 5000;
        Response[] flood = new Response[count + 1];
        for (int i = 1; i <= count; i++) {
            flood[i - 1] = new Untagged.Exists(i);
        }
        router.on(Command.Noop.class, x -> {
            flood[count] = new Tagged(x.tag(), Condition.OK, null, "done");
            x.send(flood); // in one write
            return true;
        });
        List<Long> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        ImapTransport t = group.connect(options().build(), new ConnectionListener() {
            @Override
            public void onUnsolicited(Untagged response) {
                if (response instanceof Untagged.Exists e) {
                    if (seen.size() < 200) {
                        try {
                            Thread.sleep(1); // a slow consumer: the backlog passes the high-water mark
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    seen.add(e.count());
                }
            }
        }).get(10, TimeUnit.SECONDS);
        Tagged ok = t.submit(new Command.Noop(), CommandListener.NONE).future().get(20, TimeUnit.SECONDS);
        assertEquals(Condition.OK, ok.status());
        assertEquals(count, seen.size(), "every response delivered before the command's result");
        for (int i = 0; i < count; i++) {
            assertEquals(i + 1, seen.get(i));
        }
    }

    @Test
    void traceSeesBothWaysWithoutTheSecret() throws Exception {
        List<String> trace = java.util.Collections.synchronizedList(new ArrayList<>());
        ImapTransport t = group.connect(options().trace((d, text) -> trace.add(d + " " + text)).build(),
                ConnectionListener.NONE).get(10, TimeUnit.SECONDS);
        assertEquals(Condition.OK, t.execute(new Command.Login("alice", org.imap4j.codec.core.Secret.of("s3cret")),
                CommandListener.NONE).status());
        String all = String.join("", trace);
        assertTrue(all.contains("IN * OK fake IMAP ready"), all);
        assertTrue(all.contains("OUT ") && all.contains("LOGIN"), all);
        assertFalse(all.contains("s3cret"), all);
        assertTrue(server.received().stream().anyMatch(c -> c.command() instanceof Command.Login l
                && l.password().reveal().equals("s3cret")), "the server did get it");
    }

    @Test
    void fullWriteQueueRefusesCommands() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        router.on(Command.Subscribe.class, x -> {
            release.await(10, TimeUnit.SECONDS); // stop reading: the client's socket buffers fill up
            return true;
        });
        ImapTransport t = group.connect(options().maxQueuedWrite(64 * 1024).build(), ConnectionListener.NONE)
                .get(10, TimeUnit.SECONDS);
        // SUBSCRIBE pipelines (RFC 9051 section 5.5): every one is written at once; a barrier such as NOOP or LOGIN
        // would be held in the engine, unwritten, until the one before it completed
        t.submit(new Command.Subscribe(org.imap4j.codec.core.MailboxName.of("first")), CommandListener.NONE);
        String big = "x".repeat(60_000);
        ImapException refused = null;
        for (int i = 0; i < 2000 && refused == null; i++) {
            CompletableFuture<Tagged> f = t.submit(new Command.Subscribe(org.imap4j.codec.core.MailboxName.of(big)),
                    CommandListener.NONE).future();
            if (f.isCompletedExceptionally() || waitBriefly(f)) {
                refused = failureOf(f);
            }
        }
        release.countDown();
        assertNotNull(refused, "the queue never filled");
        assertTrue(refused.getMessage().contains("write queue full"), refused.getMessage());
    }

    private static boolean waitBriefly(CompletableFuture<?> f) {
        try {
            f.get(2, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return f.isDone();
        }
    }
}
