package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.testing.Responses;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The async client over NIO runs a FETCH that only collects typed items where its responses are read (issue 19:
 * one thread hand-off fewer per read batch), but the caller's code never runs on the selector thread: a
 * {@link BodySink} and its streams, an {@link OutputStream} with a {@link ProgressListener}, an INPROGRESS listener,
 * the {@link MailboxListener} hearing of what a FETCH does not collect, and the futures the client returns all run
 * on the client's delivery threads. The server waits before it answers, so nothing of the connection is pending
 * when the answer is read (the case in which a prompt delivery runs on the selector thread).
 */
@Timeout(60)
class FetchDeliveryThreadsTest {
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private ScriptedImapServer server;
    private AsyncImapClient client;

    @BeforeEach
    void start() throws Exception {
        server = HandlerScripts.start(x -> {
            if (!(x.command() instanceof Command.Fetch)) {
                return false;
            }
            x.pause(Duration.ofMillis(300));
            x.send(Responses.ok(new ResponseCode.InProgress(x.tag().value(), 1L, 2L), "working"));
            x.sendRaw("* 3 EXISTS\r\n* 2 FETCH (UID 99 FLAGS (\\Flagged))\r\n"
                    + "* 1 FETCH (UID 11 FLAGS (\\Seen) BODY[] {5}\r\nhello)\r\n");
            x.ok("FETCH completed");
            return true;
        });
        client = HandlerScripts.client(server, ImapClientConfig.Transport.NIO).listener(new MailboxListener() {
            @Override
            public void newMessages(long exists, long recent) {
                note("listener");
            }

            @Override
            public void flagsChanged(FlagUpdate update) {
                note("listener");
            }
        }).connectAsync().get(10, TimeUnit.SECONDS);
        client.login("alice", "secret").get(10, TimeUnit.SECONDS);
        client.select(MailboxName.INBOX).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void note(String what) {
        threads.add(what + " on " + Thread.currentThread().getName());
    }

    private void assertNoneOnTheSelector(int atLeast) {
        assertTrue(threads.size() >= atLeast, threads::toString);
        for (String t : threads) {
            assertFalse(t.contains("selector"), threads::toString);
        }
    }

    private OutputStream recording(String what) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                note(what);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                note(what);
            }
        };
    }

    @Test
    void aBodySinkRunsOffTheSelectorThread() throws Exception {
        FetchResults r = client.fetchMessages(SequenceSet.of(11), (uid, seq, size) -> {
            note("open");
            return recording("sink");
        }).thenApply(x -> {
            note("future");
            return x;
        }).get(10, TimeUnit.SECONDS);
        assertEquals(1, r.size());
        assertTrue(threads.stream().anyMatch(t -> t.startsWith("open")), threads::toString);
        assertTrue(threads.stream().anyMatch(t -> t.startsWith("sink")), threads::toString);
        assertNoneOnTheSelector(4);
    }

    @Test
    void aStreamWithProgressRunsOffTheSelectorThread() throws Exception {
        client.fetchSpecific(11, Section.whole(), recording("stream"), (done, total) -> note("progress"))
                .thenRun(() -> note("future")).get(10, TimeUnit.SECONDS);
        assertTrue(threads.stream().anyMatch(t -> t.startsWith("stream")), threads::toString);
        assertTrue(threads.stream().anyMatch(t -> t.startsWith("progress")), threads::toString);
        assertNoneOnTheSelector(4);
    }

    @Test
    void anInProgressListenerRunsOffTheSelectorThread() throws Exception {
        client.operations().withProgress((done, goal) -> note("inprogress"))
                .fetch(SequenceSet.of(11), FetchAttribute.Item.FLAGS).future().thenRun(() -> note("future"))
                .get(10, TimeUnit.SECONDS);
        assertTrue(threads.stream().anyMatch(t -> t.startsWith("inprogress")), threads::toString);
        assertNoneOnTheSelector(3);
    }

    @Test
    void aCollectingFetchStillTellsTheListenerAndCompletesOnTheDeliveryThreads() throws Exception {
        FetchResults r = client.fetch(SequenceSet.of(11), FetchAttribute.Item.FLAGS).thenApply(x -> {
            note("future");
            return x;
        }).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(11L), List.copyOf(r.keySet()));
        assertEquals(3, threads.size(), threads::toString); // EXISTS, the foreign flag change, the future
        for (String t : threads) {
            assertFalse(t.contains("imap4j-nio-"), threads::toString); // neither the selector nor the callback pool
        }
    }
}
