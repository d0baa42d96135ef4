package org.imap4j.benchmarks.corpus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.imap4j.client.ImapClient;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.session.TlsMode;

/**
 * APPENDs generated messages ({@link MailGenerator}) into a mailbox with the imap4j client, each with its generated
 * internal date and flags, so that a server's mailbox holds the corpus.
 *
 * <pre>
 * java -cp ... org.imap4j.benchmarks.corpus.Loader HOST PORT USER PASSWORD MAILBOX COUNT [SEED]
 * </pre>
 * The connection is plain text (the private Dovecot allows LOGIN there); use it only on loopback.
 */
public final class Loader {
    private Loader() {
    }

    /**
     * Appends {@code count} messages, indexes 0 .. count-1 of the generator with {@code seed}.
     *
     * @param client  a logged-in client
     * @param mailbox the target mailbox; created first if {@code create}
     * @param create  whether to CREATE the mailbox
     * @param count   how many messages
     * @param seed    the generator's seed
     * @return the total size of the appended messages, in bytes
     */
    public static long load(ImapClient client, MailboxName mailbox, boolean create, int count, long seed) {
        return load(client, mailbox, create, count, seed, 1.0);
    }

    /**
     * Appends {@code count} messages from {@code new MailGenerator(seed, sizeScale)}.
     *
     * @param client    a logged-in client
     * @param mailbox   the target mailbox; created first if {@code create}
     * @param create    whether to CREATE the mailbox
     * @param count     how many messages
     * @param seed      the generator's seed
     * @param sizeScale the generator's size factor (1 for the env corpus)
     * @return the total size of the appended messages, in bytes
     */
    public static long load(ImapClient client, MailboxName mailbox, boolean create, int count, long seed,
            double sizeScale) {
        if (create) {
            client.create(mailbox);
        }
        MailGenerator g = new MailGenerator(seed, sizeScale);
        long total = 0;
        for (int i = 0; i < count; i++) {
            MailGenerator.Mail m = g.message(i);
            List<Flag> flags = new ArrayList<>();
            for (String f : m.flags()) {
                flags.add(Flag.of(f));
            }
            client.append(mailbox, Bytes.of(m.bytes()), m.internalDate(), flags.toArray(new Flag[0]));
            total += m.bytes().length;
        }
        return total;
    }

    /**
     * Connects in plain text, logs in and loads.
     *
     * @param args HOST PORT USER PASSWORD MAILBOX COUNT [SEED]
     */
    public static void main(String[] args) {
        if (args.length < 6) {
            System.err.println("usage: Loader HOST PORT USER PASSWORD MAILBOX COUNT [SEED]");
            System.exit(2);
        }
        long seed = args.length > 6 ? Long.parseLong(args[6]) : 42;
        try (ImapClient c = connect(args[0], Integer.parseInt(args[1]))) {
            c.login(args[2], args[3]);
            MailboxName box = MailboxName.of(args[4]);
            long bytes = load(c, box, !box.isInbox(), Integer.parseInt(args[5]), seed);
            System.out.println("appended " + args[5] + " messages, " + bytes + " bytes, into " + args[4]);
            c.logout();
        }
    }

    static ImapClient connect(String host, int port) {
        return ImapClient.builder(host).port(port).tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true)
                .readTimeout(Duration.ofSeconds(60)).connect();
    }
}
