package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.PartialRange;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.StatusItem;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What no server installable here offers, against scripted transcripts on both transports: PARTIAL (RFC 9394) paged
 * SEARCH, SORT and FETCH, built from the RFC's examples; the per-mailbox APPENDLIMIT of STATUS (RFC 7889 section 4,
 * which Cyrus 3.6 refuses with BAD) checked before an APPEND with nothing written; a server's oversized ESEARCH
 * set refused rather than expanded; and a server that announces ESEARCH / ESORT but answers a plain SEARCH / SORT.
 */
class PartialAndAppendLimitScriptedTest {

    private static final List<Capability> CAPS = Stream.of("IMAP4rev1", "IDLE", "UIDPLUS", "ESEARCH", "SORT",
            "ESORT", "SEARCHRES", "PARTIAL", "APPENDLIMIT", "LIST-STATUS").map(Capability::of).toList();

    private static ScriptedImapServer server() throws Exception {
        return HandlerScripts.start(x -> {
            Command c = x.command();
            String tag = x.tag().value();
            if (c instanceof Command.Login) {
                x.ok(new ResponseCode.Capabilities(CAPS), "in");
            } else if (c instanceof Command.Search s && s.uid() && s.returnOptions().isEmpty()
                    && new PartialRange(-1, -100).equals(s.partial())) {
                // RFC 9394 section 3.1: the 100 newest matches; the page here holds fewer
                x.send(new Untagged.ESearch(tag, true, List.of(new ESearchItem.Partial(new PartialRange(-1, -100),
                        SequenceSet.parse("200:250,252:300")))));
                x.ok("done");
            } else if (c instanceof Command.Search s && s.uid()
                    && s.returnOptions().equals(List.of(Command.SearchReturn.COUNT))
                    && new PartialRange(23500, 24000).equals(s.partial())) {
                x.send(new Untagged.ESearch(tag, true, List.of(new ESearchItem.Count(23765),
                        new ESearchItem.Partial(new PartialRange(23500, 24000), null))));
                x.ok("done");
            } else if (c instanceof Command.Search s && s.uid() && s.partial() == null
                    && s.returnOptions().equals(List.of(Command.SearchReturn.ALL))) {
                x.send(new Untagged.ESearch(tag, true, List.of(new ESearchItem.All(
                        SequenceSet.range(1, SequenceSet.MAX_NUMBER)))));
                x.ok("done");
            } else if (c instanceof Command.Search s && s.uid() && s.partial() == null
                    && s.returnOptions().equals(List.of(Command.SearchReturn.MIN, Command.SearchReturn.MAX,
                            Command.SearchReturn.COUNT)) && s.key().equals(SearchKey.flagged())) {
                x.send(new Untagged.Search(List.of(9L, 2L, 5L), null));
                x.ok("ESEARCH announced, plain SEARCH sent");
            } else if (c instanceof Command.Sort s && s.uid() && s.partial() == null
                    && s.returnOptions().equals(List.of(Command.SearchReturn.ALL, Command.SearchReturn.MIN,
                            Command.SearchReturn.MAX, Command.SearchReturn.COUNT))
                    && s.criteria().equals(List.of(new Command.SortCriterion(false, Command.SortKey.SIZE)))
                    && s.charset().equals("UTF-8") && s.key().equals(SearchKey.all())) {
                x.send(new Untagged.Sort(List.of(9L, 2L, 5L), null));
                x.ok("ESORT announced, plain SORT sent");
            } else if (c instanceof Command.Sort s && s.uid() && new PartialRange(1, 3).equals(s.partial())
                    && s.criteria().equals(List.of(new Command.SortCriterion(true, Command.SortKey.DATE)))
                    && s.charset().equals("UTF-8") && s.key().equals(SearchKey.all())) {
                x.send(new Untagged.ESearch(tag, true, List.of(new ESearchItem.Partial(new PartialRange(1, 3),
                        SequenceSet.parse("9,2,7")))));
                x.ok("done");
            } else if (isPagedFetch(c)) {
                x.send(new Untagged.Fetch(9, List.of(new FetchItem.Uid(90), new FetchItem.Flags(List.of(Flag.SEEN)))),
                        new Untagged.Fetch(10, List.of(new FetchItem.Uid(95), new FetchItem.Flags(List.of()))));
                x.ok("done");
            } else if (c instanceof Command.Status s) {
                Long limit = s.mailbox().equals(MailboxName.of("small")) ? Long.valueOf(100) : null;
                x.send(new Untagged.MailboxStatus(s.mailbox(), List.of(new StatusItem.AppendLimit(limit))));
                x.ok("done");
            } else if (c instanceof Command.Append) {
                // the literal was continued (or not, LITERAL+) and read by the server's command decoder
                x.ok(new ResponseCode.AppendUid(7, SequenceSet.of(12)), "stored");
            } else {
                return false;
            }
            return true;
        });
    }

    /** {@code UID FETCH 1:* (UID FLAGS) (PARTIAL -1:-2)}. */
    private static boolean isPagedFetch(Command c) {
        return c instanceof Command.Fetch f && f.uid() && f.set().equals(SequenceSet.all())
                && f.attributes().equals(List.of(FetchAttribute.Item.UID, FetchAttribute.Item.FLAGS))
                && new PartialRange(-1, -2).equals(f.partial());
    }

    private static long appends(ScriptedImapServer server) {
        return server.received().stream().filter(t -> t.command() instanceof Command.Append).count();
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void pagedSearchSortAndFetch(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = server();
                ImapClient c = HandlerScripts.client(server, transport).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);

            ESearchResult newest = c.searchPage(SearchKey.undeleted(), PartialRange.last(100));
            assertEquals(PartialRange.last(100), newest.page().orElseThrow());
            assertEquals(SequenceSet.parse("200:250,252:300"), newest.pageSet().orElseThrow());
            assertEquals(100, newest.ids().size());

            ESearchResult beyond = c.searchPage(SearchKey.undeleted(), new PartialRange(23500, 24000),
                    Command.SearchReturn.COUNT);
            assertEquals(23765, beyond.count().getAsLong());
            assertTrue(beyond.pageSet().isEmpty(), "NIL: the page holds no match");
            assertTrue(beyond.ids().isEmpty());

            ESearchResult sorted = c.sortPage(List.of(new Command.SortCriterion(true, Command.SortKey.DATE)),
                    SearchKey.all(), PartialRange.first(3));
            assertEquals(List.of(9L, 2L, 7L), sorted.ids(), "a sorted page keeps its order");

            FetchResults last2 = c.fetchPage(SequenceSet.all(), PartialRange.last(2), FetchAttribute.Item.FLAGS);
            assertEquals(java.util.Set.of(90L, 95L), last2.keySet());
            assertTrue(server.received().stream().anyMatch(t -> isPagedFetch(t.command())),
                    server.received()::toString);

            // a server's 1:4294967295 is refused at the client's list limit, never expanded
            ImapProtocolException e = assertThrows(ImapProtocolException.class, () -> c.search(SearchKey.all(),
                    Command.SearchReturn.ALL));
            assertEquals("maxListItems", e.limit());
            c.noop(); // the connection goes on
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aServerThatIgnoresReturnStillGivesTypedResults(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = server();
                ImapClient c = HandlerScripts.client(server, transport).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            ESearchResult r = c.search(SearchKey.flagged(), Command.SearchReturn.MIN, Command.SearchReturn.MAX,
                    Command.SearchReturn.COUNT);
            assertEquals(2, r.min().getAsLong());
            assertEquals(9, r.max().getAsLong());
            assertEquals(3, r.count().getAsLong());
            assertTrue(r.all().isEmpty(), "ALL was not asked for");
            ESearchResult sorted = c.sort(List.of(new Command.SortCriterion(false, Command.SortKey.SIZE)),
                    SearchKey.all(), Command.SearchReturn.ALL, Command.SearchReturn.MIN, Command.SearchReturn.MAX,
                    Command.SearchReturn.COUNT);
            assertEquals(List.of(9L, 2L, 5L), sorted.ids(), "the sorted order is kept");
            assertEquals(9, sorted.min().getAsLong(), "first in sorted order");
            assertEquals(5, sorted.max().getAsLong(), "last in sorted order");
            assertEquals(3, sorted.count().getAsLong());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aMailboxsOwnAppendLimitFromStatusIsCheckedWithNothingSent(ImapClientConfig.Transport transport)
            throws Exception {
        try (ScriptedImapServer server = server();
                ImapClient c = HandlerScripts.client(server, transport).connect()) {
            c.login("alice", "secret");
            MailboxName small = MailboxName.of("small");
            MailboxName free = MailboxName.of("free");
            assertTrue(c.appendLimit(small).isEmpty(), "APPENDLIMIT without a value: unknown until STATUS");
            assertEquals(100, c.status(small, StatusAttribute.APPENDLIMIT).appendLimit().getAsLong());
            StatusResult nil = c.status(free, StatusAttribute.APPENDLIMIT);
            assertTrue(nil.appendLimit().isEmpty() && nil.hasAppendLimitItem(), "NIL: no limit");
            assertEquals(100, c.appendLimit(small).getAsLong());
            assertTrue(c.appendLimit(free).isEmpty());

            Bytes big = Bytes.of(("Subject: big\r\n\r\n" + "x".repeat(200) + "\r\n").getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
            ImapAppendLimitException e = assertThrows(ImapAppendLimitException.class, () -> c.append(small, big));
            assertEquals(100, e.limit());
            assertEquals(big.size(), e.size());
            assertTrue(e.perMailbox());
            assertEquals(small, e.mailbox());
            assertThrows(ImapAppendLimitException.class, () -> c.appendAll(small, List.of(
                    new Command.AppendMessage(List.of(), null, big, false))));
            assertFalse(appends(server) > 0, "nothing was written: " + server.received());

            c.append(free, big); // NIL: no limit for this one
            c.append(small, Bytes.of("Subject: s\r\n\r\nhi\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            assertEquals(2, appends(server), server.received()::toString);
        }
    }
}
