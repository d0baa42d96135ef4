package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.ScriptedImapServer;
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
    private static ScriptedImapServer fetchAnswers(Untagged... body) throws java.io.IOException {
        return HandlerScripts.start(x -> {
            if (!(x.command() instanceof Command.Fetch)) {
                return false;
            }
            x.send(body);
            x.ok("fetched");
            return true;
        });
    }

    /** @return {@code * seq FETCH (UID uid FLAGS (flags))} */
    private static Untagged.Fetch fetch(long seq, long uid, Flag... flags) {
        return new Untagged.Fetch(seq, List.of(new FetchItem.Uid(uid), new FetchItem.Flags(List.of(flags))));
    }

    /** @return {@code * seq EXPUNGE} */
    private static Untagged.Expunge expunge(long seq) {
        return new Untagged.Expunge(seq);
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

    private static ImapClient client(ScriptedImapServer server, ImapClientConfig.Transport transport,
            List<String> events) {
        ImapClient c = HandlerScripts.client(server, transport).listener(new MailboxListener() {
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
        try (ScriptedImapServer server = fetchAnswers(fetch(1, 11, Flag.SEEN),
                fetch(2, 12),
                expunge(2),
                fetch(2, 13, Flag.FLAGGED),
                fetch(3, 14))) {
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
            assertEquals(List.of(), server.problems());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void membershipIsJudgedByTheNumberWhenTheCommandWasSent(ImapClientConfig.Transport transport)
            throws Exception {
        // FETCH 3:4; message 1 goes: 3 (UID 13) becomes 2, 4 (UID 14) becomes 3; 5 (UID 15), now 4, was not asked
        try (ScriptedImapServer server = fetchAnswers(fetch(3, 13),
                expunge(1),
                fetch(3, 14, Flag.SEEN),
                fetch(4, 15, Flag.DELETED))) {
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            try (ImapClient c = client(server, transport, events)) {
                FetchResults r = c.bySequence().fetch(SequenceSet.range(3, 4),
                        org.imap4j.codec.fetch.FetchAttribute.Item.UID,
                        org.imap4j.codec.fetch.FetchAttribute.Item.FLAGS);
                assertEquals(Map.of(2L, List.of(13L), 3L, List.of(14L)), uids(r));
                assertEquals(List.of(2L, 3L), List.copyOf(r.keySet()));
                assertEquals(List.of("expunged 1", "flags 4"), events, "message 4 now (5 before) is not ours");
            }
            assertEquals(List.of(), server.problems());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void uidFetchKeepsUidKeysAndRenumbersTheSequenceNumbers(ImapClientConfig.Transport transport)
            throws Exception {
        try (ScriptedImapServer server = fetchAnswers(fetch(2, 12),
                expunge(1),
                fetch(2, 13))) {
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            try (ImapClient c = client(server, transport, events)) {
                FetchResults r = c.fetchFlags(SequenceSet.range(12, 13));
                assertEquals(Map.of(12L, List.of(12L), 13L, List.of(13L)), uids(r));
                assertEquals(1, r.get(12L).seq(), "UID 12 is message 1 once message 1 is expunged");
                assertEquals(2, r.get(13L).seq());
                assertEquals(List.of("expunged 1"), events);
            }
            assertEquals(List.of(), server.problems());
        }
    }
}
