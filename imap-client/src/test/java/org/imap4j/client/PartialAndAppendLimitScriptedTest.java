package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.PartialRange;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.session.testing.HostileServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What no server installable here offers, against scripted transcripts on both transports: PARTIAL (RFC 9394) paged
 * SEARCH, SORT and FETCH, built from the RFC's examples; the per-mailbox APPENDLIMIT of STATUS (RFC 7889 section 4,
 * which Cyrus 3.6 refuses with BAD) checked before an APPEND with nothing written; a server's oversized ESEARCH
 * set refused rather than expanded; and a server that announces ESEARCH / ESORT but answers a plain SEARCH / SORT.
 */
class PartialAndAppendLimitScriptedTest {

    private static final String CAPS = "IMAP4rev1 IDLE UIDPLUS ESEARCH SORT ESORT SEARCHRES PARTIAL APPENDLIMIT"
            + " LIST-STATUS";

    private static HostileServer server(List<String> lines) throws Exception {
        return ScriptedImap.start((peer, tag, verb, line) -> {
            lines.add(line);
            String rest = line.substring(tag.length() + 1);
            if (verb.equals("LOGIN")) {
                peer.send(tag + " OK [CAPABILITY " + CAPS + "] in\r\n");
            } else if (rest.startsWith("UID SEARCH RETURN (PARTIAL -1:-100)")) {
                // RFC 9394 section 3.1: the 100 newest matches; the page here holds fewer
                peer.send("* ESEARCH (TAG \"" + tag + "\") UID PARTIAL (-1:-100 200:250,252:300)\r\n" + tag
                        + " OK done\r\n");
            } else if (rest.startsWith("UID SEARCH RETURN (COUNT PARTIAL 23500:24000)")) {
                peer.send("* ESEARCH (TAG \"" + tag + "\") UID COUNT 23765 PARTIAL (23500:24000 NIL)\r\n" + tag
                        + " OK done\r\n");
            } else if (rest.startsWith("UID SEARCH RETURN (ALL)")) {
                peer.send("* ESEARCH (TAG \"" + tag + "\") UID ALL 1:4294967295\r\n" + tag + " OK done\r\n");
            } else if (rest.startsWith("UID SEARCH RETURN (MIN MAX COUNT) FLAGGED")) {
                peer.send("* SEARCH 9 2 5\r\n" + tag + " OK ESEARCH announced, plain SEARCH sent\r\n");
            } else if (rest.startsWith("UID SORT RETURN (ALL MIN MAX COUNT) (SIZE) UTF-8 ALL")) {
                peer.send("* SORT 9 2 5\r\n" + tag + " OK ESORT announced, plain SORT sent\r\n");
            } else if (rest.startsWith("UID SORT RETURN (PARTIAL 1:3) (REVERSE DATE) UTF-8 ALL")) {
                peer.send("* ESEARCH (TAG \"" + tag + "\") UID PARTIAL (1:3 9,2,7)\r\n" + tag + " OK done\r\n");
            } else if (rest.startsWith("UID FETCH 1:* (UID FLAGS) (PARTIAL -1:-2)")) {
                peer.send("* 9 FETCH (UID 90 FLAGS (\\Seen))\r\n* 10 FETCH (UID 95 FLAGS ())\r\n" + tag
                        + " OK done\r\n");
            } else if (verb.equals("STATUS")) {
                String box = rest.split(" ")[1];
                String limit = box.equals("small") ? "100" : "NIL";
                peer.send("* STATUS " + box + " (APPENDLIMIT " + limit + ")\r\n" + tag + " OK done\r\n");
            } else if (verb.equals("APPEND")) {
                int n = Integer.parseInt(line.substring(line.lastIndexOf('{') + 1, line.length() - 1)
                        .replace("+", ""));
                if (!line.endsWith("+}")) {
                    peer.send("+ go\r\n");
                }
                StringBuilder got = new StringBuilder(peer.readLine());
                while (got.length() < n) {
                    got.append("\r\n").append(peer.readLine());
                }
                peer.send(tag + " OK [APPENDUID 7 12] stored\r\n");
            } else {
                return false;
            }
            return true;
        });
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void pagedSearchSortAndFetch(ImapClientConfig.Transport transport) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server(lines);
                ImapClient c = ScriptedImap.client(server, transport).connect()) {
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
            assertTrue(lines.contains(lines.stream().filter(l -> l.endsWith("UID FETCH 1:* (UID FLAGS) (PARTIAL "
                    + "-1:-2)")).findFirst().orElse("missing")), lines::toString);

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
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server(lines);
                ImapClient c = ScriptedImap.client(server, transport).connect()) {
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
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server(lines);
                ImapClient c = ScriptedImap.client(server, transport).connect()) {
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
            assertFalse(lines.stream().anyMatch(l -> l.contains(" APPEND ")), "nothing was written: " + lines);

            c.append(free, big); // NIL: no limit for this one
            c.append(small, Bytes.of("Subject: s\r\n\r\nhi\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            assertEquals(2, lines.stream().filter(l -> l.contains(" APPEND ")).count(), lines::toString);
        }
    }
}
