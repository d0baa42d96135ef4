package org.imap4j.benchmarks.e2e;

import java.time.Duration;
import org.imap4j.client.AsyncImapClient;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.session.TlsMode;

/**
 * imap4j's asynchronous client in the env job: {@link AsyncImapClient} on the NIO transport (one selector thread),
 * plain text on loopback; the same four commands chained as futures, every result's fields read in the FETCH's
 * completion, then LOGOUT.
 *
 * <pre>
 * java -cp ... org.imap4j.benchmarks.e2e.Imap4jAsyncClient HOST PORT USER PASSWORD MAILBOX
 * </pre>
 */
public final class Imap4jAsyncClient {
    private Imap4jAsyncClient() {
    }

    /** @param args HOST PORT USER PASSWORD MAILBOX */
    public static void main(String[] args) {
        long mainStart = System.nanoTime();
        ChildReport.checkArgs("Imap4jAsyncClient", args);
        ImapClientConfig config = ImapClient.builder(args[0]).port(Integer.parseInt(args[1])).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(ImapClientConfig.Transport.NIO)
                .readTimeout(Duration.ofSeconds(120)).build();
        MailboxName box = MailboxName.of(args[4]);
        long[] out = AsyncImapClient.connect(config).thenCompose(c -> c.login(args[2], Secret.of(args[3]))
                .thenCompose(v -> c.select(box))
                .thenCompose(s -> c.fetch(SequenceSet.all(), FetchAttribute.Item.UID, FetchAttribute.Item.FLAGS,
                        FetchAttribute.Item.INTERNALDATE, FetchAttribute.Item.RFC822_SIZE,
                        FetchAttribute.Item.ENVELOPE, FetchAttribute.Item.BODYSTRUCTURE))
                .thenApply(results -> new long[] {results.size(), Imap4jFields.read(results)})
                .thenCompose(r -> c.logout().thenApply(v -> r))
                .whenComplete((r, e) -> c.close()))
                .join();
        ChildReport.printAndExit((int) out[0], out[1], mainStart);
    }
}
