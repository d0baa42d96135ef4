package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.Capability;
import org.imap4j.session.TlsMode;
import org.imap4j.session.testing.HostileServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rev2-first against scripted servers built from RFC 9051's examples (no server installable here speaks IMAP4rev2):
 * ENABLE after authentication and after PREAUTH, each behaviour difference of an enabled IMAP4rev2 (no RECENT, ESEARCH
 * for SEARCH, LIST with CHILDREN and STATUS, UTF-8 mailbox names, the {@code UTF8 (~{n})} APPEND of RFC 9755), the
 * opt-outs, a refused ENABLE, and the rev1 path of a server without IMAP4rev2. The same paths run live on Dovecot,
 * Cyrus, Courier and GreenMail in the conformance suite's {@code rev2first.*} scenarios.
 */
class Rev2FirstTest {
    private static final String REV2_CAPS = "IMAP4rev2 IMAP4rev1 AUTH=PLAIN UTF8=ACCEPT ENABLE IDLE";

    /** One scripted server: what it advertises, whether it refuses ENABLE; every line it read, as UTF-8. */
    private static HostileServer server(String greeting, String caps, boolean refuseEnable, List<String> lines)
            throws Exception {
        return HostileServer.start(peer -> {
            peer.send(greeting);
            while (true) {
                String line = new String(peer.readLine().getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8);
                lines.add(line);
                int sp = line.indexOf(' ');
                if (sp < 0) {
                    continue;
                }
                String tag = line.substring(0, sp);
                String rest = line.substring(sp + 1);
                String verb = rest.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "CAPABILITY" -> peer.send("* CAPABILITY " + caps + "\r\n" + tag + " OK done\r\n");
                    case "LOGIN" -> peer.send(tag + " OK [CAPABILITY " + caps + "] logged in\r\n");
                    case "ENABLE" -> {
                        if (refuseEnable) {
                            peer.send(tag + " BAD not today\r\n");
                        } else {
                            peer.send("* ENABLED " + rest.substring("ENABLE ".length()) + "\r\n" + tag
                                    + " OK enabled\r\n");
                        }
                    }
                    // RFC 9051 section 6.3.2's example: no RECENT, a LIST for the mailbox's name
                    case "SELECT" -> peer.send("* 172 EXISTS\r\n* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"
                            + "* OK [UIDNEXT 4392] Predicted next UID\r\n"
                            + "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
                            + "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n"
                            + "* LIST () \"/\" INBOX\r\n" + tag + " OK [READ-WRITE] SELECT completed\r\n");
                    case "UID" -> {
                        if (rest.startsWith("UID SEARCH RETURN (ALL)")) {
                            // RFC 9051 section 7.3.4
                            peer.send("* ESEARCH (TAG \"" + tag + "\") UID ALL 4380:4382,4390\r\n" + tag
                                    + " OK done\r\n");
                        } else if (rest.startsWith("UID SEARCH")) {
                            peer.send("* SEARCH 4380 4381\r\n" + tag + " OK done\r\n");
                        } else {
                            peer.send(tag + " OK done\r\n");
                        }
                    }
                    case "LIST" -> {
                        if (rest.contains("RETURN (STATUS")) {
                            peer.send("* LIST (\\HasNoChildren) \"/\" \"Entw\u00fcrfe\"\r\n"
                                    .getBytes(StandardCharsets.UTF_8));
                            peer.send("* STATUS \"Entw\u00fcrfe\" (MESSAGES 3)\r\n".getBytes(StandardCharsets.UTF_8));
                            peer.send(tag + " OK done\r\n");
                        } else {
                            // under IMAP4rev2 the names are UTF-8 and the children attributes always there
                            peer.send(("* LIST (\\HasNoChildren) \"/\" \"Entw\u00fcrfe\"\r\n"
                                    + "* LIST (\\HasChildren) \"/\" Archive\r\n" + tag + " OK done\r\n")
                                    .getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    case "APPEND" -> {
                        int open = line.lastIndexOf('{');
                        String size = line.substring(open + 1, line.length() - 1);
                        int n = Integer.parseInt(size.replace("+", ""));
                        if (!size.endsWith("+")) {
                            peer.send("+ go\r\n");
                        }
                        StringBuilder literal = new StringBuilder();
                        while (literal.toString().getBytes(StandardCharsets.UTF_8).length < n) {
                            literal.append(new String(peer.readLine().getBytes(StandardCharsets.ISO_8859_1),
                                    StandardCharsets.UTF_8)).append("\r\n");
                        }
                        lines.add(peer.readLine()); // the end of the command line: ")" in the UTF8 form
                        peer.send(tag + " OK [APPENDUID 3857529045 4392] done\r\n");
                    }
                    case "LOGOUT" -> {
                        peer.send("* BYE bye\r\n" + tag + " OK done\r\n");
                        return;
                    }
                    default -> peer.send(tag + " OK done\r\n");
                }
            }
        });
    }

    private static ImapClientConfig.Builder client(HostileServer server, ImapClientConfig.Transport transport) {
        return ImapClient.builder("127.0.0.1").port(server.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(transport).readTimeout(Duration.ofSeconds(30));
    }

    private static String sent(List<String> lines, String verb) {
        return lines.stream().filter(l -> l.contains(" " + verb)).findFirst().orElse("none: " + lines);
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void afterLoginTheClientEnablesRev2AndUtf8AcceptAndAdaptsToThem(ImapClientConfig.Transport transport)
            throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server("* OK IMAP4rev2 server ready\r\n", REV2_CAPS, false, lines);
                ImapClient c = client(server, transport).connect()) {
            c.login("alice", "secret");
            assertTrue(sent(lines, "ENABLE").endsWith(" ENABLE IMAP4rev2 UTF8=ACCEPT"), lines::toString);
            assertTrue(c.isImap4rev2());
            assertEquals(Set.of(Capability.Known.IMAP4REV2, Capability.Known.UTF8_ACCEPT), c.enabled());

            SelectResult sel = c.select(MailboxName.INBOX);
            assertEquals(172, sel.exists());
            assertEquals(0, sel.recent(), "IMAP4rev2 has no RECENT");
            assertEquals(4392, sel.uidNext().getAsLong());

            SearchResult found = c.search(SearchKey.unseen());
            assertTrue(sent(lines, "SEARCH").contains("UID SEARCH RETURN (ALL) UNSEEN"), lines::toString);
            assertEquals(List.of(4380L, 4381L, 4382L, 4390L), found.ids());

            List<ListEntry> listed = c.list("", "*");
            assertEquals(MailboxName.of("Entw\u00fcrfe"), listed.get(0).mailbox());
            assertEquals(Optional.of(false), listed.get(0).hasChildren());
            assertEquals(Optional.of(true), listed.get(1).hasChildren());

            List<ListEntry> withStatus = c.listWithStatus("", "*", StatusAttribute.MESSAGES);
            assertTrue(sent(lines, "LIST \"\" * RETURN (STATUS").contains("RETURN (STATUS (MESSAGES))"),
                    "one LIST with STATUS: IMAP4rev2 includes LIST-STATUS " + lines);
            assertEquals(3, withStatus.get(0).status().orElseThrow().messages().getAsLong());

            c.create(MailboxName.of("Entw\u00fcrfe/2026"));
            assertTrue(lines.stream().anyMatch(l -> l.endsWith(" CREATE \"Entw\u00fcrfe/2026\"")),
                    "the name goes UTF-8, not modified UTF-7: " + lines);

            Bytes message = Bytes.utf8("Subject: Gr\u00fc\u00dfe\r\n\r\nHallo\r\n");
            c.append(MailboxName.of("Entw\u00fcrfe"), message, (java.time.OffsetDateTime) null);
            String append = sent(lines, "APPEND");
            assertTrue(append.endsWith(" APPEND \"Entw\u00fcrfe\" UTF8 (~{" + message.size() + "+}")
                    || append.endsWith(" APPEND \"Entw\u00fcrfe\" UTF8 (~{" + message.size() + "}"), append);
            assertTrue(lines.contains(")"), "the UTF8 form closes its parenthesis: " + lines);

            c.append(MailboxName.of("Entw\u00fcrfe"), Bytes.utf8("Subject: plain\r\n\r\nGr\u00fc\u00dfe\r\n"),
                    (java.time.OffsetDateTime) null);
            assertTrue(lines.stream().filter(l -> l.contains(" APPEND ")).skip(1).findFirst().orElseThrow()
                    .matches(".* APPEND \"Entw\u00fcrfe\" \\{\\d+\\+?}"), "an ASCII header goes as before: " + lines);
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aPreauthGreetingIsFollowedByTheEnableAtConnect(ImapClientConfig.Transport transport) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server("* PREAUTH [CAPABILITY " + REV2_CAPS + "] welcome back\r\n", REV2_CAPS,
                false, lines);
                ImapClient c = client(server, transport).connect()) {
            assertTrue(c.isImap4rev2(), lines::toString);
            assertTrue(sent(lines, "ENABLE").endsWith(" ENABLE IMAP4rev2 UTF8=ACCEPT"), lines::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void optedOutTheClientStaysOnRev1(ImapClientConfig.Transport transport) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server("* OK ready\r\n", REV2_CAPS, false, lines);
                ImapClient c = client(server, transport).enableImap4rev2(false).enableUtf8Accept(false).connect()) {
            c.login("alice", "secret");
            c.create(MailboxName.of("Entw\u00fcrfe"));
            assertFalse(lines.stream().anyMatch(l -> l.contains(" ENABLE")), lines::toString);
            assertFalse(c.isImap4rev2());
            assertTrue(c.enabled().isEmpty());
            assertTrue(lines.stream().anyMatch(l -> l.endsWith(" CREATE Entw&APw-rfe")), lines::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void optingOutOfRev2AloneStillEnablesUtf8Accept(ImapClientConfig.Transport transport) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server("* OK ready\r\n", REV2_CAPS, false, lines);
                ImapClient c = client(server, transport).protocol(ProtocolOptions.defaults().withImap4rev2(false))
                        .connect()) {
            c.login("alice", "secret");
            assertTrue(sent(lines, "ENABLE").endsWith(" ENABLE UTF8=ACCEPT"), lines::toString);
            assertFalse(c.isImap4rev2());
            assertEquals(Set.of(Capability.Known.UTF8_ACCEPT), c.enabled());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aRefusedEnableLeavesTheRev1PathAndTheLoginSucceeds(ImapClientConfig.Transport transport)
            throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server("* OK ready\r\n", REV2_CAPS, true, lines);
                ImapClient c = client(server, transport).connect()) {
            c.login("alice", "secret");
            assertTrue(c.isAuthenticated());
            assertFalse(c.isImap4rev2());
            c.create(MailboxName.of("Entw\u00fcrfe"));
            assertTrue(lines.stream().anyMatch(l -> l.endsWith(" CREATE Entw&APw-rfe")), lines::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aRev1ServerGetsNoEnableAndPlainSearch(ImapClientConfig.Transport transport) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server("* OK ready\r\n", "IMAP4rev1 AUTH=PLAIN IDLE", false, lines);
                ImapClient c = client(server, transport).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            SearchResult found = c.search(SearchKey.unseen());
            assertFalse(lines.stream().anyMatch(l -> l.contains(" ENABLE")), lines::toString);
            assertTrue(sent(lines, "SEARCH").endsWith("UID SEARCH UNSEEN"), lines::toString);
            assertEquals(List.of(4380L, 4381L), found.ids());
            assertEquals(Optional.empty(), new ListEntry(MailboxName.INBOX, "/", List.of(), Optional.empty())
                    .hasChildren(), "a rev1 server that said nothing about children");
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void withoutLiteral8TheUtf8FormIsNotUsed(ImapClientConfig.Transport transport) throws Exception {
        // Courier 5.0 enables UTF8=ACCEPT without BINARY and answers the UTF8 (~{n}) form with NO
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server("* OK ready\r\n", "IMAP4rev1 AUTH=PLAIN UTF8=ACCEPT ENABLE", false,
                lines);
                ImapClient c = client(server, transport).connect()) {
            c.login("alice", "secret");
            assertEquals(Set.of(Capability.Known.UTF8_ACCEPT), c.enabled());
            c.append(MailboxName.INBOX, Bytes.utf8("Subject: Gr\u00fc\u00dfe\r\n\r\nHallo\r\n"),
                    (java.time.OffsetDateTime) null);
            assertTrue(sent(lines, "APPEND").matches(".* APPEND INBOX \\{\\d+}"), lines::toString);
        }
    }
}
