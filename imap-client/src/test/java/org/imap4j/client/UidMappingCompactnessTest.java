package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.ImapExchange;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 14 item 9 (client results): a server's {@code COPYUID 1 1:4294967295 1:4294967295} or {@code APPENDUID 1
 * 1:4294967295} never becomes four billion entries (net-imap CVE-2025-25186): {@link CopyResult#mapping()} is a lazy
 * view with computed lookups, and {@link AppendResult} believes only one UID per appended message. SEARCH (ESEARCH
 * ALL) and EXPUNGE (VANISHED) results, which are lists, refuse to expand a set beyond {@code maxListItems} with a typed
 * limit error.
 */
class UidMappingCompactnessTest {
    private static final Duration FAST = Duration.ofSeconds(10);
    /** Every UID there can be: {@code 1:4294967295}. */
    private static final SequenceSet ALL_UIDS = SequenceSet.range(1, 4294967295L);

    /** SELECT of a mailbox with one message, {@code [READ-WRITE]}. */
    private static void selectOne(ImapExchange x) throws java.io.IOException {
        x.send(new Untagged.Exists(1));
        x.ok(new ResponseCode.Simple(ResponseCode.Kind.READ_WRITE), "selected");
    }

    @Test
    void copyResultMappingIsAViewNotAMap() {
        SequenceSet all = SequenceSet.range(1, 4294967295L);
        CopyResult r = new CopyResult(OptionalLong.of(7), all, SequenceSet.range(5, 4294967295L));
        assertTimeoutPreemptively(FAST, () -> {
            Map<Long, Long> m = r.mapping();
            assertEquals(Integer.MAX_VALUE, m.size());
            assertFalse(m.isEmpty());
            assertEquals(5L, m.get(1L));
            assertEquals(4294967295L, m.get(4294967291L));
            assertEquals(null, m.get(4294967292L), "beyond the destination set: no pair");
            assertTrue(m.containsKey(1000L));
            assertEquals(OptionalLong.of(4294967295L), r.destinationOf(4294967291L));
            assertEquals(OptionalLong.of(1L), r.sourceOf(5L));
            assertEquals(4294967291L, r.pairCount());
            Iterator<Map.Entry<Long, Long>> it = m.entrySet().iterator();
            assertEquals(Map.entry(1L, 5L), it.next());
            assertEquals(Map.entry(2L, 6L), it.next());
        });
    }

    @Test
    void smallMappingsBehaveAsBefore() {
        CopyResult r = new CopyResult(OptionalLong.of(7), SequenceSet.parse("304,319:320"),
                SequenceSet.parse("3956:3958"));
        assertEquals(Map.of(304L, 3956L, 319L, 3957L, 320L, 3958L), r.mapping());
        assertEquals(Set.of(304L, 319L, 320L), r.mapping().keySet());
        List<Long> keys = new ArrayList<>(r.mapping().keySet());
        assertEquals(List.of(304L, 319L, 320L), keys, "the server's order");
        // a repeated source UID keeps its first pairing
        CopyResult dup = new CopyResult(OptionalLong.of(7), SequenceSet.parse("3,3,4"), SequenceSet.parse("10:12"));
        assertEquals(Map.of(3L, 10L, 4L, 12L), dup.mapping());
        assertEquals(2, dup.mapping().size());
        assertEquals(Map.of(), new CopyResult(OptionalLong.empty(), null, null).mapping());
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void hostileUidSetsThroughTheClient(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start(ImapScript.create()
                .greeting("IMAP4rev1", "UIDPLUS")
                .handler(x -> {
                    if (x.command() instanceof Command.Select) {
                        selectOne(x);
                    } else if (x.command() instanceof Command.Copy) {
                        x.ok(new ResponseCode.CopyUid(9, ALL_UIDS, ALL_UIDS), "copied");
                    } else if (x.command() instanceof Command.Append) {
                        x.ok(new ResponseCode.AppendUid(9, ALL_UIDS), "appended");
                    } else {
                        return false; // LOGOUT: BYE and OK; anything else: OK
                    }
                    return true;
                }))) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (ImapClient c = HandlerScripts.client(server, transport).readTimeout(Duration.ofSeconds(10))
                        .connect()) {
                    c.login("u", "p");
                    c.select("INBOX");
                    CopyResult copied = c.copy(SequenceSet.of(1), MailboxName.of("dst"));
                    assertEquals(OptionalLong.of(9), copied.uidValidity());
                    assertEquals(Integer.MAX_VALUE, copied.mapping().size());
                    assertEquals(4294967295L, copied.mapping().get(4294967295L));
                    AppendResult added = c.append(MailboxName.of("dst"), Bytes.utf8("Subject: x\r\n\r\nx\r\n"));
                    assertEquals(OptionalLong.of(9), added.uidValidity());
                    assertEquals(List.of(), added.uids(), "one message appended: 4294967295 UIDs are not believed");
                }
            });
            assertEquals(List.of(), server.problems());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void hostileSearchAndVanishedSetsFailWithATypedLimit(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start(ImapScript.create()
                .greeting("IMAP4rev1", "ESEARCH", "UIDPLUS")
                .handler(x -> {
                    if (x.command() instanceof Command.Select) {
                        selectOne(x);
                    } else if (x.command() instanceof Command.Search) {
                        x.send(new Untagged.ESearch(x.tag().value(), true, List.of(new ESearchItem.All(ALL_UIDS))));
                        x.ok("done");
                    } else if (x.command() instanceof Command.Expunge || x.command() instanceof Command.UidExpunge) {
                        x.send(new Untagged.Vanished(false, ALL_UIDS));
                        x.ok("done");
                    } else {
                        return false; // LOGOUT: BYE and OK; anything else: OK
                    }
                    return true;
                }))) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (ImapClient c = HandlerScripts.client(server, transport).readTimeout(Duration.ofSeconds(10))
                        .connect()) {
                    c.login("u", "p");
                    c.select("INBOX");
                    org.imap4j.codec.ImapProtocolException e = org.junit.jupiter.api.Assertions.assertThrows(
                            org.imap4j.codec.ImapProtocolException.class,
                            () -> c.search(org.imap4j.codec.command.SearchKey.all()));
                    assertEquals("maxListItems", e.limit());
                    e = org.junit.jupiter.api.Assertions.assertThrows(org.imap4j.codec.ImapProtocolException.class,
                            c::expunge);
                    assertEquals("maxListItems", e.limit());
                    c.noop(); // the connection is still usable: only these results were refused
                }
            });
            assertEquals(List.of(), server.problems());
        }
    }
}
