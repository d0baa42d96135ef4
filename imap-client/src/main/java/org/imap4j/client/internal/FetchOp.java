package org.imap4j.client.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imap4j.client.FetchResult;
import org.imap4j.client.FetchResults;
import org.imap4j.client.ProgressListener;
import org.imap4j.client.ResponseWarning;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.fetch.LiteralBinding;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * FETCH: collects each requested message's items into a {@link FetchResult}, keyed by UID for UID FETCH and by
 * sequence number otherwise. A FETCH response for a message outside the requested set is somebody else's change and
 * goes to the mailbox listener (routed by UID when present, else by sequence number).
 *
 * <p>Bodies larger than the codec's stream threshold arrive as chunks, each literal bound by the codec to its
 * message and body item ({@link LiteralBinding}, read from the response's text before it): with a sink they are
 * written to it as they come (with progress), never held whole; without one they are assembled here and put back
 * into exactly the item they were bound to (never paired by arrival order), so the caller sees them in memory
 * either way. A body whose binding could not be read is read past and reported as a
 * {@link ResponseWarning.Kind#UNBOUND_BODY} warning. Assembly keeps the chunks as they arrive (memory grows with the bytes received, never with the size a
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
    /** Assembled streamed bodies, keyed by the message and body item their literal was bound to. */
    private final Map<BodyKey, Bytes> assembled = new HashMap<>();
    /** Where the literal being received belongs, or null (none, or unbound). */
    private LiteralBinding binding;
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

    /**
     * Without a sink (and so without progress) it only collects typed items into the results, assembling streamed
     * bodies in memory: its deliveries may run where the responses were read (see {@link Op#prompt()}).
     */
    @Override
    protected boolean collectsOnly() {
        return sink == null && progress == ProgressListener.NONE;
    }

    static boolean belongs(Untagged.Fetch f, SequenceSet set, boolean uid) {
        Long k = key(f, uid);
        // $ (SEARCHRES, RFC 5182): the server's saved result, whose numbers only the server knows
        return k != null && (set.isLastResult() || set.contains(k, Long.MAX_VALUE));
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

    /**
     * A streamed body's place: its message's sequence number and its body item (section, origin, streamed size),
     * exactly as the response that holds it reports that item once parsed.
     *
     * @param seq  the sequence number
     * @param item the body item with its {@link BodyData.Streamed} placeholder
     */
    record BodyKey(long seq, FetchItem item) {
    }

    @Override
    public void onLiteralStarted(Bytes prefix, long size, boolean binary, LiteralBinding where) {
        total = size;
        written = 0;
        current = null;
        binding = where;
        if (where == null) {
            // The text before it could not be read: nobody can say which message this is, and pairing it by
            // arrival order could give one message another's body. It is read past, and the result says so.
            warn(ResponseWarning.unboundBody(size, prefix));
            return;
        }
        if (sink == null) {
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
        if (binding == null) {
            return;
        }
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
            current = null; // the chunks (slices of the receive buffer, never copied before) go now
            assembled.put(new BodyKey(binding.seq(), binding.item()), Bytes.of(whole));
        }
        binding = null;
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
        if (!(u instanceof Untagged.Fetch f) || !renumbering.belongs(f, fetch) || isForeignFlagChange(f, fetch)) {
            super.onData(u);
            return;
        }
        List<FetchItem> items = new ArrayList<>(f.items().size());
        for (FetchItem i : f.items()) {
            items.add(resolve(f.seq(), i));
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

    /**
     * Puts assembled streamed bodies in place (the one bound to this message and this very item, never the next
     * in line), and writes in-memory bodies to the sink when there is one.
     */
    private FetchItem resolve(long seq, FetchItem i) {
        BodyData d = bodyData(i);
        if (d instanceof BodyData.Streamed && sink == null) {
            Bytes body = assembled.remove(new BodyKey(seq, i));
            return body == null ? i : withData(i, new BodyData.InMemory(body));
        }
        if (d instanceof BodyData.InMemory m && sink != null
                && (i instanceof FetchItem.BodySection || i instanceof FetchItem.Binary)) {
            writeSmall(m.bytes());
        }
        return i;
    }

    /**
     * @param i a FETCH item
     * @return its body data, or {@code null} if it is not a body item
     */
    static BodyData bodyData(FetchItem i) {
        return i instanceof FetchItem.Body b ? b.data() : null;
    }

    /**
     * @param i    a body item
     * @param data other data for it
     * @return the same item with {@code data}
     */
    static FetchItem withData(FetchItem i, BodyData data) {
        if (i instanceof FetchItem.BodySection b) {
            return new FetchItem.BodySection(b.section(), b.origin(), data);
        }
        if (i instanceof FetchItem.Binary b) {
            return new FetchItem.Binary(b.part(), b.origin(), data);
        }
        if (i instanceof FetchItem.Rfc822) {
            return new FetchItem.Rfc822(data);
        }
        if (i instanceof FetchItem.Rfc822Header) {
            return new FetchItem.Rfc822Header(data);
        }
        if (i instanceof FetchItem.Rfc822Text) {
            return new FetchItem.Rfc822Text(data);
        }
        throw new IllegalArgumentException("not a body item: " + i);
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
