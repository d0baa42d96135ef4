package org.imap4j.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.imap4j.client.BodySink;
import org.imap4j.mime.internal.Parser;
import org.imap4j.mime.internal.Pipe;

/**
 * A {@link BodySink} that parses each fetched message while its bytes arrive: the body goes from the connection's
 * receive buffer through a small bounded pipe (64 KiB) into mime4j on a parser thread, so no message is ever held
 * whole, and attachments above {@link MimeOptions#spoolThreshold()} go straight to disk.
 *
 * <pre>{@code
 * MimeSink sink = new MimeSink(MimeOptions.defaults());
 * client.fetchMessages(SequenceSet.of(uids), sink);
 * for (MimeMessage m : sink.messages().values()) {
 *     try (m) {
 *         System.out.println(m.subject());
 *     }
 * }
 * }</pre>
 *
 * <p>One daemon thread per message parses it and ends with it; the thread that reads the connection blocks only
 * while the pipe is full (back-pressure). A message that cannot be parsed makes the stream's {@code close()} throw,
 * so the fetch fails with {@link java.io.UncheckedIOException} after reading the command to its end, as
 * {@link BodySink} describes. Not for concurrent fetches: use one sink per command.
 */
public final class MimeSink implements BodySink {
    private static final int PIPE_BYTES = 64 << 10;

    private final MimeOptions options;
    private final Map<Long, MimeMessage> messages = new LinkedHashMap<>();

    /** @param options how to parse */
    public MimeSink(MimeOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    @Override
    public OutputStream open(long uid, long seq, long size) {
        Pipe pipe = new Pipe(PIPE_BYTES);
        FutureTask<MimeMessage> parse = new FutureTask<>(() -> {
            try (InputStream in = pipe.source()) {
                return Parser.parse(in, options);
            }
        });
        Thread t = new Thread(parse, "imap4j-mime-parser-" + (uid >= 0 ? uid : seq));
        t.setDaemon(true);
        t.start();
        OutputStream writer = pipe.sink();
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                writer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writer.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                writer.close();
                try {
                    MimeMessage m = parse.get();
                    synchronized (messages) {
                        messages.put(uid >= 0 ? uid : seq, m);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while parsing message " + uid);
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof IOException) {
                        throw new IOException("message " + (uid >= 0 ? "UID " + uid : "#" + seq)
                                + " could not be parsed: " + c.getMessage(), c);
                    }
                    if (c instanceof RuntimeException) {
                        throw (RuntimeException) c;
                    }
                    throw new IOException(c);
                }
            }
        };
    }

    /**
     * @return UID (or sequence number when the server sent no UID) → parsed message, in the server's order; each
     *         message owns its spooled files until closed
     */
    public Map<Long, MimeMessage> messages() {
        synchronized (messages) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(messages));
        }
    }
}
