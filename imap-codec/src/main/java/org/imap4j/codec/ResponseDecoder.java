package org.imap4j.codec;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;
import org.imap4j.codec.internal.frame.Framer;
import org.imap4j.codec.internal.parse.ImapReader;
import org.imap4j.codec.internal.parse.ResponseParser;
import org.imap4j.codec.response.Response;

/**
 * An incremental decoder of server responses for callers who bring their own I/O and state (a proxy, a Netty
 * pipeline, a test tool): feed bytes split anywhere, take typed {@link Response}s. It buffers literals whole; use
 * {@link ImapEngine} to stream large literals.
 *
 * <pre>{@code
 * ResponseDecoder d = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
 * d.feed(ByteBuffer.wrap(bytes));
 * for (Response r; (r = d.next()) != null; ) { handle(r); }
 * }</pre>
 *
 * <p>A response that breaks the grammar makes {@link #next()} throw an {@link ImapProtocolException}; the decoder
 * skips that response and stays usable. A framing error (a limit, a bare LF) is final.
 */
public final class ResponseDecoder {
    private final CodecLimits limits;
    private final Set<Quirk> quirks;
    private final Framer framer;
    private boolean utf8Mailboxes;
    private boolean failed;

    /**
     * @param limits the limits (streaming of literals is switched off here)
     * @param quirks the tolerated quirks
     */
    public ResponseDecoder(CodecLimits limits, Set<Quirk> quirks) {
        this.limits = Objects.requireNonNull(limits, "limits").withLiteralStreamThreshold(Long.MAX_VALUE);
        this.quirks = Set.copyOf(quirks);
        this.framer = new Framer(this.limits, quirks.contains(Quirk.CRLF_RELAXED));
    }

    /** @param on whether mailbox names are UTF-8 (after {@code ENABLE UTF8=ACCEPT}) rather than modified UTF-7 */
    public void setUtf8Mailboxes(boolean on) {
        this.utf8Mailboxes = on;
    }

    /** @return whether a framing error or limit ended decoding for good */
    public boolean isFailed() {
        return failed;
    }

    /** @param bytes received bytes (all remaining bytes are consumed) */
    public void feed(ByteBuffer bytes) {
        framer.feed(bytes);
    }

    /** @param bytes received bytes @param off first byte @param len count */
    public void feed(byte[] bytes, int off, int len) {
        framer.feed(bytes, off, len);
    }

    /**
     * @return the next complete response, or {@code null} if more bytes are needed
     * @throws ImapProtocolException if the response breaks the grammar or a limit
     */
    public Response next() {
        Framer.Result res;
        try {
            res = framer.next();
        } catch (ImapProtocolException e) {
            failed = true;
            throw e;
        }
        if (res != Framer.Result.FRAME) {
            return null;
        }
        ImapReader r = new ImapReader(framer.buffer(), framer.start(), framer.end(), framer.streamedOffsets(),
                limits, quirks);
        return ResponseParser.parse(r, utf8Mailboxes);
    }
}
