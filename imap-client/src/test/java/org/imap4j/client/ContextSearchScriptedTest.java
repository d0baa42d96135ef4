package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.Untagged;
import org.imap4j.codec.response.Untagged.ESearch;
import org.imap4j.testing.ScriptedImapServer;
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

    private static ESearch esearch(String tag, ESearchItem item) {
        return new ESearch(tag, true, List.of(item));
    }

    private static ESearchItem addTo(SequenceSet set) {
        return new ESearchItem.AddTo(List.of(new ESearchItem.ContextUpdate(0, set)));
    }

    private static ScriptedImapServer server(String caps) throws Exception {
        AtomicReference<String> liveTag = new AtomicReference<>();
        List<Capability> capabilities = new ArrayList<>();
        for (String cap : ("IMAP4rev1 UIDPLUS" + caps).split(" ")) {
            capabilities.add(Capability.of(cap));
        }
        return HandlerScripts.start(x -> {
            String tag = x.tag().value();
            Command c = x.command();
            if (c instanceof Command.Login) {
                x.ok(new ResponseCode.Capabilities(capabilities), "in");
            } else if (c instanceof Command.Search s && s.returnOptions().contains(Command.SearchReturn.UPDATE)) {
                liveTag.set(tag);
                x.send(esearch(tag, new ESearchItem.All(SequenceSet.parse("1:3,5"))));
                x.ok("done");
            } else if (c instanceof Command.Search s && s.returnOptions().equals(List.of(Command.SearchReturn.COUNT))) {
                // an update of the live search arrives while this search is in flight: it must not be taken for
                // this one's data (both are ESEARCH; only the tag tells them apart)
                x.send(esearch(liveTag.get(), addTo(SequenceSet.of(7))), esearch(tag, new ESearchItem.Count(5)));
                x.ok("done");
            } else if (c instanceof Command.Noop) {
                x.send(esearch(liveTag.get(), new ESearchItem.RemoveFrom(List.of(
                        new ESearchItem.ContextUpdate(0, SequenceSet.of(2))))),
                        esearch(liveTag.get(), addTo(SequenceSet.range(8, 9))));
                x.ok("done");
            } else if (c instanceof Command.CancelUpdate) {
                x.ok("Updates cancelled");
            } else if (c instanceof Command.UidBatches u) {
                // RFC 10022 section 3's examples, under this command's tag
                if (u.size() == 100) {
                    x.no(new ResponseCode.Simple(ResponseCode.Kind.TOOFEW), "Minimum batch size is 500");
                } else if (u.from() != null && u.from() == 10) {
                    x.send(new Untagged.UidBatches(tag, List.of()));
                    x.ok("done");
                } else {
                    x.send(new Untagged.UidBatches(tag, List.of(new SequenceSet.Range(99696, 215295),
                            new SequenceSet.Range(20351, 99695), new SequenceSet.Range(7830, 20350),
                            new SequenceSet.Range(1, 7829))));
                    x.ok("done");
                }
            } else {
                return false;
            }
            return true;
        });
    }

    /** A server that answers each NOOP with {@code n} single-UID ADDTO updates of the live search. */
    private static ScriptedImapServer chattyServer(int n) throws Exception {
        AtomicReference<String> liveTag = new AtomicReference<>();
        List<Capability> capabilities = new ArrayList<>();
        for (String cap : "IMAP4rev1 UIDPLUS ESEARCH CONTEXT=SEARCH".split(" ")) {
            capabilities.add(Capability.of(cap));
        }
        return HandlerScripts.start(x -> {
            Command c = x.command();
            if (c instanceof Command.Login) {
                x.ok(new ResponseCode.Capabilities(capabilities), "in");
            } else if (c instanceof Command.Search) {
                liveTag.set(x.tag().value());
                x.send(esearch(liveTag.get(), new ESearchItem.All(SequenceSet.of(1))));
                x.ok("done");
            } else if (c instanceof Command.Noop) {
                for (int i = 0; i < n; i++) {
                    x.send(esearch(liveTag.get(), addTo(SequenceSet.of(100 + i))));
                }
                x.ok("done");
            } else {
                return false;
            }
            return true;
        });
    }

    private static List<Command> commands(ScriptedImapServer server) {
        List<Command> r = new ArrayList<>();
        for (TaggedCommand t : server.received()) {
            r.add(t.command());
        }
        return r;
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void updatesReachTheirSearchByTagAndCancelNamesIt(ImapClientConfig.Transport transport) throws Exception {
        List<LiveSearch.Update> heard = new CopyOnWriteArrayList<>();
        try (ScriptedImapServer server = server(" ESEARCH CONTEXT=SEARCH UIDBATCHES");
                ImapClient c = HandlerScripts.client(server, transport).enableImap4rev2(false).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            LiveSearch live = c.bySequence().liveSearch(SearchKey.unseen(), (s, u) -> heard.add(u));
            String tag = live.tag();
            assertTrue(server.received().contains(new TaggedCommand(new Tag(tag), new Command.Search(null,
                    SearchKey.unseen(), List.of(Command.SearchReturn.ALL, Command.SearchReturn.UPDATE), null, true))),
                    () -> "always by UID: " + server.received());
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
            assertTrue(commands(server).contains(new Command.CancelUpdate(List.of(tag))),
                    () -> server.received().toString());
            assertFalse(live.updating());
            c.noop(); // an update sent after the cancel is no longer this search's
            assertEquals(List.of(), live.poll());

            // UIDBATCHES (RFC 10022)
            assertEquals(List.of(new SequenceSet.Range(99696, 215295), new SequenceSet.Range(20351, 99695),
                    new SequenceSet.Range(7830, 20350), new SequenceSet.Range(1, 7829)), c.uidBatches(2000));
            assertTrue(commands(server).contains(new Command.UidBatches(2000, null, null)),
                    () -> server.received().toString());
            assertEquals(List.of(), c.uidBatches(2000, 10, 20), "a batch range past the end");
            ImapCommandException tooFew = assertThrows(ImapCommandException.class, () -> c.uidBatches(100));
            assertEquals(new ResponseCode.Simple(ResponseCode.Kind.TOOFEW), tooFew.code());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void refusedBeforeSendingWithoutTheCapability(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = server(" ESEARCH");
                ImapClient c = HandlerScripts.client(server, transport).enableImap4rev2(false).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            int before = server.received().size();
            assertThrows(ImapCapabilityException.class, () -> c.liveSearch(SearchKey.all(), LiveSearch.Listener.NONE));
            assertThrows(ImapCapabilityException.class, () -> c.uidBatches(2000));
            assertThrows(ImapCapabilityException.class,
                    () -> c.search(SearchKey.all(), Command.SearchReturn.UPDATE));
            List<TaggedCommand> after = server.received();
            assertEquals(before, after.size(), () -> "nothing sent: " + after.subList(before, after.size()));
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void updatesNobodyPollsAreKeptUpToTheListLimitNewestFirst(ImapClientConfig.Transport transport)
            throws Exception {
        try (ScriptedImapServer server = chattyServer(80);
                ImapClient c = HandlerScripts.client(server, transport).enableImap4rev2(false)
                        .limits(org.imap4j.codec.CodecLimits.defaults().withMaxListItems(100)).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            LiveSearch live = c.liveSearch(SearchKey.all(), LiveSearch.Listener.NONE);
            c.noop();
            c.noop(); // 160 updates, nobody polled in between
            List<LiveSearch.Update> kept = live.poll();
            assertEquals(100, kept.size(), "at most maxListItems kept");
            assertEquals(new LiveSearch.Update(true, 0, SequenceSet.of(179)), kept.get(kept.size() - 1),
                    "the newest kept");
            assertEquals(new LiveSearch.Update(true, 0, SequenceSet.of(160)), kept.get(0),
                    "the 60 oldest dropped: the first NOOP's last 20 and the second's 80 kept");
            assertEquals(81, live.current().size(), "current() has every update applied: " + live.current());
        }
    }
}
