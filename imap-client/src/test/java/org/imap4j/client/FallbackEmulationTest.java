package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.Capability;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two fallbacks of issue 18 item 5, live: {@code SEARCH RETURN (MIN MAX COUNT ALL)} on a server without ESEARCH
 * (GreenMail) answered from a plain SEARCH and reported as {@link Fallback.Kind#ESEARCH_EMULATED}, with the same
 * result a server with ESEARCH gives (Dovecot); and a {@link MailboxWatch} that polls instead of idling reports
 * {@link Fallback.Kind#IDLE_POLLING} to the configuration's listener (which the watch relays).
 */
class FallbackEmulationTest {

    private static String message(int i) {
        return "From: a@example.org\r\nSubject: message " + i + "\r\n\r\nbody " + i + "\r\n";
    }

    private static ESearchResult expected(boolean uid, List<Long> matches, Command.SearchReturn... options) {
        boolean none = matches.isEmpty();
        List<Command.SearchReturn> o = List.of(options);
        return new ESearchResult(uid,
                o.contains(Command.SearchReturn.MIN) && !none ? OptionalLong.of(matches.get(0)) : OptionalLong.empty(),
                o.contains(Command.SearchReturn.MAX) && !none ? OptionalLong.of(matches.get(matches.size() - 1))
                        : OptionalLong.empty(),
                o.contains(Command.SearchReturn.COUNT) ? OptionalLong.of(matches.size()) : OptionalLong.empty(),
                (o.isEmpty() || o.contains(Command.SearchReturn.ALL)) && !none
                        ? Optional.of(SequenceSet.of(matches).normalized()) : Optional.empty(),
                Optional.empty(), Optional.empty(), OptionalLong.empty(), false, List.of());
    }

    /** Five messages, the 2nd and 4th flagged; the same questions asked of a server with and without ESEARCH. */
    private static void askAndCompare(ImapClient c, boolean emulated) {
        c.select(MailboxName.INBOX);
        List<Long> all = c.search(SearchKey.all()).ids();
        assertEquals(5, all.size(), all.toString());
        c.addFlags(SequenceSet.of(all.get(1), all.get(3)), Flag.FLAGGED);
        List<Long> flagged = List.of(all.get(1), all.get(3));

        assertEquals(expected(true, flagged, Command.SearchReturn.MIN, Command.SearchReturn.MAX,
                Command.SearchReturn.COUNT), c.search(SearchKey.flagged(), Command.SearchReturn.MIN,
                        Command.SearchReturn.MAX, Command.SearchReturn.COUNT));
        assertEquals(expected(true, flagged), c.search(SearchKey.flagged(),
                new Command.SearchReturn[0]), "no options: ALL");
        assertEquals(expected(true, all, Command.SearchReturn.ALL, Command.SearchReturn.COUNT),
                c.search(SearchKey.all(), Command.SearchReturn.ALL, Command.SearchReturn.COUNT));
        // nothing matches: COUNT 0, no MIN, MAX or ALL (RFC 4731 section 3.1)
        assertEquals(expected(true, List.of(), Command.SearchReturn.MIN, Command.SearchReturn.COUNT,
                Command.SearchReturn.ALL), c.search(SearchKey.deleted(), Command.SearchReturn.MIN,
                        Command.SearchReturn.COUNT, Command.SearchReturn.ALL));
        List<Fallback> f = c.fallbacks();
        assertEquals(emulated, f.stream().anyMatch(x -> x.kind() == Fallback.Kind.ESEARCH_EMULATED), f.toString());
        assertTrue(f.stream().filter(x -> x.kind() == Fallback.Kind.ESEARCH_EMULATED).count() <= 1,
                "reported once per connection: " + f);
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void searchReturnWithoutEsearchIsAnsweredFromAPlainSearch(ImapClientConfig.Transport t) {
        try (GreenMailServer gm = GreenMailServer.start()) {
            for (int i = 1; i <= 5; i++) {
                gm.deliver(message(i));
            }
            try (ImapClient c = ImapClient.builder(gm.host()).port(gm.imapPort()).tlsMode(TlsMode.PLAIN)
                    .allowCleartextPasswords(true).transport(t).readTimeout(Duration.ofSeconds(20)).connect()) {
                c.login(GreenMailServer.USER, GreenMailServer.PASSWORD);
                assertFalse(c.capabilities().contains(Capability.Known.ESEARCH), "GreenMail lacks ESEARCH");
                askAndCompare(c, true);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aServerWithEsearchGivesTheSameAnswers(ImapClientConfig.Transport t) {
        try (DovecotServer d = DovecotServer.startOrSkip();
                ImapClient c = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                        .allowCleartextPasswords(true).transport(t).readTimeout(Duration.ofSeconds(20)).connect()) {
            c.login(DovecotServer.USER, DovecotServer.PASSWORD);
            assertTrue(c.capabilities().contains(Capability.Known.ESEARCH));
            // a Dovecot of its own: its INBOX starts empty
            for (int i = 1; i <= 5; i++) {
                c.append(MailboxName.INBOX, org.imap4j.codec.core.Bytes.utf8(message(i)));
            }
            askAndCompare(c, false);
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aWatchThatPollsReportsIt(ImapClientConfig.Transport t) throws Exception {
        try (DovecotServer d = DovecotServer.startOrSkip()) {
            List<Fallback> seen = new CopyOnWriteArrayList<>();
            ImapClientConfig config = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                    .allowCleartextPasswords(true).transport(t).readTimeout(Duration.ofSeconds(10))
                    .listener(new MailboxListener() {
                        @Override
                        public void fallback(Fallback f) {
                            seen.add(f);
                        }
                    }).build();
            try (MailboxWatch w = MailboxWatch.builder(config,
                    SessionAuthenticator.login(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD)))
                    .poll(true).pollInterval(Duration.ofMillis(200)).start()) {
                assertTrue(w.awaitConnected(Duration.ofSeconds(30)));
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (seen.isEmpty() && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                assertEquals(1, seen.size(), seen.toString());
                assertEquals(Fallback.Kind.IDLE_POLLING, seen.get(0).kind());
                assertTrue(seen.get(0).detail().contains("polling asked for"), seen.get(0).detail());
            }
        }
    }

    @Test
    void theWatchRelaysEveryListenerCallbackToTheUsersListener() throws Exception {
        Class<?> relay = null;
        for (Class<?> k : MailboxWatch.class.getDeclaredClasses()) {
            if (MailboxListener.class.isAssignableFrom(k)) {
                relay = k;
            }
        }
        assertTrue(relay != null, "the watch's relaying listener");
        List<String> missing = new ArrayList<>();
        for (Method m : MailboxListener.class.getMethods()) {
            try {
                relay.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(m.getName());
            }
        }
        assertEquals(List.of(), missing, "MailboxListener callbacks the watch swallows instead of relaying");
    }
}
