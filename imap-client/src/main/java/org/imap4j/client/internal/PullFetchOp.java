package org.imap4j.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.imap4j.client.FetchResult;
import org.imap4j.client.FetchResults;
import org.imap4j.client.FetchStream;
import org.imap4j.client.ProgressListener;
import org.imap4j.client.ResponseWarning;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.fetch.LiteralBinding;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.ImapCall;
import org.imap4j.session.ImapTransport;

/**
 * The pulled FETCH behind {@link FetchStream}: its listener (run where the transport delivers) only queues what
 * arrives, never blocks and never runs user code; the caller's thread takes from the queue, reading the connection
 * meanwhile when the transport reads on its callers' threads ({@link ImapTransport#awaitCompletion}).
 *
 * <p>Back-pressure: body chunks are the engine's own slices of its receive buffer (given away, never copied on the
 * way); when more than {@link #HIGH_WATER} bytes of them wait, the listener pauses the transport's reading
 * ({@link ImapTransport#pauseReading()}), and the caller resumes it once fewer than {@link #LOW_WATER} wait. Pause
 * and resume are issued under this queue's lock, so they reach the transport in the order they were decided.
 */
public final class PullFetchOp extends Op<Void> implements FetchStream {
    /** Queued body bytes above which the transport stops reading. */
    static final long HIGH_WATER = 4L << 20;
    /** Queued body bytes below which it reads again. */
    static final long LOW_WATER = 1L << 20;

    private static final Object END_OF_BODY = new Object();

    private final Command.Fetch fetch;
    private final ImapTransport transport;
    private final ReadGate gate;
    private final ProgressListener progress;
    private final Renumbering renumbering = new Renumbering();

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean paused;
    private CompletableFuture<Void> arrival;

    /** A streamed literal begins: where it belongs (null if unbound), its size. */
    private record Start(LiteralBinding binding, long size) {
    }

    /** The command ended: its tagged response or the failure. */
    private record Finish(Tagged tagged, Throwable failure) {
    }

    // ---- consumer side (the caller's thread) ----
    private BodyStream open;
    private boolean finished;
    private boolean closed;

    private PullFetchOp(Session s, Command.Fetch fetch, ProgressListener progress) {
        super(s, fetch);
        this.fetch = fetch;
        this.transport = s.transport();
        this.gate = s.readGate();
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    /**
     * Submits the FETCH and returns its stream at once.
     *
     * @param s        the session
     * @param fetch    the command
     * @param progress progress of each body as the caller reads it, or {@code null}
     * @return the stream
     */
    public static PullFetchOp start(Session s, Command.Fetch fetch, ProgressListener progress) {
        PullFetchOp op = new PullFetchOp(s, fetch, progress);
        ImapCall call = s.start(op);
        call.future().whenComplete((t, e) -> op.offer(new Finish(t, e), 0));
        return op;
    }

    // ---------------------------------------------------------------- listener side

    @Override
    public void onLiteralStarted(Bytes prefix, long size, boolean binary, LiteralBinding binding) {
        if (binding == null) {
            lock.lock();
            try {
                warn(ResponseWarning.unboundBody(size, prefix));
            } finally {
                lock.unlock();
            }
        }
        offer(new Start(binding, size), 0);
    }

    @Override
    public void onLiteralChunk(long offset, ByteBuffer chunk) {
        offer(chunk, chunk.remaining());
    }

    @Override
    public void onLiteralEnded() {
        offer(END_OF_BODY, 0);
    }

    @Override
    public void onData(Untagged response) {
        Untagged u = UidOnly.asFetch(response); // UIDONLY: * uid UIDFETCH (RFC 9586)
        if (u instanceof Untagged.Expunge x) {
            renumbering.expunged(x.seq());
            super.onData(u);
            return;
        }
        if (!(u instanceof Untagged.Fetch f) || !renumbering.belongs(f, fetch)
                || FetchOp.isForeignFlagChange(f, fetch)) {
            super.onData(u);
            return;
        }
        OptionalLong uid = OptionalLong.empty();
        for (FetchItem i : f.items()) {
            if (i instanceof FetchItem.Uid id) {
                uid = OptionalLong.of(id.uid());
            }
        }
        List<FetchItem> items = new ArrayList<>(f.items().size());
        for (FetchItem i : f.items()) {
            BodyData d = FetchOp.bodyData(i);
            if (d instanceof BodyData.InMemory m) {
                FetchItem placeholder = FetchOp.withData(i, new BodyData.Streamed(m.bytes().size(),
                        i instanceof FetchItem.Binary));
                offer(new FetchStream.Body(f.seq(), uid, placeholder, m.bytes().size(), true,
                        new BodyStream(m.bytes(), m.bytes().size())), 0);
                items.add(placeholder);
            } else {
                items.add(i);
            }
        }
        offer(new FetchStream.Response(new FetchResult(f.seq(), items)), 0);
    }

    @Override
    protected Void result(Tagged ok) {
        session().tagged(ok);
        return null;
    }

    /** Queues what arrived; pauses the transport's reading when the caller lags too far behind. */
    private void offer(Object item, long bytes) {
        lock.lock();
        try {
            queue.add(item);
            queuedBytes += bytes;
            if (!paused && queuedBytes > HIGH_WATER && !finishedQueued(item)) {
                paused = true;
                gate.close();
            }
            CompletableFuture<Void> a = arrival;
            arrival = null;
            if (a != null) {
                a.complete(null);
            }
        } finally {
            lock.unlock();
        }
    }

    private static boolean finishedQueued(Object item) {
        return item instanceof Finish;
    }

    /** @return the body bytes queued and not yet read (for tests of the back-pressure) */
    long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether this stream has paused the transport's reading */
    boolean readingPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- consumer side

    /** Takes the next queued item, waiting (and, on a blocking transport, reading) until there is one. */
    private Object take() {
        while (true) {
            CompletableFuture<Void> wait;
            lock.lock();
            try {
                Object item = queue.poll();
                if (item != null) {
                    if (item instanceof ByteBuffer b) {
                        queuedBytes -= b.remaining();
                    }
                    if (paused && (queuedBytes <= LOW_WATER || item instanceof Finish)) {
                        paused = false;
                        gate.open();
                    }
                    return item;
                }
                if (paused) {
                    paused = false;
                    gate.open();
                }
                wait = new CompletableFuture<>();
                arrival = wait;
            } finally {
                lock.unlock();
            }
            // The connection's own deadlines (read timeout, command timeout) end a wait that would never end: the
            // command then fails, which queues its Finish.
            transport.awaitCompletion(wait, Duration.ofSeconds(30));
        }
    }

    @Override
    public FetchStream.Part next() {
        if (closed) {
            throw new IllegalStateException("the FetchStream is closed");
        }
        skipOpenBody();
        while (!finished) {
            Object item = take();
            if (item instanceof Start s) {
                BodyStream in = new BodyStream(s.size());
                open = in;
                LiteralBinding b = s.binding();
                return b == null
                        ? new FetchStream.Body(-1, OptionalLong.empty(), null, s.size(), false, in)
                        : new FetchStream.Body(b.seq(), b.uid(), b.item(), s.size(), true, in);
            }
            if (item instanceof FetchStream.Part p) {
                if (p instanceof FetchStream.Body body && body.content() instanceof BodyStream bs) {
                    open = bs;
                }
                return p;
            }
            if (item instanceof Finish f) {
                finished = true;
                if (f.failure() != null) {
                    throw Session.unwrap(f.failure());
                }
                complete(f.tagged());
                return null;
            }
            // a chunk or end of a body nobody opened (cannot happen: every body starts with a Start): dropped
        }
        return null;
    }

    private void skipOpenBody() {
        BodyStream b = open;
        open = null;
        if (b != null) {
            b.skipRest();
        }
    }

    @Override
    public List<ResponseWarning> warnings() {
        lock.lock();
        try {
            return super.warnings();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public FetchResults collect() {
        Map<Long, FetchResult> results = new LinkedHashMap<>();
        Map<FetchOp.BodyKey, Bytes> bodies = new java.util.HashMap<>();
        long max = session().config().maxInMemoryBody();
        ImapProtocolException tooLarge = null;
        for (FetchStream.Part p = next(); p != null; p = next()) {
            if (p instanceof FetchStream.Body b) {
                if (!b.bound()) {
                    continue; // already a warning; its bytes are skipped by the next call
                }
                if (b.size() > max) {
                    if (tooLarge == null) {
                        tooLarge = new ImapProtocolException("limit maxInMemoryBody exceeded: a " + b.size()
                                + "-byte body, more than the " + max + " bytes a body collected in memory may hold",
                                -1, "", "maxInMemoryBody");
                    }
                    continue;
                }
                try {
                    bodies.put(new FetchOp.BodyKey(b.seq(), b.item()), Bytes.of(b.content().readAllBytes()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            } else if (p instanceof FetchStream.Response r) {
                FetchResult fr = r.result();
                List<FetchItem> items = new ArrayList<>(fr.items().size());
                for (FetchItem i : fr.items()) {
                    Bytes body = FetchOp.bodyData(i) instanceof BodyData.Streamed
                            ? bodies.remove(new FetchOp.BodyKey(fr.seq(), i)) : null;
                    items.add(body == null ? i : FetchOp.withData(i, new BodyData.InMemory(body)));
                }
                FetchOp.collect(results, new Untagged.Fetch(fr.seq(), fr.items()), items, fetch.uid());
            }
        }
        if (tooLarge != null) {
            throw tooLarge;
        }
        return new FetchResults(results, warnings());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            while (!finished) {
                try {
                    next();
                } catch (RuntimeException e) {
                    finished = true; // the command failed: nothing more to read
                }
            }
        } finally {
            closed = true;
        }
    }

    /** One body's bytes: chunks taken from the queue as the caller reads (or an in-memory body). */
    private final class BodyStream extends InputStream {
        private final long size;
        private final boolean streamed;
        private ByteBuffer current;
        private long read;
        private boolean eof;

        BodyStream(long size) {
            this.size = size;
            this.streamed = true;
        }

        BodyStream(Bytes bytes, long size) {
            this.size = size;
            this.streamed = false;
            this.current = ByteBuffer.wrap(bytes.toByteArray());
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.remaining());
            current.get(b, off, n); // the one copy: from the receive buffer into the caller's array
            read += n;
            progress.progress(read, size);
            return n;
        }

        @Override
        public int available() {
            return current == null ? 0 : current.remaining();
        }

        /** @return whether bytes are ready in {@code current} */
        private boolean fill() {
            while (current == null || !current.hasRemaining()) {
                if (eof || !streamed || open != this) {
                    eof = true;
                    return false;
                }
                Object item = take();
                if (item instanceof ByteBuffer chunk) {
                    current = chunk;
                } else if (item == END_OF_BODY) {
                    eof = true;
                    return false;
                } else {
                    // the command ended in the middle of the body (the connection failed): hand it back to next()
                    pushBack(item);
                    eof = true;
                    return false;
                }
            }
            return true;
        }

        void skipRest() {
            current = null;
            while (streamed && !eof) {
                Object item = take();
                if (item == END_OF_BODY) {
                    eof = true;
                } else if (!(item instanceof ByteBuffer)) {
                    pushBack(item);
                    eof = true;
                }
            }
            eof = true;
        }

        @Override
        public void close() {
            // the rest is skipped by the next call to next(); reading stops here
        }
    }

    private void pushBack(Object item) {
        lock.lock();
        try {
            queue.addFirst(item);
        } finally {
            lock.unlock();
        }
    }
}
