package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.ImapTimeoutException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.Responses;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * INPROGRESS (RFC 9585) against a scripted server built from the RFC's examples (no server installed here offers
 * it): a long SEARCH reports its progress, each report reaches the operation's listener and starts the command
 * deadline again, so the command outlives a command timeout it would otherwise pass; the same wait without reports
 * times out. A report naming another tag is not this command's.
 */
class InProgressClientTest {

    /** A server whose SEARCH takes 8 steps of 250 ms (2 s in all), reporting each step when {@code report}. */
    private static ScriptedImapServer server(boolean report) throws Exception {
        return HandlerScripts.start(x -> {
            if (!(x.command() instanceof Command.Search s && s.uid())) {
                return false;
            }
            x.send(Responses.ok(new ResponseCode.InProgress("other", 1L, 2L), "not this command's"));
            for (long i = 1; i <= 8; i++) {
                Thread.sleep(250);
                if (report) {
                    x.send(Responses.ok(new ResponseCode.InProgress(x.tag().value(), i, 8L), "Still searching"));
                }
            }
            x.send(new Untagged.Search(List.of(4L, 9L), null));
            x.ok("done");
            return true;
        });
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void progressReachesTheListenerAndRenewsTheCommandDeadline(ImapClientConfig.Transport transport)
            throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ScriptedImapServer server = server(true);
                ImapClient c = HandlerScripts.client(server, transport).enableImap4rev2(false)
                        .commandTimeout(Duration.ofMillis(1200)).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            SearchResult r = c.operations().withProgress((done, goal) -> seen.add(done + "/" + goal))
                    .search(SearchKey.all()).await();
            assertEquals(List.of(4L, 9L), r.ids());
            assertEquals(List.of("1/8", "2/8", "3/8", "4/8", "5/8", "6/8", "7/8", "8/8"), seen);
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void withoutReportsTheSameWaitTimesOut(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = server(false);
                ImapClient c = HandlerScripts.client(server, transport).enableImap4rev2(false)
                        .commandTimeout(Duration.ofMillis(1200)).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            RuntimeException e = assertThrows(RuntimeException.class, () -> c.search(SearchKey.all()));
            assertTrue(e instanceof ImapTimeoutException || e.getCause() instanceof ImapTimeoutException
                    || e instanceof OperationTimeoutException, e::toString);
        }
    }
}
