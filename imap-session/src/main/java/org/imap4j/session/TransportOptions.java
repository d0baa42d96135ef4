package org.imap4j.session;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.imap4j.codec.EngineConfig;

/**
 * Everything a transport needs to open one connection: where, through which proxy, how it is secured, its
 * deadlines, the codec's configuration, an optional trace and event listener, and where callbacks run. Immutable;
 * build with {@link #builder(String)}.
 *
 * <pre>{@code
 * TransportOptions o = TransportOptions.builder("imap.example.org")
 *         .tlsMode(TlsMode.IMPLICIT)
 *         .readTimeout(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 *
 * <table>
 * <caption>Deadlines</caption>
 * <tr><th>option</th><th>default</th><th>what it bounds</th></tr>
 * <tr><td>connectTimeout</td><td>30 s</td><td>the whole opening, as one deadline: resolving the name, connecting
 * (every address tried), the proxy handshake, the TLS handshake (implicit or after STARTTLS), the greeting and the
 * CAPABILITY exchanges, until the transport is ready</td></tr>
 * <tr><td>greetingTimeout</td><td>30 s</td><td>from the start of the connect to the server's greeting (within the
 * connect timeout)</td></tr>
 * <tr><td>connectAttemptDelay</td><td>250 ms</td><td>when a name has several addresses: how long an attempt runs
 * alone before the next address is tried beside it (RFC 8305 section 5); see {@link HostResolver}</td></tr>
 * <tr><td>readTimeout</td><td>60 s</td><td>silence from the server while a command (other than IDLE) is pending</td>
 * </tr>
 * <tr><td>commandTimeout</td><td>30 min</td><td>the whole life of one command other than IDLE, however the server
 * trickles its answer (a read timeout alone does not stop a server that sends one byte a second)</td></tr>
 * <tr><td>idleRefresh</td><td>9 min</td><td>how long one IDLE lasts before it is ended and re-issued: under the
 * 29-minute limit of RFC 2177 and under the idle timeouts of common NAT gateways and firewalls</td></tr>
 * <tr><td>liveness</td><td>2 min</td><td>the longest a dead link (packets dropped, no FIN, no RST) stays unnoticed
 * while the connection is in IDLE: after half of it without a byte from the server the IDLE is ended with
 * {@code DONE} (and re-issued), and the server must answer within the other half, else the connection fails with an
 * {@link ImapLivenessException}</td></tr>
 * </table>
 *
 * @param host             the server's host name or address (also the name TLS verifies)
 * @param port             the TCP port
 * @param tlsMode          plain, implicit TLS or STARTTLS
 * @param tls              TLS settings (used unless {@code tlsMode} is {@link TlsMode#PLAIN})
 * @param connectTimeout   the connect deadline: resolving, TCP, proxy, TLS, greeting and capabilities, until ready
 * @param greetingTimeout  deadline for the greeting
 * @param readTimeout      read inactivity deadline while commands are pending
 * @param commandTimeout   overall deadline of each command but IDLE
 * @param idleRefresh      IDLE keep-alive period
 * @param engine           the codec's limits, quirks and tag prefix
 * @param trace            the trace hook, or {@code null} (the default: off)
 * @param callbackExecutor where an asynchronous transport runs listeners and completes futures, or {@code null} for
 *                         its default (never its I/O thread unless given a direct executor)
 * @param maxQueuedWrite   the most bytes an asynchronous transport queues for writing before it refuses more (its
 *                         back-pressure bound)
 * @param proxy            how the server is reached: {@link ProxyOptions#direct()} (the default), a SOCKS5 or an
 *                         HTTP CONNECT proxy
 * @param resolver         turns the host name (the proxy's, when there is one) into addresses
 *                         ({@link HostResolver#SYSTEM} by default)
 * @param connectAttemptDelay how long one connection attempt runs alone before the next address is tried in
 *                         parallel (RFC 8305; default 250 ms)
 * @param events           makes each connection's {@link ImapEventListener} ({@link ImapEventListener.Factory#NONE}
 *                         by default)
 * @param liveness         the dead-link detection bound while idling (default 2 min; see the table)
 */
public record TransportOptions(String host, int port, TlsMode tlsMode, TlsOptions tls, Duration connectTimeout,
        Duration greetingTimeout, Duration readTimeout, Duration commandTimeout, Duration idleRefresh,
        EngineConfig engine,
        TraceListener trace, Executor callbackExecutor, long maxQueuedWrite, ProxyOptions proxy,
        HostResolver resolver, Duration connectAttemptDelay, ImapEventListener.Factory events, Duration liveness) {

    /**
     * Validates.
     *
     * @param host             the server's host name or address (also the name TLS verifies)
     * @param port             the TCP port
     * @param tlsMode          plain, implicit TLS or STARTTLS
     * @param tls              TLS settings (used unless {@code tlsMode} is {@link TlsMode#PLAIN})
     * @param connectTimeout   the connect deadline: resolving, TCP, proxy, TLS, greeting and capabilities, until
     *                         ready
     * @param greetingTimeout  deadline for the greeting
     * @param readTimeout      read inactivity deadline while commands are pending
     * @param commandTimeout   overall deadline of each command but IDLE
     * @param idleRefresh      IDLE keep-alive period
     * @param engine           the codec's limits, quirks and tag prefix
     * @param trace            the trace hook, or {@code null} (the default: off)
     * @param callbackExecutor where an asynchronous transport runs listeners and completes futures, or {@code null} for
     *                         its default (never its I/O thread unless given a direct executor)
     * @param maxQueuedWrite   the most bytes an asynchronous transport queues for writing before it refuses more (its
     *                         back-pressure bound)
     * @param proxy            how the server is reached: {@link ProxyOptions#direct()}, a SOCKS5 or an HTTP CONNECT
     *                         proxy
     * @param resolver         turns the host name (the proxy's, when there is one) into addresses
     * @param connectAttemptDelay how long one connection attempt runs alone before the next address is tried in
     *                         parallel
     * @param events           makes each connection's {@link ImapEventListener}
     * @param liveness         the dead-link detection bound while idling
     */
    public TransportOptions {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw new IllegalArgumentException("space or control character in the host at index " + i);
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(tlsMode, "tlsMode");
        Objects.requireNonNull(tls, "tls");
        positive(connectTimeout, "connectTimeout");
        positive(greetingTimeout, "greetingTimeout");
        positive(readTimeout, "readTimeout");
        positive(commandTimeout, "commandTimeout");
        positive(idleRefresh, "idleRefresh");
        Objects.requireNonNull(engine, "engine");
        if (maxQueuedWrite < 1) {
            throw new IllegalArgumentException("maxQueuedWrite must be positive: " + maxQueuedWrite);
        }
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(resolver, "resolver");
        positive(connectAttemptDelay, "connectAttemptDelay");
        Objects.requireNonNull(events, "events");
        positive(liveness, "liveness");
        if (liveness.toMillis() < 2) {
            throw new IllegalArgumentException("liveness must be at least 2 ms: " + liveness);
        }
    }

    /**
     * The options of the release before {@code liveness}: the dead-link bound is the default, 2 minutes.
     *
     * @param host             the server's host name or address
     * @param port             the TCP port
     * @param tlsMode          plain, implicit TLS or STARTTLS
     * @param tls              TLS settings
     * @param connectTimeout   the connect deadline
     * @param greetingTimeout  deadline for the greeting
     * @param readTimeout      read inactivity deadline while commands are pending
     * @param commandTimeout   overall deadline of each command but IDLE
     * @param idleRefresh      IDLE keep-alive period
     * @param engine           the codec's limits, quirks and tag prefix
     * @param trace            the trace hook, or {@code null}
     * @param callbackExecutor where an asynchronous transport runs callbacks, or {@code null}
     * @param maxQueuedWrite   an asynchronous transport's write queue bound
     * @param proxy            how the server is reached
     * @param resolver         turns the host name into addresses
     * @param connectAttemptDelay how long one connection attempt runs alone
     * @param events           makes each connection's {@link ImapEventListener}
     */
    public TransportOptions(String host, int port, TlsMode tlsMode, TlsOptions tls, Duration connectTimeout,
            Duration greetingTimeout, Duration readTimeout, Duration commandTimeout, Duration idleRefresh,
            EngineConfig engine, TraceListener trace, Executor callbackExecutor, long maxQueuedWrite,
            ProxyOptions proxy, HostResolver resolver, Duration connectAttemptDelay,
            ImapEventListener.Factory events) {
        this(host, port, tlsMode, tls, connectTimeout, greetingTimeout, readTimeout, commandTimeout, idleRefresh,
                engine, trace, callbackExecutor, maxQueuedWrite, proxy, resolver, connectAttemptDelay, events,
                DEFAULT_LIVENESS);
    }

    /** The default dead-link detection bound while idling: 2 minutes. */
    public static final Duration DEFAULT_LIVENESS = Duration.ofMinutes(2);

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    /**
     * @param host the server
     * @return a builder with the defaults: implicit TLS on 993, strict TLS, the deadlines in the table above
     */
    public static Builder builder(String host) {
        return new Builder(host);
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        Builder b = new Builder(host);
        b.port = port;
        b.tlsMode = tlsMode;
        b.tls = tls;
        b.connectTimeout = connectTimeout;
        b.greetingTimeout = greetingTimeout;
        b.readTimeout = readTimeout;
        b.commandTimeout = commandTimeout;
        b.idleRefresh = idleRefresh;
        b.liveness = liveness;
        b.engine = engine;
        b.trace = trace;
        b.callbackExecutor = callbackExecutor;
        b.maxQueuedWrite = maxQueuedWrite;
        b.proxy = proxy;
        b.resolver = resolver;
        b.connectAttemptDelay = connectAttemptDelay;
        b.events = events;
        return b;
    }

    /** Builds {@link TransportOptions}; every setter returns the builder. */
    public static final class Builder {
        private final String host;
        private int port;
        private TlsMode tlsMode = TlsMode.IMPLICIT;
        private TlsOptions tls = TlsOptions.defaults();
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration greetingTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration commandTimeout = Duration.ofMinutes(30);
        private Duration idleRefresh = Duration.ofMinutes(9);
        private Duration liveness = DEFAULT_LIVENESS;
        private EngineConfig engine = EngineConfig.defaults();
        private TraceListener trace;
        private Executor callbackExecutor;
        private long maxQueuedWrite = 16L << 20;
        private ProxyOptions proxy = ProxyOptions.direct();
        private HostResolver resolver = HostResolver.SYSTEM;
        private Duration connectAttemptDelay = Duration.ofMillis(250);
        private ImapEventListener.Factory events = ImapEventListener.Factory.NONE;

        private Builder(String host) {
            this.host = host;
        }

        /**
         * @param v the port (default: by TLS mode, 993 or 143)
         * @return this
         */
        public Builder port(int v) {
            port = v;
            return this;
        }

        /**
         * @param v the TLS mode (default IMPLICIT)
         * @return this
         */
        public Builder tlsMode(TlsMode v) {
            tlsMode = v;
            return this;
        }

        /**
         * @param v the TLS settings
         * @return this
         */
        public Builder tls(TlsOptions v) {
            tls = v;
            return this;
        }

        /**
         * @param v the connect deadline: name resolution, TCP, proxy, TLS, greeting and capabilities, until ready
         * @return this
         */
        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        /**
         * @param v greeting deadline
         * @return this
         */
        public Builder greetingTimeout(Duration v) {
            greetingTimeout = v;
            return this;
        }

        /**
         * @param v read inactivity deadline
         * @return this
         */
        public Builder readTimeout(Duration v) {
            readTimeout = v;
            return this;
        }

        /**
         * @param v overall deadline of each command but IDLE
         * @return this
         */
        public Builder commandTimeout(Duration v) {
            commandTimeout = v;
            return this;
        }

        /**
         * @param v IDLE keep-alive period
         * @return this
         */
        public Builder idleRefresh(Duration v) {
            idleRefresh = v;
            return this;
        }

        /**
         * @param v the longest a dead link stays unnoticed while idling (default 2 minutes; seconds are fine for a
         *          quick failover, at the cost of a {@code DONE}/{@code IDLE} exchange every half of it when the
         *          server is quiet)
         * @return this
         */
        public Builder liveness(Duration v) {
            liveness = v;
            return this;
        }

        /**
         * @param v the codec's configuration
         * @return this
         */
        public Builder engine(EngineConfig v) {
            engine = v;
            return this;
        }

        /**
         * @param v the trace hook, or {@code null} for none
         * @return this
         */
        public Builder trace(TraceListener v) {
            trace = v;
            return this;
        }

        /**
         * @param v the callback executor, or {@code null} for the transport's default
         * @return this
         */
        public Builder callbackExecutor(Executor v) {
            callbackExecutor = v;
            return this;
        }

        /**
         * @param v the write queue bound in bytes
         * @return this
         */
        public Builder maxQueuedWrite(long v) {
            maxQueuedWrite = v;
            return this;
        }

        /**
         * @param v {@link ProxyOptions#direct()} (the default), {@link ProxyOptions#socks5(String, int)} or
         *          {@link ProxyOptions#httpConnect(String, int)}
         * @return this
         */
        public Builder proxy(ProxyOptions v) {
            proxy = v;
            return this;
        }

        /**
         * @param v the host name resolver (default {@link HostResolver#SYSTEM})
         * @return this
         */
        public Builder resolver(HostResolver v) {
            resolver = v;
            return this;
        }

        /**
         * @param v how long a connection attempt runs alone before the next address is tried beside it (default
         *          250 ms, as RFC 8305 section 8 recommends)
         * @return this
         */
        public Builder connectAttemptDelay(Duration v) {
            connectAttemptDelay = v;
            return this;
        }

        /**
         * @param v the listener of every connection made with these options (see {@link ImapEventListener} for its
         *          threading), or {@link ImapEventListener#NONE} (the default)
         * @return this
         */
        public Builder eventListener(ImapEventListener v) {
            Objects.requireNonNull(v, "eventListener");
            events = v == ImapEventListener.NONE ? ImapEventListener.Factory.NONE : options -> v;
            return this;
        }

        /**
         * @param v makes one {@link ImapEventListener} per connection, when it begins (for per-connection state)
         * @return this
         */
        public Builder eventListenerFactory(ImapEventListener.Factory v) {
            events = Objects.requireNonNull(v, "eventListenerFactory");
            return this;
        }

        /** @return the options */
        public TransportOptions build() {
            return new TransportOptions(host, port == 0 ? tlsMode.defaultPort() : port, tlsMode, tls, connectTimeout,
                    greetingTimeout, readTimeout, commandTimeout, idleRefresh, engine, trace, callbackExecutor,
                    maxQueuedWrite, proxy, resolver, connectAttemptDelay, events, liveness);
        }
    }
}
