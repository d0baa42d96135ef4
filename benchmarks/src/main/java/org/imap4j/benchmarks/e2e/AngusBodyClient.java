package org.imap4j.benchmarks.e2e;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.util.Arrays;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * The peer in the body job ({@link BodyRunner}): Angus Mail 2.0.3, plain text on loopback. {@link IMAPStore#connect},
 * {@link IMAPFolder#open} READ_ONLY, then {@link IMAPMessage#writeTo} of messages 1..N into a summing sink
 * ({@link ChildReport#sum}), as a user saving raw messages would. {@code mail.imap.peek=true} so that it asks for
 * {@code BODY.PEEK[]} like the others. Modes:
 * <ul>
 *   <li>{@code partial}: Angus's defaults ({@code mail.imap.partialfetch=true}, {@code mail.imap.fetchsize=16384}),
 *       so each message is read in 16 KiB {@code FETCH n (BODY.PEEK[]<offset.16384>)} round trips;</li>
 *   <li>{@code whole}: {@code mail.imap.partialfetch=false}, one {@code FETCH n (BODY.PEEK[])} per message, held in
 *       memory per message by Angus.</li>
 * </ul>
 * Angus has no call that fetches the bodies of a range in one command.
 *
 * <pre>
 * java -cp ... org.imap4j.benchmarks.e2e.AngusBodyClient HOST PORT USER PASSWORD MAILBOX N partial|whole
 * </pre>
 */
public final class AngusBodyClient {
    private AngusBodyClient() {
    }

    /**
     * @param args HOST PORT USER PASSWORD MAILBOX N partial|whole
     * @throws MessagingException on failure
     * @throws IOException on failure
     */
    public static void main(String[] args) throws MessagingException, IOException {
        long mainStart = System.nanoTime();
        if (args.length != 7) {
            System.err.println("usage: AngusBodyClient HOST PORT USER PASSWORD MAILBOX N partial|whole");
            System.exit(2);
        }
        ChildReport.checkArgs("AngusBodyClient", Arrays.copyOf(args, 5));
        int n = Integer.parseInt(args[5]);
        Properties p = new Properties();
        p.setProperty("mail.imap.host", args[0]);
        p.setProperty("mail.imap.port", args[1]);
        p.setProperty("mail.imap.timeout", "120000");
        p.setProperty("mail.imap.connectiontimeout", "30000");
        p.setProperty("mail.imap.peek", "true");
        p.setProperty("mail.imap.partialfetch", Boolean.toString("partial".equals(args[6])));
        Session session = Session.getInstance(p);
        IMAPStore store = (IMAPStore) session.getStore("imap");
        store.connect(args[0], Integer.parseInt(args[1]), args[2], args[3]);
        IMAPFolder folder = (IMAPFolder) store.getFolder(args[4]);
        folder.open(Folder.READ_ONLY);
        Message[] msgs = folder.getMessages(1, n);
        ChildReport.SumSink sink = new ChildReport.SumSink();
        int messages = 0;
        for (Message m : msgs) {
            m.writeTo(sink);
            messages++;
        }
        folder.close(false);
        store.close();
        ChildReport.printAndExit(messages, sink.sum, mainStart);
    }
}
