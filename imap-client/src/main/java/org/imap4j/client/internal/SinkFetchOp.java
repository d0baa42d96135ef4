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
import org.imap4j.client.ResponseWarning;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.fetch.LiteralBinding;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * FETCH of the bodies of many messages in one command, each body written to its own stream from a {@link BodySink}.
 * It is {@link FetchOp}'s sibling for ranges: FetchOp writes every body to one stream, which only makes sense for one
 * message, while this one opens a stream per body, so a range needs one command rather than one per message.
 *
 * <p>Bodies above the codec's stream threshold arrive as {@code onLiteralStarted} / chunks / {@code onLiteralEnded}
 * before the response that holds them; the stream is opened at the start, which is before the response is parsed,
 * with the UID and sequence number the codec read from the response's text before the literal
 * ({@link LiteralBinding}). A body whose binding could not be read gets no stream and a
 * {@link ResponseWarning.Kind#UNBOUND_BODY} warning. Smaller bodies arrive parsed in {@code onData} and are written
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
    public void onLiteralStarted(Bytes prefix, long size, boolean binary, LiteralBinding binding) {
        closeCurrent(); // a literal that never ended (cannot happen with a sound engine) must not leak its stream
        if (binding == null) {
            // which message this is cannot be read: no stream is opened for it rather than a guessed one
            warn(ResponseWarning.unboundBody(size, prefix));
            return;
        }
        current = open(binding.uid().orElse(-1), binding.seq(), size);
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
    public void onData(Untagged response) {
        Untagged u = UidOnly.asFetch(response); // UIDONLY: * uid UIDFETCH (RFC 9586)
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
