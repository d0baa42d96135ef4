package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.session.testing.HostileServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A FETCH during which the server sends {@code * n EXPUNGE} (RFC 9051 section 7.5.1 forbids it during a FETCH, and
 * a broken or hostile server does it anyway): later responses name messages by their new sequence numbers, so the
 * client renumbers, never merges two messages' items under one key, and judges membership in the requested set by
 * the number a message had when the command was sent (issue 14 item 2). Both transports. A conforming server (Dovecot)
 * never sends this, so only a scripted one can show it.
 */
class FetchAcrossExpungeTest {

    /** Answers any FETCH with {@code body}, then the tagged OK. */
    private static HostileServer fetchAnswers(String body) throws java.io.IOException {
        return ScriptedImap.start((peer, tag, verb, line) -> {
            if (!line.contains("FETCH")) {
                return false;
            }
            peer.send(body + tag + " OK fetched\r\n");
            return true;
        });
    }

    /** @return key to the UIDs of each result, in order (two UIDs under one key would mean a merge) */
    private static Map<Long, List<Long>> uids(Map<Long, FetchResult> r) {
        Map<Long, List<Long>> out = new LinkedHashMap<>();
        r.forEach((k, v) -> {
            List<Long> ids = new ArrayList<>();
            for (FetchItem i : v.items()) {
                if (i instanceof FetchItem.Uid u) {
                    ids.add(u.uid());
                }
            }
            out.put(k, ids);
        });
        return out;
    }

    private static ImapClient client(HostileServer server, ImapClientConfig.Transport transport,
            List<String> events) {
        ImapClient c = ScriptedImap.client(server, transport).listener(new MailboxListener() {
            @Override
            public void expunged(long seq) {
                events.add("expunged " + seq);
            }

            @Override
            public void flagsChanged(FlagUpdate update) {
                events.add("flags " + update.seq());
            }
        }).connect();
        c.login("alice", "secret");
        c.select(MailboxName.INBOX);
        return c;
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void laterResponsesAreRenumberedAndNeverMergedIntoAnotherMessage(ImapClientConfig.Transport transport)
            throws Exception {
        try (HostileServer server = fetchAnswers("* 1 FETCH (UID 11 FLAGS (\\Seen))\r\n"
                + "* 2 FETCH (UID 12 FLAGS ())\r\n"
                + "* 2 EXPUNGE\r\n"
                + "* 2 FETCH (UID 13 FLAGS (\\Flagged))\r\n"
                + "* 3 FETCH (UID 14 FLAGS ())\r\n")) {
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            try (ImapClient c = client(server, transport, events)) {
                FetchResults r = c.bySequence().fetch(SequenceSet.range(1, 4),
                        org.imap4j.codec.fetch.FetchAttribute.Item.UID,
                        org.imap4j.codec.fetch.FetchAttribute.Item.FLAGS);
                assertEquals(Map.of(1L, List.of(11L), 2L, List.of(13L), 3L, List.of(14L)), uids(r));
                assertEquals(2, r.get(2L).seq());
                assertEquals(List.of(org.imap4j.codec.core.Flag.FLAGGED), r.get(2L).flags().orElseThrow());
                assertEquals(List.of("expunged 2"), events);
            }
            assertEquals(List.of(), server.errors());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void membershipIsJudgedByTheNumberWhenTheCommandWasSent(ImapClientConfig.Transport transport)
            throws Exception {
        // FETCH 3:4; message 1 goes: 3 (UID 13) becomes 2, 4 (UID 14) becomes 3; 5 (UID 15), now 4, was not asked
        try (HostileServer server = fetchAnswers("* 3 FETCH (UID 13 FLAGS ())\r\n"
                + "* 1 EXPUNGE\r\n"
                + "* 3 FETCH (UID 14 FLAGS (\\Seen))\r\n"
                + "* 4 FETCH (UID 15 FLAGS (\\Deleted))\r\n")) {
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            try (ImapClient c = client(server, transport, events)) {
                FetchResults r = c.bySequence().fetch(SequenceSet.range(3, 4),
                        org.imap4j.codec.fetch.FetchAttribute.Item.UID,
                        org.imap4j.codec.fetch.FetchAttribute.Item.FLAGS);
                assertEquals(Map.of(2L, List.of(13L), 3L, List.of(14L)), uids(r));
                assertEquals(List.of(2L, 3L), List.copyOf(r.keySet()));
                assertEquals(List.of("expunged 1", "flags 4"), events, "message 4 now (5 before) is not ours");
            }
            assertEquals(List.of(), server.errors());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void uidFetchKeepsUidKeysAndRenumbersTheSequenceNumbers(ImapClientConfig.Transport transport)
            throws Exception {
        try (HostileServer server = fetchAnswers("* 2 FETCH (UID 12 FLAGS ())\r\n"
                + "* 1 EXPUNGE\r\n"
                + "* 2 FETCH (UID 13 FLAGS ())\r\n")) {
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            try (ImapClient c = client(server, transport, events)) {
                FetchResults r = c.fetchFlags(SequenceSet.range(12, 13));
                assertEquals(Map.of(12L, List.of(12L), 13L, List.of(13L)), uids(r));
                assertEquals(1, r.get(12L).seq(), "UID 12 is message 1 once message 1 is expunged");
                assertEquals(2, r.get(13L).seq());
                assertEquals(List.of("expunged 1"), events);
            }
            assertEquals(List.of(), server.errors());
        }
    }
}
