package org.imap4j.benchmarks.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records a server's raw answer to one FETCH: it talks IMAP over a plain {@link Socket}, not through imap4j, so the
 * saved bytes are exactly the server's. After LOGIN and SELECT it sends {@code A1 UID FETCH 1:* (ITEMS)} and saves
 * every byte after that command up to and including the tagged {@code A1} line.
 *
 * <pre>
 * java -cp ... org.imap4j.benchmarks.corpus.Recorder HOST PORT USER PASSWORD MAILBOX env|body OUT
 * </pre>
 * {@code env} fetches {@code (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)}; {@code body} fetches
 * {@code (UID BODY.PEEK[])}. Plain text, LOGIN with a quoted password: loopback use only.
 */
public final class Recorder {
    /** The items of the "env" stream. */
    public static final String ENV_ITEMS = "UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE";
    /** The items of the "body" stream. */
    public static final String BODY_ITEMS = "UID BODY.PEEK[]";

    private Recorder() {
    }

    /**
     * @param host     server host
     * @param port     plain IMAP port
     * @param user     user name (an atom)
     * @param password password (no quote or backslash)
     * @param mailbox  mailbox (an atom)
     * @param items    FETCH items, without parentheses
     * @return the raw response stream of {@code A1 UID FETCH 1:* (items)}, tagged line included
     * @throws IOException on I/O failure or when a command before the FETCH fails
     */
    public static byte[] record(String host, int port, String user, String password, String mailbox, String items)
            throws IOException {
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(120_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            Lines lines = new Lines(in);
            lines.untilTagged(null);
            send(out, "L1 LOGIN " + user + " \"" + password + "\"");
            lines.untilTagged("L1");
            send(out, "S1 SELECT " + mailbox);
            lines.untilTagged("S1");
            send(out, "A1 UID FETCH 1:* (" + items + ")");
            ByteArrayOutputStream capture = new ByteArrayOutputStream(1 << 20);
            lines.capture = capture;
            lines.untilTagged("A1");
            lines.capture = null;
            send(out, "Z1 LOGOUT");
            return capture.toByteArray();
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads whole responses (lines and the literals they announce), optionally copying every byte. */
    private static final class Lines {
        private final InputStream in;
        OutputStream capture;

        Lines(InputStream in) {
            this.in = in;
        }

        /** Reads responses until one tagged {@code tag} (or, for null, the greeting) and checks it is OK. */
        void untilTagged(String tag) throws IOException {
            while (true) {
                String first = response();
                if (tag == null || first.startsWith(tag + " ")) {
                    String status = tag == null ? first.substring(2) : first.substring(tag.length() + 1);
                    if (!status.startsWith("OK")) {
                        throw new IOException("server said: " + first);
                    }
                    return;
                }
            }
        }

        /** @return the first line of one response; literals and continuation lines are consumed */
        private String response() throws IOException {
            String first = null;
            while (true) {
                ByteArrayOutputStream line = new ByteArrayOutputStream(256);
                int prev = -1;
                for (int c; ; prev = c) {
                    c = in.read();
                    if (c < 0) {
                        throw new IOException("connection closed");
                    }
                    line.write(c);
                    if (c == '\n' && prev == '\r') {
                        break;
                    }
                }
                byte[] b = line.toByteArray();
                if (capture != null) {
                    capture.write(b);
                }
                if (first == null) {
                    first = new String(b, StandardCharsets.ISO_8859_1);
                }
                long literal = literalSize(b);
                if (literal < 0) {
                    return first;
                }
                byte[] payload = in.readNBytes((int) literal);
                if (payload.length != literal) {
                    throw new IOException("connection closed inside a literal");
                }
                if (capture != null) {
                    capture.write(payload);
                }
            }
        }

        /** @return n when the line ends with {@code {n}CRLF} or {@code {n+}CRLF} / {@code ~{n}CRLF}, else -1 */
        private static long literalSize(byte[] b) {
            int i = b.length - 3;
            if (i < 1 || b[i] != '}') {
                return -1;
            }
            i--;
            if (b[i] == '+') {
                i--;
            }
            long n = 0;
            long mul = 1;
            int digits = 0;
            while (i >= 0 && b[i] >= '0' && b[i] <= '9') {
                n += (b[i] - '0') * mul;
                mul *= 10;
                digits++;
                i--;
            }
            return digits > 0 && i >= 0 && b[i] == '{' ? n : -1;
        }
    }

    /**
     * @param args HOST PORT USER PASSWORD MAILBOX env|body OUT
     * @throws IOException on failure
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 7) {
            System.err.println("usage: Recorder HOST PORT USER PASSWORD MAILBOX env|body OUT");
            System.exit(2);
        }
        String items = args[5].equals("body") ? BODY_ITEMS : ENV_ITEMS;
        byte[] b = record(args[0], Integer.parseInt(args[1]), args[2], args[3], args[4], items);
        Files.write(Path.of(args[6]), b);
        System.out.println("recorded " + b.length + " bytes into " + args[6]);
    }
}
