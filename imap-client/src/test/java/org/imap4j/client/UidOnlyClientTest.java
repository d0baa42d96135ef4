package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * UIDONLY (RFC 9586) in the client, against a scripted server built from the RFC's examples (no server installed
 * here offers UIDONLY): enabled only when asked, UIDFETCH responses read as the FETCH results of their UIDs, and every
 * sequence-number operation refused with {@link ImapUidOnlyException} before anything is sent.
 */
class UidOnlyClientTest {

    private static ScriptedImapServer server(boolean offer) throws Exception {
        return HandlerScripts.start(x -> {
            Command c = x.command();
            if (c instanceof Command.Login) {
                List<Capability> caps = new ArrayList<>(List.of(Capability.Known.IMAP4REV1, Capability.Known.UIDPLUS,
                        Capability.Known.ENABLE));
                if (offer) {
                    caps.add(Capability.Known.UIDONLY);
                }
                x.ok(new ResponseCode.Capabilities(caps), "in");
            } else if (c instanceof Command.Enable) {
                x.send(new Untagged.Enabled(List.of(Capability.Known.UIDONLY)));
                x.ok("enabled");
            } else if (c instanceof Command.Fetch f && f.uid()) {
                // RFC 9586 section 3.3
                x.send(new Untagged.UidFetch(25996, List.of(new FetchItem.Flags(List.of(Flag.SEEN)),
                                new FetchItem.Rfc822Size(44827))),
                        new Untagged.UidFetch(25997, List.of(new FetchItem.Flags(List.of()))));
                x.ok("done");
            } else if (c instanceof Command.Store s && s.uid()) {
                x.send(new Untagged.UidFetch(25996, List.of(new FetchItem.Flags(List.of(Flag.SEEN, Flag.FLAGGED)))));
                x.ok("done");
            } else {
                return false;
            }
            return true;
        });
    }

    /** @return whether any command the server received names UIDONLY (only ENABLE can) */
    private static boolean namesUidOnly(List<Command> commands) {
        return commands.stream().anyMatch(c -> c instanceof Command.Enable e
                && e.capabilities().stream().anyMatch("UIDONLY"::equalsIgnoreCase));
    }

    private static List<Command> commands(ScriptedImapServer server) {
        return server.received().stream().map(t -> t.command()).toList();
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void uidOnlyWhenAskedUidFetchResultsAndSequenceNumbersRefused(ImapClientConfig.Transport transport)
            throws Exception {
        try (ScriptedImapServer server = server(true);
                ImapClient c = HandlerScripts.client(server, transport).enableImap4rev2(false).connect()) {
            c.login("alice", "secret");
            assertFalse(c.isUidOnly(), "opt-in: not enabled by login");
            assertFalse(namesUidOnly(commands(server)), server.received()::toString);
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

            int before = server.received().size();
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
            List<Command> sent = commands(server);
            assertEquals(before + 1, sent.size(), "only the NOOP was sent: " + sent.subList(before, sent.size()));
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void notOfferedIsRefusedBeforeSending(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = server(false);
                ImapClient c = HandlerScripts.client(server, transport).enableImap4rev2(false).connect()) {
            c.login("alice", "secret");
            assertThrows(ImapCapabilityException.class, c::enableUidOnly);
            assertFalse(commands(server).stream().anyMatch(cmd -> cmd instanceof Command.Enable),
                    server.received()::toString);
            assertFalse(c.isUidOnly());
        }
    }
}
