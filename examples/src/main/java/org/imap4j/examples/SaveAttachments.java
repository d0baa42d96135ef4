package org.imap4j.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imap4j.client.BodyPart;
import org.imap4j.client.FetchResult;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.BodyStructure;

/**
 * Streaming attachments to files: fetch a message's BODYSTRUCTURE (a few hundred bytes, however large the message),
 * find its attachment parts with {@link BodyPart#attachments}, and stream each one with
 * {@link ImapClient#fetchPart} straight into a file. The base64 (or quoted-printable) transfer encoding is undone on
 * the way, and the attachment is never held in memory as a whole: a 2 GB file needs no 2 GB {@code byte[]}.
 *
 * <p>Run it against your server: it saves the attachments of the message with the given UID in INBOX into a
 * directory.
 *
 * <pre>
 * IMAP_PASSWORD=... java -cp "$CP" org.imap4j.examples.SaveAttachments imap.example.org alice 4711 attachments
 * </pre>
 *
 * <p>with {@code CP} the class path that {@code examples/README.md} says how to build (one {@code mvn}
 * command after {@code mvn install}); or run the class from an IDE that has the project open.
 *
 * <p>{@code SaveAttachmentsTest} runs it against an embedded GreenMail with a 6 MB attachment.
 */
public final class SaveAttachments {
    private SaveAttachments() {
    }

    /**
     * @param args host, user, UID of the message in INBOX, target directory; the password is read from the
     *             {@code IMAP_PASSWORD} environment variable
     */
    public static void main(String[] args) {
        if (args.length != 4 || System.getenv("IMAP_PASSWORD") == null) {
            System.err.println("usage: IMAP_PASSWORD=... SaveAttachments HOST USER UID DIRECTORY");
            System.exit(2);
        }
        run(ImapClient.builder(args[0]), args[1], Secret.of(System.getenv("IMAP_PASSWORD")),
                Long.parseLong(args[2]), Path.of(args[3]), System.out);
    }

    /**
     * Saves every attachment of one message into {@code directory}.
     *
     * @param server    where to connect
     * @param user      the user
     * @param password  the password
     * @param uid       the message's UID in INBOX
     * @param directory where the files go (created if missing)
     * @param out       where to print what was saved
     * @return the files written, in the message's order
     */
    public static List<Path> run(ImapClientConfig.Builder server, String user, Secret password, long uid,
            Path directory, PrintStream out) {
        List<Path> saved = new ArrayList<>();
        try (ImapClient client = server.connect()) {
            client.login(user, password);
            // EXAMINE: read-only, and fetchPart uses BODY.PEEK anyway, so the message stays unseen
            client.examine(MailboxName.INBOX);
            FetchResult m = client.fetchBodyStructure(SequenceSet.of(uid)).get(uid);
            if (m == null) {
                throw new IllegalArgumentException("no message with UID " + uid + " in INBOX");
            }
            BodyStructure structure = m.bodyStructure().orElseThrow();
            Files.createDirectories(directory);
            int n = 0;
            for (BodyPart part : BodyPart.attachments(structure)) {
                n++;
                Path file = directory.resolve(safeFileName(part.fileName().orElse(""), n));
                try (OutputStream to = Files.newOutputStream(file)) {
                    client.fetchPart(uid, part, to);   // streamed and decoded; nothing held whole
                }
                out.printf("%s  %s  %d bytes (%d as sent, %s)%n", file.getFileName(), part.mimeType(),
                        Files.size(file), part.encodedSize(), part.encoding());
                saved.add(file);
            }
            client.logout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return saved;
    }

    /**
     * A file name is a string from the message's sender: never let it choose the directory ({@code ../../.bashrc})
     * or a device name. Keeps letters, digits, dot, dash and underscore of the last path segment.
     */
    static String safeFileName(String name, int index) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < base.length() && b.length() < 100; i++) {
            char c = base.charAt(i);
            b.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_');
        }
        String s = b.toString().replaceAll("^\\.+", "");
        return s.isEmpty() ? "attachment-" + index : index + "-" + s;
    }
}
