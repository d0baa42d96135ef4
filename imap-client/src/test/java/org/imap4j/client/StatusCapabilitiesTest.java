package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.StatusItem;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TlsOptions;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.ScriptedImapServer;
import org.imap4j.testing.servers.DovecotServer;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code status(mailbox, all attributes)} asks only for what the server's capabilities offer and says which items it
 * left out (issue 14 item 15), against GreenMail (few capabilities), Dovecot and a strict scripted server, on both
 * transports.
 */
@Timeout(120)
class StatusCapabilitiesTest {
    private static final StatusAttribute[] ALL = StatusAttribute.values();

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void greenMailAnswersEveryItemItOffersAndTheRestIsOmitted(ImapClientConfig.Transport transport) {
        try (GreenMailServer g = GreenMailServer.start();
                ImapClient c = ImapClient.builder(g.host()).port(g.imapPort()).tlsMode(TlsMode.PLAIN)
                        .allowCleartextPasswords(true).transport(transport).readTimeout(Duration.ofSeconds(20))
                        .connect()) {
            c.login(GreenMailServer.USER, GreenMailServer.PASSWORD);
            StatusResult s = c.status(MailboxName.INBOX, ALL);
            assertEquals(expectedOmitted(c.capabilities()), s.omitted());
            assertFalse(s.omitted().isEmpty(), "GreenMail offers few extensions: " + c.capabilities());
            assertTrue(s.messages().isPresent() && s.uidNext().isPresent() && s.uidValidity().isPresent()
                    && s.unseen().isPresent(), s.toString());
            // the async view asks the same way
            try (AsyncImapClient a = ImapClient.builder(g.host()).port(g.imapPort()).tlsMode(TlsMode.PLAIN)
                    .allowCleartextPasswords(true).transport(transport).connectAsync().join()) {
                a.login(GreenMailServer.USER, org.imap4j.codec.core.Secret.of(GreenMailServer.PASSWORD)).join();
                assertEquals(s.omitted(), a.status(MailboxName.INBOX, ALL).join().omitted());
            }
            // LIST without LIST-STATUS: one STATUS per mailbox, same filtering
            for (ListEntry e : c.listWithStatus("", "*", ALL)) {
                e.status().ifPresent(st -> assertEquals(s.omitted(), st.omitted()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void dovecotAnswersEveryItemItOffers(ImapClientConfig.Transport transport) {
        try (DovecotServer d = DovecotServer.startOrSkip();
                ImapClient c = ImapClient.builder(d.host()).port(d.imapsPort()).tlsMode(TlsMode.IMPLICIT)
                        .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(d.ca()))))
                        .transport(transport).readTimeout(Duration.ofSeconds(20)).connect()) {
            c.login(DovecotServer.USER, DovecotServer.PASSWORD);
            StatusResult s = c.status(MailboxName.INBOX, ALL);
            assertEquals(expectedOmitted(c.capabilities()), s.omitted());
            Set<StatusAttribute> asked = EnumSet.complementOf(EnumSet.copyOf(s.omitted().isEmpty()
                    ? EnumSet.noneOf(StatusAttribute.class) : s.omitted()));
            if (asked.contains(StatusAttribute.HIGHESTMODSEQ)) {
                assertTrue(s.highestModSeq().isPresent(), s.toString());
            }
            if (asked.contains(StatusAttribute.SIZE)) {
                assertTrue(s.size().isPresent(), s.toString());
            }
            assertTrue(s.messages().isPresent(), s.toString());
            // LIST-STATUS (Dovecot offers it): the same items are left out
            for (ListEntry e : c.listWithStatus("", "*", ALL)) {
                e.status().ifPresent(st -> assertEquals(s.omitted(), st.omitted()));
            }
        }
    }

    /** A strict server: answers BAD to any STATUS item its capabilities do not offer, as RFC 9051 allows. */
    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void onlyOfferedItemsReachTheWire(ImapClientConfig.Transport transport) throws Exception {
        List<List<StatusAttribute>> sent = new CopyOnWriteArrayList<>();
        try (ScriptedImapServer server = ScriptedImapServer.start(ImapScript.create()
                .greeting("IMAP4rev1", "STATUS=SIZE")
                .handler(x -> {
                    if (!(x.command() instanceof Command.Status st)) {
                        return false;
                    }
                    sent.add(st.attributes());
                    boolean ok = st.attributes().stream().allMatch(a -> a == StatusAttribute.MESSAGES
                            || a == StatusAttribute.RECENT || a == StatusAttribute.UIDNEXT
                            || a == StatusAttribute.UIDVALIDITY || a == StatusAttribute.UNSEEN
                            || a == StatusAttribute.SIZE);
                    if (!ok) {
                        x.bad("unknown status item");
                    } else if (st.mailbox().name().equals("Missing")) {
                        x.no(new ResponseCode.Simple(ResponseCode.Kind.NONEXISTENT), "no such mailbox");
                    } else {
                        List<StatusItem> items = new ArrayList<>();
                        for (StatusAttribute a : st.attributes()) {
                            items.add(new StatusItem.Count(StatusItem.Kind.valueOf(a.name()),
                                    a == StatusAttribute.UIDNEXT || a == StatusAttribute.UIDVALIDITY ? 7 : 3));
                        }
                        x.send(new Untagged.MailboxStatus(st.mailbox(), items));
                        x.ok("done");
                    }
                    return true;
                })); ImapClient c = HandlerScripts.client(server, transport).connect()) {
            StatusResult s = c.status(MailboxName.of("Box"), ALL);
            assertEquals(EnumSet.of(StatusAttribute.HIGHESTMODSEQ, StatusAttribute.DELETED,
                    StatusAttribute.APPENDLIMIT, StatusAttribute.MAILBOXID, StatusAttribute.DELETED_STORAGE),
                    s.omitted());
            assertEquals(3, s.size().orElseThrow());
            assertEquals(7, s.uidNext().orElseThrow());
            assertEquals(List.of(StatusAttribute.MESSAGES, StatusAttribute.RECENT, StatusAttribute.UIDNEXT,
                    StatusAttribute.UIDVALIDITY, StatusAttribute.UNSEEN, StatusAttribute.SIZE), sent.get(0));

            // nothing wanted is offered: a STATUS still goes out (a missing mailbox still fails), its item dropped
            StatusResult none = c.status(MailboxName.of("Box"), StatusAttribute.HIGHESTMODSEQ,
                    StatusAttribute.MAILBOXID);
            assertEquals(List.of(), none.items());
            assertEquals(EnumSet.of(StatusAttribute.HIGHESTMODSEQ, StatusAttribute.MAILBOXID), none.omitted());
            assertThrows(ImapCommandException.class, () -> c.status(MailboxName.of("Missing"),
                    StatusAttribute.DELETED));
            assertEquals(List.of(), server.problems());
        }
    }

    @Test
    void capabilityTable() {
        List<Capability> rev1 = caps("IMAP4rev1");
        assertEquals(EnumSet.of(StatusAttribute.MESSAGES, StatusAttribute.RECENT, StatusAttribute.UIDNEXT,
                StatusAttribute.UIDVALIDITY, StatusAttribute.UNSEEN), offered(rev1));
        List<Capability> rich = caps("IMAP4rev2", "CONDSTORE", "APPENDLIMIT=1000", "OBJECTID", "QUOTA=RES-STORAGE");
        assertEquals(EnumSet.complementOf(EnumSet.of(StatusAttribute.RECENT)), offered(rich));
        assertTrue(StatusAttribute.HIGHESTMODSEQ.offeredBy(caps("IMAP4rev1", "QRESYNC")));
        assertTrue(StatusAttribute.APPENDLIMIT.offeredBy(caps("APPENDLIMIT")));
        assertTrue(StatusAttribute.SIZE.offeredBy(caps("IMAP4rev1", "STATUS=SIZE")));
        assertTrue(StatusAttribute.RECENT.offeredBy(caps("IMAP4rev1", "IMAP4rev2")));
    }

    private static Set<StatusAttribute> expectedOmitted(List<Capability> caps) {
        return EnumSet.complementOf(offered(caps));
    }

    private static EnumSet<StatusAttribute> offered(List<Capability> caps) {
        EnumSet<StatusAttribute> out = EnumSet.noneOf(StatusAttribute.class);
        for (StatusAttribute a : StatusAttribute.values()) {
            if (a.offeredBy(caps)) {
                out.add(a);
            }
        }
        return out;
    }

    private static List<Capability> caps(String... names) {
        List<Capability> out = new ArrayList<>();
        for (String n : names) {
            out.add(Capability.of(n));
        }
        return out;
    }
}
