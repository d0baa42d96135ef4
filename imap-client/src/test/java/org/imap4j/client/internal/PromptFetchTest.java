package org.imap4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.imap4j.client.FetchResults;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.ProgressListener;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which operations declare their deliveries prompt (so the NIO transport may run them on its selector thread): a
 * FETCH only when it collects typed items, with no sink, no progress listener, and the lane on the client's own
 * delivery threads (likewise the plain collectors: SEARCH, STORE, SELECT, commands whose result is their success);
 * and such a FETCH's collector does run on the selector thread when nothing of the connection waits.
 */
@Timeout(30)
class PromptFetchTest {
    private ScriptedImapServer server;
    private final List<Session> sessions = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = ScriptedImapServer.start(ImapScript.create()
                .greeting(new Untagged.StatusResponse(Condition.OK, new ResponseCode.Capabilities(
                        List.of(Capability.of("IMAP4rev1"))), "scripted server ready"))
                .capabilities("IMAP4rev1")
                .handler(x -> {
                    if (x.command() instanceof Command.Fetch) {
                        x.pause(Duration.ofMillis(300)); // the deliveries before it have run: nothing waits
                        x.sendRaw("* 1 FETCH (UID 11 FLAGS (\\Seen))\r\n* 2 FETCH (UID 12 FLAGS ())\r\n");
                        x.ok("FETCH completed");
                        return true;
                    }
                    return false;
                }));
    }

    @AfterEach
    void stop() {
        for (Session s : sessions) {
            s.transport().close();
        }
        server.close();
    }

    private Session open(ImapClientConfig.Transport transport, java.util.concurrent.Executor delivery)
            throws Exception {
        ImapClientConfig config = ImapClient.builder("127.0.0.1").port(server.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(transport).readTimeout(Duration.ofSeconds(20))
                .deliveryExecutor(delivery).build();
        Session s = Session.open(config).get(10, TimeUnit.SECONDS);
        sessions.add(s);
        s.run(Ops.login(s, new Command.Login("u", Secret.of("p"))), null).get(10, TimeUnit.SECONDS);
        s.run(Ops.select(s, new Command.Select(MailboxName.INBOX, false, null), MailboxName.INBOX), null)
                .get(10, TimeUnit.SECONDS);
        return s;
    }

    private static Command.Fetch fetch() {
        return new Command.Fetch(SequenceSet.of(11, 12), List.of(FetchAttribute.Item.UID, FetchAttribute.Item.FLAGS),
                true, null, false);
    }

    @Test
    void onlyAFetchThatRunsNoCallersCodeIsPrompt() throws Exception {
        Session s = open(ImapClientConfig.Transport.NIO, null);
        assertTrue(new FetchOp(s, fetch(), null, null).prompt(), "collects typed items only");
        assertFalse(new FetchOp(s, fetch(), new ByteArrayOutputStream(), null).prompt(), "writes to a sink");
        assertFalse(new FetchOp(s, fetch(), null, (done, total) -> { }).prompt(), "reports progress");
        assertFalse(new FetchOp(s, fetch(), null, null).progress((done, goal) -> { }).prompt(),
                "reports INPROGRESS to the caller");
        assertTrue(new FetchOp(s, fetch(), null, null).progress(ProgressListener.NONE).prompt());
        assertFalse(new SinkFetchOp(s, fetch(), (uid, seq, size) -> java.io.OutputStream.nullOutputStream())
                .prompt(), "a BodySink is the caller's code");
        assertTrue(SearchReturnOps.changes(s, fetch()).prompt(), "VANISHED merged into a FETCH's results");
        assertTrue(Ops.search(s, new Command.Search(null, org.imap4j.codec.command.SearchKey.all(), null, true))
                .prompt(), "SEARCH collects numbers only");
        assertTrue(Ops.plain(s, new Command.Noop()).prompt(), "a command whose result is its success");
        assertFalse(Ops.expunge(s, new Command.Expunge()).prompt(), "operations not known to be prompt keep the default");
    }

    @Test
    void withTheCallersDeliveryExecutorNothingIsPrompt() throws Exception {
        ExecutorService mine = Executors.newSingleThreadExecutor();
        try {
            Session s = open(ImapClientConfig.Transport.NIO, mine);
            assertFalse(new FetchOp(s, fetch(), null, null).prompt());
        } finally {
            mine.shutdownNow();
        }
    }

    @Test
    void aPromptFetchCollectsOnTheSelectorThreadAndTheLaneCompletesTheCallersFuture() throws Exception {
        Session s = open(ImapClientConfig.Transport.NIO, null);
        List<String> collectedOn = java.util.Collections.synchronizedList(new ArrayList<>());
        FetchOp inner = new FetchOp(s, fetch(), null, null);
        Op<FetchResults> watched = new ForwardingOp<FetchResults, FetchResults>(s, inner) {
            @Override
            public void onData(Untagged u) {
                collectedOn.add(Thread.currentThread().getName());
                super.onData(u);
            }

            @Override
            protected FetchResults result(org.imap4j.codec.response.Tagged ok) {
                return inner.complete(ok);
            }
        };
        assertTrue(watched.prompt());
        PendingOperation<FetchResults> op = new PendingOperation<>(s, s.call(watched), "FETCH");
        String[] completedOn = new String[1];
        FetchResults r = op.future().thenApply(x -> {
            completedOn[0] = Thread.currentThread().getName();
            return x;
        }).get(10, TimeUnit.SECONDS);
        assertEquals(2, r.size());
        assertEquals(2, collectedOn.size(), collectedOn.toString());
        for (String t : collectedOn) {
            assertTrue(t.contains("selector"), t);
        }
        assertFalse(completedOn[0].contains("imap4j-nio-"), completedOn[0]); // the lane's, not the transport's
    }

    /**
     * The library's own continuations of a prompt command (composite steps, BADCHARSET's header batches, merges) run
     * off the selector thread by {@link Session#run}'s own rule, while the same command's result for a
     * {@link PendingOperation} ({@link Session#call}) completes where it was read: the second half shows that this
     * setup does complete a prompt command on the selector thread, so the first half is not passing by accident.
     */
    @Test
    void continuationsOfAPromptCommandRunOffTheSelectorThread() throws Exception {
        Session s = open(ImapClientConfig.Transport.NIO, null);
        FetchOp step = new FetchOp(s, fetch(), null, null);
        assertTrue(step.prompt());
        String[] continuedOn = new String[1];
        FetchResults r = s.run(step, null).thenApply(x -> {
            continuedOn[0] = Thread.currentThread().getName();
            return x;
        }).get(10, TimeUnit.SECONDS);
        assertEquals(2, r.size());
        assertFalse(continuedOn[0].contains("selector"), continuedOn[0]);

        String[] completedOn = new String[1];
        s.call(new FetchOp(s, fetch(), null, null)).whenComplete((x, e) -> completedOn[0] = Thread.currentThread()
                .getName()).get(10, TimeUnit.SECONDS);
        assertTrue(completedOn[0].contains("selector"), completedOn[0]);
    }
}
