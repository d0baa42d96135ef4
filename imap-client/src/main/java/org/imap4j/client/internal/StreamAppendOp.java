package org.imap4j.client.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.imap4j.client.AppendResult;
import org.imap4j.client.ProgressListener;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.Tagged;

/**
 * APPEND of one message read from a stream of known size, without holding it: the command announces the size and
 * leaves the payload to the caller ({@link Command.AppendMessage#supplied}); the session reads the stream in chunks
 * when the literal is due (after the server's {@code +}, or at once with LITERAL+, or LITERAL- up to 4096 bytes) and
 * writes them as they come, renewing the read deadline on each. A stream that ends early, holds more, or fails makes
 * the session fail the command with {@link org.imap4j.session.LiteralSourceException} and close the connection, as
 * a literal of the announced size can no longer be completed.
 */
public final class StreamAppendOp extends Op<AppendResult> {
    private final Op<AppendResult> plain;
    private final InputStream in;
    private final long size;
    private final ProgressListener progress;

    /**
     * @param s            the session
     * @param mailbox      the destination
     * @param in           the message (left open)
     * @param size         its exact size
     * @param internalDate its internal date, or {@code null}
     * @param progress     bytes sent so far / size, or {@code null}
     * @param flags        its flags
     */
    public StreamAppendOp(Session s, MailboxName mailbox, InputStream in, long size, OffsetDateTime internalDate,
            ProgressListener progress, Flag... flags) {
        this(s, new Command.Append(mailbox, List.of(Command.AppendMessage.supplied(List.of(flags), internalDate,
                size, false))), in, size, progress);
    }

    private StreamAppendOp(Session s, Command.Append command, InputStream in, long size, ProgressListener progress) {
        super(s, command);
        this.plain = Ops.append(s, command);
        this.in = Objects.requireNonNull(in, "in");
        this.size = size;
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    @Override
    public InputStream literalSource(int index) {
        if (index != 0) {
            throw new IllegalStateException("one message, one stream; asked for stream " + index);
        }
        return new FilterInputStream(in) {
            private long sent;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    sent += n;
                    progress.progress(sent, size);
                }
                return n;
            }

            @Override
            public void close() {
                // the caller's stream: it closes it
            }
        };
    }

    @Override
    protected AppendResult result(Tagged ok) {
        return plain.result(ok);
    }
}
