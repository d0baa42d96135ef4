package org.imap4j.benchmarks.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imap4j.client.ImapClient;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.testing.servers.DovecotServer;

/**
 * Builds the checked-in corpus end to end: starts a private Dovecot ({@link DovecotServer}, its own configuration in a
 * temporary directory; needs root and /usr/sbin/dovecot), APPENDs N generated messages into mailbox {@code Bench}
 * with {@link Loader}, and saves the raw env stream (and, if asked, the body stream) with {@link Recorder}.
 *
 * <pre>
 * java -cp ... org.imap4j.benchmarks.corpus.RecordCorpus COUNT SEED ENV_OUT [BODY_OUT]
 * </pre>
 */
public final class RecordCorpus {
    private RecordCorpus() {
    }

    /**
     * @param args COUNT SEED ENV_OUT [BODY_OUT]
     * @throws IOException on failure
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: RecordCorpus COUNT SEED ENV_OUT [BODY_OUT]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        try (DovecotServer d = DovecotServer.start()) {
            long bytes;
            try (ImapClient c = Loader.connect(d.host(), d.imapPort())) {
                c.login(DovecotServer.USER, DovecotServer.PASSWORD);
                bytes = Loader.load(c, MailboxName.of("Bench"), true, count, seed);
                c.logout();
            }
            System.out.println("appended " + count + " messages, " + bytes + " bytes");
            byte[] env = Recorder.record(d.host(), d.imapPort(), DovecotServer.USER, DovecotServer.PASSWORD, "Bench",
                    Recorder.ENV_ITEMS);
            Files.write(Path.of(args[2]), env);
            System.out.println("env stream: " + env.length + " bytes -> " + args[2]);
            if (args.length > 3) {
                byte[] body = Recorder.record(d.host(), d.imapPort(), DovecotServer.USER, DovecotServer.PASSWORD,
                        "Bench", Recorder.BODY_ITEMS);
                Files.write(Path.of(args[3]), body);
                System.out.println("body stream: " + body.length + " bytes -> " + args[3]);
            }
        }
    }
}
