package org.imap4j.benchmarks.e2e;

import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * The peer in the env job: Angus Mail 2.0.3 ({@code jakarta.mail} with its IMAP provider), plain text on loopback.
 * {@link IMAPStore#connect}, {@link IMAPFolder#open} READ_ONLY (so EXAMINE, not SELECT), all messages fetched with a
 * {@link FetchProfile} of ENVELOPE (which Angus sends as {@code ENVELOPE INTERNALDATE RFC822.SIZE}), FLAGS,
 * CONTENT_INFO (BODYSTRUCTURE), UID and SIZE, in one {@code FETCH 1:N}, then the same fields read from each message.
 * {@code getSubject()} is Angus's only public way to the envelope subject and it decodes RFC 2047 words, which the
 * imap4j clients do not do.
 *
 * <pre>
 * java -cp ... org.imap4j.benchmarks.e2e.AngusClient HOST PORT USER PASSWORD MAILBOX
 * </pre>
 */
public final class AngusClient {
    private AngusClient() {
    }

    /**
     * @param args HOST PORT USER PASSWORD MAILBOX
     * @throws MessagingException on failure
     */
    public static void main(String[] args) throws MessagingException {
        long mainStart = System.nanoTime();
        ChildReport.checkArgs("AngusClient", args);
        Properties p = new Properties();
        p.setProperty("mail.imap.host", args[0]);
        p.setProperty("mail.imap.port", args[1]);
        p.setProperty("mail.imap.timeout", "120000");
        p.setProperty("mail.imap.connectiontimeout", "30000");
        Session session = Session.getInstance(p);
        IMAPStore store = (IMAPStore) session.getStore("imap");
        store.connect(args[0], Integer.parseInt(args[1]), args[2], args[3]);
        IMAPFolder folder = (IMAPFolder) store.getFolder(args[4]);
        folder.open(Folder.READ_ONLY);
        Message[] msgs = folder.getMessages();
        FetchProfile fp = new FetchProfile();
        fp.add(FetchProfile.Item.ENVELOPE);
        fp.add(FetchProfile.Item.FLAGS);
        fp.add(FetchProfile.Item.CONTENT_INFO);
        fp.add(UIDFolder.FetchProfileItem.UID);
        fp.add(IMAPFolder.FetchProfileItem.SIZE);
        folder.fetch(msgs, fp);
        long acc = 1;
        int messages = 0;
        for (Message m : msgs) {
            long uid = folder.getUID(m);
            if (uid <= 0) {
                throw new IllegalStateException("no UID for message " + m.getMessageNumber());
            }
            acc = ChildReport.mix(acc, uid);
            Flags flags = m.getFlags();
            for (Flags.Flag f : flags.getSystemFlags()) {
                acc = ChildReport.mix(acc, f.hashCode());
            }
            for (String u : flags.getUserFlags()) {
                acc = ChildReport.mix(acc, u);
            }
            acc = ChildReport.mix(acc, m.getReceivedDate().getTime());
            acc = ChildReport.mix(acc, m.getSize());
            acc = ChildReport.mix(acc, m.getSubject());
            Address[] from = m.getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress) {
                acc = ChildReport.mix(acc, ((InternetAddress) from[0]).getAddress());
            }
            acc = ChildReport.mix(acc, m.getContentType());
            messages++;
        }
        folder.close(false);
        store.close();
        ChildReport.printAndExit(messages, acc, mainStart);
    }
}
