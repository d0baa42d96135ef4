package org.imap4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imap4j.client.FetchResult;
import org.imap4j.client.ImapClient;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.session.TlsMode;

/**
 * The LF-only mbox of {@link CliGreenMailIT#FOREIGN_MBOX} plus a message without a Message-ID, imported into a real
 * server (Dovecot, Cyrus: both refuse bare LF), checked for dates and flags, then imported again without duplicates.
 */
final class ForeignImport {
    private ForeignImport() {
    }

    static void importTwice(String host, int port, String user, String password, Path dir) throws IOException {
        Path mbox = dir.resolve("foreign.mbox");
        Files.writeString(mbox, CliGreenMailIT.FOREIGN_MBOX
                + "\nFrom dan@example.org Mon Nov 18 10:00:00 2024\nFrom: dan@example.org\nSubject: no id\n"
                + "Status: R\n\nno message-id here\n");
        String url = "imap://" + user + "@" + host + ":" + port + "/Foreign";
        List<String> want = List.of("first 2024-11-14T06:28 [\\Answered, \\Flagged, \\Seen]",
                "third 2024-11-17T09:15 []", "no id 2024-11-18T10:00 [\\Seen]");
        CliProcess.Result im = CliProcess.run(password, "import", url, mbox.toString(), "--insecure-plaintext");
        assertEquals(6, im.code(), im.toString());
        assertTrue(im.out().contains("imported 3 messages") && im.out().contains("2 skipped"), im.toString());
        assertTrue(im.err().contains("skipped message 2 (byte 214): empty message"), im.toString());
        assertEquals(want, datesAndFlags(host, port, user, password));
        CliProcess.Result again = CliProcess.run(password, "import", url, mbox.toString(), "--insecure-plaintext");
        assertEquals(6, again.code(), again.toString());
        assertTrue(again.out().contains("imported 0 messages") && again.out().contains("3 already there"),
                again.toString());
        assertEquals(want, datesAndFlags(host, port, user, password), "a re-run does not duplicate");
    }

    static List<String> datesAndFlags(String host, int port, String user, String password) {
        return datesAndFlags(host, port, user, password, "Foreign");
    }

    static List<String> datesAndFlags(String host, int port, String user, String password, String mailbox) {
        try (ImapClient c = ImapClient.builder(host).port(port).tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true)
                .connect()) {
            c.login(user, password);
            List<String> out = datesAndFlags(c, mailbox);
            c.logout();
            return out;
        }
    }

    /** @return per UID of {@code mailbox} (examined): subject, INTERNALDATE (UTC) and flags but {@code \Recent} */
    static List<String> datesAndFlags(ImapClient c, String mailbox) {
        c.examine(MailboxName.of(mailbox));
        Map<Long, FetchResult> r = new TreeMap<>(c.fetch(SequenceSet.all(), FetchAttribute.Item.ENVELOPE,
                FetchAttribute.Item.INTERNALDATE, FetchAttribute.Item.FLAGS));
        List<String> out = new ArrayList<>();
        for (FetchResult m : r.values()) {
            List<String> flags = new ArrayList<>();
            m.flags().get().stream().map(Flag::value).filter(f -> !f.equals("\\Recent")).sorted()
                    .forEach(flags::add);
            out.add(m.envelope().get().subject() + " " + m.internalDate().get().withOffsetSameInstant(
                    ZoneOffset.UTC).toLocalDateTime() + " " + flags);
        }
        return out;
    }
}
