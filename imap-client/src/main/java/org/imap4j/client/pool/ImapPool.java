package org.imap4j.client.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.codec.ImapInterruptedException;
import org.imap4j.codec.core.MailboxName;

/**
 * A pool of authenticated connections to one account, capped at {@link PoolConfig#maxConnections()}.
 *
 * <pre>{@code
 * ImapClientConfig cfg = ImapClient.builder("imap.example.com").build();
 * try (ImapPool pool = ImapPool.create(cfg, c -> c.authenticate("me@example.com", tokens))) {
 *     int n = pool.withLease(MailboxName.INBOX, lease -> lease.client().search(SearchKey.unseen()).ids().size());
 * }
 * }</pre>
 *
 * <ul>
 * <li><b>Leases.</b> {@link #lease(MailboxName)} lends a connection with the mailbox selected (or, for {@code null},
 *     in whatever state it was returned), waiting up to the lease timeout when all are lent. Return it with
 *     {@link Lease#close()}. Waiters are not served in strict arrival order.</li>
 * <li><b>Mailbox affinity.</b> A lease for mailbox M takes an idle connection that has M selected when there is one
 *     (no SELECT sent), else the most recently returned idle connection, else a new connection while under the cap.
 *     Change the mailbox of a lent connection with {@link Lease#select(MailboxName)} so the pool knows it.</li>
 * <li><b>IDLE.</b> Connections in the pool are never in IDLE. A job that IDLEs with {@link Lease#idle()} may return
 *     its lease while idling: the pool ends the IDLE cleanly ({@code DONE}) before the connection is lent again,
 *     and replaces the connection if that fails.</li>
 * <li><b>Health.</b> A connection unused for longer than {@link PoolConfig#healthCheckAfter()} gets a {@code NOOP}
 *     before it is lent; a connection that fails it, or is no longer authenticated (lost, BYE), is closed and
 *     another one is taken or opened. {@link Lease#invalidate()} reports a broken connection.</li>
 * <li><b>No deadlock from nested leases.</b> A thread that holds a lease and asks for another while the pool is at
 *     its cap with nothing idle fails at once with {@link PoolException.Reason#NESTED_LEASE_AT_CAP} instead of
 *     waiting for itself. (A job that hands work to another thread and waits for it can still wait for itself;
 *     such a job should lease for that work before it waits.)</li>
 * <li><b>Threads.</b> The pool has none: connecting, authenticating, health checks and LOGOUT run on the caller's
 *     thread ({@link #lease}, {@link Lease#close()}, {@link #shutdown}).</li>
 * <li><b>Shutdown.</b> {@link #shutdown(Duration)} refuses new leases, waits for lent connections up to the
 *     deadline, then LOGOUTs every idle connection and closes the ones still lent.</li>
 * </ul>
 */
public final class ImapPool implements AutoCloseable {
    private final ImapClientConfig clientConfig;
    private final ClientAuthenticator authenticator;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Idle connections, most recently returned first. */
    private final ArrayDeque<Pooled> idle = new ArrayDeque<>();
    private final Set<Pooled> leased = new HashSet<>();
    /** How many leases each thread holds (a nested lease at the cap fails fast). */
    private final ThreadLocal<AtomicInteger> held = ThreadLocal.withInitial(AtomicInteger::new);
    private int open;
    private int connecting;
    private int waiting;
    private int maxOpen;
    private long created;
    private long replaced;
    private long affinityHits;
    private long selects;
    private boolean closed;
    /** The settings; the cap may change (see {@link #config()}), under the lock. */
    private volatile PoolConfig config;
    /** Whether the cap is still to be set from the first connection's server family. */
    private boolean capFromProfile;
    private final List<org.imap4j.client.Fallback> fallbacks = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** One pooled connection; its fields are guarded by the lease that holds it, or by the pool's lock. */
    static final class Pooled {
        final ImapClient client;
        MailboxName selected;
        long lastUsedNanos;

        Pooled(ImapClient client) {
            this.client = client;
            this.lastUsedNanos = System.nanoTime();
        }
    }

    private ImapPool(ImapClientConfig clientConfig, ClientAuthenticator authenticator, PoolConfig config,
            boolean capFromProfile) {
        this.clientConfig = Objects.requireNonNull(clientConfig, "clientConfig");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.config = Objects.requireNonNull(config, "config");
        this.capFromProfile = capFromProfile;
    }

    /**
     * A pool with the defaults for the configured host ({@link PoolConfig#forHost(String)}). When the host name
     * does not tell a provider with a known limit, the first connection's detected server family
     * ({@link ImapClient#profile()}) does: a custom domain served by Gmail gets Gmail's cap
     * ({@link PoolConfig#defaultCap(org.imap4j.client.ServerProfile.Family)}), reported in {@link #fallbacks()}.
     *
     * @param clientConfig  how each connection is made
     * @param authenticator how each new connection authenticates
     * @return the pool; it opens connections when leases ask for them
     */
    public static ImapPool create(ImapClientConfig clientConfig, ClientAuthenticator authenticator) {
        String host = clientConfig.transportOptions().host();
        return new ImapPool(clientConfig, authenticator, PoolConfig.forHost(host),
                PoolConfig.defaultCap(host) == PoolConfig.DEFAULT_CAP);
    }

    /**
     * @param clientConfig  how each connection is made
     * @param authenticator how each new connection authenticates
     * @param config        the cap, timeouts and health check
     * @return the pool; it opens connections when leases ask for them
     */
    public static ImapPool create(ImapClientConfig clientConfig, ClientAuthenticator authenticator,
                                  PoolConfig config) {
        return new ImapPool(clientConfig, authenticator, config, false);
    }

    /**
     * @return the pool's settings: as given, except the cap, which the first connection's server family may have set
     *     (pools made with {@link #create(ImapClientConfig, ClientAuthenticator)}) and a server's refusal of one
     *     connection too many may have lowered (see {@link #fallbacks()})
     */
    public PoolConfig config() {
        return config;
    }

    /**
     * @return what the pool changed from its configuration because of what a server said, oldest first: the cap set
     *     from the detected server family, or lowered to the connections open when the server refused one more
     *     ({@link org.imap4j.client.Fallback.Kind#CONNECTION_CAP_LOWERED}); empty when nothing was
     */
    public List<org.imap4j.client.Fallback> fallbacks() {
        return List.copyOf(fallbacks);
    }

    /**
     * Leases a connection with the configured lease timeout.
     *
     * @param mailbox the mailbox the job works in (selected before the lease is given), or {@code null} for none
     * @return the lease; close it to give the connection back
     * @throws PoolException if no connection could be had
     * @throws org.imap4j.codec.ImapException if selecting the mailbox failed (the connection went back)
     */
    public Lease lease(MailboxName mailbox) {
        return lease(mailbox, config.leaseTimeout());
    }

    /**
     * Leases a connection.
     *
     * @param mailbox the mailbox the job works in (selected before the lease is given), or {@code null} for none
     * @param timeout how long to wait when every connection is lent
     * @return the lease; close it to give the connection back
     * @throws PoolException if no connection could be had: {@link PoolException.Reason#LEASE_TIMEOUT},
     *                       {@link PoolException.Reason#NESTED_LEASE_AT_CAP}, {@link PoolException.Reason#CLOSED},
     *                       {@link PoolException.Reason#CONNECT_FAILED}
     * @throws org.imap4j.codec.ImapException if selecting the mailbox failed (the connection went back)
     */
    public Lease lease(MailboxName mailbox, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Pooled p;
            boolean fresh;
            lock.lock();
            try {
                p = acquire(mailbox, deadline);
                fresh = p == null;
            } finally {
                lock.unlock();
            }
            if (fresh) {
                p = connect();
                if (p == null) {
                    continue; // the server refused one connection too many: the cap is lowered, wait for one
                }
            } else if (!healthy(p)) {
                discard(p);
                continue;
            }
            if (mailbox != null) {
                select(p, mailbox, fresh);
            }
            AtomicInteger mine = held.get();
            mine.incrementAndGet();
            return new Lease(this, p, mine);
        }
    }

    /**
     * Runs a job on a leased connection and gives the connection back, also when the job fails.
     *
     * @param mailbox the mailbox the job works in, or {@code null}
     * @param job     the job
     * @param <T>     the job's result
     * @return what the job returned
     * @throws PoolException if no connection could be had
     */
    public <T> T withLease(MailboxName mailbox, Job<T> job) {
        try (Lease lease = lease(mailbox)) {
            try {
                return job.run(lease);
            } catch (org.imap4j.codec.ImapConnectionException e) {
                lease.invalidate();
                throw e;
            }
        }
    }

    /**
     * Work done on a leased connection.
     *
     * @param <T> the result
     */
    @FunctionalInterface
    public interface Job<T> {
        /**
         * @param lease the lease (its connection has the requested mailbox selected)
         * @return the result
         */
        T run(Lease lease);
    }

    /** Under the lock: an idle connection (removed and counted as leased), or null after reserving a new one. */
    private Pooled acquire(MailboxName mailbox, long deadline) {
        while (true) {
            if (closed) {
                throw new PoolException(PoolException.Reason.CLOSED, "the pool is shut down", null);
            }
            Pooled p = takeIdle(mailbox);
            if (p != null) {
                leased.add(p);
                return p;
            }
            if (open < config.maxConnections()) {
                open++;
                connecting++;
                maxOpen = Math.max(maxOpen, open);
                return null;
            }
            if (held.get().get() > 0) {
                throw new PoolException(PoolException.Reason.NESTED_LEASE_AT_CAP, "this thread holds "
                        + held.get().get() + " lease(s) and asks for another while all " + config.maxConnections()
                        + " connections are lent; waiting could wait for itself", null);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new PoolException(PoolException.Reason.LEASE_TIMEOUT, "no connection became free within "
                        + "the lease timeout (" + config.maxConnections() + " lent)", null);
            }
            waiting++;
            try {
                changed.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImapInterruptedException("interrupted while waiting for a lease", e);
            } finally {
                waiting--;
            }
        }
    }

    private Pooled takeIdle(MailboxName mailbox) {
        if (mailbox != null) {
            for (Iterator<Pooled> it = idle.iterator(); it.hasNext();) {
                Pooled p = it.next();
                if (mailbox.equals(p.selected)) {
                    it.remove();
                    return p;
                }
            }
        }
        return idle.pollFirst();
    }

    private Pooled connect() {
        ImapClient client = null;
        try {
            client = ImapClient.connect(clientConfig);
            if (!client.isAuthenticated()) {
                authenticator.authenticate(client);
            }
        } catch (Exception e) {
            if (client != null) {
                client.close();
            }
            lock.lock();
            try {
                open--;
                connecting--;
                changed.signalAll();
                if (tooManyConnections(e) && open > 0 && !closed) {
                    int was = config.maxConnections();
                    config = config.withMaxConnections(Math.min(was, open));
                    fallbacks.add(new org.imap4j.client.Fallback(org.imap4j.client.Fallback.Kind.CONNECTION_CAP_LOWERED,
                            "CONNECT", "", "the server refused connection " + (open + 1) + " as too many ("
                            + org.imap4j.codec.ServerText.escape(String.valueOf(e.getMessage())) + "): cap lowered from "
                            + was + " to " + config.maxConnections() + "; leases wait for a lent connection"));
                    return null;
                }
            } finally {
                lock.unlock();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new PoolException(PoolException.Reason.CONNECT_FAILED, "could not open a connection ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        Pooled p = new Pooled(client);
        lock.lock();
        try {
            connecting--;
            created++;
            if (capFromProfile) {
                capFromProfile = false;
                org.imap4j.client.ServerProfile profile = client.profile();
                int cap = PoolConfig.defaultCap(profile.family());
                if (cap != config.maxConnections()) {
                    int was = config.maxConnections();
                    config = config.withMaxConnections(cap);
                    fallbacks.add(new org.imap4j.client.Fallback(org.imap4j.client.Fallback.Kind.QUIRK, "CONNECT", "",
                            "the server is " + profile.family().product() + " (" + profile.evidence()
                            + "): connection cap " + cap + " instead of " + was + " for an unknown host"));
                    changed.signalAll();
                }
            }
            if (closed) {
                open--;
                changed.signalAll();
            } else {
                leased.add(p);
                return p;
            }
        } finally {
            lock.unlock();
        }
        client.close();
        throw new PoolException(PoolException.Reason.CLOSED, "the pool was shut down while connecting", null);
    }

    /**
     * Whether a failed connection attempt is the server's refusal of one connection too many: a {@code [LIMIT]}
     * response code (RFC 5530), or "connection" with "too many", "maximum number", "limit" or "exceeded" (Gmail's
     * "Too many simultaneous connections", Dovecot's "Maximum number of connections from user+IP exceeded") in the
     * greeting's BYE or the login's answer, anywhere in the cause chain.
     */
    static boolean tooManyConnections(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.imap4j.codec.ImapCommandException c
                    && c.code() instanceof org.imap4j.codec.response.ResponseCode.Simple simple
                    && simple.kind() == org.imap4j.codec.response.ResponseCode.Kind.LIMIT) {
                return true;
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("[limit]") || m.contains("connection") && (m.contains("too many")
                    || m.contains("maximum number") || m.contains("limit") || m.contains("exceeded"))) {
                return true;
            }
        }
        return false;
    }

    private boolean healthy(Pooled p) {
        if (!p.client.isAuthenticated()) {
            return false;
        }
        if (System.nanoTime() - p.lastUsedNanos < config.healthCheckAfter().toNanos()) {
            return true;
        }
        try {
            p.client.operations().noop().await(config.healthCheckTimeout());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void select(Pooled p, MailboxName mailbox, boolean fresh) {
        if (mailbox.equals(p.selected)) {
            lock.lock();
            try {
                affinityHits++;
            } finally {
                lock.unlock();
            }
            return;
        }
        try {
            p.selected = null; // a failed SELECT leaves no mailbox selected (RFC 9051 section 6.3.2)
            p.client.select(mailbox);
            p.selected = mailbox;
            lock.lock();
            try {
                selects++;
            } finally {
                lock.unlock();
            }
        } catch (RuntimeException e) {
            release(p, !p.client.isAuthenticated());
            throw e;
        }
    }

    /** Notes a SELECT made through a lease. */
    void selected(Pooled p, MailboxName mailbox) {
        p.selected = mailbox;
    }

    /** Gives a connection back (or closes it when broken). */
    void release(Pooled p, boolean broken) {
        boolean keep = !broken && p.client.isAuthenticated();
        boolean known;
        lock.lock();
        try {
            known = leased.remove(p);
            if (known) {
                if (keep) {
                    p.lastUsedNanos = System.nanoTime();
                    idle.addFirst(p);
                } else {
                    open--;
                    replaced++;
                }
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (!known || !keep) {
            p.client.close();
        }
    }

    private void discard(Pooled p) {
        release(p, true);
    }

    /** @return a snapshot of the counters */
    public PoolStats stats() {
        lock.lock();
        try {
            return new PoolStats(open, idle.size(), leased.size(), waiting, created, replaced, affinityHits,
                    selects, maxOpen);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shuts the pool down: new leases fail with {@link PoolException.Reason#CLOSED}; lent connections are waited for
     * up to {@code deadline}; then every idle connection is logged out (each LOGOUT bounded by the health-check
     * timeout) and connections still lent are closed without LOGOUT (their pending commands fail).
     *
     * @param deadline how long to wait for lent connections
     * @return whether every lease came back in time
     */
    public boolean shutdown(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        List<Pooled> toLogout;
        List<Pooled> stuck;
        boolean clean;
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
            while (!leased.isEmpty() || connecting > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            clean = leased.isEmpty() && connecting == 0;
            toLogout = new ArrayList<>(idle);
            idle.clear();
            stuck = new ArrayList<>(leased);
            leased.clear();
            open -= toLogout.size() + stuck.size();
        } finally {
            lock.unlock();
        }
        for (Pooled p : toLogout) {
            try {
                p.client.operations().logout().await(config.healthCheckTimeout());
            } catch (RuntimeException e) {
                p.client.close();
            }
        }
        for (Pooled p : stuck) {
            p.client.close();
        }
        return clean;
    }

    /** @return whether {@link #shutdown} was called */
    public boolean isShutdown() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** {@link #shutdown(Duration)} with the configured {@link PoolConfig#shutdownDeadline()}. */
    @Override
    public void close() {
        shutdown(config.shutdownDeadline());
    }

    /** @return {@code ImapPool[host, open/cap]}; never a credential */
    @Override
    public String toString() {
        PoolStats s = stats();
        return "ImapPool[" + clientConfig.transportOptions().host() + ", " + s.open() + "/" + config.maxConnections()
                + " open, " + s.leased() + " lent]";
    }
}
