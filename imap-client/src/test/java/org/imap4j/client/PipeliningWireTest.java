package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.session.testing.HostileServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 9051 section 5.5 on the wire, on both transports and from both calling styles (blocking calls from several
 * threads, and the async client): a recording server notes every command line as it arrives and answers only when
 * the test says, so the test sees what the client had sent at each moment.
 */
class PipeliningWireTest {
    /** How long the server listens for a line that must not come (the client is given every chance to send it). */
    private static final long QUIET_MS = 400;

    /** One line received, with when. */
    record Line(String tag, String text, long nanos) {
    }

    /** The server: LOGIN, CAPABILITY and SELECT are answered at once, everything else waits for {@link #reply}. */
    static final class Recorder implements AutoCloseable {
        final HostileServer server;
        final LinkedBlockingQueue<Line> held = new LinkedBlockingQueue<>();
        final List<Line> log = Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<HostileServer.Peer> peer = new AtomicReference<>();

        Recorder() throws Exception {
            server = HostileServer.start(p -> {
                peer.set(p);
                p.send(ScriptedImap.GREETING);
                while (true) {
                    String line = p.readLine();
                    long now = System.nanoTime();
                    int sp = line.indexOf(' ');
                    if (sp < 0) {
                        continue;
                    }
                    Line l = new Line(line.substring(0, sp), line, now);
                    log.add(l);
                    String verb = line.substring(sp + 1).split(" ", 2)[0].toUpperCase(Locale.ROOT);
                    if (verb.equals("LOGIN")) {
                        p.send(l.tag() + " OK logged in\r\n");
                    } else if (verb.equals("CAPABILITY")) {
                        p.send("* CAPABILITY IMAP4rev1 IDLE UIDPLUS\r\n" + l.tag() + " OK done\r\n");
                    } else if (verb.equals("SELECT")) {
                        p.send("* 3 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n" + l.tag() + " OK [READ-WRITE] selected\r\n");
                    } else if (verb.equals("LOGOUT")) {
                        p.send("* BYE bye\r\n" + l.tag() + " OK done\r\n");
                        return;
                    } else {
                        held.add(l);
                    }
                }
            });
        }

        Line next(String what) throws InterruptedException {
            Line l = held.poll(10, TimeUnit.SECONDS);
            assertNotNull(l, "the server never received " + what + "; log: " + log);
            assertTrue(l.text().contains(what), "expected " + what + ", received " + l.text() + "; log: " + log);
            return l;
        }

        void quiet(String why) throws InterruptedException {
            Line l = held.poll(QUIET_MS, TimeUnit.MILLISECONDS);
            assertNull(l, why + "; log: " + log);
        }

        long reply(Line l, String untagged) throws Exception {
            long now = System.nanoTime();
            peer.get().send(untagged + l.tag() + " OK done\r\n");
            return now;
        }

        Line logged(String what) {
            synchronized (log) {
                for (Line l : log) {
                    if (l.text().contains(what)) {
                        return l;
                    }
                }
            }
            throw new AssertionError("never received " + what + ": " + log);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** Starts operations the way one calling style does. */
    interface Style {
        <T> CompletableFuture<T> start(Supplier<T> blocking, Supplier<CompletableFuture<T>> async);
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (ImapClientConfig.Transport t : ImapClientConfig.Transport.values()) {
            out.add(Arguments.of(t, "threads"));
            out.add(Arguments.of(t, "async"));
        }
        return out;
    }

    private static Style style(String name) {
        if (name.equals("threads")) {
            return new Style() {
                @Override
                public <T> CompletableFuture<T> start(Supplier<T> blocking, Supplier<CompletableFuture<T>> async) {
                    CompletableFuture<T> f = new CompletableFuture<>();
                    Thread t = new Thread(() -> {
                        try {
                            f.complete(blocking.get());
                        } catch (Throwable e) {
                            f.completeExceptionally(e);
                        }
                    }, "caller");
                    t.setDaemon(true);
                    t.start();
                    return f;
                }
            };
        }
        return new Style() {
            @Override
            public <T> CompletableFuture<T> start(Supplier<T> blocking, Supplier<CompletableFuture<T>> async) {
                return async.get();
            }
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aSelectAfterTwoUidFetchesWaitsForBothAndTheFetchesNeverOverlap(ImapClientConfig.Transport transport,
            String styleName) throws Exception {
        Style style = style(styleName);
        try (Recorder r = new Recorder();
                AsyncImapClient async = ScriptedImap.client(r.server, transport).connectAsync().get(10,
                        TimeUnit.SECONDS)) {
            ImapClient c = async.blocking();
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);

            CompletableFuture<FetchResults> f1 = style.start(() -> c.fetchFlags(SequenceSet.of(1)),
                    () -> async.fetchFlags(SequenceSet.of(1)));
            Line fetch1 = r.next("UID FETCH 1 ");
            CompletableFuture<FetchResults> f2 = style.start(() -> c.fetchFlags(SequenceSet.of(2)),
                    () -> async.fetchFlags(SequenceSet.of(2)));
            Thread.sleep(100); // the second caller has submitted its FETCH by now
            CompletableFuture<SelectResult> sel = style.start(() -> c.select(MailboxName.of("Other")),
                    () -> async.select(MailboxName.of("Other")));
            r.quiet("the second UID FETCH must wait for the first (same response group), the SELECT for both");

            r.reply(fetch1, "* 1 FETCH (UID 1 FLAGS (\\Seen))\r\n");
            Line fetch2 = r.next("UID FETCH 2 ");
            assertEquals(java.util.Set.of(1L), f1.get(10, TimeUnit.SECONDS).keySet());
            r.quiet("the SELECT must wait until the second FETCH has completed");
            long answered = r.reply(fetch2, "* 2 FETCH (UID 2 FLAGS ())\r\n");
            assertEquals(java.util.Set.of(2L), f2.get(10, TimeUnit.SECONDS).keySet());
            assertEquals(3, sel.get(10, TimeUnit.SECONDS).exists());
            Line select = r.logged("SELECT Other");
            assertTrue(select.nanos() - answered > 0, "the SELECT was on the wire before the FETCH it follows had "
                    + "completed: " + r.log);
            assertTrue(r.log.indexOf(fetch1) < r.log.indexOf(fetch2)
                    && r.log.indexOf(fetch2) < r.log.indexOf(select), r.log::toString);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aUidFetchAndAUidSearchOverlap(ImapClientConfig.Transport transport, String styleName) throws Exception {
        Style style = style(styleName);
        try (Recorder r = new Recorder();
                AsyncImapClient async = ScriptedImap.client(r.server, transport).connectAsync().get(10,
                        TimeUnit.SECONDS)) {
            ImapClient c = async.blocking();
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);

            CompletableFuture<FetchResults> fetch = style.start(() -> c.fetchFlags(SequenceSet.of(1)),
                    () -> async.fetchFlags(SequenceSet.of(1)));
            Line fetchLine = r.next("UID FETCH 1 ");
            CompletableFuture<SearchResult> search = style.start(() -> c.search(SearchKey.unseen()),
                    () -> async.search(SearchKey.unseen()));
            // both are on the wire while neither has an answer: different response groups pipeline
            Line searchLine = r.next("UID SEARCH");
            r.reply(searchLine, "* SEARCH 1 2\r\n");
            r.reply(fetchLine, "* 1 FETCH (UID 1 FLAGS ())\r\n");
            assertEquals(List.of(1L, 2L), search.get(10, TimeUnit.SECONDS).ids());
            assertEquals(java.util.Set.of(1L), fetch.get(10, TimeUnit.SECONDS).keySet());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void anotherCallersSelectNeverComesBetweenTheStepsOfAnEmulatedMove(ImapClientConfig.Transport transport,
            String styleName) throws Exception {
        Style style = style(styleName);
        try (Recorder r = new Recorder();
                AsyncImapClient async = ScriptedImap.client(r.server, transport).connectAsync().get(10,
                        TimeUnit.SECONDS)) {
            ImapClient c = async.blocking();
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            MailboxName archive = MailboxName.of("Archive");
            // no MOVE capability, UIDPLUS: UID COPY, UID STORE +FLAGS.SILENT (\Deleted), UID EXPUNGE
            CompletableFuture<CopyResult> move = style.start(() -> c.move(SequenceSet.of(7), archive),
                    () -> async.move(SequenceSet.of(7), archive));
            Line copy = r.next("UID COPY 7 Archive");
            CompletableFuture<SelectResult> sel = style.start(() -> c.select(MailboxName.of("Other")),
                    () -> async.select(MailboxName.of("Other")));
            Thread.sleep(100); // the SELECT has been submitted by now
            r.reply(copy, "");
            r.reply(r.next("UID STORE 7 +FLAGS.SILENT"), "");
            Line expunge = r.next("UID EXPUNGE 7");
            assertTrue(r.log.stream().noneMatch(l -> l.text().contains("SELECT Other")),
                    "the SELECT came between the steps of the MOVE: " + r.log);
            long answered = r.reply(expunge, "* 3 EXPUNGE\r\n");
            move.get(10, TimeUnit.SECONDS);
            assertEquals(3, sel.get(10, TimeUnit.SECONDS).exists());
            assertTrue(r.logged("SELECT Other").nanos() - answered > 0, r.log::toString);
        }
    }
}
