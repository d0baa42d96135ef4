package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A response the parser rejects is no longer lost silently (issue 14 item 16, client half): the command's result
 * carries a {@link ResponseWarning} with the escaped bytes, and strict mode fails the command with the
 * {@link ImapProtocolException} instead. Both transports; the connection goes on either way.
 */
class ResponseWarningsTest {
    /** Not a FETCH list at all, with a terminal escape sequence in it: nothing to salvage. */
    private static final String BROKEN = "* 2 FETCH \u001b[31mjunk\r\n";

    /** {@code * seq FETCH (UID uid FLAGS (flags))}. */
    private static Untagged.Fetch flags(long seq, long uid, Flag... flags) {
        return new Untagged.Fetch(seq, List.of(new FetchItem.Uid(uid), new FetchItem.Flags(List.of(flags))));
    }

    // BROKEN is raw: a response the codec would never write
    private static ScriptedImapServer server() throws java.io.IOException {
        return HandlerScripts.start(x -> {
            Command c = x.command();
            if (c instanceof Command.Fetch) {
                x.send(flags(1, 11, Flag.SEEN));
                x.sendRaw(BROKEN);
                x.send(flags(3, 13));
                x.ok("fetched");
            } else if (c instanceof Command.Search s && s.uid()) {
                x.send(new Untagged.Search(List.of(11L, 13L), null));
                x.sendRaw(BROKEN);
                x.ok("searched");
            } else if (c instanceof Command.Store s && s.uid()) {
                x.send(flags(1, 11, Flag.SEEN));
                x.sendRaw(BROKEN);
                x.ok("stored");
            } else if (c instanceof Command.Examine) {
                x.send(new Untagged.Exists(3));
                x.sendRaw(BROKEN);
                x.ok(new ResponseCode.Simple(ResponseCode.Kind.READ_ONLY), "examined");
            } else if (c instanceof Command.Noop) {
                x.sendRaw(BROKEN);
                x.ok("noop");
            } else {
                return false;
            }
            return true;
        });
    }

    private static ImapClient client(ScriptedImapServer server, ImapClientConfig.Transport transport, boolean strict,
            List<ImapProtocolException> heard) {
        ImapClient c = HandlerScripts.client(server, transport).strictResponses(strict).listener(new MailboxListener() {
            @Override
            public void unreadableResponse(ImapProtocolException error) {
                heard.add(error);
            }
        }).connect();
        c.login("alice", "secret");
        c.select(MailboxName.INBOX);
        return c;
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void anUnreadableResponseDuringAFetchIsAWarningOnItsResult(ImapClientConfig.Transport transport)
            throws Exception {
        List<ImapProtocolException> heard = Collections.synchronizedList(new ArrayList<>());
        try (ScriptedImapServer server = server(); ImapClient c = client(server, transport, false, heard)) {
            FetchResults r = c.fetchFlags(SequenceSet.range(11, 13));
            assertEquals(List.of(11L, 13L), List.copyOf(r.keySet()));
            assertEquals(1, r.warnings().size(), r.warnings()::toString);
            ResponseWarning w = r.warnings().get(0);
            assertEquals(ResponseWarning.Kind.UNREADABLE_RESPONSE, w.kind());
            assertFalse(w.excerpt().isEmpty());
            assertFalse(w.excerpt().contains("\u001b"), "the excerpt is escaped: " + w.excerpt());
            assertFalse(w.message().contains("\u001b"), "the message is escaped: " + w.message());
            assertEquals(1, heard.size(), "the listener hears of it too");
            assertTrue(c.fetchFlags(SequenceSet.of(11)).warnings().size() <= 1, "warnings belong to one command");
            c.noop();
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void strictModeFailsTheFetchWithTheProtocolErrorAndTheConnectionGoesOn(ImapClientConfig.Transport transport)
            throws Exception {
        List<ImapProtocolException> heard = Collections.synchronizedList(new ArrayList<>());
        try (ScriptedImapServer server = server(); ImapClient c = client(server, transport, true, heard)) {
            ImapProtocolException e = assertThrows(ImapProtocolException.class,
                    () -> c.fetchFlags(SequenceSet.range(11, 13)));
            assertEquals(heard.get(0), e);
            assertThrows(ImapProtocolException.class, c::noop, "any command, not only FETCH");
            assertEquals(2, heard.size());
            c.check();
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void resultRecordsCarryTheWarningsToo(ImapClientConfig.Transport transport) throws Exception {
        List<ImapProtocolException> heard = Collections.synchronizedList(new ArrayList<>());
        try (ScriptedImapServer server = server(); ImapClient c = client(server, transport, false, heard)) {
            SearchResult found = c.search(org.imap4j.codec.command.SearchKey.all());
            assertEquals(List.of(11L, 13L), found.ids());
            assertEquals(1, found.warnings().size());
            StoreResult stored = c.addFlags(SequenceSet.of(11), org.imap4j.codec.core.Flag.SEEN);
            assertEquals(1, stored.warnings().size());
            SelectResult examined = c.examine(MailboxName.INBOX);
            assertEquals(3, examined.exists());
            assertEquals(1, examined.warnings().size());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void withoutStrictModeOtherCommandsSucceed(ImapClientConfig.Transport transport) throws Exception {
        List<ImapProtocolException> heard = Collections.synchronizedList(new ArrayList<>());
        try (ScriptedImapServer server = server(); ImapClient c = client(server, transport, false, heard)) {
            c.noop();
            assertEquals(1, heard.size());
        }
    }

    /** One bad item (a date that is no date); the parser salvages the message's other items. */
    private static ScriptedImapServer salvagingServer() throws java.io.IOException {
        return HandlerScripts.start(x -> {
            if (x.command() instanceof Command.Fetch) {
                // raw: an INTERNALDATE that is no date, which the codec would never write
                x.sendRaw("* 1 FETCH (UID 11 INTERNALDATE \"no \u001b[2J date\" FLAGS (\\Seen))\r\n");
                x.send(flags(2, 12));
                x.ok("fetched");
                return true;
            }
            return false;
        });
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void anUnreadableItemKeepsTheOtherItemsAndIsAWarning(ImapClientConfig.Transport transport) throws Exception {
        List<ImapProtocolException> heard = Collections.synchronizedList(new ArrayList<>());
        try (ScriptedImapServer server = salvagingServer(); ImapClient c = client(server, transport, false, heard)) {
            FetchResults r = c.fetchFlags(SequenceSet.range(11, 12));
            assertEquals(List.of(11L, 12L), List.copyOf(r.keySet()));
            assertTrue(r.get(11L).flags().orElseThrow().contains(org.imap4j.codec.core.Flag.SEEN), r::toString);
            assertEquals(1, r.warnings().size(), r.warnings()::toString);
            ResponseWarning w = r.warnings().get(0);
            assertEquals(ResponseWarning.Kind.UNREADABLE_ITEM, w.kind());
            assertTrue(w.message().contains("INTERNALDATE") && w.message().contains("message 1"), w.message());
            assertFalse(w.excerpt().contains("\u001b"), "the excerpt is escaped: " + w.excerpt());
            assertEquals(1, heard.size(), "the listener hears of it too");
        }
        try (ScriptedImapServer server = salvagingServer(); ImapClient c = client(server, transport, true, heard)) {
            ImapProtocolException e = assertThrows(ImapProtocolException.class,
                    () -> c.fetchFlags(SequenceSet.range(11, 12)));
            assertTrue(e.getMessage().contains("INTERNALDATE"), e.getMessage());
            c.noop();
        }
    }
}
