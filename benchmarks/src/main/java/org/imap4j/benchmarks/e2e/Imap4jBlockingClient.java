package org.imap4j.benchmarks.e2e;

import java.time.Duration;
import java.util.Map;
import org.imap4j.client.FetchResult;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.session.TlsMode;

/**
 * imap4j's blocking client in the env job: {@link ImapClient} on the BLOCKING transport, plain text on loopback;
 * LOGIN, SELECT, {@code UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)}, every result's
 * fields read, LOGOUT.
 *
 * <pre>
 * java -cp ... org.imap4j.benchmarks.e2e.Imap4jBlockingClient HOST PORT USER PASSWORD MAILBOX
 * </pre>
 */
public final class Imap4jBlockingClient {
    private Imap4jBlockingClient() {
    }

    /** @param args HOST PORT USER PASSWORD MAILBOX */
    public static void main(String[] args) {
        long mainStart = System.nanoTime();
        ChildReport.checkArgs("Imap4jBlockingClient", args);
        int messages;
        long checksum;
        try (ImapClient c = ImapClient.builder(args[0]).port(Integer.parseInt(args[1])).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(ImapClientConfig.Transport.BLOCKING)
                .readTimeout(Duration.ofSeconds(120)).connect()) {
            c.login(args[2], args[3]);
            c.select(MailboxName.of(args[4]));
            Map<Long, FetchResult> results = c.fetch(SequenceSet.all(), FetchAttribute.Item.UID,
                    FetchAttribute.Item.FLAGS, FetchAttribute.Item.INTERNALDATE, FetchAttribute.Item.RFC822_SIZE,
                    FetchAttribute.Item.ENVELOPE, FetchAttribute.Item.BODYSTRUCTURE);
            messages = results.size();
            checksum = Imap4jFields.read(results);
            c.logout();
        }
        ChildReport.printAndExit(messages, checksum, mainStart);
    }
}
