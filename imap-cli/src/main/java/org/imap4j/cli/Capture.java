package org.imap4j.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.imap4j.client.FetchStream;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ProgressListener;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;
import org.imap4j.session.TraceListener;

/**
 * {@code imap4j capture}: records a server's FETCH response stream, byte for byte as the server sent it, into a file
 * that the parser benchmark reads ({@code -p corpus=file:FILE}). The bytes come from the connection's
 * {@link TraceListener#received} tap while the FETCH runs; afterwards only the untagged responses are kept (the
 * tagged completion, and anything before the first {@code *}, are dropped), so the file is a plain stream of
 * {@code * n FETCH (...)} responses. The client's own bytes are never recorded, so no credential can reach the file.
 * With {@code --redact}, every letter inside a literal becomes {@code x} and every digit {@code 0} (sizes, line
 * breaks and the grammar stay as they were, so the file parses the same), for sharing a capture without its mail;
 * quoted strings (envelope names, subjects, dates) are kept, as a date or a number in them must stay parseable.
 */
final class Capture implements TraceListener {
    private final PrintStream out;
    private volatile OutputStream raw;
    private long rawBytes;

    Capture(PrintStream out) {
        this.out = out;
    }

    @Override
    public void trace(Direction direction, String text) {
        // the escaped trace is not wanted; received() has the bytes
    }

    @Override
    public void received(ByteBuffer bytes) {
        OutputStream o = raw;
        if (o == null) {
            return;
        }
        try {
            if (bytes.hasArray()) {
                o.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            } else {
                byte[] b = new byte[bytes.remaining()];
                bytes.duplicate().get(b);
                o.write(b);
            }
            rawBytes += bytes.remaining();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Examines the mailbox, runs the FETCH with the tap open, and writes the untagged responses to {@code dest}.
     *
     * @param c       a logged-in client whose trace is this capture
     * @param mailbox the mailbox
     * @param set     the UIDs
     * @param bodies  whether to fetch whole messages ({@code BODY.PEEK[]}) instead of the envelope items
     * @param redact  whether literal contents are masked
     * @param dest    the file
     * @param json    whether to report as JSON
     */
    void run(ImapClient c, String mailbox, SequenceSet set, boolean bodies, boolean redact, Path dest, boolean json) {
        c.examine(MailboxName.of(mailbox));
        FetchAttribute[] items = bodies
                ? new FetchAttribute[] {FetchAttribute.Item.UID, new FetchAttribute.BodySection(Section.whole(), true,
                        null)}
                : new FetchAttribute[] {FetchAttribute.Item.UID, FetchAttribute.Item.FLAGS,
                    FetchAttribute.Item.INTERNALDATE, FetchAttribute.Item.RFC822_SIZE, FetchAttribute.Item.ENVELOPE,
                    FetchAttribute.Item.BODYSTRUCTURE};
        Path tmp = null;
        long[] counts;
        try {
            Path parent = dest.toAbsolutePath().getParent();
            tmp = Files.createTempFile(parent, ".capture", ".raw");
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                raw = o;
                try (FetchStream s = c.fetchStream(set, ProgressListener.NONE, items)) {
                    for (FetchStream.Part p : s) {
                        if (p instanceof FetchStream.Body b) {
                            b.content().transferTo(OutputStream.nullOutputStream());
                        }
                    }
                } finally {
                    raw = null;
                }
            }
            Path part = Files.createTempFile(parent, ".capture", ".imap");
            try (InputStream in = new BufferedInputStream(Files.newInputStream(tmp), 1 << 16);
                    OutputStream o = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
                counts = untagged(in, o, redact);
            }
            Files.move(part, dest, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CliFailure(1, "could not write the capture to " + Text.safe(dest.toString()) + ": "
                    + Text.safe(String.valueOf(e.getMessage())));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file left behind is not worth failing the capture for
                }
            }
        }
        if (json) {
            out.println(Json.write(Json.obj("command", "capture", "mailbox", mailbox, "file", dest.toString(),
                    "responses", counts[0], "fetchResponses", counts[1], "bytes", counts[2], "redacted", redact)));
        } else {
            out.println("captured " + counts[1] + " FETCH responses (" + counts[0] + " untagged, " + counts[2]
                    + " bytes" + (redact ? ", literals redacted" : "") + ") to " + Text.safe(dest.toString()));
            out.println("benchmark: java -jar benchmarks/target/benchmarks.jar ParserBenchmark -p corpus=file:"
                    + dest.toAbsolutePath());
        }
    }

    /**
     * Copies the untagged responses of a response stream ({@code * ...} lines with their literals), dropping tagged
     * and continuation lines.
     *
     * @return untagged responses, of which FETCH, bytes written
     */
    static long[] untagged(InputStream in, OutputStream o, boolean redact) throws IOException {
        long responses = 0;
        long fetches = 0;
        long written = 0;
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(256);
        boolean keep = false;
        boolean first = true;
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b != '\n') {
                continue;
            }
            byte[] l = line.toByteArray();
            line.reset();
            if (first) {
                keep = l.length > 1 && l[0] == '*' && l[1] == ' ';
                if (keep) {
                    responses++;
                    if (isFetch(l)) {
                        fetches++;
                    }
                }
            }
            if (keep) {
                o.write(l);
                written += l.length;
            }
            long literal = literalSize(l);
            first = literal < 0;
            if (literal >= 0) {
                for (long i = 0; i < literal; i++) {
                    int x = in.read();
                    if (x == -1) {
                        throw new IOException("the stream ended inside a literal");
                    }
                    if (keep) {
                        o.write(redact ? mask(x) : x);
                    }
                }
                if (keep) {
                    written += literal;
                }
            }
        }
        return new long[] {responses, fetches, written};
    }

    private static int mask(int x) {
        if (x >= 'a' && x <= 'z' || x >= 'A' && x <= 'Z' || x >= 0x80) {
            return 'x';
        }
        return x >= '0' && x <= '9' ? '0' : x;
    }

    /** @return the size of the literal this line announces at its end ({@code {n}}, {@code {n+}}, {@code ~{n}}), or -1 */
    static long literalSize(byte[] l) {
        int end = l.length - 2;
        if (end < 2 || l[end] != '\r' || l[end - 1] != '}') {
            return -1;
        }
        int i = end - 2;
        if (l[i] == '+' || l[i] == '-') {
            i--;
        }
        long size = 0;
        long mul = 1;
        int digits = 0;
        while (i >= 0 && l[i] >= '0' && l[i] <= '9') {
            size += (l[i] - '0') * mul;
            mul *= 10;
            i--;
            digits++;
        }
        return digits > 0 && i >= 0 && l[i] == '{' ? size : -1;
    }

    /** @return whether the line starts {@code * n FETCH } */
    private static boolean isFetch(byte[] l) {
        int i = 2;
        while (i < l.length && l[i] >= '0' && l[i] <= '9') {
            i++;
        }
        byte[] word = {' ', 'F', 'E', 'T', 'C', 'H', ' '};
        if (i == 2 || i + word.length > l.length) {
            return false;
        }
        for (int k = 0; k < word.length; k++) {
            if ((l[i + k] & ~0x20) != (word[k] & ~0x20) && word[k] != ' ' || word[k] == ' ' && l[i + k] != ' ') {
                return false;
            }
        }
        return true;
    }
}
