package org.imap4j.benchmarks.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Java floor of the end-to-end env job: a raw {@link Socket} that writes the four commands (LOGIN, SELECT, the
 * env FETCH, LOGOUT) and reads the answers by scanning for CRLF and skipping {@code {n}} literals until each tagged
 * line; nothing is parsed. It counts the untagged {@code * n FETCH} responses (by their first bytes only) so that its
 * message count can be checked like the others'.
 *
 * <p>With a sixth argument N it is the floor of the body job instead ({@link BodyRunner}): the FETCH is
 * {@code UID FETCH 1:N (BODY.PEEK[])}, and every literal byte it skips is added to a sum ({@link ChildReport#sum}),
 * its reported checksum, so that it touches each body byte like the clients it is compared with; nothing is kept.
 *
 * <pre>
 * java -cp ... org.imap4j.benchmarks.e2e.FloorClient HOST PORT USER PASSWORD MAILBOX [N]
 * </pre>
 */
public final class FloorClient {
    private final InputStream in;
    private byte[] buf = new byte[64 * 1024];
    private int start;
    private int end;
    private long bytes;
    private final boolean sumLiterals;
    private long literalSum;

    private FloorClient(InputStream in, boolean sumLiterals) {
        this.in = in;
        this.sumLiterals = sumLiterals;
    }

    /**
     * @param args HOST PORT USER PASSWORD MAILBOX [N]
     * @throws IOException on I/O failure or a command that does not end in OK
     */
    public static void main(String[] args) throws IOException {
        long mainStart = System.nanoTime();
        boolean body = args.length == 6;
        ChildReport.checkArgs("FloorClient", body ? Arrays.copyOf(args, 5) : args);
        int fetches;
        long read;
        try (Socket s = new Socket(args[0], Integer.parseInt(args[1]))) {
            s.setSoTimeout(120_000);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            FloorClient f = new FloorClient(s.getInputStream(), body);
            f.untilTagged(null);
            send(out, "a LOGIN " + args[2] + " \"" + args[3] + "\"");
            f.untilTagged("a");
            send(out, "b SELECT " + args[4]);
            f.untilTagged("b");
            send(out, body ? "c UID FETCH 1:" + Integer.parseInt(args[5]) + " (BODY.PEEK[])"
                    : "c UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)");
            fetches = f.untilTagged("c");
            read = body ? f.literalSum : f.bytes;
            send(out, "d LOGOUT");
            f.untilTagged("d");
        }
        ChildReport.printAndExit(fetches, read, mainStart);
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Reads responses until the one tagged {@code tag} (the greeting for null), which must be OK.
     *
     * @return how many untagged FETCH responses went by
     */
    private int untilTagged(String tag) throws IOException {
        byte[] t = tag == null ? new byte[] {'*', ' '} : (tag + " ").getBytes(StandardCharsets.US_ASCII);
        int fetches = 0;
        boolean responseStart = true;
        while (true) {
            int nl = nextLine();
            int lineStart = start;
            start = nl + 1;
            if (responseStart) {
                if (startsWith(lineStart, nl, t)) {
                    if (!startsWith(lineStart + t.length, nl, OK)) {
                        throw new IOException("server said: "
                                + new String(buf, lineStart, nl - lineStart, StandardCharsets.ISO_8859_1).trim());
                    }
                    return fetches;
                }
                if (isFetch(lineStart, nl)) {
                    fetches++;
                }
            }
            long literal = literalAtEnd(lineStart, nl);
            responseStart = literal < 0;
            if (literal > 0) {
                skip(literal);
            }
        }
    }

    private static final byte[] OK = {'O', 'K'};
    private static final byte[] FETCH = {' ', 'F', 'E', 'T', 'C', 'H', ' '};

    private boolean startsWith(int from, int limit, byte[] prefix) {
        if (limit - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code * digits FETCH }, looking only at the start of the line. */
    private boolean isFetch(int from, int limit) {
        if (limit - from < 4 || buf[from] != '*' || buf[from + 1] != ' ') {
            return false;
        }
        int i = from + 2;
        while (i < limit && buf[i] >= '0' && buf[i] <= '9') {
            i++;
        }
        return i > from + 2 && startsWith(i, limit, FETCH);
    }

    /** @return n when the line (LF at {@code nl}) ends with {@code {n}CRLF} or {@code {n+}CRLF}, else -1 */
    private long literalAtEnd(int from, int nl) {
        int i = nl - 2;
        if (i <= from || buf[nl - 1] != '\r' || buf[i] != '}') {
            return -1;
        }
        i--;
        if (buf[i] == '+') {
            i--;
        }
        long n = 0;
        long mul = 1;
        int digits = 0;
        while (i >= from && buf[i] >= '0' && buf[i] <= '9') {
            n += (buf[i] - '0') * mul;
            mul *= 10;
            digits++;
            i--;
        }
        return digits > 0 && i >= from && buf[i] == '{' ? n : -1;
    }

    /** @return the index of the next LF at or after {@code start}, reading (and compacting or growing) as needed */
    private int nextLine() throws IOException {
        int scan = start;
        while (true) {
            for (int i = scan; i < end; i++) {
                if (buf[i] == '\n') {
                    return i;
                }
            }
            int kept = end - start;
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, kept);
                start = 0;
                end = kept;
            } else if (end == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            scan = end;
            fill();
        }
    }

    private void fill() throws IOException {
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            throw new IOException("connection closed");
        }
        end += n;
        bytes += n;
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (true) {
            int have = end - start;
            if (have >= left) {
                if (sumLiterals) {
                    literalSum = ChildReport.sum(literalSum, buf, start, (int) left);
                }
                start += (int) left;
                return;
            }
            if (sumLiterals) {
                literalSum = ChildReport.sum(literalSum, buf, start, have);
            }
            left -= have;
            start = 0;
            end = 0;
            fill();
        }
    }
}
