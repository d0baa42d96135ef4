package org.imap4j.example.consumer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.imap4j.client.AppendResult;
import org.imap4j.client.FetchResult;
import org.imap4j.client.ImapClient;
import org.imap4j.client.SearchResult;
import org.imap4j.client.SelectResult;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;
import org.imap4j.session.TlsMode;

/**
 * A small program written as a user of imap4j would write it: log in, select INBOX, append a message, search for it
 * and fetch it back. It connects without TLS, so it is meant for a server on loopback (the test's GreenMail).
 *
 * <pre>
 * java -p target/classes:target/lib -m org.imap4j.example.consumer/org.imap4j.example.consumer.Consumer HOST PORT USER
 * </pre>
 * <p>The password is read from the environment variable {@code IMAP_PASSWORD}.
 */
public final class Consumer {
    private Consumer() {
    }

    /**
     * Runs the program.
     *
     * @param args host, port and user name
     */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: Consumer HOST PORT USER   (password in IMAP_PASSWORD)");
            System.exit(2);
        }
        run(args[0], Integer.parseInt(args[1]), args[2], System.getenv("IMAP_PASSWORD"), System.out);
    }

    /**
     * Appends one message to INBOX, finds it by subject and prints what the server returns.
     *
     * @param host     the server's host
     * @param port     its plain IMAP port
     * @param user     the user name
     * @param password the password
     * @param out      where to print
     */
    static void run(String host, int port, String user, String password, PrintStream out) {
        Module app = Consumer.class.getModule();
        Module client = ImapClient.class.getModule();
        out.println("app module: " + (app.isNamed() ? app.getName() : "unnamed"));
        out.println("imap4j module: " + (client.isNamed()
                ? client.getName() + (client.getDescriptor().isAutomatic() ? " (automatic)" : " (explicit)")
                : "unnamed"));
        String subject = "Hello from the consumer " + ProcessHandle.current().pid();
        String message = "From: consumer@example.org\r\nTo: " + user + "\r\nSubject: " + subject
                + "\r\n\r\nSent through the installed imap4j artifacts.\r\n";
        try (ImapClient imap = ImapClient.builder(host).port(port).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true)   // loopback test server only
                .connect()) {
            imap.login(user, password);
            SelectResult inbox = imap.select("INBOX");
            out.println("selected INBOX: " + inbox.exists() + " messages");
            AppendResult appended = imap.append(MailboxName.INBOX,
                    Bytes.of(message.getBytes(StandardCharsets.UTF_8)), Flag.SEEN);
            out.println("appended: " + appended.uids());
            SearchResult found = imap.search(SearchKey.subject(subject));
            out.println("search: UIDs " + found.ids());
            for (FetchResult m : imap.fetch(found.toSet(), FetchAttribute.Item.ENVELOPE,
                    new FetchAttribute.BodySection(Section.whole(), true, null)).values()) {
                String subjectBack = m.envelope().map(e -> e.subject()).orElse("?");
                String body = m.message().map(Bytes::utf8).orElse("");
                out.println("fetched UID " + m.uid().getAsLong() + ": " + subjectBack + " / "
                        + body.substring(body.indexOf("\r\n\r\n") + 4).strip());
            }
            imap.logout();
        }
    }
}
