package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.Responses;
import org.imap4j.testing.ScriptedImapServer;
import org.imap4j.testing.servers.DovecotServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Long message sets split into several commands: on the wire against a scripted server that counts the commands and
 * their line lengths (MESSAGELIMIT, RFC 9738, is offered by no server installed here, so it is scripted), and live on
 * a Dovecot whose longest accepted line is shorter than the unsplit command (RFC 7162 section 4, RFC 2683 section
 * 3.2.1.5).
 */
class LongCommandSplitTest {

    /**
     * A server that answers UID FETCH, UID STORE, UID COPY and MOVE on any set, and refuses with {@code NO [TOOMANY]}
     * a command on more than {@code refuseAbove} messages (0: never).
     */
    private static ScriptedImapServer server(String caps, long refuseAbove) throws Exception {
        return HandlerScripts.start(x -> {
            Command c = x.command();
            if (c instanceof Command.Login) {
                x.ok(capabilities("IMAP4rev1 UIDPLUS MOVE" + caps), "in");
                return true;
            }
            if (c instanceof Command.Select) {
                x.send(new Untagged.Exists(40000), Responses.ok(new ResponseCode.UidValidity(7), "ok"));
                x.ok(new ResponseCode.Simple(ResponseCode.Kind.READ_WRITE), "selected");
                return true;
            }
            SequenceSet set;
            if (c instanceof Command.Fetch f && f.uid()) {
                set = f.set();
            } else if (c instanceof Command.Store st && st.uid()) {
                set = st.set();
            } else if (c instanceof Command.Copy cp && cp.uid()) {
                set = cp.set();
            } else if (c instanceof Command.Move m) {
                set = m.set();
            } else if (c instanceof Command.UidExpunge e) {
                set = e.uids();
            } else {
                return false;
            }
            if (refuseAbove > 0 && set.size() > refuseAbove) {
                x.no(new ResponseCode.Simple(ResponseCode.Kind.TOOMANY), "too many messages");
                return true;
            }
            if (c instanceof Command.Fetch || c instanceof Command.Store st && !st.silent()) {
                List<Untagged> fetched = new ArrayList<>();
                set.numbers().forEachRemaining((long n) -> fetched.add(new Untagged.Fetch(n,
                        List.of(new FetchItem.Uid(n), new FetchItem.Flags(List.of(Flag.SEEN))))));
                x.send(fetched.toArray(Untagged[]::new));
                x.ok("done");
            } else if (c instanceof Command.Copy || c instanceof Command.Move) {
                List<Long> dest = new ArrayList<>();
                set.numbers().forEachRemaining((long n) -> dest.add(n + 100_000));
                x.ok(new ResponseCode.CopyUid(9, set, SequenceSet.of(dest)), "done");
            } else {
                x.ok("done");
            }
            return true;
        });
    }

    private static ResponseCode.Capabilities capabilities(String atoms) {
        return new ResponseCode.Capabilities(Arrays.stream(atoms.split(" ")).map(Capability::of).toList());
    }

    /** @return the commands of {@code type} the server received, from the {@code from}th command on */
    private static <C extends Command> List<C> sent(ScriptedImapServer server, int from, Class<C> type) {
        List<C> r = new ArrayList<>();
        List<TaggedCommand> all = server.received();
        for (TaggedCommand t : all.subList(from, all.size())) {
            if (type.isInstance(t.command())) {
                r.add(type.cast(t.command()));
            }
        }
        return r;
    }

    private static <C extends Command> List<C> sent(ScriptedImapServer server, Class<C> type) {
        return sent(server, 0, type);
    }

    /** @return the set of the search's {@code UID} key (alone or in an AND), or {@code null} */
    private static SequenceSet uidKey(SearchKey key) {
        if (key instanceof SearchKey.Uid u) {
            return u.set();
        }
        if (key instanceof SearchKey.And and) {
            for (SearchKey k : and.keys()) {
                SequenceSet s = uidKey(k);
                if (s != null) {
                    return s;
                }
            }
        }
        return null;
    }

    private static SequenceSet odd(long upTo) {
        List<Long> n = new ArrayList<>();
        for (long i = 1; i <= upTo; i += 2) {
            n.add(i);
        }
        return SequenceSet.of(n);
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aSetLongerThanTheLineLimitGoesAsSeveralCommandsWithMergedResults(ImapClientConfig.Transport transport)
            throws Exception {
        SequenceSet set = odd(20_000); // 10,000 UIDs, about 54,000 octets of set
        try (ScriptedImapServer server = server("", 0);
                ImapClient c = HandlerScripts.client(server, transport).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            FetchResults r = c.fetchFlags(set);
            assertEquals(10_000, r.size());
            List<TaggedCommand> fetches = server.received().stream()
                    .filter(t -> t.command() instanceof Command.Fetch).toList();
            assertTrue(fetches.size() >= 7, fetches.size() + " commands");
            for (TaggedCommand t : fetches) {
                // the line as the codec writes it, which is how the client wrote it (CRLF included)
                int octets = ImapCodec.encodeCommandBytes(t.tag(), t.command()).length;
                assertTrue(octets <= ProtocolOptions.DEFAULT_MAX_COMMAND_LENGTH, octets + " octets");
            }
            CopyResult copied = c.copy(set, MailboxName.of("Archive"));
            assertEquals(10_000, copied.mapping().size());
            assertEquals(Long.valueOf(19_999 + 100_000), copied.mapping().get(19_999L));
            assertTrue(sent(server, Command.Copy.class).size() >= 7);
            // a set that fits is one command
            int from = server.received().size();
            c.fetchFlags(SequenceSet.range(1, 5000));
            assertEquals(1, sent(server, from, Command.Fetch.class).size(), server.received()::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void theAdvertisedMessageLimitCutsCommandsIntoChunksOfN(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = server(" MESSAGELIMIT=1000", 0);
                ImapClient c = HandlerScripts.client(server, transport).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            StoreResult st = c.operations().store(SequenceSet.range(1, 4500), Command.StoreMode.ADD, false, null,
                    Flag.SEEN).await();
            assertEquals(4500, st.flags().size());
            List<Command.Store> stores = sent(server, Command.Store.class);
            assertEquals(5, stores.size(), stores::toString);
            assertTrue(stores.get(0).uid() && stores.get(0).set().equals(SequenceSet.range(1, 1000)),
                    stores.get(0)::toString);
            assertTrue(stores.get(4).uid() && stores.get(4).set().equals(SequenceSet.range(4001, 4500)),
                    stores.get(4)::toString);
            assertEquals(4500, c.move(SequenceSet.range(1, 4500), MailboxName.of("Old")).mapping().size());
            assertEquals(5, sent(server, Command.Move.class).size());
            // by sequence number a MOVE is never split: the first part would renumber the rest
            int from = server.received().size();
            c.bySequence().move(SequenceSet.range(1, 4500), MailboxName.of("Old"));
            assertEquals(1, sent(server, from, Command.Move.class).size(), server.received()::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aTooManyRefusalHalvesThePartUntilTheServerTakesIt(ImapClientConfig.Transport transport) throws Exception {
        // the server says 1000 but refuses anything over 300
        try (ScriptedImapServer server = server(" MESSAGELIMIT=1000", 300);
                ImapClient c = HandlerScripts.client(server, transport).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            FetchResults r = c.fetchFlags(SequenceSet.range(1, 1000));
            assertEquals(1000, r.size());
            // 1:1000 refused, 1:500 refused, 1:250 and 251:500 taken, the same for 501:1000
            assertEquals(7, sent(server, Command.Fetch.class).size(), () -> sent(server, Command.Fetch.class)
                    .toString());
        }
        try (ScriptedImapServer server = server("", 300);
                ImapClient c = HandlerScripts.client(server, transport).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            // without a known limit and with a short set the refusal is the caller's
            assertThrows(ImapCommandException.class, () -> c.fetchFlags(SequenceSet.range(1, 1000)));
        }
    }

    /**
     * RFC 9738: a UID SEARCH the server answers for the 1,000 highest UIDs only, with {@code OK [MESSAGELIMIT 1000
     * lowest]}, is run again below the lowest UID it searched until it is answered whole.
     */
    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aSearchCutByTheMessageLimitContinuesBelowTheLowestUidSearched(ImapClientConfig.Transport transport)
            throws Exception {
        try (ScriptedImapServer server = HandlerScripts.start(x -> {
                    if (x.command() instanceof Command.Login) {
                        x.ok(capabilities("IMAP4rev1 UIDPLUS MESSAGELIMIT=1000"), "in");
                        return true;
                    }
                    if (!(x.command() instanceof Command.Search s && s.uid())) {
                        return false;
                    }
                    // every message of UIDs 1..2500 matches; the server searches the 1,000 highest of the range asked
                    long high = 2500;
                    SequenceSet asked = uidKey(s.key());
                    if (asked != null && asked.ranges().size() == 1 && asked.ranges().get(0).low() == 1) {
                        high = asked.ranges().get(0).high();
                    }
                    long low = Math.max(1, high - 999);
                    List<Long> found = new ArrayList<>();
                    for (long u = low; u <= high; u++) {
                        found.add(u);
                    }
                    x.send(new Untagged.Search(found, null));
                    if (low > 1) {
                        x.ok(new ResponseCode.MessageLimit(1000, low), "partial");
                    } else {
                        x.ok("done");
                    }
                    return true;
                });
                ImapClient c = HandlerScripts.client(server, transport).enableImap4rev2(false).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            SearchResult r = c.search(org.imap4j.codec.command.SearchKey.all());
            assertEquals(2500, r.ids().size());
            assertEquals(1L, r.ids().get(0));
            assertEquals(2500L, r.ids().get(2499));
            List<Command.Search> searches = sent(server, Command.Search.class);
            assertEquals(3, searches.size(), searches::toString);
            assertEquals(SequenceSet.range(1, 1500), uidKey(searches.get(1).key()), searches.get(1)::toString);
            assertEquals(SequenceSet.range(1, 500), uidKey(searches.get(2).key()), searches.get(2)::toString);
        }
    }

    /** Live: Dovecot accepting lines of at most 2,048 octets, the client told to keep to 1,024. */
    @Test
    void liveOnDovecotWithAShortLineLimit() {
        try (DovecotServer d = DovecotServer.start(null, "imap_max_line_length = 2048\n")) {
            for (ImapClientConfig.Transport t : ImapClientConfig.Transport.values()) {
                ImapClientConfig.Builder b = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                        .allowCleartextPasswords(true).transport(t).readTimeout(Duration.ofSeconds(60));
                MailboxName box = MailboxName.of("big-" + t);
                MailboxName copies = MailboxName.of("copies-" + t);
                try (ImapClient c = b.protocol(ProtocolOptions.defaults().withMaxCommandLength(1024)).connect()) {
                    c.login(DovecotServer.USER, DovecotServer.PASSWORD);
                    c.create(box);
                    c.create(copies);
                    List<Command.AppendMessage> msgs = new ArrayList<>();
                    for (int i = 0; i < 3000; i++) {
                        msgs.add(Command.AppendMessage.of(Bytes.utf8("Subject: m" + i + "\r\n\r\nbody " + i
                                + "\r\n")));
                    }
                    AppendResult appended = c.appendAll(box, msgs);
                    assertEquals(3000, appended.uids().size());
                    c.select(box);
                    List<Long> oddUids = new ArrayList<>();
                    for (int i = 0; i < appended.uids().size(); i += 2) {
                        oddUids.add(appended.uids().get(i));
                    }
                    SequenceSet set = SequenceSet.of(oddUids); // 1,500 UIDs, almost 7,000 octets
                    assertTrue(set.toString().length() > 3 * 2048, set.toString().length() + " octets");
                    assertEquals(1500, c.fetchFlags(set).size());
                    StoreResult st = c.operations().store(set, Command.StoreMode.ADD, false, null, Flag.FLAGGED)
                            .await();
                    assertEquals(1500, st.flags().size());
                    assertTrue(st.flags().values().stream().allMatch(f -> f.contains(Flag.FLAGGED)),
                            () -> st.flags().entrySet().stream().limit(5).toList().toString());
                    CopyResult cr = c.copy(set, copies);
                    assertEquals(1500, cr.mapping().size());
                    assertEquals(1500, c.select(copies).exists());
                }
                // the same FETCH unsplit is refused by this Dovecot: the split is what made it work
                try (ImapClient c = b.protocol(ProtocolOptions.defaults().withMaxCommandLength(65536)).connect()) {
                    c.login(DovecotServer.USER, DovecotServer.PASSWORD);
                    c.select(box);
                    assertThrows(RuntimeException.class, () -> c.fetchFlags(odd(6000)));
                }
            }
        }
    }
}
