package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ConnectionState;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TlsOptions;
import org.imap4j.testing.servers.DovecotServer;
import org.imap4j.session.testing.HostileServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 14 items 1, 4, 5, 6 and 8 end to end, on both transports, against scripted servers (and Dovecot for the
 * mailbox mode): premature tagged answers (the STARTTLS-stripping class), a clean LOGOUT however the server ends
 * it, the first failure as the cause of every later call, {@link MailboxListener#modeChanged}, and limits broken in
 * the middle of a response failing the waiting caller at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileSessionTest {
    /** Far above what any of these tests may take: a failure must come from the protocol, not from a deadline. */
    private static final Duration LONG = Duration.ofSeconds(60);
    /** What "at once" means here. */
    private static final long PROMPT_MS = 5_000;

    /** Answers one command; returns false to end the script. */
    @FunctionalInterface
    interface Answer {
        boolean answer(HostileServer.Peer peer, TaggedCommand c) throws IOException;
    }

    /** Greets, accepts LOGIN, answers what {@code special} does not with a tagged OK; LOGOUT with BYE + OK. */
    private static HostileServer.Script script(Answer special) {
        return peer -> {
            peer.send("* OK [CAPABILITY IMAP4rev1 IDLE] scripted\r\n");
            while (true) {
                TaggedCommand c = peer.readCommand();
                if (special.answer(peer, c)) {
                    continue;
                }
                String tag = c.tag().value();
                if (c.command() instanceof Command.Logout) {
                    peer.send("* BYE bye\r\n" + tag + " OK logged out\r\n");
                    return;
                }
                if (c.command() instanceof Command.Select) {
                    peer.send("* 1 EXISTS\r\n" + tag + " OK [READ-WRITE] selected\r\n");
                } else {
                    peer.send(tag + " OK done\r\n");
                }
            }
        };
    }

    // the servers here stay HostileServer on purpose (raw bytes, split writes, early answers): only the client is built
    private static ImapClientConfig.Builder scripted(HostileServer server, ImapClientConfig.Transport transport) {
        return ImapClient.builder("127.0.0.1").port(server.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(transport).readTimeout(LONG).commandTimeout(LONG);
    }

    private static Throwable unwrap(Throwable t) {
        return (t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null
                ? t.getCause() : t;
    }

    private static void assertPrompt(long startedNanos) {
        long ms = (System.nanoTime() - startedNanos) / 1_000_000;
        assertTrue(ms < PROMPT_MS, "failed after " + ms + " ms, not at once");
    }

    // ---------------------------------------------------------------- item 1: premature tagged answers

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void starttlsAnsweredBeforeItWasSentFailsTheConnectAtOnce(ImapClientConfig.Transport transport)
            throws Exception {
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        try (HostileServer server = HostileServer.start(peer -> {
            // the greeting and an OK for the STARTTLS (A1) the client has not sent yet, in one write
            peer.send("* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] hi\r\nA1 OK Begin TLS now\r\n");
            while (true) {
                received.add(peer.readLine());
            }
        })) {
            long t0 = System.nanoTime();
            ImapClientConfig.Builder b = ImapClient.builder("127.0.0.1").port(server.port())
                    .tlsMode(TlsMode.STARTTLS).transport(transport).readTimeout(LONG).commandTimeout(LONG)
                    .greetingTimeout(LONG);
            ImapProtocolException e = assertThrows(ImapProtocolException.class, () -> ImapClient.connect(b.build()));
            assertPrompt(t0);
            assertTrue(e.getMessage().contains("before it had received that command"), e.getMessage());
            assertTrue(e.getMessage().contains("A1 STARTTLS"), e.getMessage());
            Thread.sleep(200);
            for (String line : received) {
                assertFalse(line.toUpperCase(java.util.Locale.ROOT).contains("LOGIN")
                        || line.toUpperCase(java.util.Locale.ROOT).contains("AUTHENTICATE"), "sent in clear: " + line);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void starttlsAnsweredTogetherWithTheCapabilityBeforeItWasSentFails(ImapClientConfig.Transport transport)
            throws Exception {
        try (HostileServer server = HostileServer.start(peer -> {
            peer.send("* OK hi\r\n");
            String capa = peer.readLine();
            String tag = capa.substring(0, capa.indexOf(' '));
            // A2 will be the STARTTLS the client sends once it has read A1's answer: answered in the same write
            peer.send("* CAPABILITY IMAP4rev1 STARTTLS\r\n" + tag + " OK done\r\nA2 OK Begin TLS\r\n");
            peer.stallForever();
        })) {
            long t0 = System.nanoTime();
            ImapClientConfig.Builder b = ImapClient.builder("127.0.0.1").port(server.port())
                    .tlsMode(TlsMode.STARTTLS).transport(transport).readTimeout(LONG).commandTimeout(LONG);
            ImapProtocolException e = assertThrows(ImapProtocolException.class, () -> ImapClient.connect(b.build()));
            assertPrompt(t0);
            assertTrue(e.getMessage().contains("A2 STARTTLS"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void loginAnsweredBeforeItsPasswordLiteralFailsAndTheSecretIsNeverSent(ImapClientConfig.Transport transport)
            throws Exception {
        String secret = "pa\"ss\r\nword-" + transport;
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch answered = new CountDownLatch(1);
        try (HostileServer server = HostileServer.start(peer -> {
            peer.send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n");
            String line = peer.readLine(); // A1 LOGIN alice {n}: no continuation is given, an OK instead
            received.add(line);
            peer.send(line.substring(0, line.indexOf(' ')) + " OK logged in\r\n");
            answered.countDown();
            while (true) {
                received.add(peer.readLine());
            }
        })) {
            try (ImapClient c = scripted(server, transport).connect()) {
                long t0 = System.nanoTime();
                ImapProtocolException e = assertThrows(ImapProtocolException.class, () -> c.login("alice", secret));
                assertPrompt(t0);
                assertTrue(e.getMessage().contains("A1 LOGIN"), e.getMessage());
                assertTrue(e.getMessage().contains("continuation"), e.getMessage());
                assertTrue(answered.await(5, TimeUnit.SECONDS));
                Thread.sleep(200);
                assertTrue(received.get(0).startsWith("A1 LOGIN alice {"), received.toString());
                for (String l : received) {
                    assertFalse(l.contains("word-"), "the password literal was sent: " + received);
                }
                assertEquals(ConnectionState.FAILED, c.transport().state());

                // item 5: every later call fails fast with the first error as its cause
                long t1 = System.nanoTime();
                ImapConnectionException later = assertThrows(ImapConnectionException.class, c::noop);
                assertPrompt(t1);
                assertSame(e, later.getCause());
                assertTrue(later.getMessage().contains(e.getMessage()), later.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- item 4: clean LOGOUT

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void logoutWithByeThenOkIsCleanOnBothClients(ImapClientConfig.Transport transport) throws Exception {
        logout(transport, true);
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void logoutWithByeThenCloseIsCleanOnBothClients(ImapClientConfig.Transport transport) throws Exception {
        logout(transport, false);
    }

    private static void logout(ImapClientConfig.Transport transport, boolean taggedOk) throws Exception {
        try (HostileServer server = HostileServer.start(script((peer, c) -> {
            if (c.command() instanceof Command.Logout) {
                peer.send(taggedOk ? "* BYE bye\r\n" + c.tag().value() + " OK logged out\r\n" : "* BYE bye\r\n");
                peer.close();
                return true; // the next read ends the script: the socket is closed
            }
            return false;
        }))) {
            List<Object> closed = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch end = new CountDownLatch(2);
            MailboxListener l = new MailboxListener() {
                @Override
                public void closed(ImapException cause) {
                    closed.add(cause == null ? "clean" : cause);
                    end.countDown();
                }
            };
            ImapClient c = scripted(server, transport).listener(l).connect();
            c.login("alice", "pw");
            c.logout();
            assertEquals(ConnectionState.LOGOUT, c.transport().state());

            AsyncImapClient a = AsyncImapClient.connect(scripted(server, transport).listener(l).build()).get();
            a.login("alice", org.imap4j.codec.core.Secret.of("pw")).get();
            a.logout().get(10, TimeUnit.SECONDS);
            assertEquals(ConnectionState.LOGOUT, a.blocking().transport().state());
            assertTrue(end.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("clean", "clean"), closed);
        }
    }

    // ---------------------------------------------------------------- item 6: modeChanged

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void modeChangedFiresFromTaggedCodesAndUntaggedOkAndNo(ImapClientConfig.Transport transport) throws Exception {
        try (HostileServer server = HostileServer.start(script((peer, c) -> {
            String tag = c.tag().value();
            if (c.command() instanceof Command.Examine) {
                peer.send("* 1 EXISTS\r\n" + tag + " OK [READ-ONLY] examined\r\n");
                return true;
            }
            if (c.command() instanceof Command.Noop) {
                peer.send("* OK [READ-WRITE] writable again\r\n* NO [READ-ONLY] a lock was taken\r\n"
                        + tag + " OK done\r\n");
                return true;
            }
            return false;
        }))) {
            List<Boolean> modes = Collections.synchronizedList(new ArrayList<>());
            MailboxListener l = new MailboxListener() {
                @Override
                public void modeChanged(boolean writable) {
                    modes.add(writable);
                }
            };
            try (ImapClient c = scripted(server, transport).listener(l).connect()) {
                c.login("alice", "pw");
                assertFalse(c.select(MailboxName.INBOX).readOnly());
                assertTrue(c.examine(MailboxName.INBOX).readOnly());
                c.noop();
                assertEquals(List.of(true, false, true, false), modes);
            }
            modes.clear();
            AsyncImapClient a = AsyncImapClient.connect(scripted(server, transport).listener(l).build()).get();
            try {
                a.login("alice", org.imap4j.codec.core.Secret.of("pw")).get();
                a.select(MailboxName.INBOX).get();
                a.examine(MailboxName.INBOX).get();
                a.noop().get();
                assertEquals(List.of(true, false, true, false), modes);
            } finally {
                a.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void modeChangedFiresForSelectAndExamineOnDovecot(ImapClientConfig.Transport transport) {
        try (DovecotServer d = DovecotServer.startOrSkip()) {
            List<Boolean> modes = Collections.synchronizedList(new ArrayList<>());
            try (ImapClient c = ImapClient.builder(d.host()).port(d.imapsPort()).tlsMode(TlsMode.IMPLICIT)
                    .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(d.ca()))))
                    .transport(transport).listener(new MailboxListener() {
                        @Override
                        public void modeChanged(boolean writable) {
                            modes.add(writable);
                        }
                    }).connect()) {
                c.login(DovecotServer.USER, DovecotServer.PASSWORD);
                c.examine(MailboxName.INBOX);
                c.select(MailboxName.INBOX);
                c.examine(MailboxName.INBOX);
                assertEquals(List.of(false, true, false), modes);
                c.logout();
                assertEquals(ConnectionState.LOGOUT, c.transport().state(), "Dovecot's LOGOUT ends cleanly");
            }
        }
    }

    // ---------------------------------------------------------------- item 8: limits mid-response

    /** Sends {@code during} in answer to {@code kind} and then never completes the command. */
    private static HostileServer.Script stallAfter(Class<? extends Command> kind, String during) {
        return script((peer, c) -> {
            if (kind.isInstance(c.command())) {
                peer.send(during);
                peer.stallForever();
                return false;
            }
            return false;
        });
    }

    private static void assertLimitAtOnce(ImapClientConfig.Transport transport, CodecLimits limits,
            Class<? extends Command> kind, String during, String limit,
            java.util.function.Consumer<ImapClient> call) throws Exception {
        try (HostileServer server = HostileServer.start(stallAfter(kind, during))) {
            ImapClientConfig.Builder b = scripted(server, transport);
            if (limits != null) {
                b.limits(limits);
            }
            try (ImapClient c = b.connect()) {
                c.login("alice", "pw");
                long t0 = System.nanoTime();
                ImapProtocolException e = assertThrows(ImapProtocolException.class, () -> call.accept(c));
                assertPrompt(t0);
                assertEquals(limit, e.limit(), e.getMessage());
                assertEquals(ConnectionState.FAILED, c.transport().state(), "the connection is closed");
                ImapConnectionException later = assertThrows(ImapConnectionException.class, c::noop);
                assertSame(e, later.getCause());
            }
            // and the async client, on a fresh connection
            AsyncImapClient a = AsyncImapClient.connect(b.build()).get();
            try {
                a.login("alice", org.imap4j.codec.core.Secret.of("pw")).get();
                long t0 = System.nanoTime();
                Throwable t = unwrap(assertThrows(ExecutionException.class,
                        () -> (kind == Command.Search.class ? a.search(SearchKey.all()) : a.noop()).get()));
                assertPrompt(t0);
                assertEquals(limit, assertInstanceOf(ImapProtocolException.class, t).limit(), t.getMessage());
                // item 5: later calls fail fast with the first error as their cause
                Throwable later = unwrap(assertThrows(ExecutionException.class, () -> a.noop().get()));
                assertSame(t, assertInstanceOf(ImapConnectionException.class, later).getCause());
            } finally {
                a.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void maxListItemsInsideAnUntaggedResponse(ImapClientConfig.Transport transport) throws Exception {
        StringBuilder flags = new StringBuilder("* FLAGS (");
        for (int i = 0; i < 50; i++) {
            flags.append(i == 0 ? "" : " ").append("$k").append(i);
        }
        assertLimitAtOnce(transport, CodecLimits.defaults().withMaxListItems(16), Command.Noop.class,
                flags + ")\r\n", "maxListItems", ImapClient::noop);
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void maxNestingDepthInsideAnUntaggedResponse(ImapClientConfig.Transport transport) throws Exception {
        assertLimitAtOnce(transport, CodecLimits.defaults().withMaxNestingDepth(8), Command.Noop.class,
                "* 1 FETCH (X-DEEP " + "(".repeat(40) + ")".repeat(40) + ")\r\n", "maxNestingDepth", ImapClient::noop);
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void maxLineLengthInTheFramer(ImapClientConfig.Transport transport) throws Exception {
        assertLimitAtOnce(transport, CodecLimits.defaults().withMaxLineLength(1024), Command.Noop.class,
                "* OK " + "x".repeat(4096), "maxLineLength", ImapClient::noop);
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void maxLiteralSizeInTheFramer(ImapClientConfig.Transport transport) throws Exception {
        assertLimitAtOnce(transport, CodecLimits.defaults().withLiteralStreamThreshold(1 << 20)
                .withMaxLiteralSize(1000), Command.Noop.class,
                "* 1 FETCH (UID 1 BODY[] {5000}\r\nabc", "maxLiteralSize", ImapClient::noop);
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void maxResponsesPerCommand(ImapClientConfig.Transport transport) throws Exception {
        assertLimitAtOnce(transport, CodecLimits.defaults().withMaxResponsesPerCommand(5), Command.Search.class,
                "* SEARCH 1\r\n".repeat(20), "maxResponsesPerCommand", c -> c.search(SearchKey.all()));
    }
}
