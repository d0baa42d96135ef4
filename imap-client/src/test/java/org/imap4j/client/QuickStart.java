package org.imap4j.client;

import java.io.PrintStream;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.Secret;

/** The README's quick start, kept compiling and run against a real server by {@link QuickStartTest}. */
public final class QuickStart {
    private QuickStart() {
    }

    /** @param args host, user, password */
    public static void main(String[] args) {
        run(ImapClient.builder(args[0]), args[1], args[2], System.out);
    }

    static void run(ImapClientConfig.Builder server, String user, String password, PrintStream out) {
        try (ImapClient client = server.connect()) {               // implicit TLS, certificate and host verified
            client.login(user, Secret.of(password));
            SelectResult inbox = client.select("INBOX");
            out.println(inbox.exists() + " messages in INBOX");
            SearchResult unseen = client.search(SearchKey.unseen());
            if (!unseen.ids().isEmpty()) {
                for (FetchResult m : client.fetchEnvelope(unseen.toSet()).values()) {
                    out.println(m.uid().getAsLong() + "  " + m.envelope().orElseThrow().subject());
                }
                client.addFlags(unseen.toSet(), Flag.SEEN);
            }
            client.logout();
        }
    }
}
