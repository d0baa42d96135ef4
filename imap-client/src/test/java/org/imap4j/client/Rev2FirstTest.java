package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.MailboxAttribute;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.ScriptedImapServer;
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

    /**
     * One scripted server: what it greets with and advertises, whether it refuses ENABLE. Mailbox names in UTF-8 go
     * raw: under IMAP4rev2 a server writes them so, and the codec writes names as modified UTF-7.
     */
    private static ScriptedImapServer server(Untagged.StatusResponse greeting, String caps, boolean refuseEnable)
            throws Exception {
        List<Capability> capabilities = Arrays.stream(caps.split(" ")).map(Capability::of).toList();
        return ScriptedImapServer.start(ImapScript.create().greeting(greeting).capabilities(caps.split(" "))
                .handler(x -> {
                    Command c = x.command();
                    if (c instanceof Command.Login) {
                        x.ok(new ResponseCode.Capabilities(capabilities), "logged in");
                    } else if (c instanceof Command.Enable e) {
                        if (refuseEnable) {
                            x.bad("not today");
                        } else {
                            x.send(new Untagged.Enabled(e.capabilities().stream().map(Capability::of).toList()));
                            x.ok("enabled");
                        }
                    } else if (c instanceof Command.Select) {
                        // RFC 9051 section 6.3.2's example: no RECENT, a LIST for the mailbox's name
                        x.send(new Untagged.Exists(172),
                                new Untagged.StatusResponse(Condition.OK, new ResponseCode.UidValidity(3857529045L),
                                        "UIDs valid"),
                                new Untagged.StatusResponse(Condition.OK, new ResponseCode.UidNext(4392),
                                        "Predicted next UID"),
                                new Untagged.Flags(List.of(Flag.ANSWERED, Flag.FLAGGED, Flag.DELETED, Flag.SEEN,
                                        Flag.DRAFT)),
                                new Untagged.StatusResponse(Condition.OK, new ResponseCode.PermanentFlags(
                                        List.of(Flag.DELETED, Flag.SEEN, Flag.ANY_KEYWORD)), "Limited"),
                                new Untagged.MailboxList(false, List.of(), "/", MailboxName.INBOX, List.of()));
                        x.ok(new ResponseCode.Simple(ResponseCode.Kind.READ_WRITE), "SELECT completed");
                    } else if (c instanceof Command.Search s && s.uid()
                            && List.of(Command.SearchReturn.ALL).equals(s.returnOptions())) {
                        // RFC 9051 section 7.3.4
                        x.send(new Untagged.ESearch(x.tag().value(), true, List.of(
                                new ESearchItem.All(SequenceSet.parse("4380:4382,4390")))));
                        x.ok("done");
                    } else if (c instanceof Command.Search s && s.uid()) {
                        x.send(new Untagged.Search(List.of(4380L, 4381L), null));
                        x.ok("done");
                    } else if (c instanceof Command.ListMailboxes l) {
                        // under IMAP4rev2 the names are UTF-8 (raw: see above) and the children attributes always
                        // there
                        x.sendRaw("* LIST (\\HasNoChildren) \"/\" \"Entw\u00fcrfe\"\r\n");
                        if (!l.returnStatus().isEmpty()) {
                            x.sendRaw("* STATUS \"Entw\u00fcrfe\" (MESSAGES 3)\r\n");
                        } else {
                            x.send(new Untagged.MailboxList(false, List.of(MailboxAttribute.Known.HAS_CHILDREN),
                                    "/", MailboxName.of("Archive"), List.of()));
                        }
                        x.ok("done");
                    } else if (c instanceof Command.Append) {
                        x.ok(new ResponseCode.AppendUid(3857529045L, SequenceSet.of(4392)), "done");
                    } else {
                        return false; // LOGOUT gets BYE, CAPABILITY lists caps, anything else OK
                    }
                    return true;
                }));
    }

    private static Untagged.StatusResponse ok(String text) {
        return new Untagged.StatusResponse(Condition.OK, null, text);
    }

    private static ImapClientConfig.Builder client(ScriptedImapServer server, ImapClientConfig.Transport transport) {
        return ImapClient.builder("127.0.0.1").port(server.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(transport).readTimeout(Duration.ofSeconds(30));
    }

    /**
     * @return what the client wrote, one command each as the server received it (decoded as UTF-8), for the one
     *         thing the received records cannot tell: how a mailbox name was written (UTF-8 and modified UTF-7
     *         decode to the same {@link MailboxName})
     */
    private static List<String> wire(ScriptedImapServer server) {
        return server.receivedBytes().stream().map(b -> b.utf8().strip()).toList();
    }

    private static List<Command> commands(ScriptedImapServer server) {
        return server.received().stream().map(TaggedCommand::command).toList();
    }

    private static <T extends Command> List<T> sent(ScriptedImapServer server, Class<T> type) {
        return commands(server).stream().filter(type::isInstance).map(type::cast).toList();
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void afterLoginTheClientEnablesRev2AndUtf8AcceptAndAdaptsToThem(ImapClientConfig.Transport transport)
            throws Exception {
        try (ScriptedImapServer server = server(ok("IMAP4rev2 server ready"), REV2_CAPS, false);
                ImapClient c = client(server, transport).connect()) {
            c.login("alice", "secret");
            assertEquals(List.of(new Command.Enable(List.of("IMAP4rev2", "UTF8=ACCEPT"))),
                    sent(server, Command.Enable.class),
                    () -> server.received().toString());
            assertTrue(c.isImap4rev2());
            assertEquals(Set.of(Capability.Known.IMAP4REV2, Capability.Known.UTF8_ACCEPT), c.enabled());

            SelectResult sel = c.select(MailboxName.INBOX);
            assertEquals(172, sel.exists());
            assertEquals(0, sel.recent(), "IMAP4rev2 has no RECENT");
            assertEquals(4392, sel.uidNext().getAsLong());

            SearchResult found = c.search(SearchKey.unseen());
            assertEquals(List.of(new Command.Search(null, SearchKey.unseen(), List.of(Command.SearchReturn.ALL), null,
                    true)), sent(server, Command.Search.class), () -> server.received().toString());
            assertEquals(List.of(4380L, 4381L, 4382L, 4390L), found.ids());

            List<ListEntry> listed = c.list("", "*");
            assertEquals(MailboxName.of("Entw\u00fcrfe"), listed.get(0).mailbox());
            assertEquals(Optional.of(false), listed.get(0).hasChildren());
            assertEquals(Optional.of(true), listed.get(1).hasChildren());

            List<ListEntry> withStatus = c.listWithStatus("", "*", StatusAttribute.MESSAGES);
            List<Command.ListMailboxes> lists = sent(server, Command.ListMailboxes.class);
            assertEquals(2, lists.size(), () -> server.received().toString());
            assertEquals(List.of("*"), lists.get(1).patterns());
            assertEquals(List.of(StatusAttribute.MESSAGES), lists.get(1).returnStatus(),
                    "one LIST with STATUS: IMAP4rev2 includes LIST-STATUS");
            assertEquals(3, withStatus.get(0).status().orElseThrow().messages().getAsLong());

            c.create(MailboxName.of("Entw\u00fcrfe/2026"));
            assertEquals(List.of(new Command.Create(MailboxName.of("Entw\u00fcrfe/2026"), List.of())),
                    sent(server, Command.Create.class), () -> server.received().toString());
            assertTrue(wire(server).stream().anyMatch(l -> l.endsWith(" CREATE \"Entw\u00fcrfe/2026\"")),
                    "the name goes UTF-8, not modified UTF-7: " + wire(server));

            Bytes message = Bytes.utf8("Subject: Gr\u00fc\u00dfe\r\n\r\nHallo\r\n");
            c.append(MailboxName.of("Entw\u00fcrfe"), message, (java.time.OffsetDateTime) null);
            // the server's parser read the whole UTF8 (~{n}) form, its closing parenthesis included
            Command.Append append = sent(server, Command.Append.class).get(0);
            assertEquals(MailboxName.of("Entw\u00fcrfe"), append.mailbox());
            assertEquals(1, append.messages().size(), append::toString);
            assertTrue(append.messages().get(0).utf8() && append.messages().get(0).binary(), append::toString);
            assertEquals(message, append.messages().get(0).data());

            c.append(MailboxName.of("Entw\u00fcrfe"), Bytes.utf8("Subject: plain\r\n\r\nGr\u00fc\u00dfe\r\n"),
                    (java.time.OffsetDateTime) null);
            Command.Append plain = sent(server, Command.Append.class).get(1);
            assertEquals(MailboxName.of("Entw\u00fcrfe"), plain.mailbox());
            assertFalse(plain.messages().get(0).utf8() || plain.messages().get(0).binary(),
                    "an ASCII header goes as before: " + plain);
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aPreauthGreetingIsFollowedByTheEnableAtConnect(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = server(new Untagged.StatusResponse(Condition.PREAUTH,
                new ResponseCode.Capabilities(Arrays.stream(REV2_CAPS.split(" ")).map(Capability::of).toList()),
                "welcome back"), REV2_CAPS, false);
                ImapClient c = client(server, transport).connect()) {
            assertTrue(c.isImap4rev2(), () -> server.received().toString());
            assertEquals(List.of(new Command.Enable(List.of("IMAP4rev2", "UTF8=ACCEPT"))),
                    sent(server, Command.Enable.class),
                    () -> server.received().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void optedOutTheClientStaysOnRev1(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = server(ok("ready"), REV2_CAPS, false);
                ImapClient c = client(server, transport).enableImap4rev2(false).enableUtf8Accept(false)
                        .connect()) {
            c.login("alice", "secret");
            c.create(MailboxName.of("Entw\u00fcrfe"));
            assertEquals(List.<Command.Enable>of(), sent(server, Command.Enable.class),
                    () -> server.received().toString());
            assertFalse(c.isImap4rev2());
            assertTrue(c.enabled().isEmpty());
            assertEquals(List.of(new Command.Create(MailboxName.of("Entw\u00fcrfe"), List.of())),
                    sent(server, Command.Create.class), () -> server.received().toString());
            assertTrue(wire(server).stream().anyMatch(l -> l.endsWith(" CREATE Entw&APw-rfe")),
                    () -> wire(server).toString());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void optingOutOfRev2AloneStillEnablesUtf8Accept(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = server(ok("ready"), REV2_CAPS, false);
                ImapClient c = client(server, transport)
                        .protocol(ProtocolOptions.defaults().withImap4rev2(false)).connect()) {
            c.login("alice", "secret");
            assertEquals(List.of(new Command.Enable(List.of("UTF8=ACCEPT"))), sent(server, Command.Enable.class),
                    () -> server.received().toString());
            assertFalse(c.isImap4rev2());
            assertEquals(Set.of(Capability.Known.UTF8_ACCEPT), c.enabled());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aRefusedEnableLeavesTheRev1PathAndTheLoginSucceeds(ImapClientConfig.Transport transport)
            throws Exception {
        try (ScriptedImapServer server = server(ok("ready"), REV2_CAPS, true);
                ImapClient c = client(server, transport).connect()) {
            c.login("alice", "secret");
            assertTrue(c.isAuthenticated());
            assertFalse(c.isImap4rev2());
            c.create(MailboxName.of("Entw\u00fcrfe"));
            assertEquals(List.of(new Command.Create(MailboxName.of("Entw\u00fcrfe"), List.of())),
                    sent(server, Command.Create.class), () -> server.received().toString());
            assertTrue(wire(server).stream().anyMatch(l -> l.endsWith(" CREATE Entw&APw-rfe")),
                    () -> wire(server).toString());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aRev1ServerGetsNoEnableAndPlainSearch(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = server(ok("ready"), "IMAP4rev1 AUTH=PLAIN IDLE", false);
                ImapClient c = client(server, transport).connect()) {
            c.login("alice", "secret");
            c.select(MailboxName.INBOX);
            SearchResult found = c.search(SearchKey.unseen());
            assertEquals(List.<Command.Enable>of(), sent(server, Command.Enable.class),
                    () -> server.received().toString());
            assertEquals(List.of(new Command.Search(null, SearchKey.unseen(), null, null, true)),
                    sent(server, Command.Search.class), () -> server.received().toString());
            assertEquals(List.of(4380L, 4381L), found.ids());
            assertEquals(Optional.empty(), new ListEntry(MailboxName.INBOX, "/", List.of(), Optional.empty())
                    .hasChildren(), "a rev1 server that said nothing about children");
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void withoutLiteral8TheUtf8FormIsNotUsed(ImapClientConfig.Transport transport) throws Exception {
        // Courier 5.0 enables UTF8=ACCEPT without BINARY and answers the UTF8 (~{n}) form with NO
        try (ScriptedImapServer server = server(ok("ready"), "IMAP4rev1 AUTH=PLAIN UTF8=ACCEPT ENABLE", false);
                ImapClient c = client(server, transport).connect()) {
            c.login("alice", "secret");
            assertEquals(Set.of(Capability.Known.UTF8_ACCEPT), c.enabled());
            c.append(MailboxName.INBOX, Bytes.utf8("Subject: Gr\u00fc\u00dfe\r\n\r\nHallo\r\n"),
                    (java.time.OffsetDateTime) null);
            Command.Append append = sent(server, Command.Append.class).get(0);
            assertEquals(MailboxName.INBOX, append.mailbox());
            assertFalse(append.messages().get(0).utf8() || append.messages().get(0).binary(), append::toString);
        }
    }
}
