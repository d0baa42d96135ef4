package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.ImapExchange;
import org.imap4j.testing.ScriptedImapServer;
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

    /** One command received, with when, and the exchange that answers it. */
    record Line(Command command, long nanos, ImapExchange exchange) {
        @Override
        public String toString() {
            return exchange.tag().value() + " " + command;
        }
    }

    /** The server: LOGIN, CAPABILITY and SELECT are answered at once, everything else waits for {@link #reply}. */
    static final class Recorder implements AutoCloseable {
        final ScriptedImapServer server;
        final LinkedBlockingQueue<Line> held = new LinkedBlockingQueue<>();
        final List<Line> log = Collections.synchronizedList(new ArrayList<>());

        Recorder() throws Exception {
            server = HandlerScripts.start(x -> {
                Line l = new Line(x.command(), System.nanoTime(), x);
                log.add(l);
                if (x.command() instanceof Command.Login || x.command() instanceof Command.Capability
                        || x.command() instanceof Command.Select || x.command() instanceof Command.Logout) {
                    return false; // answered at once (SELECT: three messages, UIDVALIDITY 7)
                }
                held.add(l); // answered later, from the test's thread
                return true;
            });
        }

        Line next(String what, Predicate<Command> is) throws InterruptedException {
            Line l = held.poll(10, TimeUnit.SECONDS);
            assertNotNull(l, "the server never received " + what + "; log: " + log);
            assertTrue(is.test(l.command()), "expected " + what + ", received " + l + "; log: " + log);
            return l;
        }

        void quiet(String why) throws InterruptedException {
            Line l = held.poll(QUIET_MS, TimeUnit.MILLISECONDS);
            assertNull(l, why + "; log: " + log);
        }

        long reply(Line l, Untagged... untagged) throws Exception {
            long now = System.nanoTime();
            l.exchange().send(untagged);
            l.exchange().ok("done");
            return now;
        }

        Line logged(String what, Predicate<Command> is) {
            synchronized (log) {
                for (Line l : log) {
                    if (is.test(l.command())) {
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

    private static Predicate<Command> uidFetch(long uid) {
        return c -> c instanceof Command.Fetch f && f.uid() && f.set().equals(SequenceSet.of(uid));
    }

    private static Predicate<Command> select(String mailbox) {
        return c -> c instanceof Command.Select s && s.mailbox().equals(MailboxName.of(mailbox));
    }

    private static Untagged.Fetch flags(long seq, long uid, Flag... flags) {
        return new Untagged.Fetch(seq, List.of(new FetchItem.Uid(uid), new FetchItem.Flags(List.of(flags))));
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

    /** @return a client of the recorder's server, logged in, INBOX selected */
    private static AsyncImapClient selected(Recorder r, ImapClientConfig.Transport transport) throws Exception {
        AsyncImapClient async = HandlerScripts.client(r.server, transport).connectAsync().get(10, TimeUnit.SECONDS);
        try {
            async.blocking().login("alice", "secret");
            async.blocking().select(MailboxName.INBOX);
            return async;
        } catch (RuntimeException e) {
            async.close();
            throw e;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aSelectAfterTwoUidFetchesWaitsForBothAndTheFetchesNeverOverlap(ImapClientConfig.Transport transport,
            String styleName) throws Exception {
        Style style = style(styleName);
        try (Recorder r = new Recorder(); AsyncImapClient async = selected(r, transport)) {
            ImapClient c = async.blocking();

            CompletableFuture<FetchResults> f1 = style.start(() -> c.fetchFlags(SequenceSet.of(1)),
                    () -> async.fetchFlags(SequenceSet.of(1)));
            Line fetch1 = r.next("UID FETCH 1", uidFetch(1));
            CompletableFuture<FetchResults> f2 = style.start(() -> c.fetchFlags(SequenceSet.of(2)),
                    () -> async.fetchFlags(SequenceSet.of(2)));
            Thread.sleep(100); // the second caller has submitted its FETCH by now
            CompletableFuture<SelectResult> sel = style.start(() -> c.select(MailboxName.of("Other")),
                    () -> async.select(MailboxName.of("Other")));
            r.quiet("the second UID FETCH must wait for the first (same response group), the SELECT for both");

            r.reply(fetch1, flags(1, 1, Flag.SEEN));
            Line fetch2 = r.next("UID FETCH 2", uidFetch(2));
            assertEquals(java.util.Set.of(1L), f1.get(10, TimeUnit.SECONDS).keySet());
            r.quiet("the SELECT must wait until the second FETCH has completed");
            long answered = r.reply(fetch2, flags(2, 2));
            assertEquals(java.util.Set.of(2L), f2.get(10, TimeUnit.SECONDS).keySet());
            assertEquals(3, sel.get(10, TimeUnit.SECONDS).exists());
            Line select = r.logged("SELECT Other", select("Other"));
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
        try (Recorder r = new Recorder(); AsyncImapClient async = selected(r, transport)) {
            ImapClient c = async.blocking();

            CompletableFuture<FetchResults> fetch = style.start(() -> c.fetchFlags(SequenceSet.of(1)),
                    () -> async.fetchFlags(SequenceSet.of(1)));
            Line fetchLine = r.next("UID FETCH 1", uidFetch(1));
            CompletableFuture<SearchResult> search = style.start(() -> c.search(SearchKey.unseen()),
                    () -> async.search(SearchKey.unseen()));
            // both are on the wire while neither has an answer: different response groups pipeline
            Line searchLine = r.next("UID SEARCH", cmd -> cmd instanceof Command.Search s && s.uid());
            r.reply(searchLine, new Untagged.Search(List.of(1L, 2L), null));
            r.reply(fetchLine, flags(1, 1));
            assertEquals(List.of(1L, 2L), search.get(10, TimeUnit.SECONDS).ids());
            assertEquals(java.util.Set.of(1L), fetch.get(10, TimeUnit.SECONDS).keySet());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void anotherCallersSelectNeverComesBetweenTheStepsOfAnEmulatedMove(ImapClientConfig.Transport transport,
            String styleName) throws Exception {
        Style style = style(styleName);
        try (Recorder r = new Recorder(); AsyncImapClient async = selected(r, transport)) {
            ImapClient c = async.blocking();
            MailboxName archive = MailboxName.of("Archive");
            // no MOVE capability, UIDPLUS: UID COPY, UID STORE +FLAGS.SILENT (\Deleted), UID EXPUNGE
            CompletableFuture<CopyResult> move = style.start(() -> c.move(SequenceSet.of(7), archive),
                    () -> async.move(SequenceSet.of(7), archive));
            Line copy = r.next("UID COPY 7 Archive", cmd -> cmd instanceof Command.Copy cp && cp.uid()
                    && cp.set().equals(SequenceSet.of(7)) && cp.mailbox().equals(archive));
            CompletableFuture<SelectResult> sel = style.start(() -> c.select(MailboxName.of("Other")),
                    () -> async.select(MailboxName.of("Other")));
            Thread.sleep(100); // the SELECT has been submitted by now
            r.reply(copy);
            r.reply(r.next("UID STORE 7 +FLAGS.SILENT", cmd -> cmd instanceof Command.Store st && st.uid()
                    && st.set().equals(SequenceSet.of(7)) && st.mode() == Command.StoreMode.ADD && st.silent()
                    && st.flags().equals(List.of(Flag.DELETED))));
            Line expunge = r.next("UID EXPUNGE 7", cmd -> cmd instanceof Command.UidExpunge ue
                    && ue.uids().equals(SequenceSet.of(7)));
            assertTrue(r.log.stream().noneMatch(l -> select("Other").test(l.command())),
                    "the SELECT came between the steps of the MOVE: " + r.log);
            long answered = r.reply(expunge, new Untagged.Expunge(3));
            move.get(10, TimeUnit.SECONDS);
            assertEquals(3, sel.get(10, TimeUnit.SECONDS).exists());
            assertTrue(r.logged("SELECT Other", select("Other")).nanos() - answered > 0, r.log::toString);
        }
    }
}
