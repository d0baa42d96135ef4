package org.imap4j.client.internal;

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
import org.imap4j.client.FetchResults;
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
 * either way. Assembly keeps the chunks as they arrive (memory grows with the bytes received, never with the size a
 * server announces) and is bounded by {@link org.imap4j.client.ImapClientConfig#maxInMemoryBody()}: a body
 * announced larger fails the connection at once with an {@link ImapProtocolException} whose limit is
 * {@code "maxInMemoryBody"}, so the caller does not wait for the tagged reply or a timeout.
 */
public final class FetchOp extends Op<FetchResults> {
    private final Command.Fetch fetch;
    private final OutputStream sink;
    private final ProgressListener progress;
    private Map<Long, FetchResult> results = new LinkedHashMap<>();
    private final Renumbering renumbering = new Renumbering();
    private final ArrayDeque<Bytes> assembled = new ArrayDeque<>();
    private final long maxInMemoryBody;
    /** The chunks of the body being assembled (each one a copy the listener owns), or null. */
    private List<ByteBuffer> current;
    private long received;
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
        this.maxInMemoryBody = s.config().maxInMemoryBody();
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
            current = null;
            if (size > maxInMemoryBody) {
                tooLarge(size);
                return;
            }
            current = new ArrayList<>();
            received = 0;
        }
    }

    /**
     * A body over the in-memory limit: the typed limit error, thrown from this listener, fails the caller now and
     * closes the connection (the session driver's rule for a limit a listener breaks), rather than after reading a
     * body nobody can hold.
     */
    private void tooLarge(long size) {
        ImapProtocolException e = new ImapProtocolException("limit maxInMemoryBody exceeded: the server announced a "
                + size + "-byte body, more than the " + maxInMemoryBody + " bytes a body fetched without a sink may "
                + "hold (ImapClientConfig.Builder.maxInMemoryBody; or fetch it to a sink)", -1, "",
                "maxInMemoryBody");
        throw e;
    }

    @Override
    public void onLiteralChunk(long offset, ByteBuffer chunk) {
        int n = chunk.remaining();
        if (sink == null) {
            if (current != null) {
                current.add(chunk);
                received += n;
            }
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
        if (sink == null && current != null) {
            byte[] whole = new byte[(int) received];
            int at = 0;
            for (ByteBuffer b : current) {
                int n = b.remaining();
                b.get(whole, at, n);
                at += n;
            }
            current = null; // the chunks go before the copy Bytes makes, so a body is held at most twice
            assembled.add(Bytes.of(whole));
        }
    }

    @Override
    public void onData(Untagged u) {
        if (u instanceof Untagged.Expunge x) {
            renumbering.expunged(x.seq());
            results = Renumbering.apply(results, x.seq(), !fetch.uid());
            super.onData(u);
            return;
        }
        if (!(u instanceof Untagged.Fetch f) || !renumbering.belongs(f, fetch) || isForeignFlagChange(f, fetch)) {
            super.onData(u);
            return;
        }
        List<FetchItem> items = new ArrayList<>(f.items().size());
        for (FetchItem i : f.items()) {
            items.add(resolve(i));
        }
        collect(results, f, items, fetch.uid());
    }

    /**
     * Adds one response's items to the results: merged with an earlier response for the same message, or
     * replacing the entry of another message that had the same key (UIDs differ).
     */
    static void collect(Map<Long, FetchResult> results, Untagged.Fetch f, List<FetchItem> items, boolean uid) {
        Long key = key(f, uid);
        FetchResult fresh = new FetchResult(f.seq(), items);
        FetchResult prior = results.get(key);
        if (prior == null || Renumbering.otherMessage(prior, fresh.uid())) {
            results.put(key, fresh);
        } else {
            results.put(key, prior.merge(items));
        }
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
    protected FetchResults result(Tagged ok) {
        if (sinkFailure != null) {
            throw new UncheckedIOException("writing the fetched body failed", sinkFailure);
        }
        session().tagged(ok);
        return new FetchResults(results, warnings());
    }
}
