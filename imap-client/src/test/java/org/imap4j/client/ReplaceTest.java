package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * REPLACE (RFC 8508): one {@code UID REPLACE} where the server offers it (scripted from the RFC's section 3 example:
 * no server installable here offers REPLACE), the emulation by APPEND, {@code \Deleted} and UID EXPUNGE of exactly the
 * old message where it does not (live on Dovecot and Cyrus, both transports, and scripted to check the commands), and
 * the refusal without UIDPLUS, before anything is sent.
 */
class ReplaceTest {
    private static final AtomicInteger BOXES = new AtomicInteger();
    private static final String OLD = "Subject: draft\r\n\r\nfirst version\r\n";
    private static final String NEW = "Subject: draft\r\n\r\nsecond version\r\n";
    private static LiveServers live;

    @BeforeAll
    static void start() {
        live = LiveServers.startOrSkip();
    }

    @AfterAll
    static void stop() {
        if (live != null) {
            live.close();
        }
    }

    private static ImapClient scripted(ScriptedImapServer s, ImapClientConfig.Transport t) {
        ImapClient c = ImapClient.builder(s.host()).port(s.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(t).readTimeout(Duration.ofSeconds(10)).connect();
        c.login("alice", "pw");
        c.select(MailboxName.of("Drafts"));
        return c;
    }

    private static ImapScript opening(String caps) {
        ImapScript script = ImapScript.create().greeting(caps.split(" "));
        List<org.imap4j.codec.response.Capability> list = new ArrayList<>();
        for (String cap : caps.split(" ")) {
            list.add(org.imap4j.codec.response.Capability.of(cap));
        }
        script.always(Command.Capability.class).respond(new Untagged.Capabilities(list)).ok();
        return script.expect(Command.Login.class).ok()
                .expect(Command.Select.class).respond(new Untagged.Exists(3),
                        new Untagged.StatusResponse(Condition.OK, new ResponseCode.UidValidity(7), "v"))
                .ok(new ResponseCode.Simple(ResponseCode.Kind.READ_WRITE), "selected");
    }

    private static boolean isReplacement(Command c, long uid, boolean byUid) {
        return c instanceof Command.Replace r && r.number() == uid && r.uid() == byUid
                && r.mailbox().equals(MailboxName.of("Drafts"))
                && NEW.equals(new String(r.message().data().toByteArray(), StandardCharsets.US_ASCII))
                && r.message().flags().equals(List.of(Flag.DRAFT));
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void oneUidReplaceWhereOffered(ImapClientConfig.Transport t) throws Exception {
        ImapScript script = opening("IMAP4rev1 UIDPLUS REPLACE")
                // RFC 8508 section 3: APPENDUID in an untagged OK, then the old message's EXPUNGE, then the OK
                .expect(c -> isReplacement(c, 30, true), "UID REPLACE 30 Drafts (\\Draft) {n}")
                .respond(new Untagged.StatusResponse(Condition.OK,
                        new ResponseCode.AppendUid(7, SequenceSet.of(41)), "Replacement Message ID"),
                        new Untagged.Expunge(3))
                .ok("REPLACE completed")
                .expect(Command.Logout.class).respond(new Untagged.StatusResponse(Condition.BYE, null, "bye")).ok();
        try (ScriptedImapServer s = ScriptedImapServer.start(script)) {
            ImapClient c = scripted(s, t);
            AppendResult r = c.replace(30, MailboxName.of("Drafts"), Bytes.utf8(NEW), null, Flag.DRAFT);
            assertEquals(List.of(41L), r.uids());
            assertEquals(7L, r.uidValidity().orElseThrow());
            assertEquals(List.of(), c.fallbacks(), "nothing emulated");
            c.logout();
            s.verify(Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void emulatedWithoutReplaceExpungesExactlyTheOldMessage(ImapClientConfig.Transport t) throws Exception {
        ImapScript script = opening("IMAP4rev1 UIDPLUS")
                .expect(c -> c instanceof Command.Append a && a.messages().size() == 1
                        && NEW.equals(new String(a.messages().get(0).data().toByteArray(),
                                StandardCharsets.US_ASCII)), "APPEND Drafts (\\Draft) {n}")
                .ok(new ResponseCode.AppendUid(7, SequenceSet.of(41)), "appended")
                .expect(c -> c instanceof Command.Store st && st.uid() && st.set().equals(SequenceSet.of(30))
                        && st.flags().equals(List.of(Flag.DELETED)), "UID STORE 30 +FLAGS.SILENT (\\Deleted)")
                .ok()
                .expect(new Command.UidExpunge(SequenceSet.of(30))).respond(new Untagged.Expunge(3)).ok()
                .expect(Command.Logout.class).respond(new Untagged.StatusResponse(Condition.BYE, null, "bye")).ok();
        try (ScriptedImapServer s = ScriptedImapServer.start(script)) {
            ImapClient c = scripted(s, t);
            AppendResult r = c.replace(30, MailboxName.of("Drafts"), Bytes.utf8(NEW), null, Flag.DRAFT);
            assertEquals(List.of(41L), r.uids());
            assertEquals(1, c.fallbacks().size(), c.fallbacks().toString());
            assertEquals(Fallback.Kind.REPLACE_EMULATED, c.fallbacks().get(0).kind());
            c.logout();
            s.verify(Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void refusedWithoutReplaceOrUidplusBeforeAnythingIsSent(ImapClientConfig.Transport t) throws Exception {
        ImapScript script = opening("IMAP4rev1")
                .expect(Command.Logout.class).respond(new Untagged.StatusResponse(Condition.BYE, null, "bye")).ok();
        try (ScriptedImapServer s = ScriptedImapServer.start(script)) {
            ImapClient c = scripted(s, t);
            assertThrows(ImapCapabilityException.class,
                    () -> c.replace(30, MailboxName.of("Drafts"), Bytes.utf8(NEW), null));
            c.logout();
            s.verify(Duration.ofSeconds(5)); // a REPLACE, APPEND or STORE here would be an unexpected command
        }
    }

    static List<Arguments> serversAndTransports() {
        List<Arguments> r = new ArrayList<>();
        for (ImapClientConfig.Transport t : ImapClientConfig.Transport.values()) {
            for (LiveServers.Srv s : live.all()) {
                r.add(Arguments.of(s, t));
            }
        }
        return r;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serversAndTransports")
    void liveReplaceKeepsTheOtherDeletedMessagesAndSwapsTheDraft(LiveServers.Srv s, ImapClientConfig.Transport t) {
        try (ImapClient c = ImapClient.builder(s.host()).port(s.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(t).readTimeout(Duration.ofSeconds(30)).connect()) {
            c.login(s.user(), s.password());
            MailboxName box = MailboxName.of("replace" + BOXES.incrementAndGet() + t.name().toLowerCase());
            c.create(box);
            long old = c.append(box, Bytes.utf8(OLD)).uids().get(0);
            // another message the user marked \Deleted but has not expunged: the emulation must leave it alone
            long other = c.append(box, Bytes.utf8("Subject: other\r\n\r\nx\r\n"), Flag.DELETED).uids().get(0);
            c.select(box);

            AppendResult r = c.replace(old, box, Bytes.utf8(NEW), null, Flag.DRAFT);

            assertEquals(1, r.uids().size(), "APPENDUID of the new message: " + r);
            long now = r.uids().get(0);
            assertTrue(now > other, "new UID " + now);
            List<Long> left = c.search(org.imap4j.codec.command.SearchKey.all()).ids();
            assertEquals(List.of(other, now), left, "the old message gone, the other \\Deleted one kept");
            FetchResults f = c.fetchMessage(SequenceSet.of(now));
            assertEquals(NEW, new String(f.values().iterator().next().message().orElseThrow().toByteArray(),
                    StandardCharsets.US_ASCII));
            assertFalse(c.capabilities().contains(org.imap4j.codec.response.Capability.Known.REPLACE),
                    s + " does not offer REPLACE (else this is not the emulation)");
            assertEquals(Fallback.Kind.REPLACE_EMULATED, c.fallbacks().get(c.fallbacks().size() - 1).kind());
            c.delete(box);
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void asyncReplaceFailsTheFutureWithoutUidplus(ImapClientConfig.Transport t) throws Exception {
        ImapScript script = opening("IMAP4rev1")
                .expect(Command.Logout.class).respond(new Untagged.StatusResponse(Condition.BYE, null, "bye")).ok();
        try (ScriptedImapServer s = ScriptedImapServer.start(script)) {
            AsyncImapClient c = AsyncImapClient.connect(ImapClient.builder(s.host()).port(s.port())
                    .tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true).transport(t)
                    .readTimeout(Duration.ofSeconds(10)).build()).join();
            c.login("alice", "pw").join();
            c.select(MailboxName.of("Drafts")).join();
            CompletionException e = assertThrows(CompletionException.class,
                    () -> c.replace(30, MailboxName.of("Drafts"), Bytes.utf8(NEW), null).join());
            assertTrue(e.getCause() instanceof ImapCapabilityException, e.toString());
            c.logout().join();
            s.verify(Duration.ofSeconds(5));
        }
    }
}
