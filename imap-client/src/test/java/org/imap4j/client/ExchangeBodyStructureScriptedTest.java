package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Microsoft Exchange's BODYSTRUCTURE with a multipart Content-Description where the disposition is due (quirk corpus
 * case {@code exchange2016-multipart-description}, from the public report): the codec keeps it raw; on a server
 * detected as Exchange (its greeting) the client asks those messages for {@code BODY}, the same structure without
 * extension data, and returns that in its place, reported as a QUIRK fallback. On another server the unreadable item
 * stays and nothing more is sent. Scripted: no Exchange server is reachable from the test machines.
 */
class ExchangeBodyStructureScriptedTest {
    /** The corpus case's response, with a UID (the report's message 1). */
    private static final String BROKEN = "* 1 FETCH (UID 1 BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" "
            + "\"us-ascii\") NIL NIL \"7bit\" 21 0 NIL (\"inline\" NIL) NIL NIL)(\"application\" \"octet-stream\" "
            + "(\"name\" \"private.txt\") NIL NIL \"base64\" 690 NIL (\"attachment\" (\"filename\" \"private.txt\")) "
            + "NIL NIL) \"mixed\" (\"boundary\" \"----=_Part_0_-1731707885.1504253815584\") \"S/MIME Encrypted "
            + "Message\" NIL))\r\n";
    /** The same structure as BODY: no extension data, so nothing out of grammar. */
    private static final String AS_BODY = "* 1 FETCH (UID 1 BODY ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL "
            + "NIL \"7bit\" 21 0)(\"application\" \"octet-stream\" (\"name\" \"private.txt\") NIL NIL \"base64\" 690) "
            + "\"mixed\"))\r\n";

    private static ImapScript script(String greeting, boolean exchange) {
        ImapScript script = ImapScript.create().greetingRaw(greeting);
        script.always(Command.Capability.class).respondRaw("* CAPABILITY IMAP4rev1 UIDPLUS IDLE\r\n").ok();
        ImapScript s = script.expect(Command.Login.class).ok()
                .expect(Command.Select.class).respondRaw("* 1 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\n").ok()
                .expect(new Command.Fetch(SequenceSet.of(1), List.of(FetchAttribute.Item.UID,
                        FetchAttribute.Item.BODYSTRUCTURE), true, null, false)).respondRaw(BROKEN).ok();
        if (exchange) {
            s = s.expect(new Command.Fetch(SequenceSet.of(1), List.of(FetchAttribute.Item.UID,
                    FetchAttribute.Item.BODY), true, null, false)).respondRaw(AS_BODY).ok();
        }
        return s.expect(Command.Logout.class).respondRaw("* BYE bye\r\n").ok();
    }

    private static ImapClient connect(ScriptedImapServer s, ImapClientConfig.Transport transport) {
        ImapClient c = ImapClient.builder(s.host()).port(s.port()).tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true)
                .transport(transport).readTimeout(Duration.ofSeconds(10)).enableImap4rev2(false).connect();
        c.login("alice", "pw");
        c.select(MailboxName.INBOX);
        return c;
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void exchangeIsAskedForBodyWhereItsBodyStructureIsUnreadable(ImapClientConfig.Transport transport)
            throws Exception {
        try (ScriptedImapServer s = ScriptedImapServer.start(script(
                "* OK The Microsoft Exchange IMAP4 service is ready.\r\n", true))) {
            ImapClient c = connect(s, transport);
            assertEquals(ServerProfile.Family.MICROSOFT, c.profile().family());
            Map<Long, FetchResult> r = c.fetch(SequenceSet.of(1), FetchAttribute.Item.BODYSTRUCTURE);
            BodyStructure b = r.get(1L).bodyStructure().orElseThrow();
            assertTrue(b instanceof BodyStructure.Multipart m && m.parts().size() == 2, b.toString());
            assertTrue(r.get(1L).items().stream().noneMatch(i -> i instanceof FetchItem.Unreadable),
                    r.get(1L).toString());
            List<Fallback> f = c.fallbacks();
            assertEquals(1, f.size(), f.toString());
            assertEquals(Fallback.Kind.QUIRK, f.get(0).kind());
            assertTrue(f.get(0).detail().contains("exchange2016-multipart-description"), f.get(0).detail());
            c.logout();
            s.verify(Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void anotherServerKeepsTheUnreadableItemAndIsNotAskedAgain(ImapClientConfig.Transport transport)
            throws Exception {
        try (ScriptedImapServer s = ScriptedImapServer.start(script("* OK Dovecot ready.\r\n", false))) {
            ImapClient c = connect(s, transport);
            Map<Long, FetchResult> r = c.fetch(SequenceSet.of(1), FetchAttribute.Item.BODYSTRUCTURE);
            assertTrue(r.get(1L).bodyStructure().isEmpty());
            assertTrue(r.get(1L).items().stream().anyMatch(i -> i instanceof FetchItem.Unreadable),
                    r.get(1L).toString());
            assertEquals(List.of(), c.fallbacks());
            c.logout();
            s.verify(Duration.ofSeconds(5));
        }
    }
}
