package org.imap4j.client.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.imap4j.client.BodySink;
import org.imap4j.client.FetchResult;
import org.imap4j.client.FetchResults;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * FETCH of the bodies of many messages in one command, each body written to its own stream from a {@link BodySink}.
 * It is {@link FetchOp}'s sibling for ranges: FetchOp writes every body to one stream, which only makes sense for one
 * message, while this one opens a stream per body, so a range needs one command rather than one per message.
 *
 * <p>Bodies above the codec's stream threshold arrive as {@code onLiteralStarted} / chunks / {@code onLiteralEnded}
 * before the response that holds them; the stream is opened at the start, which is before the response is parsed,
 * so the UID is read from the response's prefix bytes. Smaller bodies arrive parsed in {@code onData} and are written
 * from there. Either way the result keeps the body item as a {@link BodyData.Streamed} placeholder with its size, so
 * no body stays in memory after it was written.
 *
 * <p>A failing sink is not used again; the responses are still read to the tagged completion, and only then does
 * the call fail, so the connection stays usable (as with FetchOp's single sink).
 */
public final class SinkFetchOp extends Op<FetchResults> {
    private final Command.Fetch fetch;
    private final BodySink sink;
    private Map<Long, FetchResult> results = new LinkedHashMap<>();
    private final Renumbering renumbering = new Renumbering();
    /** The stream of the streamed literal being received, or null (none, or the sink failed). */
    private OutputStream current;
    private Exception failure;

    /**
     * @param s     the session
     * @param fetch the command: it should ask for UID before the body, so the sink learns each body's UID
     * @param sink  where each body goes
     */
    public SinkFetchOp(Session s, Command.Fetch fetch, BodySink sink) {
        super(s, fetch);
        this.fetch = fetch;
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void onLiteralStarted(Bytes prefix, long size, boolean binary) {
        closeCurrent(); // a literal that never ended (cannot happen with a sound engine) must not leak its stream
        current = open(prefixUid(prefix), prefixSeq(prefix), size);
    }

    @Override
    public void onLiteralChunk(long offset, ByteBuffer chunk) {
        if (current == null) {
            return;
        }
        int n = chunk.remaining();
        try {
            if (chunk.hasArray()) {
                current.write(chunk.array(), chunk.arrayOffset() + chunk.position(), n);
            } else {
                byte[] b = new byte[n];
                chunk.get(b);
                current.write(b);
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void onLiteralEnded() {
        closeCurrent();
    }

    @Override
    public void onData(Untagged u) {
        if (u instanceof Untagged.Expunge x) {
            renumbering.expunged(x.seq());
            results = Renumbering.apply(results, x.seq(), !fetch.uid());
            super.onData(u);
            return;
        }
        if (!(u instanceof Untagged.Fetch f) || !renumbering.belongs(f, fetch)
                || FetchOp.isForeignFlagChange(f, fetch)) {
            super.onData(u);
            return;
        }
        long uid = -1;
        for (FetchItem i : f.items()) {
            if (i instanceof FetchItem.Uid id) {
                uid = id.uid();
                break;
            }
        }
        List<FetchItem> items = new ArrayList<>(f.items().size());
        for (FetchItem i : f.items()) {
            items.add(write(i, uid, f.seq()));
        }
        FetchOp.collect(results, f, items, fetch.uid());
    }

    /** Writes an in-memory body to its own stream and returns the item with a placeholder in its place. */
    private FetchItem write(FetchItem i, long uid, long seq) {
        if (i instanceof FetchItem.BodySection b && b.data() instanceof BodyData.InMemory m) {
            return new FetchItem.BodySection(b.section(), b.origin(), writeSmall(m.bytes(), uid, seq, false));
        }
        if (i instanceof FetchItem.Binary b && b.data() instanceof BodyData.InMemory m) {
            return new FetchItem.Binary(b.part(), b.origin(), writeSmall(m.bytes(), uid, seq, true));
        }
        if (i instanceof FetchItem.Rfc822 r && r.data() instanceof BodyData.InMemory m) {
            return new FetchItem.Rfc822(writeSmall(m.bytes(), uid, seq, false));
        }
        if (i instanceof FetchItem.Rfc822Header r && r.data() instanceof BodyData.InMemory m) {
            return new FetchItem.Rfc822Header(writeSmall(m.bytes(), uid, seq, false));
        }
        if (i instanceof FetchItem.Rfc822Text r && r.data() instanceof BodyData.InMemory m) {
            return new FetchItem.Rfc822Text(writeSmall(m.bytes(), uid, seq, false));
        }
        return i; // other items, streamed placeholders (already written) and NIL (no body, no stream)
    }

    private BodyData writeSmall(Bytes bytes, long uid, long seq, boolean binary) {
        OutputStream out = open(uid, seq, bytes.size());
        if (out != null) {
            try {
                bytes.writeTo(out);
                out.close();
            } catch (IOException | RuntimeException e) {
                fail(e);
                closeQuietly(out);
            }
        }
        return new BodyData.Streamed(bytes.size(), binary);
    }

    /** @return the sink's stream, or null once the sink has failed */
    private OutputStream open(long uid, long seq, long size) {
        if (failure != null) {
            return null;
        }
        try {
            return Objects.requireNonNull(sink.open(uid, seq, size), "BodySink.open returned null");
        } catch (IOException | RuntimeException e) {
            fail(e);
            return null;
        }
    }

    private void closeCurrent() {
        OutputStream out = current;
        current = null;
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        if (failure == null) {
            failure = e;
        } else if (failure != e) {
            failure.addSuppressed(e);
        }
        if (current != null) {
            OutputStream out = current;
            current = null;
            closeQuietly(out);
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException | RuntimeException ignored) {
            // the first failure is what the caller sees; a second one from the same stream adds nothing
        }
    }

    /**
     * The UID of a streamed body's response, from the bytes before the literal, e.g.
     * {@code * 5 FETCH (UID 9 BODY[] {80000}}: the {@code UID} item at the top level of the item list, skipping
     * quoted strings, literals and anything in brackets or nested parentheses (a section such as
     * {@code HEADER.FIELDS (UID)} must not match).
     *
     * @param prefix the response bytes before the literal
     * @return the UID, or -1 if the server had not sent it yet
     */
    static long prefixUid(Bytes prefix) {
        int n = prefix.size();
        int i = 0;
        // skip "* <seq> FETCH " up to the item list's parenthesis
        while (i < n && prefix.get(i) != '(') {
            i++;
        }
        int depth = 0;
        boolean atomStart = true;
        for (; i < n; i++) {
            byte c = prefix.get(i);
            if (c == '"') {
                i = skipQuoted(prefix, i);
                atomStart = false;
            } else if (c == '{' || (c == '~' && i + 1 < n && prefix.get(i + 1) == '{')) {
                i = skipLiteral(prefix, c == '~' ? i + 1 : i);
                atomStart = false;
            } else if (c == '(' || c == '[') {
                depth++;
                atomStart = true;
            } else if (c == ')' || c == ']') {
                depth--;
                atomStart = false;
            } else if (c == ' ') {
                atomStart = true;
            } else {
                if (atomStart && depth == 1 && isUidItem(prefix, i)) {
                    long v = 0;
                    int j = i + 4;
                    while (j < n && prefix.get(j) >= '0' && prefix.get(j) <= '9' && v < Long.MAX_VALUE / 10) {
                        v = v * 10 + (prefix.get(j) - '0');
                        j++;
                    }
                    return v;
                }
                atomStart = false;
            }
        }
        return -1;
    }

    private static boolean isUidItem(Bytes b, int i) {
        return i + 4 < b.size() && (b.get(i) | 0x20) == 'u' && (b.get(i + 1) | 0x20) == 'i'
                && (b.get(i + 2) | 0x20) == 'd' && b.get(i + 3) == ' '
                && b.get(i + 4) >= '0' && b.get(i + 4) <= '9';
    }

    private static int skipQuoted(Bytes b, int i) {
        for (int j = i + 1; j < b.size(); j++) {
            byte c = b.get(j);
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                return j;
            }
        }
        return b.size();
    }

    /** Skips {@code {n}} or {@code {n+}} and, when the literal lies inside the prefix, its CRLF and payload. */
    private static int skipLiteral(Bytes b, int open) {
        long len = 0;
        int j = open + 1;
        while (j < b.size() && b.get(j) >= '0' && b.get(j) <= '9' && len < Integer.MAX_VALUE) {
            len = len * 10 + (b.get(j) - '0');
            j++;
        }
        while (j < b.size() && b.get(j) != '}') {
            j++;
        }
        long end = (long) j + 2 + len; // '}' CRLF payload: the last byte of the payload
        return end >= b.size() ? b.size() : (int) end;
    }

    /**
     * @param prefix the response bytes before the literal, {@code * <seq> FETCH ...}
     * @return the sequence number, or -1 if it cannot be read
     */
    static long prefixSeq(Bytes prefix) {
        int i = 0;
        int n = prefix.size();
        while (i < n && (prefix.get(i) == '*' || prefix.get(i) == ' ')) {
            i++;
        }
        long v = 0;
        int start = i;
        while (i < n && prefix.get(i) >= '0' && prefix.get(i) <= '9' && v < Long.MAX_VALUE / 10) {
            v = v * 10 + (prefix.get(i) - '0');
            i++;
        }
        return i == start ? -1 : v;
    }

    @Override
    protected FetchResults result(Tagged ok) {
        session().tagged(ok);
        if (failure instanceof IOException e) {
            throw new UncheckedIOException("writing a fetched body to the sink failed", e);
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        return new FetchResults(results, warnings());
    }
}
