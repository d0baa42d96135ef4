package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.Responses;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code withProgress} on the blocking and the asynchronous client (not only on {@link ImapOperations}): the INPROGRESS
 * reports (RFC 9585) of a command sent through the view reach its listener, the client it was made from reports
 * nothing, and {@code bySequence()} of the view keeps the listener. Scripted: no server installed here offers
 * INPROGRESS.
 */
class WithProgressViewsTest {

    /** Every SEARCH (by UID or not) reports three steps for its own tag, then answers. */
    private static ScriptedImapServer server() throws Exception {
        return HandlerScripts.start(x -> {
            if (!(x.command() instanceof Command.Search)) {
                return false;
            }
            for (long i = 1; i <= 3; i++) {
                x.send(Responses.ok(new ResponseCode.InProgress(x.tag().value(), i, 3L), "searching"));
            }
            x.send(new Untagged.Search(List.of(2L, 3L), null));
            x.ok("done");
            return true;
        });
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void blockingClientViewDeliversProgress(ImapClientConfig.Transport transport) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ScriptedImapServer server = server();
                ImapClient c = HandlerScripts.client(server, transport).enableImap4rev2(false).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            ImapClient view = c.withProgress((done, goal) -> seen.add(done + "/" + goal));
            assertEquals(List.of(2L, 3L), view.search(SearchKey.all()).ids());
            assertEquals(List.of("1/3", "2/3", "3/3"), seen);
            assertEquals(List.of(2L, 3L), c.search(SearchKey.all()).ids());
            assertEquals(3, seen.size(), "the client the view was made from reports to nobody");
            assertEquals(List.of(2L, 3L), view.bySequence().search(SearchKey.all()).ids());
            assertEquals(6, seen.size(), "bySequence() of the view keeps its listener");
            assertEquals(false, view.bySequence().operations().byUid());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void asyncClientViewDeliversProgress(ImapClientConfig.Transport transport) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ScriptedImapServer server = server();
                AsyncImapClient c = HandlerScripts.client(server, transport).enableImap4rev2(false).connectAsync()
                        .get(20, TimeUnit.SECONDS)) {
            c.login("alice", "secret").get(20, TimeUnit.SECONDS);
            c.select(MailboxName.INBOX).get(20, TimeUnit.SECONDS);
            AsyncImapClient view = c.withProgress((done, goal) -> seen.add(done + "/" + goal));
            assertEquals(List.of(2L, 3L), view.search(SearchKey.all()).get(20, TimeUnit.SECONDS).ids());
            assertEquals(List.of("1/3", "2/3", "3/3"), seen);
            assertEquals(List.of(2L, 3L), c.search(SearchKey.all()).get(20, TimeUnit.SECONDS).ids());
            assertEquals(3, seen.size(), "the client the view was made from reports to nobody");
            view.bySequence().search(SearchKey.all()).get(20, TimeUnit.SECONDS);
            assertEquals(6, seen.size(), "bySequence() of the view keeps its listener");
            assertEquals(List.of(2L, 3L), view.blocking().search(SearchKey.all()).ids());
            assertEquals(9, seen.size(), "the blocking view of the async view keeps its listener");
        }
    }
}
