package org.imap4j.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.NotifyGroup;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.StatusItem;
import org.imap4j.session.ImapConnectionLostException;
import org.imap4j.session.ReconnectPolicy;
import org.imap4j.session.SyncState;
import org.imap4j.session.SyncStateStore;
import org.imap4j.session.WatchEvent;

/**
 * A supervised session that watches one mailbox and keeps doing so across lost connections: it connects,
 * authenticates through a {@link SessionAuthenticator} (asked again at every reconnect, so fresh tokens fit in),
 * restores the session (ENABLE, COMPRESS when asked for, the mailbox selected), resynchronises, and waits in IDLE
 * (or polls with NOOP where IDLE is not offered). When the link dies (reset, closed, black-holed: the liveness bound
 * of {@link ImapClientConfig.Builder#liveness}), it reconnects with the {@link ReconnectPolicy}'s jittered back-off
 * and resynchronises with QRESYNC when offered, else CONDSTORE, else by comparing every UID's flags. Listeners see
 * one continuous stream of {@link WatchEvent}s: each new message, expunge and flag change exactly once, the
 * lifecycle in between, and a distinct {@link WatchEvent.UidValidityChanged}.
 *
 * <pre>{@code
 * try (MailboxWatch watch = MailboxWatch.builder(ImapClient.builder("imap.example.org").build(),
 *                 SessionAuthenticator.login("alice", Secret.of(password)))
 *         .mailbox("INBOX")
 *         .listener(event -> System.out.println(event))
 *         .start()) {
 *     watch.awaitConnected(Duration.ofSeconds(30));
 *     // ... the application runs; watch.call(c -> c.fetchEnvelope(...)) between IDLE rounds
 * }
 * }</pre>
 *
 * <p>Several mailboxes on one connection: {@link Builder#alsoWatch} names mailboxes watched besides the selected one,
 * reported as {@link WatchEvent.MailboxStatusChanged} (their counters MESSAGES, UIDNEXT, UNSEEN, UIDVALIDITY and,
 * with CONDSTORE, HIGHESTMODSEQ), once per change. When the server offers NOTIFY (RFC 5465), each connection sends
 * {@code NOTIFY SET (selected (MessageNew MessageExpunge FlagChange)) (mailboxes (...) (MessageNew MessageExpunge
 * FlagChange))}: the server pushes an unsolicited STATUS when one of them changes, which ends the IDLE round; the
 * watch then asks that mailbox's STATUS and compares it with the counters it knows. Without NOTIFY (or with
 * {@link Builder#useNotify(boolean) useNotify(false)}) the fallback is polling: the IDLE round ends every
 * {@link Builder#statusPollInterval} and the watch asks each other mailbox's STATUS on the same connection, so one
 * connection still serves them all, with a detection delay of up to that interval. After a reconnect the same
 * STATUS comparison reports what changed while the link was down. The first look at each mailbox is the baseline; a
 * mailbox whose STATUS is refused (it does not exist) is skipped until it answers, and a refused NOTIFY means polling.
 * Their counters are kept in memory only (not in the {@link SyncStateStore}).
 *
 * <p>Threading: each watch has one thread of its own ({@code imap4j-watch}), which owns the connection, runs the
 * reconnect back-off, and calls the listener, one event at a time, in order. A listener may call {@link #call} (it
 * runs at once, on that thread). A second daemon thread ({@code imap4j-watch-clock}) compares the wall clock with the
 * monotonic one every {@code clockCheck} and, after a jump (suspend and resume), has the link checked at once.
 *
 * <p>Exactly once: changes are found by comparing the server's state with the known {@link SyncState} (kept in a
 * {@link SyncStateStore}), so a change seen live and again in a resynchronisation is reported once. The state is
 * saved after the events of each synchronisation were delivered: within a process nothing is lost or repeated;
 * after a crash of the application between delivery and save, the events of that one synchronisation come again.
 */
public final class MailboxWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.imap4j.session");

    /** Which resynchronisation the watch may use. */
    public enum Resync {
        /** QRESYNC when the server offers it, else CONDSTORE, else the full comparison (the default). */
        AUTO,
        /** CONDSTORE when offered, never QRESYNC. */
        CONDSTORE,
        /** The full UID/FLAGS comparison, whatever the server offers. */
        FULL
    }

    private final ImapClientConfig config;
    private final SessionAuthenticator authenticator;
    private final MailboxName mailbox;
    private final Consumer<WatchEvent> listener;
    private final SyncStateStore store;
    private final String storeKey;
    private final ReconnectPolicy policy;
    private final Resync resync;
    private final Duration pollInterval;
    private final boolean poll;
    private final boolean compress;
    private final List<String> enable;
    private final Duration clockCheck;
    private final Duration clockSkew;
    private final Clock wall;
    private final LongSupplier nanoTime;
    private final List<MailboxName> others;
    private final boolean useNotify;
    private final Duration statusPollInterval;

    private final Thread thread;
    private final ScheduledExecutorService clock;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean jumped = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Task<?>> tasks = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean closed;
    private volatile Idle current;
    private volatile boolean connected;
    private volatile String byeText;
    private volatile long skewNanos;
    /** Other watched mailboxes the server said changed (NOTIFY): asked for their STATUS next. */
    private final Set<MailboxName> othersChanged = ConcurrentHashMap.newKeySet();
    /** Whether the current connection has the server push the other mailboxes' changes (NOTIFY). */
    private volatile boolean notifying;
    /** The last counters reported of each other mailbox; touched only by the watch's thread. */
    private final Map<MailboxName, WatchEvent.MailboxStatusChanged> othersKnown = new java.util.HashMap<>();
    /** When the other mailboxes' STATUS is polled next (without NOTIFY), on {@code nanoTime}. */
    private long nextStatusPoll;
    /** The connected client; touched only by the watch's thread. */
    private ImapClient client;

    /** Known state of the mailbox; touched only by the watch's thread. */
    private long uidValidity;
    private long uidNext;
    private long highestModSeq;
    private final TreeMap<Long, Set<Flag>> known = new TreeMap<>();
    private boolean haveState;

    /** An operation queued for the watch's thread. */
    private static final class Task<T> {
        final Function<ImapClient, T> op;
        final boolean idempotent;
        final CompletableFuture<T> result = new CompletableFuture<>();
        int runs;

        Task(Function<ImapClient, T> op, boolean idempotent) {
            this.op = op;
            this.idempotent = idempotent;
        }
    }

    private MailboxWatch(Builder b) {
        this.authenticator = b.authenticator;
        this.mailbox = b.mailbox;
        this.listener = b.listener;
        this.store = b.store;
        this.policy = b.policy;
        this.resync = b.resync;
        this.pollInterval = b.pollInterval;
        this.poll = b.poll;
        this.compress = b.compress;
        this.enable = List.copyOf(b.enable);
        this.clockCheck = b.clockCheck;
        this.clockSkew = b.clockSkew;
        this.wall = b.wall;
        this.nanoTime = b.nanoTime;
        this.others = List.copyOf(new java.util.LinkedHashSet<>(b.others));
        this.useNotify = b.notify;
        this.statusPollInterval = b.statusPollInterval;
        if (others.contains(mailbox)) {
            throw new IllegalArgumentException("the selected mailbox is watched anyway: " + mailbox.name());
        }
        ImapClientConfig base = b.config;
        MailboxListener user = base.listener();
        this.config = new ImapClientConfig(base.transportOptions(), base.transport(),
                base.allowCleartextPasswords(), new Relay(user), base.maxInMemoryBody(), base.strictResponses(),
                base.maxScramIterations(), base.deliveryExecutor());
        this.storeKey = b.storeKey != null ? b.storeKey
                : base.transportOptions().host() + ":" + base.transportOptions().port() + "/" + mailbox.name();
        this.thread = new Thread(this::run, "imap4j-watch");
        this.thread.setDaemon(true);
        this.clock = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "imap4j-watch-clock");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param config        how to connect (host, TLS, transport, deadlines, {@code liveness}); its listener still
     *                      hears the raw events of each connection
     * @param authenticator how each new connection authenticates
     * @return a builder
     */
    public static Builder builder(ImapClientConfig config, SessionAuthenticator authenticator) {
        return new Builder(config, authenticator);
    }

    // ------------------------------------------------------------------ public API

    /**
     * Waits until the first connection is up and the mailbox synchronised.
     *
     * @param limit the longest wait
     * @return whether it is, within {@code limit}
     */
    public boolean awaitConnected(Duration limit) {
        try {
            firstConnect.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return whether a connection is up now (authenticated, the mailbox selected) */
    public boolean isConnected() {
        return connected;
    }

    /**
     * Runs an operation on the watch's connection between IDLE rounds, and waits for it. It is never run twice: if
     * the link dies while it is in flight it fails with an {@link ImapConnectionLostException} (retryable; see there
     * which operations are safe to repeat). Queued while the watch reconnects.
     *
     * @param op  what to do with the client (not to keep the client beyond the call)
     * @param <T> its result
     * @return its result
     * @throws ImapConnectionLostException if the link died under it, or the watch was closed
     * @throws ImapException what the operation threw otherwise (a refusal is not retried)
     */
    public <T> T call(Function<ImapClient, T> op) {
        return join(submit(op, false));
    }

    /**
     * Runs an idempotent operation (FETCH, SEARCH, STATUS, LIST, NOOP, STORE of flags, UID EXPUNGE of given UIDs):
     * if the link dies under it, it runs again on the next connection, up to the policy's
     * {@link ReconnectPolicy#maxRetries()} times, then fails with an {@link ImapConnectionLostException}.
     *
     * @param op  what to do with the client; must be safe to repeat
     * @param <T> its result
     * @return its result
     */
    public <T> T callIdempotent(Function<ImapClient, T> op) {
        return join(submit(op, true));
    }

    /**
     * The asynchronous form of {@link #call} and {@link #callIdempotent}.
     *
     * @param op         what to do with the client
     * @param idempotent whether it may be run again after a lost connection
     * @param <T>        its result
     * @return completes with its result, or with the error ({@link ImapConnectionLostException} when the link died)
     */
    public <T> CompletableFuture<T> submit(Function<ImapClient, T> op, boolean idempotent) {
        Task<T> t = new Task<>(Objects.requireNonNull(op, "op"), idempotent);
        if (Thread.currentThread() == thread && client != null) {
            run(t, client); // from the listener: at once, on this thread (queuing would wait for itself)
            return t.result;
        }
        if (closed) {
            t.result.completeExceptionally(new ImapConnectionLostException("the watch is closed", null));
            return t.result;
        }
        tasks.add(t);
        nudge();
        return t.result;
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** @return a snapshot of what the watch knows of the mailbox (from the store before the first connection) */
    public java.util.Optional<SyncState> state() {
        return store.load(storeKey);
    }

    /**
     * @return whether the current connection has the server push the changes of the {@link Builder#alsoWatch other
     *         mailboxes} (NOTIFY, RFC 5465); {@code false} while disconnected, without other mailboxes, or while they
     *         are polled with STATUS
     */
    public boolean notifying() {
        return notifying;
    }

    /** @return the key the watch's state is stored under */
    public String storeKey() {
        return storeKey;
    }

    /**
     * Stops: the current IDLE ends, the session logs out, queued operations fail with an
     * {@link ImapConnectionLostException}, the listener hears {@link WatchEvent.Stopped}. Waits up to 10 seconds.
     */
    @Override
    public void close() {
        closed = true;
        nudge();
        clock.shutdownNow();
        if (Thread.currentThread() != thread) {
            try {
                stopped.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                thread.interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ the watch's thread

    private MailboxWatch begin() {
        store.load(storeKey).ifPresent(s -> {
            uidValidity = s.uidValidity();
            uidNext = s.uidNext();
            highestModSeq = s.highestModSeq();
            known.putAll(s.messages());
            haveState = true;
        });
        thread.start();
        long period = clockCheck.toNanos();
        long[] last = {wall.millis(), nanoTime.getAsLong()};
        clock.scheduleAtFixedRate(() -> {
            long w = wall.millis();
            long n = nanoTime.getAsLong();
            long skew = (w - last[0]) * 1_000_000L - (n - last[1]);
            last[0] = w;
            last[1] = n;
            if (Math.abs(skew) >= clockSkew.toNanos()) {
                skewNanos = skew;
                jumped.set(true);
                nudge();
            }
        }, period, period, TimeUnit.NANOSECONDS);
        return this;
    }

    /** Wakes the watch's thread: ends the IDLE round, or the wait between polls or reconnects. */
    private void nudge() {
        wake.release();
        Idle i = current;
        if (i != null) {
            i.done();
        }
    }

    private void emit(WatchEvent e) {
        try {
            listener.accept(e);
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "a watch listener threw on " + e.getClass().getSimpleName(), ex);
        }
    }

    private void run() {
        int attempt = 0;
        boolean busy = false;
        ImapException last = null;
        try {
            while (!closed) {
                if (attempt > 0) {
                    Duration d = policy.delay(attempt, busy, ThreadLocalRandom.current().nextDouble());
                    emit(new WatchEvent.Reconnecting(attempt, d, busy));
                    pause(d);
                    if (closed) {
                        break;
                    }
                }
                ImapClient c = null;
                try {
                    byeText = null;
                    c = ImapClient.connect(config);
                    authenticator.authenticate(c);
                    restore(c);
                    connected = true;
                    client = c;
                    sync(c, attempt);
                    watchOthers(c);
                    attempt = 0;
                    busy = false;
                    firstConnect.complete(null);
                    serve(c);
                } catch (RuntimeException x) {
                    ImapException e = x instanceof ImapException ie ? ie
                            : new ImapConnectionLostException("the watch failed: " + x, null);
                    if (!(x instanceof ImapException)) {
                        LOG.log(System.Logger.Level.WARNING, "the watch failed unexpectedly", x);
                    }
                    connected = false;
                    last = e;
                    if (closed) {
                        break;
                    }
                    if (attempt == 0) {
                        emit(new WatchEvent.Disconnected(e));
                    }
                    busy = busy(e, byeText);
                    attempt++;
                    if (!policy.mayRetry(attempt)) {
                        break;
                    }
                } finally {
                    current = null;
                    client = null;
                    notifying = false;
                    if (c != null) {
                        closeQuietly(c, closed && connected);
                    }
                    connected = false;
                }
            }
        } finally {
            clock.shutdownNow();
            Task<?> t;
            while ((t = tasks.poll()) != null) {
                t.result.completeExceptionally(new ImapConnectionLostException("the watch stopped", last));
            }
            emit(new WatchEvent.Stopped(closed ? null : last));
            firstConnect.completeExceptionally(last != null ? last
                    : new ImapConnectionLostException("the watch stopped", null));
            stopped.complete(null);
        }
    }

    private static void closeQuietly(ImapClient c, boolean logout) {
        try {
            if (logout) {
                c.logout();
            }
        } catch (ImapException e) {
            // ending anyway
        }
        try {
            c.close();
        } catch (ImapException e) {
            // ending anyway
        }
    }

    private void pause(Duration d) {
        long end = nanoTime.getAsLong() + d.toNanos();
        long left;
        while (!closed && (left = end - nanoTime.getAsLong()) > 0) {
            try {
                wake.tryAcquire(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** ENABLE what was asked for, COMPRESS when asked for and offered. The mailbox is selected by the sync. */
    private void restore(ImapClient c) {
        List<String> wanted = new ArrayList<>(enable);
        if (!wanted.isEmpty() && c.hasCapability("ENABLE")) {
            c.enable(wanted.toArray(String[]::new));
        }
        if (compress && c.hasCapability("COMPRESS=DEFLATE")) {
            c.compress();
        }
    }

    private boolean useQresync(ImapClient c) {
        if (resync != Resync.AUTO || !c.hasCapability("QRESYNC")) {
            return false;
        }
        if (c.profile().family() == ServerProfile.Family.ICLOUD) {
            c.session().fallback(Fallback.Kind.QUIRK, "SELECT", "", "iCloud's QRESYNC is not to be trusted (ENABLE "
                    + "answered without ENABLED, malformed VANISHED): CONDSTORE and a UID comparison instead (quirk "
                    + "icloud-qresync-unreliable)");
            return false;
        }
        return true;
    }

    private boolean useCondstore(ImapClient c) {
        return resync != Resync.FULL && (c.hasCapability("CONDSTORE") || c.hasCapability("QRESYNC"));
    }

    /** The connection's first synchronisation: select the mailbox and find what changed since the known state. */
    private void sync(ImapClient c, int attempt) {
        dirty.set(false);
        boolean condstore = useCondstore(c);
        SelectResult s;
        WatchEvent.Method method;
        Counts n = new Counts();
        boolean qresync = useQresync(c); // asked on every connection, so that a quirk is reported on each
        if (haveState && qresync && highestModSeq > 0) {
            Command.Qresync q = new Command.Qresync(uidValidity, highestModSeq,
                    known.isEmpty() ? null : SequenceSet.of(known.keySet()), null, null);
            s = c.select(mailbox, false, q);
            method = WatchEvent.Method.QRESYNC;
        } else {
            s = condstore ? c.select(mailbox, true, null) : c.select(mailbox);
            method = condstore && haveState && highestModSeq > 0 ? WatchEvent.Method.CONDSTORE
                    : WatchEvent.Method.FULL;
        }
        long validity = s.uidValidity().orElse(0);
        if (attempt > 0) {
            emit(new WatchEvent.Reconnected(attempt));
        }
        if (!haveState || validity != uidValidity) {
            if (haveState) {
                emit(new WatchEvent.UidValidityChanged(uidValidity, validity, s.exists()));
            }
            known.clear();
            for (Map.Entry<Long, FetchResult> e : c.fetchFlags(SequenceSet.parse("1:*")).entrySet()) {
                known.put(uidOf(e), SyncState.withoutRecent(flagsOf(e.getValue())));
            }
            uidValidity = validity;
            uidNext = s.uidNext().orElse(known.isEmpty() ? 1 : known.lastKey() + 1);
            highestModSeq = s.highestModSeq().orElse(0);
            haveState = true;
            save();
            emit(new WatchEvent.Resynced(WatchEvent.Method.BASELINE, 0, 0, 0));
            return;
        }
        long previousNext = uidNext;
        if (method == WatchEvent.Method.QRESYNC) {
            for (SequenceSet.Range r : s.vanished() == null ? List.<SequenceSet.Range>of() : s.vanished().ranges()) {
                for (long uid = r.low(); uid <= r.high() && uid != SequenceSet.STAR; uid++) {
                    if (known.containsKey(uid)) {
                        expunge(uid, n);
                    }
                }
            }
            for (FetchResult f : s.changed()) {
                if (f.uid().isPresent() && f.flags().isPresent()) {
                    see(f.uid().getAsLong(), f.flags().get(), n);
                }
            }
            fetchNewSince(c, previousNext, n);
        } else if (method == WatchEvent.Method.CONDSTORE) {
            condstore(c, n);
        } else {
            full(c, n);
        }
        uidNext = Math.max(s.uidNext().orElse(uidNext), known.isEmpty() ? uidNext : known.lastKey() + 1);
        highestModSeq = Math.max(highestModSeq, s.highestModSeq().orElse(0));
        save();
        emit(new WatchEvent.Resynced(method, n.added, n.expunged, n.changed));
    }

    /** A change was pushed on the live connection: find it by the same comparison (never double-reported). */
    private void resyncLive(ImapClient c) {
        Counts n = new Counts();
        if (useCondstore(c) && highestModSeq > 0) {
            condstore(c, n);
        } else {
            full(c, n);
        }
        if (n.added + n.expunged + n.changed > 0) {
            uidNext = Math.max(uidNext, known.isEmpty() ? uidNext : known.lastKey() + 1);
            save();
        }
    }

    private void condstore(ImapClient c, Counts n) {
        FetchResults changed = c.fetchChangedSince(SequenceSet.parse("1:*"), highestModSeq,
                FetchAttribute.Item.FLAGS);
        Set<Long> present = new HashSet<>(c.search(SearchKey.all()).ids());
        for (Long uid : new ArrayList<>(known.keySet())) {
            if (!present.contains(uid)) {
                expunge(uid, n);
            }
        }
        long top = highestModSeq;
        TreeMap<Long, List<Flag>> seen = new TreeMap<>();
        for (Map.Entry<Long, FetchResult> e : changed.entrySet()) {
            long uid = uidOf(e);
            if (present.contains(uid)) {
                seen.put(uid, flagsOf(e.getValue()));
            }
            top = Math.max(top, e.getValue().modSeq().orElse(0));
        }
        TreeSet<Long> missing = new TreeSet<>();
        for (Long uid : present) {
            if (!known.containsKey(uid) && !seen.containsKey(uid)) {
                missing.add(uid);
            }
        }
        if (!missing.isEmpty()) {
            for (Map.Entry<Long, FetchResult> e : c.fetchFlags(SequenceSet.of(missing)).entrySet()) {
                seen.put(uidOf(e), flagsOf(e.getValue()));
            }
        }
        seen.forEach((uid, flags) -> see(uid, flags, n));
        highestModSeq = top;
    }

    private void full(ImapClient c, Counts n) {
        TreeMap<Long, List<Flag>> now = new TreeMap<>();
        for (Map.Entry<Long, FetchResult> e : c.fetchFlags(SequenceSet.parse("1:*")).entrySet()) {
            now.put(uidOf(e), flagsOf(e.getValue()));
        }
        for (Long uid : new ArrayList<>(known.keySet())) {
            if (!now.containsKey(uid)) {
                expunge(uid, n);
            }
        }
        now.forEach((uid, flags) -> see(uid, flags, n));
    }

    /** New messages QRESYNC may not have listed as changed: {@code UID FETCH next:* (FLAGS)}. */
    private void fetchNewSince(ImapClient c, long next, Counts n) {
        TreeMap<Long, List<Flag>> fresh = new TreeMap<>();
        for (Map.Entry<Long, FetchResult> e : c.fetchFlags(SequenceSet.range(Math.max(1, next), SequenceSet.STAR))
                .entrySet()) {
            long uid = uidOf(e);
            if (uid >= next && !known.containsKey(uid)) { // n:* also answers the last message when n is past it
                fresh.put(uid, flagsOf(e.getValue()));
            }
        }
        fresh.forEach((uid, flags) -> see(uid, flags, n));
    }

    private static long uidOf(Map.Entry<Long, FetchResult> e) {
        return e.getValue().uid().orElse(e.getKey());
    }

    private static List<Flag> flagsOf(FetchResult r) {
        return r.flags().orElse(List.of());
    }

    private void expunge(long uid, Counts n) {
        if (known.remove(uid) != null) {
            n.expunged++;
            emit(new WatchEvent.Expunged(uid));
        }
    }

    private void see(long uid, List<Flag> flags, Counts n) {
        Set<Flag> now = SyncState.withoutRecent(flags);
        Set<Flag> before = known.put(uid, now);
        if (before == null) {
            n.added++;
            emit(new WatchEvent.NewMessage(uid, now));
        } else if (!before.equals(now)) {
            n.changed++;
            emit(new WatchEvent.FlagsChanged(uid, now));
        }
    }

    private void save() {
        store.save(storeKey, new SyncState(mailbox.name(), uidValidity, uidNext, highestModSeq, known));
    }

    /**
     * After the selected mailbox's synchronisation: {@code NOTIFY SET} for the other mailboxes when offered (and not
     * refused by the builder), then each one's STATUS compared with the known counters. NOTIFY goes first, so a change
     * made between the two is either in the STATUS or pushed after it (and then compared again: never reported twice).
     */
    private void watchOthers(ImapClient c) {
        if (others.isEmpty()) {
            return;
        }
        if (useNotify && c.hasCapability("NOTIFY")) {
            List<NotifyGroup.Event> events = List.of(NotifyGroup.Event.MESSAGE_NEW,
                    NotifyGroup.Event.MESSAGE_EXPUNGE, NotifyGroup.Event.FLAG_CHANGE);
            try {
                c.notifySet(List.of(new NotifyGroup(NotifyGroup.Filter.SELECTED, List.of(), events),
                        new NotifyGroup(NotifyGroup.Filter.MAILBOXES, others, events)), false);
                notifying = true;
            } catch (ImapCommandException e) {
                // refused (a BADEVENT, a name it does not take): the other mailboxes are polled instead
                LOG.log(System.Logger.Level.WARNING, "NOTIFY refused; polling the other mailboxes with STATUS", e);
            }
        }
        othersChanged.clear();
        statusOfOthers(c, others);
    }

    /** Asks each mailbox's STATUS; reports those whose counters differ from the known ones (none the first time). */
    private void statusOfOthers(ImapClient c, java.util.Collection<MailboxName> boxes) {
        boolean modSeq = c.hasCapability("CONDSTORE") || c.hasCapability("QRESYNC");
        StatusAttribute[] asked = modSeq
                ? new StatusAttribute[] {StatusAttribute.MESSAGES, StatusAttribute.UIDNEXT, StatusAttribute.UNSEEN,
                    StatusAttribute.UIDVALIDITY, StatusAttribute.HIGHESTMODSEQ}
                : new StatusAttribute[] {StatusAttribute.MESSAGES, StatusAttribute.UIDNEXT, StatusAttribute.UNSEEN,
                    StatusAttribute.UIDVALIDITY};
        for (MailboxName box : boxes) {
            StatusResult r;
            try {
                r = c.status(box, asked);
            } catch (ImapCommandException e) {
                // a mailbox that is gone (or not yet created) is no reason to drop the connection; asked again later
                LOG.log(System.Logger.Level.DEBUG, "STATUS of a watched mailbox refused", e);
                continue;
            }
            WatchEvent.MailboxStatusChanged now = new WatchEvent.MailboxStatusChanged(box,
                    r.get(StatusItem.Kind.MESSAGES).orElse(0), r.get(StatusItem.Kind.UIDNEXT).orElse(0),
                    r.get(StatusItem.Kind.UNSEEN).orElse(0), r.get(StatusItem.Kind.UIDVALIDITY).orElse(0),
                    r.get(StatusItem.Kind.HIGHESTMODSEQ).orElse(0));
            WatchEvent.MailboxStatusChanged before = othersKnown.put(box, now);
            if (before != null && !before.equals(now)) {
                emit(now);
            }
        }
        nextStatusPoll = nanoTime.getAsLong() + statusPollInterval.toNanos();
    }

    /** @return whether the other mailboxes are polled with STATUS on this connection (no NOTIFY) */
    private boolean pollingOthers() {
        return !others.isEmpty() && !notifying;
    }

    /** Counts of one synchronisation's events. */
    private static final class Counts {
        int added;
        int expunged;
        int changed;
    }

    /** The connected loop: queued operations, live resyncs, liveness checks, IDLE rounds or NOOP polls. */
    private void serve(ImapClient c) {
        boolean idle = !poll && c.hasCapability("IDLE");
        if (!idle) {
            c.session().fallback(Fallback.Kind.IDLE_POLLING, "IDLE", poll ? "" : "IDLE",
                    (poll ? "polling asked for" : "IDLE not offered") + ": NOOP every " + pollInterval
                            + " between checks, so changes are seen up to that late");
        }
        while (!closed) {
            runTasks(c);
            if (jumped.getAndSet(false)) {
                emit(new WatchEvent.ClockJumped(Duration.ofNanos(Math.abs(skewNanos))));
                c.noop(); // the liveness check: a dead link fails it within the read timeout
            }
            if (dirty.getAndSet(false)) {
                resyncLive(c);
                continue;
            }
            if (!othersChanged.isEmpty()) {
                List<MailboxName> changed = new ArrayList<>();
                for (MailboxName m : others) {
                    if (othersChanged.remove(m)) {
                        changed.add(m);
                    }
                }
                statusOfOthers(c, changed);
                continue;
            }
            if (pollingOthers() && nanoTime.getAsLong() - nextStatusPoll >= 0) {
                statusOfOthers(c, others);
                continue;
            }
            if (idle) {
                wake.drainPermits();
                Idle i = c.idle();
                current = i;
                if (closed || dirty.get() || jumped.get() || !tasks.isEmpty() || !othersChanged.isEmpty()) {
                    i.done();
                }
                if (pollingOthers()) {
                    i.await(Duration.ofNanos(Math.max(0, nextStatusPoll - nanoTime.getAsLong())));
                } else {
                    i.await();
                }
                current = null;
            } else {
                wake.drainPermits();
                pause(pollingOthers() ? Duration.ofNanos(Math.max(0, Math.min(pollInterval.toNanos(),
                        nextStatusPoll - nanoTime.getAsLong()))) : pollInterval);
                if (!closed) {
                    c.noop(); // unsolicited changes come with its answer and mark the mailbox dirty
                }
            }
        }
    }

    private void runTasks(ImapClient c) {
        Task<?> t;
        while ((t = tasks.poll()) != null) {
            run(t, c);
        }
    }

    private <T> void run(Task<T> t, ImapClient c) {
        t.runs++;
        try {
            t.result.complete(t.op.apply(c));
        } catch (ImapConnectionException e) {
            if (e instanceof ImapConnectionLostException) {
                t.result.completeExceptionally(e);
                return;
            }
            if (t.idempotent && t.runs <= policy.maxRetries()) {
                tasks.add(t); // runs again on the next connection
            } else {
                t.result.completeExceptionally(new ImapConnectionLostException("the connection was lost while the"
                        + " operation was in flight" + (t.idempotent ? " (retried " + (t.runs - 1) + " times)" : ""),
                        e));
            }
            throw e; // the connection is gone: reconnect
        } catch (ImapProtocolException e) {
            t.result.completeExceptionally(e);
            throw e;
        } catch (RuntimeException e) {
            t.result.completeExceptionally(e);
        }
    }

    /** Whether the server said it is unavailable or has too many connections: wait longer before the next try. */
    static boolean busy(ImapException e, String bye) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ImapCommandException ce && ce.code() instanceof ResponseCode.Simple s
                    && (s.kind() == ResponseCode.Kind.UNAVAILABLE || s.kind() == ResponseCode.Kind.LIMIT)) {
                return true;
            }
            if (mentionsBusy(t.getMessage())) {
                return true;
            }
        }
        return mentionsBusy(bye);
    }

    private static boolean mentionsBusy(String text) {
        if (text == null) {
            return false;
        }
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains("[unavailable]") || t.contains("too many") || t.contains("[limit]")
                || t.contains("maximum number of connections") || t.contains("try again later")
                || t.contains("server shutting down") || t.contains("server is busy");
    }

    /** The listener of every connection the watch makes: changes mark the mailbox dirty and end the IDLE round. */
    private final class Relay implements MailboxListener {
        private final MailboxListener user;

        Relay(MailboxListener user) {
            this.user = user;
        }

        private void changed() {
            dirty.set(true);
            nudge();
        }

        @Override
        public void newMessages(long exists, long recent) {
            user.newMessages(exists, recent);
            changed();
        }

        @Override
        public void expunged(long seq) {
            user.expunged(seq);
            changed();
        }

        @Override
        public void vanished(SequenceSet uids, boolean earlier) {
            user.vanished(uids, earlier);
            if (!earlier) {
                changed();
            }
        }

        @Override
        public void flagsChanged(FlagUpdate update) {
            user.flagsChanged(update);
            changed();
        }

        @Override
        public void modeChanged(boolean writable) {
            user.modeChanged(writable);
        }

        @Override
        public void mailboxStatus(MailboxName box, List<StatusItem> items) {
            user.mailboxStatus(box, items);
            if (others.contains(box)) {
                othersChanged.add(box);
                nudge();
            }
        }

        @Override
        public void alert(String text) {
            user.alert(text);
            if (mentionsBusy(text)) {
                byeText = text;
            }
        }

        @Override
        public void bye(String text) {
            user.bye(text);
            byeText = text;
        }

        @Override
        public void unreadableResponse(ImapProtocolException error) {
            user.unreadableResponse(error);
        }

        @Override
        public void closed(ImapException cause) {
            user.closed(cause);
        }

        @Override
        public void fallback(Fallback fallback) {
            user.fallback(fallback);
        }
    }

    /** Builds a {@link MailboxWatch}; every setter returns the builder. */
    public static final class Builder {
        private final ImapClientConfig config;
        private final SessionAuthenticator authenticator;
        private MailboxName mailbox = MailboxName.of("INBOX");
        private Consumer<WatchEvent> listener = e -> {
        };
        private SyncStateStore store = SyncStateStore.inMemory();
        private String storeKey;
        private ReconnectPolicy policy = ReconnectPolicy.defaults();
        private Resync resync = Resync.AUTO;
        private Duration pollInterval = Duration.ofMinutes(1);
        private boolean poll;
        private boolean compress;
        private final List<String> enable = new ArrayList<>();
        private Duration clockCheck = Duration.ofSeconds(10);
        private Duration clockSkew = Duration.ofSeconds(15);
        private Clock wall = Clock.systemUTC();
        private LongSupplier nanoTime = System::nanoTime;
        private final List<MailboxName> others = new ArrayList<>();
        private boolean notify = true;
        private Duration statusPollInterval = Duration.ofMinutes(1);

        private Builder(ImapClientConfig config, SessionAuthenticator authenticator) {
            this.config = Objects.requireNonNull(config, "config");
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        }

        /**
         * @param v the mailbox to watch (default INBOX)
         * @return this
         */
        public Builder mailbox(String v) {
            return mailbox(MailboxName.of(v));
        }

        /**
         * @param v the mailbox to watch (default INBOX)
         * @return this
         */
        public Builder mailbox(MailboxName v) {
            mailbox = Objects.requireNonNull(v, "mailbox");
            return this;
        }

        /**
         * Watches these mailboxes too, on the same connection, reported as {@link WatchEvent.MailboxStatusChanged}:
         * pushed by the server with NOTIFY (RFC 5465) when it offers it, else polled with STATUS every
         * {@link #statusPollInterval}.
         *
         * @param v mailboxes other than the {@link #mailbox selected} one
         * @return this
         */
        public Builder alsoWatch(List<MailboxName> v) {
            for (MailboxName m : v) {
                others.add(Objects.requireNonNull(m, "mailbox"));
            }
            return this;
        }

        /**
         * @param v mailboxes other than the selected one (see {@link #alsoWatch(List)})
         * @return this
         */
        public Builder alsoWatch(MailboxName... v) {
            return alsoWatch(List.of(v));
        }

        /**
         * @param v whether to use NOTIFY for the {@link #alsoWatch other mailboxes} when the server offers it
         *          (default on); off, they are polled with STATUS as on a server without NOTIFY
         * @return this
         */
        public Builder useNotify(boolean v) {
            notify = v;
            return this;
        }

        /**
         * @param v how often the {@link #alsoWatch other mailboxes} are polled with STATUS when NOTIFY is not used
         *          (default 1 min): the IDLE round ends that often
         * @return this
         */
        public Builder statusPollInterval(Duration v) {
            statusPollInterval = Objects.requireNonNull(v, "statusPollInterval");
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException("statusPollInterval must be positive: " + v);
            }
            return this;
        }

        /**
         * @param v receives every {@link WatchEvent}, on the watch's thread, in order
         * @return this
         */
        public Builder listener(Consumer<WatchEvent> v) {
            listener = Objects.requireNonNull(v, "listener");
            return this;
        }

        /**
         * @param v where the mailbox's sync state is kept (default: in memory); a file store lets the application
         *          resume after a restart, reporting what changed meanwhile
         * @return this
         */
        public Builder store(SyncStateStore v) {
            store = Objects.requireNonNull(v, "store");
            return this;
        }

        /**
         * @param v the key the state is stored under (default {@code host:port/mailbox}; include the user when
         *          several accounts share a store)
         * @return this
         */
        public Builder storeKey(String v) {
            storeKey = Objects.requireNonNull(v, "storeKey");
            return this;
        }

        /**
         * @param v the reconnect back-off (default {@link ReconnectPolicy#defaults()})
         * @return this
         */
        public Builder policy(ReconnectPolicy v) {
            policy = Objects.requireNonNull(v, "policy");
            return this;
        }

        /**
         * @param v which resynchronisation may be used (default {@link Resync#AUTO}); the others force a plainer
         *          one, for servers whose QRESYNC or CONDSTORE is broken
         * @return this
         */
        public Builder resync(Resync v) {
            resync = Objects.requireNonNull(v, "resync");
            return this;
        }

        /**
         * @param v poll with NOOP at this interval instead of IDLE (always, when the server lacks IDLE; default
         *          interval 1 min)
         * @return this
         */
        public Builder pollInterval(Duration v) {
            pollInterval = Objects.requireNonNull(v, "pollInterval");
            return this;
        }

        /**
         * @param v whether to poll with NOOP even when the server offers IDLE (default off)
         * @return this
         */
        public Builder poll(boolean v) {
            poll = v;
            return this;
        }

        /**
         * @param v whether each connection switches COMPRESS=DEFLATE on when offered (default off)
         * @return this
         */
        public Builder compress(boolean v) {
            compress = v;
            return this;
        }

        /**
         * @param capabilities extensions each connection ENABLEs (QRESYNC/CONDSTORE are enabled as the
         *                     resynchronisation needs)
         * @return this
         */
        public Builder enable(String... capabilities) {
            enable.addAll(List.of(capabilities));
            return this;
        }

        /**
         * @param every how often the wall clock is compared with the monotonic clock (default 10 s)
         * @param skew  how far they may drift apart before the link is checked (default 15 s)
         * @return this
         */
        public Builder clockCheck(Duration every, Duration skew) {
            clockCheck = Objects.requireNonNull(every, "every");
            clockSkew = Objects.requireNonNull(skew, "skew");
            return this;
        }

        /** Test hook: the clocks the jump detection reads. */
        Builder clocks(Clock wallClock, LongSupplier monotonic) {
            wall = wallClock;
            nanoTime = monotonic;
            return this;
        }

        /** @return the watch, started: it connects on its own thread ({@link MailboxWatch#awaitConnected}) */
        public MailboxWatch start() {
            return new MailboxWatch(this).begin();
        }
    }
}
