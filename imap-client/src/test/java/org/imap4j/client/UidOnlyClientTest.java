package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.session.testing.HostileServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * UIDONLY (RFC 9586) in the client, against a scripted server built from the RFC's examples (no server installed
 * here offers UIDONLY): enabled only when asked, UIDFETCH responses read as the FETCH results of their UIDs, and every
 * sequence-number operation refused with {@link ImapUidOnlyException} before anything is sent.
 */
class UidOnlyClientTest {

    private static HostileServer server(List<String> lines, boolean offer) throws Exception {
        return ScriptedImap.start((peer, tag, verb, line) -> {
            lines.add(line);
            switch (verb) {
                case "LOGIN" -> peer.send(tag + " OK [CAPABILITY IMAP4rev1 UIDPLUS ENABLE" + (offer ? " UIDONLY" : "")
                        + "] in\r\n");
                case "ENABLE" -> peer.send("* ENABLED UIDONLY\r\n" + tag + " OK enabled\r\n");
                case "UID" -> {
                    if (line.contains(" FETCH ")) {
                        // RFC 9586 section 3.3
                        peer.send("* 25996 UIDFETCH (FLAGS (\\Seen) RFC822.SIZE 44827)\r\n"
                                + "* 25997 UIDFETCH (FLAGS ())\r\n" + tag + " OK done\r\n");
                    } else if (line.contains(" STORE ")) {
                        peer.send("* 25996 UIDFETCH (FLAGS (\\Seen \\Flagged))\r\n" + tag + " OK done\r\n");
                    } else {
                        peer.send(tag + " OK done\r\n");
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
    void uidOnlyWhenAskedUidFetchResultsAndSequenceNumbersRefused(ImapClientConfig.Transport transport)
            throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server(lines, true);
                ImapClient c = ScriptedImap.client(server, transport).enableImap4rev2(false).connect()) {
            c.login("alice", "secret");
            assertFalse(c.isUidOnly(), "opt-in: not enabled by login");
            assertFalse(lines.stream().anyMatch(l -> l.contains("UIDONLY")), lines::toString);
            assertTrue(c.enableUidOnly());
            assertTrue(c.isUidOnly());
            c.select(MailboxName.INBOX);

            FetchResults r = c.fetchFlags(SequenceSet.range(25996, 25997));
            assertEquals(2, r.size(), r::toString);
            assertEquals(List.of(Flag.SEEN), r.get(25996L).flags().orElseThrow());
            assertEquals(25996L, r.get(25996L).uid().orElseThrow());
            assertEquals(44827L, r.get(25996L).size().orElseThrow());
            StoreResult st = c.operations().store(SequenceSet.of(25996), Command.StoreMode.ADD, false, null,
                    Flag.FLAGGED).await();
            assertEquals(List.of(Flag.SEEN, Flag.FLAGGED), st.flags().get(25996L));

            int before = lines.size();
            ImapClient seq = c.bySequence();
            assertThrows(ImapUidOnlyException.class, () -> seq.fetchFlags(SequenceSet.of(1)));
            assertThrows(ImapUidOnlyException.class, () -> seq.copy(SequenceSet.of(1), MailboxName.of("x")));
            assertThrows(ImapUidOnlyException.class, () -> seq.search(SearchKey.all()));
            assertThrows(ImapUidOnlyException.class, () -> seq.operations().store(SequenceSet.of(1),
                    Command.StoreMode.ADD, true, null, Flag.SEEN).await());
            CompletionException e = assertThrows(CompletionException.class,
                    () -> c.operations().bySequence().fetch(SequenceSet.of(1),
                            org.imap4j.codec.fetch.FetchAttribute.Item.FLAGS).future().join());
            assertTrue(e.getCause() instanceof ImapUidOnlyException, e.getCause()::toString);
            c.noop();
            assertEquals(before + 1, lines.size(), "only the NOOP was sent: " + lines.subList(before, lines.size()));
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void notOfferedIsRefusedBeforeSending(ImapClientConfig.Transport transport) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server(lines, false);
                ImapClient c = ScriptedImap.client(server, transport).enableImap4rev2(false).connect()) {
            c.login("alice", "secret");
            assertThrows(ImapCapabilityException.class, c::enableUidOnly);
            assertFalse(lines.stream().anyMatch(l -> l.contains("ENABLE")), lines::toString);
            assertFalse(c.isUidOnly());
        }
    }
}
