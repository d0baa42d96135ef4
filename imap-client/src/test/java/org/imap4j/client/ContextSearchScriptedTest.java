package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.session.testing.HostileServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CONTEXT=SEARCH (RFC 5267 section 4) and UIDBATCHES (RFC 10022) in the client, against a scripted server answering
 * as the RFCs' examples do (no server installed here speaks UIDBATCHES; Dovecot's CONTEXT=SEARCH is tested live in
 * {@code ContextSearchDovecotTest}): a live search's updates reach it by its tag, also while another search with its
 * own tagged ESEARCH is in flight; CANCELUPDATE names the tag; each extension is refused before sending when the
 * server lacks it.
 */
class ContextSearchScriptedTest {

    private static HostileServer server(List<String> lines, String caps) throws Exception {
        AtomicReference<String> liveTag = new AtomicReference<>();
        return ScriptedImap.start((peer, tag, verb, line) -> {
            lines.add(line);
            switch (verb) {
                case "LOGIN" -> peer.send(tag + " OK [CAPABILITY IMAP4rev1 UIDPLUS" + caps + "] in\r\n");
                case "UID" -> {
                    if (line.contains("SEARCH RETURN (ALL UPDATE)")) {
                        liveTag.set(tag);
                        peer.send("* ESEARCH (TAG \"" + tag + "\") UID ALL 1:3,5\r\n" + tag + " OK done\r\n");
                    } else if (line.contains("SEARCH RETURN (COUNT)")) {
                        // an update of the live search arrives while this search is in flight: it must not be
                        // taken for this one's data (both are ESEARCH; only the tag tells them apart)
                        peer.send("* ESEARCH (TAG \"" + liveTag.get() + "\") UID ADDTO (0 7)\r\n"
                                + "* ESEARCH (TAG \"" + tag + "\") UID COUNT 5\r\n" + tag + " OK done\r\n");
                    } else {
                        peer.send(tag + " OK done\r\n");
                    }
                }
                case "NOOP" -> peer.send("* ESEARCH (TAG \"" + liveTag.get() + "\") UID REMOVEFROM (0 2)\r\n"
                        + "* ESEARCH (TAG \"" + liveTag.get() + "\") UID ADDTO (0 8:9)\r\n" + tag + " OK done\r\n");
                case "CANCELUPDATE" -> peer.send(tag + " OK Updates cancelled\r\n");
                case "UIDBATCHES" -> {
                    // RFC 10022 section 3's examples, under this command's tag
                    if (line.endsWith(" 100")) {
                        peer.send(tag + " NO [TOOFEW] Minimum batch size is 500\r\n");
                    } else if (line.endsWith(" 10:20")) {
                        peer.send("* UIDBATCHES (TAG \"" + tag + "\")\r\n" + tag + " OK done\r\n");
                    } else {
                        peer.send("* UIDBATCHES (TAG \"" + tag + "\") 215295:99696,99695:20351,20350:7830,7829:1\r\n"
                                + tag + " OK done\r\n");
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void updatesReachTheirSearchByTagAndCancelNamesIt(ImapClientConfig.Transport transport) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        List<LiveSearch.Update> heard = new CopyOnWriteArrayList<>();
        try (HostileServer server = server(lines, " ESEARCH CONTEXT=SEARCH UIDBATCHES");
                ImapClient c = ScriptedImap.client(server, transport).enableImap4rev2(false).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            LiveSearch live = c.bySequence().liveSearch(SearchKey.unseen(), (s, u) -> heard.add(u));
            String tag = live.tag();
            assertTrue(lines.stream().anyMatch(l -> l.equals(tag + " UID SEARCH RETURN (ALL UPDATE) UNSEEN")),
                    "always by UID: " + lines);
            assertEquals(List.of(1L, 2L, 3L, 5L), live.initial());
            assertTrue(live.updating());

            ESearchResult count = c.search(SearchKey.all(), Command.SearchReturn.COUNT);
            assertEquals(5, count.count().orElseThrow(), "the COUNT search got its own ESEARCH only");
            assertEquals(new TreeSet<>(List.of(1L, 2L, 3L, 5L, 7L)), live.current());
            assertEquals(List.of(new LiveSearch.Update(true, 0, SequenceSet.of(7))), live.poll());
            assertEquals(List.of(), live.poll(), "each update is returned once");

            c.noop();
            assertEquals(new TreeSet<>(List.of(1L, 3L, 5L, 7L, 8L, 9L)), live.current());
            assertEquals(List.of(new LiveSearch.Update(false, 0, SequenceSet.of(2)),
                    new LiveSearch.Update(true, 0, SequenceSet.range(8, 9))), live.poll());
            assertEquals(List.of(new LiveSearch.Update(true, 0, SequenceSet.of(7)),
                    new LiveSearch.Update(false, 0, SequenceSet.of(2)),
                    new LiveSearch.Update(true, 0, SequenceSet.range(8, 9))), heard, "the listener heard each");
            assertEquals(List.of(1L, 2L, 3L, 5L), live.initial(), "the initial result stays as it was");

            live.cancel().await();
            assertTrue(lines.stream().anyMatch(l -> l.endsWith(" CANCELUPDATE \"" + tag + "\"")), lines::toString);
            assertFalse(live.updating());
            c.noop(); // an update sent after the cancel is no longer this search's
            assertEquals(List.of(), live.poll());

            // UIDBATCHES (RFC 10022)
            assertEquals(List.of(new SequenceSet.Range(99696, 215295), new SequenceSet.Range(20351, 99695),
                    new SequenceSet.Range(7830, 20350), new SequenceSet.Range(1, 7829)), c.uidBatches(2000));
            assertTrue(lines.stream().anyMatch(l -> l.endsWith(" UIDBATCHES 2000")), lines::toString);
            assertEquals(List.of(), c.uidBatches(2000, 10, 20), "a batch range past the end");
            ImapCommandException tooFew = assertThrows(ImapCommandException.class, () -> c.uidBatches(100));
            assertEquals(new ResponseCode.Simple(ResponseCode.Kind.TOOFEW), tooFew.code());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void refusedBeforeSendingWithoutTheCapability(ImapClientConfig.Transport transport) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server(lines, " ESEARCH");
                ImapClient c = ScriptedImap.client(server, transport).enableImap4rev2(false).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            int before = lines.size();
            assertThrows(ImapCapabilityException.class, () -> c.liveSearch(SearchKey.all(), LiveSearch.Listener.NONE));
            assertThrows(ImapCapabilityException.class, () -> c.uidBatches(2000));
            assertThrows(ImapCapabilityException.class,
                    () -> c.search(SearchKey.all(), Command.SearchReturn.UPDATE));
            assertEquals(before, lines.size(), "nothing sent: " + lines.subList(before, lines.size()));
        }
    }
}
