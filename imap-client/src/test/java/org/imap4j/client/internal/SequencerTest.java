package org.imap4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.junit.jupiter.api.Test;

/** Which asynchronous operations are pipelined (RFC 9051 section 5.5). */
class SequencerTest {
    private final List<String> started = new ArrayList<>();
    private final Sequencer seq = new Sequencer();

    private CompletableFuture<String> op(String name, boolean barrier, CompletableFuture<String> completion) {
        return seq.run(barrier, () -> {
            started.add(name);
            return completion;
        });
    }

    @Test
    void independentOperationsStartAtOnceAndABarrierWaitsBothWays() {
        CompletableFuture<String> a = new CompletableFuture<>();
        CompletableFuture<String> b = new CompletableFuture<>();
        CompletableFuture<String> c = new CompletableFuture<>();
        CompletableFuture<String> d = new CompletableFuture<>();
        op("fetch1", false, a);
        op("fetch2", false, b);
        CompletableFuture<String> select = op("select", true, c);
        CompletableFuture<String> after = op("fetch3", false, d);
        assertEquals(List.of("fetch1", "fetch2"), started);
        a.complete("1");
        assertEquals(List.of("fetch1", "fetch2"), started, "the barrier waits for everything before it");
        b.complete("2");
        assertEquals(List.of("fetch1", "fetch2", "select"), started);
        c.complete("s");
        assertEquals("s", select.join());
        assertEquals(List.of("fetch1", "fetch2", "select", "fetch3"), started, "nothing passed the barrier early");
        assertFalse(after.isDone());
        d.complete("3");
        assertEquals("3", after.join());
    }

    @Test
    void aFailureReleasesTheBarrierAndReachesItsCaller() {
        CompletableFuture<String> c = new CompletableFuture<>();
        CompletableFuture<String> select = op("select", true, c);
        CompletableFuture<String> next = op("fetch", false, CompletableFuture.completedFuture("ok"));
        c.completeExceptionally(new IllegalStateException("NO"));
        assertTrue(select.isCompletedExceptionally());
        assertEquals("ok", next.join());
    }

    @Test
    void manyImmediateCompletionsDoNotRecurse() {
        for (int i = 0; i < 100_000; i++) {
            op("x" + i, true, CompletableFuture.failedFuture(new IllegalStateException("closed")));
        }
        assertEquals(100_000, started.size());
    }

    @Test
    void classification() {
        assertFalse(Sequencer.isBarrier(new Command.Fetch(SequenceSet.of(1), List.of(
                org.imap4j.codec.fetch.FetchAttribute.Item.FLAGS), true, null, false)));
        assertTrue(Sequencer.isBarrier(new Command.Fetch(SequenceSet.of(1), List.of(
                org.imap4j.codec.fetch.FetchAttribute.Item.FLAGS), false, null, false)), "sequence numbers");
        assertTrue(Sequencer.isBarrier(Command.Select.of(MailboxName.INBOX)));
        assertTrue(Sequencer.isBarrier(new Command.Expunge()));
        assertTrue(Sequencer.isBarrier(new Command.Noop()));
        assertFalse(Sequencer.isBarrier(Command.Search.of(SearchKey.all(), true)));
        assertFalse(Sequencer.isBarrier(new Command.Status(MailboxName.INBOX, List.of(org.imap4j.codec.command.StatusAttribute.MESSAGES))));
    }

    @Test
    void commandsCollectingTheSameResponsesNeverOverlapButOtherKindsStillPipeline() {
        CompletableFuture<String> f1 = new CompletableFuture<>();
        CompletableFuture<String> s1 = new CompletableFuture<>();
        CompletableFuture<String> f2 = new CompletableFuture<>();
        seq.run(false, "FETCH", () -> {
            started.add("fetch1");
            return f1;
        });
        seq.run(false, "SEARCH", () -> {
            started.add("search1");
            return s1;
        });
        CompletableFuture<String> second = seq.run(false, "FETCH", () -> {
            started.add("fetch2");
            return f2;
        });
        assertEquals(List.of("fetch1", "search1"), started, "a second FETCH waits: responses would be ambiguous");
        s1.complete("s");
        assertEquals(List.of("fetch1", "search1"), started);
        f1.complete("1");
        assertEquals(List.of("fetch1", "search1", "fetch2"), started);
        f2.complete("2");
        assertEquals("2", second.join());
    }

    @Test
    void groups() {
        var flags = List.<org.imap4j.codec.fetch.FetchAttribute>of(org.imap4j.codec.fetch.FetchAttribute.Item.FLAGS);
        assertEquals("FETCH", Sequencer.group(new Command.Fetch(SequenceSet.of(1), flags, true, null, false)));
        assertEquals("SEARCH", Sequencer.group(Command.Search.of(SearchKey.all(), true)));
        assertEquals("LIST", Sequencer.group(new Command.Status(MailboxName.INBOX,
                List.of(org.imap4j.codec.command.StatusAttribute.MESSAGES))));
        assertEquals(null, Sequencer.group(new Command.Noop()));
    }
}
