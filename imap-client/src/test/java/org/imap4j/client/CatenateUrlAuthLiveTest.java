package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.imap4j.client.LiveServers.Srv;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.TlsMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CATENATE (RFC 4469) live on Dovecot and Cyrus, both transports, and URLAUTH (RFC 4467) live on Cyrus, the only
 * server here that offers it: a message assembled from a stored message's header and new text, the BADURL refusal,
 * GENURLAUTH then URLFETCH of the authorized URL, and RESETKEY invalidating it. (Cyrus 3.6 drops the connection
 * on a URLFETCH of a URL into the mailbox that connection has selected, so the fetch is made, as a submission server
 * would make it, from a second connection.)
 */
class CatenateUrlAuthLiveTest {
    private static final AtomicInteger BOXES = new AtomicInteger();
    private static final String HEADER = "From: alice@example.org\r\nSubject: draft one\r\n\r\n";
    private static final String MESSAGE = HEADER + "the old body\r\n";
    private static LiveServers servers;

    @BeforeAll
    static void start() {
        servers = LiveServers.startOrSkip();
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    /** @return Cyrus (the calling test skipped where it is not installed; on CI it always runs) */
    private static Srv cyrusSrv() {
        assumeTrue(servers.cyrus() != null, "Cyrus is not installed here");
        return servers.cyrusSrv();
    }

    static List<Arguments> serversAndTransports() {
        List<Arguments> r = new ArrayList<>();
        for (ImapClientConfig.Transport t : ImapClientConfig.Transport.values()) {
            for (Srv s : servers.all()) {
                r.add(Arguments.of(s, t));
            }
        }
        return r;
    }

    private static ImapClient connect(Srv s, ImapClientConfig.Transport t) {
        ImapClient c = ImapClient.builder(s.host()).port(s.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(t).readTimeout(Duration.ofSeconds(30)).connect();
        c.login(s.user(), s.password());
        return c;
    }

    /** A fresh mailbox holding {@link #MESSAGE}; returns its UIDVALIDITY and the message's UID. */
    private static long[] mailboxWithOneMessage(ImapClient c, MailboxName box) {
        c.create(box);
        AppendResult a = c.append(box, Bytes.utf8(MESSAGE));
        c.select(box);
        return new long[] {a.uidValidity().orElseThrow(), a.uids().get(0)};
    }

    private static String text(Bytes b) {
        return new String(b.toByteArray(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serversAndTransports")
    void catenateJoinsAStoredHeaderAndNewText(Srv s, ImapClientConfig.Transport t) {
        try (ImapClient c = connect(s, t)) {
            assertTrue(c.capabilities().contains(Capability.Known.CATENATE), s + " offers CATENATE");
            MailboxName box = MailboxName.of("cat" + BOXES.incrementAndGet());
            long[] vu = mailboxWithOneMessage(c, box);
            String url = "/" + box.name() + ";UIDVALIDITY=" + vu[0] + "/;UID=" + vu[1] + "/;SECTION=HEADER";
            AppendResult r = c.catenate(box, List.of(Flag.DRAFT), null, List.of(new Command.CatenatePart.Url(url),
                    Command.CatenatePart.Text.of("the new body,\r\nwith two lines\r\n")));
            assertEquals(1, r.uids().size(), "APPENDUID of the assembled message: " + r);
            FetchResults f = c.fetchMessage(SequenceSet.of(r.uids().get(0)));
            assertEquals(HEADER + "the new body,\r\nwith two lines\r\n",
                    text(f.values().iterator().next().message().orElseThrow()));

            // a URL the server cannot resolve: NO [BADURL ...], and nothing is stored
            ImapCommandException e = assertThrows(ImapCommandException.class, () -> c.catenate(box, List.of(), null,
                    List.of(new Command.CatenatePart.Url("/" + box.name() + ";UIDVALIDITY=" + vu[0] + "/;UID=999"),
                            Command.CatenatePart.Text.of("x\r\n"))));
            assertInstanceOf(ResponseCode.BadUrl.class, e.code(), "BADURL: " + e.code());
            assertEquals(2, c.select(box).exists());
        }
    }

    @Test
    void withoutTheCapabilityNothingIsSent() throws Exception {
        try (org.imap4j.testing.ScriptedImapServer server = HandlerScripts.start(x -> false);
                ImapClient c = HandlerScripts.client(server, ImapClientConfig.Transport.BLOCKING).connect()) {
            c.login("alice", "secret");
            assertThrows(ImapCapabilityException.class, () -> c.catenate(MailboxName.INBOX, List.of(), null,
                    List.of(Command.CatenatePart.Text.of("x"))));
            assertThrows(ImapCapabilityException.class, () -> c.urlFetch(List.of("imap://a/INBOX;UID=1")));
            assertThrows(ImapCapabilityException.class, () -> c.resetKey(null));
            c.noop();
            assertTrue(server.received().stream().map(t -> t.command()).noneMatch(k -> k instanceof Command.Append
                    || k instanceof Command.Catenate || k instanceof Command.UrlFetch || k instanceof Command.ResetKey),
                    server.received()::toString);
        }
    }

    @Test
    void urlAuthGenerateFetchAndResetOnCyrus() {
        Srv s = cyrusSrv();
        for (ImapClientConfig.Transport t : ImapClientConfig.Transport.values()) {
            try (ImapClient c = connect(s, t)) {
                assertTrue(c.capabilities().contains(Capability.Known.URLAUTH), "Cyrus offers URLAUTH");
                MailboxName box = MailboxName.of("url" + BOXES.incrementAndGet());
                long[] vu = mailboxWithOneMessage(c, box);
                String rump = "imap://" + s.user() + "@localhost/" + box.name() + ";UIDVALIDITY=" + vu[0]
                        + "/;UID=" + vu[1] + ";URLAUTH=user+" + s.user();
                List<String> urls = c.genUrlAuth(List.of(new Command.UrlAuthRequest(rump, "INTERNAL")));
                assertEquals(1, urls.size(), urls::toString);
                String full = urls.get(0);
                assertTrue(full.toLowerCase().startsWith(rump.toLowerCase() + ":internal:"), full);

                // URLFETCH from a second connection with nothing selected, as a submission server would
                // (Cyrus 3.6 drops the connection on URLFETCH of a URL into the mailbox it has selected)
                List<Untagged.UrlData> got;
                List<Untagged.UrlData> after;
                try (ImapClient other = connect(s, t)) {
                    got = other.urlFetch(List.of(full));
                    c.resetKey(box);
                    after = other.urlFetch(List.of(full));
                }
                assertEquals(1, got.size());
                assertArrayEquals(MESSAGE.getBytes(StandardCharsets.US_ASCII), got.get(0).data().toByteArray());

                assertNull(after.get(0).data(), "the reset key no longer authorizes the URL");
                // asynchronously too, and a mechanism the server does not know is a NO
                AsyncImapClient a = ImapClient.builder(s.host()).port(s.port()).tlsMode(TlsMode.PLAIN)
                        .allowCleartextPasswords(true).transport(t).readTimeout(Duration.ofSeconds(30))
                        .connectAsync().join();
                try {
                    assertEquals(org.imap4j.codec.response.Condition.OK, a.greeting().status(), "the greeting, typed");
                    a.login(s.user(), s.password()).join();
                    CompletionException x = assertThrows(CompletionException.class,
                            () -> a.genUrlAuth(List.of(new Command.UrlAuthRequest(rump, "XNOSUCH"))).join());
                    assertInstanceOf(ImapCommandException.class, x.getCause());
                    assertEquals(1, a.genUrlAuth(List.of(new Command.UrlAuthRequest(rump, "INTERNAL"))).join()
                            .size());
                } finally {
                    a.close();
                }
            }
        }
    }
}
