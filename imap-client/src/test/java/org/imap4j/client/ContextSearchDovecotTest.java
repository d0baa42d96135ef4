package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.Capability;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CONTEXT=SEARCH (RFC 5267 section 4) live against Dovecot, on both transports: a live search of the unseen
 * messages, then a message appended and one marked seen from a second connection; the first connection's next
 * command reads Dovecot's unsolicited {@code ESEARCH (TAG ...) UID ADDTO / REMOVEFROM} and the client applies them
 * to the search that asked, by its tag. What Dovecot 2.3 sends is pinned by the trace assertions below.
 */
@Timeout(120)
class ContextSearchDovecotTest {
    private static DovecotServer dovecot;

    @BeforeAll
    static void start() {
        dovecot = DovecotServer.startOrSkip();
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    private static ImapClientConfig.Builder builder(ImapClientConfig.Transport transport) {
        return ImapClient.builder(dovecot.host()).port(dovecot.imapPort()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(transport).readTimeout(Duration.ofSeconds(20));
    }

    private static Bytes message(String subject) {
        return Bytes.of(("From: a@example.org\r\nSubject: " + subject + "\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void dovecotUpdatesALiveSearch(ImapClientConfig.Transport transport) {
        List<String> in = new CopyOnWriteArrayList<>();
        MailboxName box = MailboxName.of("live-" + transport.name().toLowerCase(java.util.Locale.ROOT));
        try (ImapClient c = builder(transport).trace((d, t) -> {
            if (d == org.imap4j.session.TraceListener.Direction.IN) {
                in.add(t);
            }
        }).connect(); ImapClient other = builder(transport).connect()) {
            c.login(DovecotServer.USER, DovecotServer.PASSWORD);
            other.login(DovecotServer.USER, DovecotServer.PASSWORD);
            assertTrue(c.capabilities().contains(Capability.Known.CONTEXT_SEARCH), c.capabilities()::toString);
            c.create(box);
            long u1 = c.append(box, message("one")).uid().orElseThrow();
            long u2 = c.append(box, message("two")).uid().orElseThrow();
            long u3 = c.append(box, message("three"), Flag.SEEN).uid().orElseThrow();
            c.select(box);
            List<LiveSearch.Update> heard = new CopyOnWriteArrayList<>();
            LiveSearch live = c.liveSearch(SearchKey.unseen(), (s, u) -> heard.add(u));
            assertEquals(List.of(u1, u2), live.initial());
            assertTrue(live.updating());

            long u4 = other.append(box, message("four")).uid().orElseThrow();
            other.select(box);
            other.addFlags(SequenceSet.of(u1), Flag.SEEN);
            c.noop();
            assertEquals(new TreeSet<>(List.of(u2, u4)), live.current(), () -> "trace: " + in);
            List<LiveSearch.Update> updates = live.poll();
            assertTrue(updates.stream().anyMatch(u -> u.added() && u.set().contains(u4, u4)), updates::toString);
            assertTrue(updates.stream().anyMatch(u -> !u.added() && u.set().contains(u1, u1)), updates::toString);
            assertEquals(updates, heard);
            // what Dovecot 2.3 sends: one unsolicited ESEARCH with the search's tag, UID, the removals then the
            // additions, each at position 0 (a SEARCH result has no order), e.g.
            // * ESEARCH (TAG "A7") UID REMOVEFROM (0 1) ADDTO (0 4)
            String update = "* ESEARCH (TAG \"" + live.tag() + "\") UID REMOVEFROM (0 " + u1 + ") ADDTO (0 " + u4
                    + ")";
            assertTrue(in.stream().anyMatch(l -> l.startsWith(update)), in::toString);
            assertFalse(u3 == u4);

            live.cancel().await();
            assertFalse(live.updating());
            other.addFlags(SequenceSet.of(u2), Flag.SEEN);
            c.noop();
            assertEquals(List.of(), live.poll(), () -> "no update after CANCELUPDATE: " + in);
            c.logout();
            other.logout();
        }
    }
}
