package org.imap4j.codec;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;
import org.imap4j.codec.internal.frame.Framer;
import org.imap4j.codec.internal.parse.ImapReader;
import org.imap4j.codec.internal.parse.ParserMemo;
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
 * // at end of input:
 * d.finish();                                        // throws if the last response was cut off
 * for (Response r; (r = d.next()) != null; ) { handle(r); }
 * }</pre>
 *
 * <p>A response that breaks the grammar makes {@link #next()} throw an {@link ImapProtocolException}; the decoder
 * skips that response and stays usable. A framing error (a limit, a bare LF) is final. When the input ends, call
 * {@link #finish()}: a final response cut off by the end of input is then an {@link ImapProtocolException} too,
 * never silently dropped.
 */
public final class ResponseDecoder {
    private final CodecLimits limits;
    private final Set<Quirk> quirks;
    private final Framer framer;
    /** Values this decoder's parser built recently; its own, shared with no other decoder. */
    private final ParserMemo memo = new ParserMemo();
    /** The one reader of this decoder's frames, reset for each (created with the first frame). */
    private ImapReader reader;
    private boolean utf8Mailboxes;
    private boolean failed;
    private boolean ended;
    private Response pending;
    private ImapProtocolException pendingError;

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

    /** @param bytes received bytes (all remaining bytes are consumed; ignored after {@link #finish()}) */
    public void feed(ByteBuffer bytes) {
        if (ended) {
            bytes.position(bytes.limit());
            return;
        }
        framer.feed(bytes);
    }

    /**
     * @param bytes received bytes (ignored after {@link #finish()})
     * @param off   first byte
     * @param len   count
     */
    public void feed(byte[] bytes, int off, int len) {
        if (ended) {
            return;
        }
        framer.feed(bytes, off, len);
    }

    /**
     * @return the next complete response, or {@code null} if more bytes are needed (after {@link #finish()}: if no
     *     response is left)
     * @throws ImapProtocolException if the response breaks the grammar or a limit, or (after {@link #finish()}) if
     *     the input ended inside a response
     */
    public Response next() {
        if (pending != null || pendingError != null) {
            Response p = pending;
            ImapProtocolException e = pendingError;
            pending = null;
            pendingError = null;
            if (e != null) {
                throw e;
            }
            return p;
        }
        Framer.Result res;
        try {
            res = framer.next();
        } catch (ImapProtocolException e) {
            failed = true;
            throw e;
        }
        if (res != Framer.Result.FRAME) {
            if (ended) {
                checkNothingLeft();
            }
            return null;
        }
        ImapReader r = reader;
        if (r == null) {
            r = new ImapReader(framer.buffer(), framer.start(), framer.end(), framer.streamedOffsets(), limits, quirks,
                    memo);
            reader = r;
        } else {
            r.reset(framer.buffer(), framer.start(), framer.end(), framer.streamedOffsets());
        }
        try {
            return ResponseParser.parse(r, utf8Mailboxes);
        } finally {
            r.detach();
        }
    }

    /**
     * Declares the end of input (the peer closed the connection). The complete responses still buffered stay
     * available from {@link #next()}; a response cut off by the end of input is reported as an
     * {@link ImapProtocolException}: at once when no complete response is left before it, otherwise by the
     * {@link #next()} call that reaches it. Bytes fed after this are ignored.
     *
     * @throws ImapProtocolException if the input ended inside a response and no complete response precedes it
     */
    public void finish() {
        if (ended) {
            return;
        }
        ended = true;
        if (failed || pending != null || pendingError != null) {
            return;
        }
        try {
            pending = next();
        } catch (ImapProtocolException e) {
            if (failed) {
                throw e;
            }
            pendingError = e;
        }
    }

    /** @return whether {@link #finish()} was called */
    public boolean isFinished() {
        return ended;
    }

    private void checkNothingLeft() {
        int left = framer.partialBytes();
        if (left > 0) {
            failed = true;
            throw new ImapProtocolException("input ended inside a response (" + left
                    + " bytes of an incomplete response; the response was truncated)", -1, "", null);
        }
    }
}
