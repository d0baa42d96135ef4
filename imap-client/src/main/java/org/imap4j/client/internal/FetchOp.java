package org.imap4j.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imap4j.client.FetchResult;
import org.imap4j.client.ProgressListener;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * FETCH: collects each requested message's items into a {@link FetchResult}, keyed by UID for UID FETCH and by
 * sequence number otherwise. A FETCH response for a message outside the requested set is somebody else's change and
 * goes to the mailbox listener (routed by UID when present, else by sequence number).
 *
 * <p>Bodies larger than the codec's stream threshold arrive as chunks: with a sink they are written to it as they
 * come (with progress), never held whole; without one they are assembled here, so the caller sees them in memory
 * either way.
 */
public final class FetchOp extends Op<Map<Long, FetchResult>> {
    private final Command.Fetch fetch;
    private final OutputStream sink;
    private final ProgressListener progress;
    private final Map<Long, FetchResult> results = new LinkedHashMap<>();
    private final ArrayDeque<Bytes> assembled = new ArrayDeque<>();
    private ByteArrayOutputStream current;
    private long total;
    private long written;
    private IOException sinkFailure;

    /**
     * @param s        the session
     * @param fetch    the command
     * @param sink     where bodies go, or {@code null} to keep them in memory
     * @param progress progress of streamed bodies
     */
    public FetchOp(Session s, Command.Fetch fetch, OutputStream sink, ProgressListener progress) {
        super(s, fetch);
        this.fetch = fetch;
        this.sink = sink;
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    static boolean belongs(Untagged.Fetch f, SequenceSet set, boolean uid) {
        Long k = key(f, uid);
        return k != null && set.contains(k, Long.MAX_VALUE);
    }

    /**
     * Whether a response for a requested message is nevertheless somebody else's flag change: it holds only FLAGS
     * (with UID, MODSEQ) while this FETCH did not ask for FLAGS. Such responses go to the listener, not into the
     * result, where they would appear as entries without the items asked for.
     */
    static boolean isForeignFlagChange(Untagged.Fetch f, Command.Fetch fetch) {
        for (org.imap4j.codec.fetch.FetchAttribute a : fetch.attributes()) {
            if (a == org.imap4j.codec.fetch.FetchAttribute.Item.FLAGS
                    || a instanceof org.imap4j.codec.fetch.FetchAttribute.Macro) {
                return false;
            }
        }
        boolean flags = false;
        for (FetchItem i : f.items()) {
            if (i instanceof FetchItem.Flags) {
                flags = true;
            } else if (!(i instanceof FetchItem.Uid || i instanceof FetchItem.ModSeq)) {
                return false;
            }
        }
        return flags;
    }

    static Long key(Untagged.Fetch f, boolean uid) {
        if (!uid) {
            return f.seq();
        }
        for (FetchItem i : f.items()) {
            if (i instanceof FetchItem.Uid u) {
                return u.uid();
            }
        }
        return null;
    }

    @Override
    public void onLiteralStarted(Bytes prefix, long size, boolean binary) {
        total = size;
        written = 0;
        if (sink == null) {
            if (size > Integer.MAX_VALUE - 16) {
                throw new ImapProtocolException("a " + size + "-byte body cannot be held in memory; fetch it to a sink",
                        -1, "", null);
            }
            current = new ByteArrayOutputStream((int) size);
        }
    }

    @Override
    public void onLiteralChunk(long offset, ByteBuffer chunk) {
        int n = chunk.remaining();
        if (sink == null) {
            byte[] b = new byte[n];
            chunk.get(b);
            current.write(b, 0, n);
            return;
        }
        if (sinkFailure == null) {
            try {
                if (chunk.hasArray()) {
                    sink.write(chunk.array(), chunk.arrayOffset() + chunk.position(), n);
                } else {
                    byte[] b = new byte[n];
                    chunk.get(b);
                    sink.write(b);
                }
            } catch (IOException e) {
                sinkFailure = e;
            }
        }
        written += n;
        progress.progress(written, total);
    }

    @Override
    public void onLiteralEnded() {
        if (sink == null) {
            assembled.add(Bytes.of(current.toByteArray()));
            current = null;
        }
    }

    @Override
    public void onData(Untagged u) {
        if (!(u instanceof Untagged.Fetch f) || !belongs(f, fetch.set(), fetch.uid())
                || isForeignFlagChange(f, fetch)) {
            super.onData(u);
            return;
        }
        List<FetchItem> items = new ArrayList<>(f.items().size());
        for (FetchItem i : f.items()) {
            items.add(resolve(i));
        }
        Long key = key(f, fetch.uid());
        FetchResult prior = results.get(key);
        results.put(key, prior == null ? new FetchResult(f.seq(), items) : prior.merge(items));
    }

    /** Puts assembled streamed bodies in place, and writes in-memory bodies to the sink when there is one. */
    private FetchItem resolve(FetchItem i) {
        if (i instanceof FetchItem.BodySection b) {
            BodyData d = b.data();
            if (d instanceof BodyData.Streamed && sink == null && !assembled.isEmpty()) {
                return new FetchItem.BodySection(b.section(), b.origin(), new BodyData.InMemory(assembled.poll()));
            }
            if (d instanceof BodyData.InMemory m && sink != null) {
                writeSmall(m.bytes());
            }
        } else if (i instanceof FetchItem.Binary b) {
            BodyData d = b.data();
            if (d instanceof BodyData.Streamed && sink == null && !assembled.isEmpty()) {
                return new FetchItem.Binary(b.part(), b.origin(), new BodyData.InMemory(assembled.poll()));
            }
            if (d instanceof BodyData.InMemory m && sink != null) {
                writeSmall(m.bytes());
            }
        }
        return i;
    }

    private void writeSmall(Bytes bytes) {
        if (sinkFailure != null) {
            return;
        }
        try {
            bytes.writeTo(sink);
            progress.progress(bytes.size(), bytes.size());
        } catch (IOException e) {
            sinkFailure = e;
        }
    }

    @Override
    protected Map<Long, FetchResult> result(Tagged ok) {
        if (sinkFailure != null) {
            throw new UncheckedIOException("writing the fetched body failed", sinkFailure);
        }
        session().tagged(ok);
        return results;
    }
}
