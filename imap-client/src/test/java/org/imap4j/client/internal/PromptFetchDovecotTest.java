package org.imap4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imap4j.client.FetchResults;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Against Dovecot: a FETCH of ENVELOPE and BODYSTRUCTURE of 300 messages over NIO (the benchmark's env job, smaller)
 * is collected on the selector thread, read batch after read batch, with no hand-off to the callback executor;
 * only the returned future's completion goes to the client's lane.
 */
@Timeout(120)
class PromptFetchDovecotTest {
    private static final int MESSAGES = 300;

    @Test
    void aTypedFetchIsCollectedWhereItIsRead() throws Exception {
        try (DovecotServer d = DovecotServer.startOrSkip()) {
            ImapClientConfig.Builder b = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                    .allowCleartextPasswords(true).readTimeout(Duration.ofSeconds(60));
            MailboxName box = MailboxName.of("Prompt-" + System.nanoTime());
            try (ImapClient c = b.connect()) {
                c.login(DovecotServer.USER, DovecotServer.PASSWORD);
                c.create(box);
                for (int i = 0; i < MESSAGES; i++) {
                    c.append(box, Bytes.of(("From: a" + i + "@example.org\r\nTo: b@example.org\r\nSubject: message "
                            + i + "\r\nContent-Type: text/plain\r\n\r\n" + "body line\r\n".repeat(20))
                            .getBytes(StandardCharsets.US_ASCII)));
                }
            }
            Session s = Session.open(b.transport(ImapClientConfig.Transport.NIO).build()).get(10, TimeUnit.SECONDS);
            try {
                s.run(Ops.login(s, new Command.Login(DovecotServer.USER, Secret.of(DovecotServer.PASSWORD))), null)
                        .get(10, TimeUnit.SECONDS);
                s.run(Ops.select(s, new Command.Select(box, false, null), box), null).get(10, TimeUnit.SECONDS);
                Map<String, AtomicInteger> collectedOn = new ConcurrentHashMap<>();
                FetchOp inner = new FetchOp(s, new Command.Fetch(SequenceSet.all(), List.of(FetchAttribute.Item.UID,
                        FetchAttribute.Item.ENVELOPE, FetchAttribute.Item.BODYSTRUCTURE), true, null, false), null,
                        null);
                Op<FetchResults> watched = new ForwardingOp<FetchResults, FetchResults>(s, inner) {
                    @Override
                    public void onData(Untagged u) {
                        collectedOn.computeIfAbsent(Thread.currentThread().getName(), k -> new AtomicInteger())
                                .incrementAndGet();
                        super.onData(u);
                    }

                    @Override
                    protected FetchResults result(Tagged ok) {
                        return inner.complete(ok);
                    }
                };
                String[] completedOn = new String[1];
                FetchResults r = new PendingOperation<>(s, s.run(watched, null), "FETCH").future().thenApply(x -> {
                    completedOn[0] = Thread.currentThread().getName();
                    return x;
                }).get(60, TimeUnit.SECONDS);
                assertEquals(MESSAGES, r.size());
                assertEquals(1, collectedOn.size(), collectedOn::toString);
                String only = collectedOn.keySet().iterator().next();
                assertTrue(only.contains("selector"), collectedOn::toString);
                assertEquals(MESSAGES, collectedOn.get(only).get());
                assertFalse(completedOn[0].contains("imap4j-nio-"), completedOn[0]);
            } finally {
                s.transport().close();
            }
        }
    }
}
