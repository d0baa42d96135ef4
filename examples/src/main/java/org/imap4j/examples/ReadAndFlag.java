package org.imap4j.examples;

import java.io.PrintStream;
import org.imap4j.client.DecodedEnvelope;
import org.imap4j.client.Envelopes;
import org.imap4j.client.FetchResult;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.SearchResult;
import org.imap4j.client.SelectResult;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;

/**
 * Reading and flagging mail, the everyday workflow: connect over implicit TLS, log in, select INBOX, search for the
 * unseen messages, fetch their envelopes, print sender, date and subject (decoded from RFC 2047 encoded words by
 * {@link Envelopes}), then mark them {@code \Seen}.
 *
 * <p>Run it against your server (port 993, certificate and host name verified; the password comes from the
 * environment so it stays out of the shell history):
 *
 * <pre>
 * IMAP_PASSWORD=... java -cp "$CP" org.imap4j.examples.ReadAndFlag imap.example.org alice
 * </pre>
 *
 * <p>with {@code CP} the class path that {@code examples/README.md} says how to build (one {@code mvn}
 * command after {@code mvn install}); or run the class from an IDE that has the project open.
 *
 * <p>{@code ReadAndFlagTest} runs it against an embedded GreenMail.
 */
public final class ReadAndFlag {
    private ReadAndFlag() {
    }

    /**
     * @param args host and user; the password is read from the {@code IMAP_PASSWORD} environment variable
     */
    public static void main(String[] args) {
        if (args.length != 2 || System.getenv("IMAP_PASSWORD") == null) {
            System.err.println("usage: IMAP_PASSWORD=... ReadAndFlag HOST USER");
            System.exit(2);
        }
        run(ImapClient.builder(args[0]), args[1], Secret.of(System.getenv("IMAP_PASSWORD")), System.out);
    }

    /**
     * Prints the unseen messages of INBOX and marks them seen.
     *
     * @param server   where to connect (host, port, TLS settings)
     * @param user     the user
     * @param password the password
     * @param out      where to print
     * @return how many messages were marked seen
     */
    public static int run(ImapClientConfig.Builder server, String user, Secret password, PrintStream out) {
        try (ImapClient client = server.connect()) {
            client.login(user, password);
            SelectResult inbox = client.select(MailboxName.INBOX);
            out.println(inbox.exists() + " messages in INBOX");

            // UIDs, not sequence numbers: they stay valid while other clients expunge
            SearchResult unseen = client.search(SearchKey.unseen());
            out.println(unseen.ids().size() + " unseen");
            if (unseen.ids().isEmpty()) {
                client.logout();
                return 0;
            }
            // ENVELOPE does not set \Seen; only fetching a body without PEEK would
            for (FetchResult m : client.fetchEnvelope(unseen.toSet()).values()) {
                DecodedEnvelope e = Envelopes.decode(m.envelope().orElseThrow());
                out.printf("%d  %s  %s  %s%n", m.uid().getAsLong(), e.fromText(),
                        e.parsedDate().map(Object::toString).orElse(e.rawDate() == null ? "-" : e.rawDate()), e.subject());
            }
            client.addFlags(unseen.toSet(), Flag.SEEN);
            client.logout();
            return unseen.ids().size();
        }
    }
}
