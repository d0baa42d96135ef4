package org.imap4j.codec.internal.frame;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * The first decoding stage: finds complete responses (or commands) in a byte stream split anywhere, counting
 * {@code {n}} and {@code ~{n}} literals without looking inside them, and enforcing the size limits of
 * {@link CodecLimits} before anything is allocated for an announced size.
 *
 * <p>Bytes are copied once into an internal buffer ({@link #feed} or, without a copy, {@link #writableBuffer} and
 * {@link #commit}). {@link #next()} then reports one of the {@link Result}s; a {@link Result#FRAME} is the region
 * {@code [start(), end())} of {@link #buffer()}, the whole response including its literals' payloads and final CRLF,
 * valid until the next call to any method. The parser reads it in place, so a literal's payload is copied only
 * once more: into the value that owns it.
 *
 * <p>A literal larger than {@code literalStreamThreshold} is not buffered: the framer reports
 * {@link Result#LITERAL_START} (with the response's text so far as {@code [start(), end())}), then
 * {@link Result#LITERAL_CHUNK}s as bytes arrive, then {@link Result#LITERAL_END}, and later the frame whose text
 * omits that payload; {@link #isStreamed(int)} tells the parser where a payload was left out. A chunk's bytes are
 * given away: the framer never writes over them again (see {@link #detachChunk()}; {@link #chunkArray()}), so they
 * stay valid after later calls and reach their consumer without a copy (a chunk under 8 KiB is copied out exactly,
 * so a trickle of tiny chunks does not pin a buffer each).
 *
 * <p>After a limit or framing error the framer is failed for good: nothing after the bad bytes can be trusted.
 */
public final class Framer {
    /** What {@link #next()} found. */
    public enum Result {
        /** More bytes are needed. */
        NEED_INPUT,
        /** A complete response is at {@code [start(), end())}. */
        FRAME,
        /** A streamed literal begins; {@code [start(), end())} is the response's text so far. */
        LITERAL_START,
        /** Bytes of a streamed literal are at {@code [start(), end())}. */
        LITERAL_CHUNK,
        /** The streamed literal is complete. */
        LITERAL_END
    }

    private static final int INITIAL = 16 * 1024;
    /** The first size of a buffer made again after {@link #trim()}. */
    private static final int SMALL = 256;
    private static final int SHRINK_ABOVE = 4 * 1024 * 1024;
    private static final java.lang.invoke.VarHandle LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final byte[] EMPTY = new byte[0];
    private static final int[] NO_OFFSETS = new int[0];

    private final CodecLimits limits;
    private final boolean crlfRelaxed;

    private byte[] buf = new byte[INITIAL];
    private int frameStart;
    private int lineStart;
    private int scan;
    private int limit;

    private long literalRemaining;
    private long streamRemaining;
    private boolean streaming;
    private boolean literalBinary;
    private long literalSize;
    private boolean endPending;
    private boolean literalNonSync;
    private int consumeOnNext;
    private boolean frameReturned;

    private int[] streamed = new int[4];
    private int streamedCount;

    private int outStart;
    private int outEnd;
    /** The array of the current chunk: the receive buffer itself (given away) or a small chunk's own copy. */
    private byte[] chunkArray;
    /** Whether the current chunk is handed out in place, so the receive buffer is replaced when it is released. */
    private boolean detach;
    /** Chunks smaller than this are copied out exactly instead of giving the receive buffer away. */
    private static final int DETACH_MIN = 8 * 1024;
    /** The size of the largest input of late (sizes a buffer that replaces one given away with a chunk). */
    private int recentInput;
    private long streamOffset;
    private ImapProtocolException failure;

    /**
     * @param limits      the limits to enforce
     * @param crlfRelaxed whether a bare LF ends a line ({@code Quirk.CRLF_RELAXED})
     */
    public Framer(CodecLimits limits, boolean crlfRelaxed) {
        this.limits = limits;
        this.crlfRelaxed = crlfRelaxed;
    }

    /**
     * Copies all remaining bytes of {@code src} into the framer.
     *
     * @param src bytes received
     */
    public void feed(ByteBuffer src) {
        int n = src.remaining();
        if (failure != null || gateCut) {
            // A failed framer never reports anything again; keeping bytes would only grow memory.
            src.position(src.limit());
            return;
        }
        int take;
        if (src.hasArray()) {
            take = gate(src.array(), src.arrayOffset() + src.position(), n);
        } else {
            take = gateDirect(src, n);
        }
        ensureFree(take);
        src.get(buf, limit, take);
        limit += take;
        src.position(src.limit());
    }

    /** Runs the gate over a direct buffer in bounded pieces (no copy of more than the gate accepts). */
    private int gateDirect(ByteBuffer src, int n) {
        byte[] piece = new byte[(int) Math.min(n, 8192)];
        int done = 0;
        int pos = src.position();
        while (done < n) {
            int k = Math.min(piece.length, n - done);
            src.get(pos + done, piece, 0, k);
            int t = gate(piece, 0, k);
            done += t;
            if (t < k || gateCut) {
                break;
            }
        }
        return done;
    }

    /**
     * Copies bytes into the framer.
     *
     * @param src bytes received
     * @param off first byte
     * @param len number of bytes
     */
    public void feed(byte[] src, int off, int len) {
        if (failure != null || gateCut) {
            return;
        }
        int take = gate(src, off, len);
        ensureFree(take);
        System.arraycopy(src, off, buf, limit, take);
        limit += take;
    }

    // ---- the gate: limits checked on the bytes a caller hands in, before they are copied ----

    /** Bytes of the current line seen by the gate (literal payloads excluded). */
    private long gateLine;
    /** Buffered bytes of the current response seen by the gate (streamed payloads excluded). */
    private long gateResponse;
    /** Payload bytes of the current literal still to pass the gate. */
    private long gateLiteral;
    private boolean gateLiteralStreamed;
    /** The last bytes of the current line, enough to recognise a literal announcement ({@code ~{18 digits}+CR}). */
    private final byte[] gateTail = new byte[24];
    private int gateTailLen;
    /** The gate refused bytes: the framer fails when it reaches the cut, and later bytes are dropped. */
    private boolean gateCut;

    /**
     * Checks the line and response limits on {@code n} new bytes before they are copied, walking lines and literal
     * payloads exactly as {@link #next()} will. A single {@code feed} of a multi-megabyte line thus costs at most
     * {@code maxLineLength + 1} bytes of buffer, not the whole line: the gate accepts bytes only up to the point
     * where a limit is exceeded by one byte, so that {@link #next()} reports the same typed limit error there (after
     * any complete response before it), and drops the rest.
     *
     * @return how many of the bytes to accept
     */
    private int gate(byte[] b, int off, int n) {
        if (gateCut) {
            return 0;
        }
        int p = off;
        int e = off + n;
        while (p < e) {
            if (gateLiteral > 0) {
                int k = (int) Math.min(gateLiteral, e - p);
                p += k;
                gateLiteral -= k;
                if (!gateLiteralStreamed) {
                    gateResponse += k;
                }
                continue;
            }
            int lf = indexOfLf(b, p, e);
            int stop = lf < 0 ? e : lf;
            long room = Math.min(limits.maxLineLength() - gateLine, limits.maxResponseSize() - gateResponse);
            if (stop - p > room) {
                // beyond the limit: next() fails there with the limit's name
                return cut(p - off + Math.max(0, room) + 1, n);
            }
            tail(b, p, stop);
            gateLine += stop - p;
            gateResponse += stop - p;
            if (lf < 0) {
                return n;
            }
            p = lf + 1;
            gateResponse++;
            long lit = gateLiteralAnnounced();
            gateLine = 0;
            gateTailLen = 0;
            if (lit < 0) {
                gateResponse = 0;
            } else if (lit > limits.literalStreamThreshold()) {
                gateLiteral = lit;
                gateLiteralStreamed = true;
            } else if (lit > limits.maxLiteralSize() || gateResponse + lit > limits.maxResponseSize()) {
                // next() fails on this announcement; its payload is never needed
                return cut(p - off, n);
            } else {
                gateLiteral = lit;
                gateLiteralStreamed = false;
            }
        }
        return n;
    }

    /**
     * Refuses the bytes after {@code at} (plus {@link #GATE_SLACK}): next() fails before reaching them. The slack
     * keeps whole any transport read that carries, after a response, bytes that are not IMAP text (COMPRESS's
     * deflate stream after its tagged OK, taken by {@link #takeBuffered()}), while a multi-megabyte feed still costs
     * at most the limit plus the slack.
     */
    private int cut(long at, int n) {
        gateCut = true;
        return (int) Math.min(n, at + GATE_SLACK);
    }

    /** Bytes accepted past the point where a limit is exceeded (see {@link #cut}). */
    private static final int GATE_SLACK = 64 * 1024;

    private void tail(byte[] b, int from, int to) {
        int k = to - from;
        int cap = gateTail.length;
        if (k >= cap) {
            System.arraycopy(b, to - cap, gateTail, 0, cap);
            gateTailLen = cap;
            return;
        }
        if (gateTailLen + k > cap) {
            int drop = gateTailLen + k - cap;
            System.arraycopy(gateTail, drop, gateTail, 0, gateTailLen - drop);
            gateTailLen -= drop;
        }
        System.arraycopy(b, from, gateTail, gateTailLen, k);
        gateTailLen += k;
    }

    /** @return the size announced at the end of the line just ended ({@code {n}}, {@code ~{n}}, {@code {n+}}), or -1 */
    private long gateLiteralAnnounced() {
        int end = gateTailLen;
        if (end > 0 && gateTail[end - 1] == '\r') {
            end--;
        }
        if (end < 3 || gateTail[end - 1] != '}') {
            return -1;
        }
        int i = end - 2;
        if (gateTail[i] == '+' || gateTail[i] == '-') {
            i--;
        }
        int digitsEnd = i + 1;
        while (i >= 0 && Ascii.is(gateTail[i], Ascii.DIGIT)) {
            i--;
        }
        int digits = digitsEnd - (i + 1);
        if (i < 0 || gateTail[i] != '{' || digits == 0 || digits > 18) {
            return -1;
        }
        long v = 0;
        for (int k = i + 1; k < digitsEnd; k++) {
            v = v * 10 + (gateTail[k] - '0');
        }
        return v;
    }

    private void resetGate() {
        gateLine = 0;
        gateResponse = 0;
        gateLiteral = 0;
        gateTailLen = 0;
        gateCut = false;
    }

    /**
     * @return the number of bytes of a response that has begun but is not complete (0 at a response boundary): what
     *     the end of input would cut off
     */
    public int partialBytes() {
        release();
        int from = frameStart;
        int n = limit - from;
        if (n > 0 || literalRemaining > 0 || streaming) {
            return Math.max(n, 1);
        }
        return 0;
    }

    /**
     * A buffer to read bytes into directly (no copy); call {@link #commit} with the number of bytes written. Valid
     * until the next call to any other method.
     *
     * @param minFree the least free space wanted
     * @return a buffer positioned at the free space
     */
    public ByteBuffer writableBuffer(int minFree) {
        ensureFree(minFree);
        return ByteBuffer.wrap(buf, limit, buf.length - limit);
    }

    /** @param n bytes written into the last {@link #writableBuffer} */
    public void commit(int n) {
        if (n < 0 || limit + n > buf.length) {
            throw new IllegalArgumentException("commit " + n + " exceeds the writable buffer");
        }
        if (failure == null && !gateCut) {
            limit += gate(buf, limit, n);
        }
    }

    /** @return the size of the receive buffer now allocated (0 after {@link #trim()} released it) */
    public int capacity() {
        return buf.length;
    }

    /** @return the number of received bytes not yet reported in a frame or chunk */
    public int buffered() {
        // What the last next() handed out is already released from the caller's point of view.
        int from = frameReturned ? scan : frameStart;
        return limit - from - consumeOnNext;
    }

    private void ensureFree(int n) {
        release();
        recentInput = n;
        int live = limit - frameStart;
        if (buf.length > SHRINK_ABOVE && (long) live + n <= buf.length / 4) {
            // A large response passed; go back to a buffer sized for what is live now.
            long cap = INITIAL;
            while (cap < (long) live + n) {
                cap *= 2;
            }
            byte[] nb = new byte[(int) cap];
            System.arraycopy(buf, frameStart, nb, 0, live);
            buf = nb;
            shift(frameStart);
            return;
        }
        if (buf.length - limit >= n) {
            return;
        }
        if (frameStart > 0 && buf.length - live >= n && live < buf.length / 2) {
            System.arraycopy(buf, frameStart, buf, 0, live);
            shift(frameStart);
            return;
        }
        long want = (long) live + n;
        // a buffer given back by trim() (an idle connection) comes back sized for what arrives: a push of a line or
        // two to one of thousands of idling connections costs a few hundred bytes, not INITIAL; a read that wants
        // room for more (the transports ask for 16 KiB) still gets INITIAL or more
        long cap = buf.length == 0 ? SMALL : Math.max(buf.length, INITIAL);
        while (cap < want) {
            cap *= 2;
        }
        if (cap > Integer.MAX_VALUE - 64) {
            cap = Integer.MAX_VALUE - 64;
            if (want > cap) {
                throw ImapProtocolException.limit("maxResponseSize", want, limits.maxResponseSize());
            }
        }
        byte[] nb = new byte[(int) cap];
        System.arraycopy(buf, frameStart, nb, 0, live);
        buf = nb;
        shift(frameStart);
    }

    private void shift(int by) {
        frameStart -= by;
        lineStart -= by;
        scan -= by;
        limit -= by;
    }

    /** Drops what the previous {@link #next()} handed out. */
    private void release() {
        if (frameReturned) {
            frameReturned = false;
            frameStart = scan;
            lineStart = scan;
            streamedCount = 0;
            if (frameStart == limit) {
                frameStart = lineStart = scan = limit = 0;
                if (buf.length > SHRINK_ABOVE) {
                    buf = new byte[INITIAL];
                }
            }
        }
        if (consumeOnNext > 0) {
            if (detach) {
                detachChunk();
            } else {
                System.arraycopy(buf, scan + consumeOnNext, buf, scan, limit - scan - consumeOnNext);
                limit -= consumeOnNext;
                consumeOnNext = 0;
            }
            chunkArray = null;
        }
    }

    /**
     * Gives the chunk handed out last to its consumer for good: the framer moves what it still needs (the response's
     * text so far and the bytes after the chunk) to a fresh buffer and never writes to the old one again, so a chunk
     * stays valid however late it is read and is never copied on its way to the consumer. The fresh buffer is sized
     * for what is live plus the largest recent input, so the next read fits without growing it.
     */
    private void detachChunk() {
        int live = scan - frameStart;
        int tail = limit - scan - consumeOnNext;
        long want = (long) live + tail + Math.max(recentInput, 1024);
        int cap = (int) Math.min(Integer.MAX_VALUE - 64, Math.max(INITIAL, want));
        byte[] nb = new byte[cap];
        System.arraycopy(buf, frameStart, nb, 0, live);
        System.arraycopy(buf, scan + consumeOnNext, nb, live, tail);
        buf = nb;
        lineStart -= frameStart;
        frameStart = 0;
        scan = live;
        limit = live + tail;
        consumeOnNext = 0;
    }

    /**
     * Finds the next complete response, or literal event.
     *
     * @return what was found
     * @throws ImapProtocolException if a limit is exceeded or a line ends in a bare LF; the framer stays failed
     */
    public Result next() {
        if (failure != null) {
            throw failure;
        }
        try {
            return advance();
        } catch (ImapProtocolException e) {
            failure = e;
            throw e;
        }
    }

    private Result advance() {
        release();
        while (true) {
            if (endPending) {
                endPending = false;
                return Result.LITERAL_END;
            }
            if (streaming) {
                if (scan == limit) {
                    return Result.NEED_INPUT;
                }
                int k = (int) Math.min(limit - scan, streamRemaining);
                if (k < DETACH_MIN) {
                    // a small chunk is copied out exactly rather than pinning a whole buffer
                    chunkArray = Arrays.copyOfRange(buf, scan, scan + k);
                    outStart = 0;
                    outEnd = k;
                    detach = false;
                } else {
                    chunkArray = buf;
                    outStart = scan;
                    outEnd = scan + k;
                    detach = true;
                }
                streamOffset = literalSize - streamRemaining;
                streamRemaining -= k;
                consumeOnNext = k;
                if (streamRemaining == 0) {
                    streaming = false;
                    endPending = true;
                }
                return Result.LITERAL_CHUNK;
            }
            if (literalRemaining > 0) {
                int avail = limit - scan;
                if (avail < literalRemaining) {
                    scan = limit;
                    literalRemaining -= avail;
                    return Result.NEED_INPUT;
                }
                scan += (int) literalRemaining;
                literalRemaining = 0;
                lineStart = scan;
            }
            int lf = indexOfLf(buf, scan, limit);
            if (lf < 0) {
                scan = limit;
                if (limit - lineStart > limits.maxLineLength()) {
                    throw ImapProtocolException.limit("maxLineLength", limit - lineStart, limits.maxLineLength());
                }
                if (limit - frameStart > limits.maxResponseSize()) {
                    throw ImapProtocolException.limit("maxResponseSize", limit - frameStart,
                            limits.maxResponseSize());
                }
                return Result.NEED_INPUT;
            }
            if (lf - lineStart > limits.maxLineLength()) {
                throw ImapProtocolException.limit("maxLineLength", lf - lineStart, limits.maxLineLength());
            }
            int contentEnd = lf;
            if (lf > lineStart && buf[lf - 1] == '\r') {
                contentEnd = lf - 1;
            } else if (!crlfRelaxed) {
                throw ImapProtocolException.at("line ends in a bare LF (expected CRLF)", buf, frameStart, lf, lf + 1);
            }
            scan = lf + 1;
            if (contentEnd > lineStart && buf[contentEnd - 1] == '}' && announceLiteral(contentEnd)) {
                if (literalSize > limits.literalStreamThreshold()) {
                    recordStreamed(scan - frameStart);
                    streaming = true;
                    streamRemaining = literalSize;
                    // The payload never enters the buffer: the text after it is a new line.
                    lineStart = scan;
                    outStart = frameStart;
                    outEnd = scan;
                    return Result.LITERAL_START;
                }
                if (literalSize > limits.maxLiteralSize()) {
                    throw ImapProtocolException.limit("maxLiteralSize", literalSize, limits.maxLiteralSize());
                }
                if ((scan - frameStart) + literalSize > limits.maxResponseSize()) {
                    throw ImapProtocolException.limit("maxResponseSize", (scan - frameStart) + literalSize,
                            limits.maxResponseSize());
                }
                literalRemaining = literalSize;
                lineStart = scan;
                continue;
            }
            if (scan - frameStart > limits.maxResponseSize()) {
                throw ImapProtocolException.limit("maxResponseSize", scan - frameStart, limits.maxResponseSize());
            }
            outStart = frameStart;
            outEnd = scan;
            frameReturned = true;
            return Result.FRAME;
        }
    }

    /**
     * Reads a literal announcement ending just before {@code contentEnd} ({@code {n}}, {@code ~{n}}, or a client's
     * {@code {n+}} / {@code {n-}}). A {@code }} not preceded by {@code {digits} is plain text.
     */
    private boolean announceLiteral(int contentEnd) {
        literalNonSync = contentEnd - 2 >= lineStart && (buf[contentEnd - 2] == '+' || buf[contentEnd - 2] == '-');
        int i = contentEnd - 2;
        if (i >= lineStart && (buf[i] == '+' || buf[i] == '-')) {
            i--;
        }
        int digitsEnd = i + 1;
        while (i >= lineStart && Ascii.is(buf[i], Ascii.DIGIT)) {
            i--;
        }
        if (i < lineStart || buf[i] != '{' || i + 1 == digitsEnd) {
            return false;
        }
        int digits = digitsEnd - (i + 1);
        if (digits > 18) {
            throw ImapProtocolException.at("literal size has too many digits (" + digits + ")", buf, frameStart,
                    i + 1, contentEnd);
        }
        long n = 0;
        for (int k = i + 1; k < digitsEnd; k++) {
            n = n * 10 + (buf[k] - '0');
        }
        literalBinary = i > lineStart && buf[i - 1] == '~';
        literalSize = n;
        return true;
    }

    private void recordStreamed(int relativeOffset) {
        if (streamedCount == streamed.length) {
            streamed = Arrays.copyOf(streamed, streamedCount * 2);
        }
        streamed[streamedCount++] = relativeOffset;
    }

    private static int indexOfLf(byte[] b, int from, int to) {
        int i = from;
        // Eight bytes at a time: a byte equal to LF becomes zero after the XOR, and the lowest byte flagged by the
        // zero-byte test is exact (its borrow can only flag bytes above a true zero).
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONG.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long t = (w - 0x0101010101010101L) & ~w & 0x8080808080808080L;
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** @return the buffer holding the current frame, prefix or chunk (for a chunk, {@link #chunkArray()}) */
    public byte[] buffer() {
        return chunkArray != null ? chunkArray : buf;
    }

    /**
     * @return the array holding the current {@link Result#LITERAL_CHUNK} at {@code [start(), end())}: the framer
     *     never writes to it again, so the chunk stays valid after later calls
     */
    public byte[] chunkArray() {
        return chunkArray;
    }

    /** @return where the current frame, prefix or chunk starts in {@link #buffer()} */
    public int start() {
        return outStart;
    }

    /** @return where the current frame, prefix or chunk ends (exclusive) */
    public int end() {
        return outEnd;
    }

    /** @return the size of the literal being streamed (valid from LITERAL_START to LITERAL_END) */
    public long literalSize() {
        return literalSize;
    }

    /** @return whether the literal being streamed was announced as {@code ~{n}} */
    public boolean literalBinary() {
        return literalBinary;
    }

    /** @return the offset within the streamed literal of the current chunk */
    public long chunkOffset() {
        return streamOffset;
    }

    /**
     * @param relativeOffset an offset from the frame's start, just after a literal's CRLF
     * @return whether the payload of the literal announced there was streamed rather than kept in the frame
     */
    public boolean isStreamed(int relativeOffset) {
        for (int i = 0; i < streamedCount; i++) {
            if (streamed[i] == relativeOffset) {
                return true;
            }
        }
        return false;
    }

    /** @return the streamed-literal offsets of the current frame (relative to its start); do not modify */
    public int[] streamedOffsets() {
        // Most frames stream nothing out: one shared empty array (nothing to write in it) instead of a copy each.
        return streamedCount == 0 ? NO_OFFSETS : Arrays.copyOf(streamed, streamedCount);
    }

    /**
     * Gives the buffer back when it holds nothing, so that a quiet connection (say, one of thousands in IDLE) costs
     * no buffer until bytes arrive again.
     */
    public void trim() {
        release();
        if (frameStart == limit && buf.length > 0) {
            frameStart = lineStart = scan = limit = 0;
            buf = EMPTY;
        }
    }

    /**
     * Drops everything buffered; used at the STARTTLS boundary, where every byte received before the TLS handshake
     * must be discarded.
     *
     * @return the number of bytes dropped
     */
    public int discardBuffered() {
        release();
        int n = limit - frameStart;
        frameStart = lineStart = scan = limit = 0;
        literalRemaining = 0;
        streaming = false;
        endPending = false;
        streamedCount = 0;
        resetGate();
        return n;
    }

    /**
     * @return whether the framer waits for the payload of a synchronizing literal ({@code {n}}, not {@code {n+}}) of
     *     which no byte has arrived: a server must now send a continuation request
     */
    public boolean awaitingSyncLiteral() {
        return literalRemaining > 0 && literalRemaining == literalSize && !literalNonSync;
    }

    /**
     * Takes every buffered byte not yet reported (for COMPRESS, where the bytes after the tagged OK belong to the
     * compressed stream) and empties the framer.
     *
     * @return the bytes
     */
    public org.imap4j.codec.core.Bytes takeBuffered() {
        release();
        org.imap4j.codec.core.Bytes rest = org.imap4j.codec.core.Bytes.copyOf(buf, frameStart, limit - frameStart);
        discardBuffered();
        return rest;
    }
}
