package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;
import org.imap4j.session.testing.HostileServer;
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
    private static HostileServer server(List<String> lines, String caps, long refuseAbove) throws Exception {
        return ScriptedImap.start((peer, tag, verb, line) -> {
            lines.add(line);
            switch (verb) {
                case "LOGIN" -> peer.send(tag + " OK [CAPABILITY IMAP4rev1 UIDPLUS MOVE" + caps + "] in\r\n");
                case "SELECT" -> peer.send("* 40000 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n" + tag
                        + " OK [READ-WRITE] selected\r\n");
                case "UID", "MOVE" -> {
                    String[] w = line.split(" ");
                    boolean byUid = verb.equals("UID");
                    String cmd = byUid ? w[2].toUpperCase(Locale.ROOT) : "MOVE";
                    SequenceSet set = SequenceSet.parse(w[byUid ? 3 : 2]);
                    if (refuseAbove > 0 && set.size() > refuseAbove) {
                        peer.send(tag + " NO [TOOMANY] too many messages\r\n");
                        return true;
                    }
                    StringBuilder sb = new StringBuilder();
                    if (cmd.equals("FETCH") || cmd.equals("STORE") && !line.contains(".SILENT")) {
                        set.numbers().forEachRemaining((long n) -> sb.append("* ").append(n).append(" FETCH (UID ")
                                .append(n).append(" FLAGS (\\Seen))\r\n"));
                        sb.append(tag).append(" OK done\r\n");
                    } else if (cmd.equals("COPY") || cmd.equals("MOVE")) {
                        List<Long> dest = new ArrayList<>();
                        set.numbers().forEachRemaining((long n) -> dest.add(n + 100_000));
                        sb.append(tag).append(" OK [COPYUID 9 ").append(set).append(' ')
                                .append(SequenceSet.of(dest)).append("] done\r\n");
                    } else {
                        sb.append(tag).append(" OK done\r\n");
                    }
                    peer.send(sb.toString());
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private static List<String> sent(List<String> lines, String command) {
        List<String> r = new ArrayList<>();
        for (String l : lines) {
            if (l.contains(" " + command + " ")) {
                r.add(l);
            }
        }
        return r;
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
        List<String> lines = new CopyOnWriteArrayList<>();
        SequenceSet set = odd(20_000); // 10,000 UIDs, about 54,000 octets of set
        try (HostileServer server = server(lines, "", 0);
                ImapClient c = ScriptedImap.client(server, transport).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            FetchResults r = c.fetchFlags(set);
            assertEquals(10_000, r.size());
            List<String> fetches = sent(lines, "FETCH");
            assertTrue(fetches.size() >= 7, fetches.size() + " commands");
            for (String l : fetches) {
                assertTrue(l.length() + 2 <= ProtocolOptions.DEFAULT_MAX_COMMAND_LENGTH, l.length() + " octets");
            }
            CopyResult copied = c.copy(set, MailboxName.of("Archive"));
            assertEquals(10_000, copied.mapping().size());
            assertEquals(Long.valueOf(19_999 + 100_000), copied.mapping().get(19_999L));
            assertTrue(sent(lines, "COPY").size() >= 7);
            // a set that fits is one command
            lines.clear();
            c.fetchFlags(SequenceSet.range(1, 5000));
            assertEquals(1, sent(lines, "FETCH").size(), lines::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void theAdvertisedMessageLimitCutsCommandsIntoChunksOfN(ImapClientConfig.Transport transport) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server(lines, " MESSAGELIMIT=1000", 0);
                ImapClient c = ScriptedImap.client(server, transport).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            StoreResult st = c.operations().store(SequenceSet.range(1, 4500), Command.StoreMode.ADD, false, null,
                    Flag.SEEN).await();
            assertEquals(4500, st.flags().size());
            List<String> stores = sent(lines, "STORE");
            assertEquals(5, stores.size(), stores::toString);
            assertTrue(stores.get(0).contains("UID STORE 1:1000 "), stores.get(0));
            assertTrue(stores.get(4).contains("UID STORE 4001:4500 "), stores.get(4));
            assertEquals(4500, c.move(SequenceSet.range(1, 4500), MailboxName.of("Old")).mapping().size());
            assertEquals(5, sent(lines, "MOVE").size());
            // by sequence number a MOVE is never split: the first part would renumber the rest
            lines.clear();
            c.bySequence().move(SequenceSet.range(1, 4500), MailboxName.of("Old"));
            assertEquals(1, sent(lines, "MOVE").size(), lines::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aTooManyRefusalHalvesThePartUntilTheServerTakesIt(ImapClientConfig.Transport transport) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        // the server says 1000 but refuses anything over 300
        try (HostileServer server = server(lines, " MESSAGELIMIT=1000", 300);
                ImapClient c = ScriptedImap.client(server, transport).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            FetchResults r = c.fetchFlags(SequenceSet.range(1, 1000));
            assertEquals(1000, r.size());
            // 1:1000 refused, 1:500 refused, 1:250 and 251:500 taken, the same for 501:1000
            assertEquals(7, sent(lines, "FETCH").size(), () -> sent(lines, "FETCH").toString());
        }
        try (HostileServer server = server(lines, "", 300);
                ImapClient c = ScriptedImap.client(server, transport).connect()) {
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
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = ScriptedImap.start((peer, tag, verb, line) -> {
                    lines.add(line);
                    if (verb.equals("LOGIN")) {
                        peer.send(tag + " OK [CAPABILITY IMAP4rev1 UIDPLUS MESSAGELIMIT=1000] in\r\n");
                        return true;
                    }
                    if (!verb.equals("UID") || !line.contains(" SEARCH ")) {
                        return false;
                    }
                    // every message of UIDs 1..2500 matches; the server searches the 1,000 highest of the range asked
                    long high = 2500;
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("UID 1:(\\d+)").matcher(line);
                    if (m.find()) {
                        high = Long.parseLong(m.group(1));
                    }
                    long low = Math.max(1, high - 999);
                    StringBuilder sb = new StringBuilder("* SEARCH");
                    for (long u = low; u <= high; u++) {
                        sb.append(' ').append(u);
                    }
                    sb.append("\r\n").append(tag).append(low > 1 ? " OK [MESSAGELIMIT 1000 " + low + "] partial\r\n"
                            : " OK done\r\n");
                    peer.send(sb.toString());
                    return true;
                });
                ImapClient c = ScriptedImap.client(server, transport).enableImap4rev2(false).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            SearchResult r = c.search(org.imap4j.codec.command.SearchKey.all());
            assertEquals(2500, r.ids().size());
            assertEquals(1L, r.ids().get(0));
            assertEquals(2500L, r.ids().get(2499));
            List<String> searches = sent(lines, "SEARCH");
            assertEquals(3, searches.size(), searches::toString);
            assertTrue(searches.get(1).contains("UID 1:1500"), searches.get(1));
            assertTrue(searches.get(2).contains("UID 1:500"), searches.get(2));
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
