package org.imap4j.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.EngineConfig;
import org.imap4j.session.HostResolver;
import org.imap4j.session.ProxyOptions;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TlsOptions;
import org.imap4j.session.TraceListener;
import org.imap4j.session.TransportOptions;

/**
 * The one configuration of both clients: where, how it is secured, deadlines, limits, which transport, the trace,
 * and the listener for unsolicited events. Build it with {@link ImapClient#builder(String)}.
 *
 * <pre>{@code
 * ImapClient client = ImapClient.builder("imap.example.org")     // implicit TLS on 993, host name verified
 *         .readTimeout(Duration.ofSeconds(30))
 *         .listener(myListener)
 *         .connect();
 * }</pre>
 *
 * @param transportOptions     host, port, TLS, deadlines, codec limits, trace, callback executor
 * @param transport            which transport runs the connection
 * @param allowCleartextPasswords whether LOGIN and password-revealing SASL mechanisms may run without TLS (off:
 *                             the client refuses before sending anything)
 * @param listener             receives unsolicited events
 * @param maxInMemoryBody      the largest body (FETCH literal) the client holds in memory when it is not written
 *                             to a sink; a larger one fails the connection at once with an
 *                             {@link org.imap4j.codec.ImapProtocolException} whose {@code limit()} is
 *                             {@code "maxInMemoryBody"}
 * @param strictResponses      whether a response the client cannot read fails the command it arrived during (with
 *                             the {@link org.imap4j.codec.ImapProtocolException}) instead of being skipped and
 *                             reported as a {@link ResponseWarning} on the command's result
 * @param maxScramIterations   the largest SCRAM iteration count the client computes for a server (default
 *                             {@value org.imap4j.client.auth.SaslContext#DEFAULT_MAX_SCRAM_ITERATIONS}; more is
 *                             refused before computing, see {@link org.imap4j.client.auth.SaslContext})
 * @param deliveryExecutor     where {@link MailboxListener} events and the completions of the futures the client
 *                             returns run, in order, one at a time per connection, never on the thread that reads
 *                             the socket; {@code null} for the default (shared daemon threads that retire when
 *                             idle)
 * @param protocol             which protocol upgrades (IMAP4rev2, UTF8=ACCEPT) the client enables after
 *                             authentication when the server offers them (both by default)
 */
public record ImapClientConfig(TransportOptions transportOptions, Transport transport,
        boolean allowCleartextPasswords, MailboxListener listener, long maxInMemoryBody, boolean strictResponses,
        int maxScramIterations, Executor deliveryExecutor, ProtocolOptions protocol) {

    /** Which transport carries the connection. */
    public enum Transport {
        /** {@code Socket}/{@code SSLSocket}; reading happens on the threads that wait for results. */
        BLOCKING,
        /** One shared selector thread for all NIO connections of the process; callbacks on an executor. */
        NIO
    }

    /**
     * Validates.
     *
     * @param transportOptions        host, port, TLS, deadlines, codec limits, trace, callback executor
     * @param transport               which transport runs the connection
     * @param allowCleartextPasswords whether LOGIN and password-revealing SASL mechanisms may run without TLS (off:
     *                                the client refuses before sending anything)
     * @param listener                receives unsolicited events
     * @param maxInMemoryBody         the largest body (FETCH literal) the client holds in memory when it is not written
     *                                to a sink; a larger one fails the connection at once with an
     *                                {@link org.imap4j.codec.ImapProtocolException} whose {@code limit()} is
     *                                {@code "maxInMemoryBody"}
     * @param strictResponses         whether a response the client cannot read fails the command it arrived during
     *                                (with the {@link org.imap4j.codec.ImapProtocolException}) instead of being
     *                                skipped and reported as a {@link ResponseWarning} on the command's result
     * @param maxScramIterations      the largest SCRAM iteration count the client computes for a server (default
     *                                {@value org.imap4j.client.auth.SaslContext#DEFAULT_MAX_SCRAM_ITERATIONS}; more is
     *                                refused before computing, see {@link org.imap4j.client.auth.SaslContext})
     * @param deliveryExecutor        where listener events and returned futures' completions run, or {@code null}
     *                                for the default
     * @param protocol                which protocol upgrades the client enables after authentication
     */
    public ImapClientConfig {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(transportOptions, "transportOptions");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(listener, "listener");
        if (maxInMemoryBody < 1 || maxInMemoryBody > MAX_BODY_ARRAY) {
            throw new IllegalArgumentException("maxInMemoryBody must be 1.." + MAX_BODY_ARRAY + ": "
                    + maxInMemoryBody);
        }
        if (maxScramIterations < 1) {
            throw new IllegalArgumentException("maxScramIterations must be positive: " + maxScramIterations);
        }
    }

    /**
     * The configuration with rev2-first protocol upgrades ({@link ProtocolOptions#defaults()}).
     *
     * @param transportOptions        host, port, TLS, deadlines, codec limits, trace, callback executor
     * @param transport               which transport runs the connection
     * @param allowCleartextPasswords whether passwords may be sent without TLS
     * @param listener                receives unsolicited events
     * @param maxInMemoryBody         the largest body the client holds in memory
     * @param strictResponses         whether an unreadable response fails its command
     * @param maxScramIterations      the largest SCRAM iteration count the client computes
     * @param deliveryExecutor        where listener events and returned futures' completions run, or {@code null}
     */
    public ImapClientConfig(TransportOptions transportOptions, Transport transport, boolean allowCleartextPasswords,
            MailboxListener listener, long maxInMemoryBody, boolean strictResponses, int maxScramIterations,
            Executor deliveryExecutor) {
        this(transportOptions, transport, allowCleartextPasswords, listener, maxInMemoryBody, strictResponses,
                maxScramIterations, deliveryExecutor, ProtocolOptions.defaults());
    }

    /**
     * The configuration with the default delivery executor.
     *
     * @param transportOptions        host, port, TLS, deadlines, codec limits, trace, callback executor
     * @param transport               which transport runs the connection
     * @param allowCleartextPasswords whether passwords may be sent without TLS
     * @param listener                receives unsolicited events
     * @param maxInMemoryBody         the largest body the client holds in memory
     * @param strictResponses         whether an unreadable response fails its command
     * @param maxScramIterations      the largest SCRAM iteration count the client computes
     */
    public ImapClientConfig(TransportOptions transportOptions, Transport transport, boolean allowCleartextPasswords,
            MailboxListener listener, long maxInMemoryBody, boolean strictResponses, int maxScramIterations) {
        this(transportOptions, transport, allowCleartextPasswords, listener, maxInMemoryBody, strictResponses,
                maxScramIterations, null);
    }

    /**
     * The configuration with the defaults of the newer components: bodies in memory up to the codec's
     * {@code maxLiteralSize}, unreadable responses reported as warnings, SCRAM iteration counts up to
     * {@value org.imap4j.client.auth.SaslContext#DEFAULT_MAX_SCRAM_ITERATIONS}.
     *
     * @param transportOptions        host, port, TLS, deadlines, codec limits, trace, callback executor
     * @param transport               which transport runs the connection
     * @param allowCleartextPasswords whether passwords may be sent without TLS
     * @param listener                receives unsolicited events
     */
    public ImapClientConfig(TransportOptions transportOptions, Transport transport, boolean allowCleartextPasswords,
            MailboxListener listener) {
        this(transportOptions, transport, allowCleartextPasswords, listener,
                transportOptions.engine().limits().maxLiteralSize(), false,
                org.imap4j.client.auth.SaslContext.DEFAULT_MAX_SCRAM_ITERATIONS);
    }

    /** The largest in-memory body: a Java array's reach, with room for the JVM's header. */
    static final long MAX_BODY_ARRAY = Integer.MAX_VALUE - 64;

    /**
     * The literal size above which bodies are streamed instead of parsed whole: streamed bodies go to a caller's
     * sink or are assembled by the client, so a large body never needs the codec's response buffer.
     */
    static final long STREAM_LITERALS_ABOVE = 1 << 20;

    /**
     * Builds an {@link ImapClientConfig}; every setter returns the builder. No setter changes what another set:
     * in particular the body streaming threshold is its own option ({@link #streamLiteralsAbove(long)}), which
     * {@link #limits(CodecLimits)} leaves alone unless the limits given carry a threshold of their own.
     */
    public static final class Builder {
        private final TransportOptions.Builder options;
        private Transport transport = Transport.BLOCKING;
        private boolean allowCleartextPasswords;
        private MailboxListener listener = MailboxListener.NONE;
        private CodecLimits limits = CodecLimits.defaults();
        private long streamLiteralsAbove = STREAM_LITERALS_ABOVE;
        private long maxInMemoryBody;
        private boolean strictResponses;
        private int maxScramIterations = org.imap4j.client.auth.SaslContext.DEFAULT_MAX_SCRAM_ITERATIONS;
        private Executor deliveryExecutor;
        private ProtocolOptions protocol = ProtocolOptions.defaults();

        /**
         * @param v the largest SCRAM iteration count to compute for a server (default 100,000); a server asking for
         *          more is refused with an {@link org.imap4j.codec.ImapAuthenticationException} before any work
         * @return this
         */
        public Builder maxScramIterations(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("maxScramIterations must be positive: " + v);
            }
            maxScramIterations = v;
            return this;
        }

        Builder(String host) {
            options = TransportOptions.builder(host);
        }

        /**
         * @param v the port (default by TLS mode: 993, or 143)
         * @return this
         */
        public Builder port(int v) {
            options.port(v);
            return this;
        }

        /**
         * @param v TLS mode (default IMPLICIT)
         * @return this
         */
        public Builder tlsMode(TlsMode v) {
            options.tlsMode(v);
            return this;
        }

        /**
         * @param v trust, provider, host name verification, protocols
         * @return this
         */
        public Builder tls(TlsOptions v) {
            options.tls(v);
            return this;
        }

        /**
         * @param v one deadline for the whole connect: name resolution, TCP, the proxy handshake, TLS, the greeting
         *          and the opening capabilities (30 s)
         * @return this
         */
        public Builder connectTimeout(Duration v) {
            options.connectTimeout(v);
            return this;
        }

        /**
         * Connects through a proxy; TLS still runs end to end with the server, whose name is verified.
         *
         * <pre>{@code
         * ImapClient c = ImapClient.builder("imap.example.org")
         *         .proxy(ProxyOptions.socks5("proxy.corp", 1080).withCredentials("me", Secret.of(pw)))
         *         .connect();
         * }</pre>
         *
         * @param v {@link ProxyOptions#direct()} (the default), a SOCKS5 or an HTTP CONNECT proxy
         * @return this
         */
        public Builder proxy(ProxyOptions v) {
            options.proxy(v);
            return this;
        }

        /**
         * @param v turns host names into addresses (default: the system resolver)
         * @return this
         */
        public Builder resolver(HostResolver v) {
            options.resolver(v);
            return this;
        }

        /**
         * @param v how long one connection attempt runs alone before the host's next address is tried beside it
         *          (RFC 8305; 250 ms)
         * @return this
         */
        public Builder connectAttemptDelay(Duration v) {
            options.connectAttemptDelay(v);
            return this;
        }

        /**
         * @param v greeting deadline (30 s)
         * @return this
         */
        public Builder greetingTimeout(Duration v) {
            options.greetingTimeout(v);
            return this;
        }

        /**
         * @param v how long the server may stay silent while a command is pending (60 s)
         * @return this
         */
        public Builder readTimeout(Duration v) {
            options.readTimeout(v);
            return this;
        }

        /**
         * @param v the longest any one command but IDLE may take, however the server trickles (30 min)
         * @return this
         */
        public Builder commandTimeout(Duration v) {
            options.commandTimeout(v);
            return this;
        }

        /**
         * @param v how long one IDLE lasts before it is renewed (9 min: NAT-safe)
         * @return this
         */
        public Builder idleRefresh(Duration v) {
            options.idleRefresh(v);
            return this;
        }

        // ---- push liveness (long-running sessions): see TransportOptions#liveness and MailboxWatch
        /**
         * @param v the longest a dead link (packets dropped, no FIN, no RST) stays unnoticed while in IDLE (default
         *          2 minutes; seconds for a quick failover): after half of it without a byte from the server IDLE is
         *          probed with {@code DONE}, which must be answered in the other half, else the connection fails with
         *          an {@link org.imap4j.session.ImapLivenessException}
         * @return this
         */
        public Builder liveness(Duration v) {
            options.liveness(v);
            return this;
        }

        /**
         * Sets the codec's limits (line length, literal size, nesting, ...). The body streaming threshold is not
         * one of them here: the client streams bodies above {@link #streamLiteralsAbove(long)} (1 MiB by default),
         * and limits built from {@link CodecLimits#defaults()} do not turn that off. Only a threshold set explicitly
         * on {@code v} (one other than the codec's default, {@code Long.MAX_VALUE}) replaces the client's, as
         * calling {@link #streamLiteralsAbove(long)} would; the later of the two calls wins.
         *
         * @param v the codec's limits
         * @return this
         */
        public Builder limits(CodecLimits v) {
            limits = Objects.requireNonNull(v, "limits");
            if (v.literalStreamThreshold() != CodecLimits.defaults().literalStreamThreshold()) {
                streamLiteralsAbove = v.literalStreamThreshold();
            }
            return this;
        }

        /**
         * Sets the size above which a literal (a message body) is streamed as it arrives rather than buffered whole:
         * to the caller's stream or sink, or assembled by the client. Default 1 MiB. {@code Long.MAX_VALUE} turns
         * streaming off: every body is parsed in the codec's response buffer, bounded by
         * {@link CodecLimits#maxLiteralSize()}. When an explicit {@link #maxInMemoryBody(long)} is smaller than what
         * the codec would buffer, the threshold is lowered to it when the configuration is built, so that a body too
         * large to hold fails at once with the in-memory limit.
         *
         * @param bytes the threshold, positive
         * @return this
         */
        public Builder streamLiteralsAbove(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("streamLiteralsAbove must be positive: " + bytes);
            }
            streamLiteralsAbove = bytes;
            return this;
        }

        /**
         * @param v the transport (default BLOCKING)
         * @return this
         */
        public Builder transport(Transport v) {
            transport = v;
            return this;
        }

        /**
         * @param v the protocol trace (secrets redacted), or {@code null}
         * @return this
         */
        public Builder trace(TraceListener v) {
            options.trace(v);
            return this;
        }

        /**
         * @param v hears each connection's connect, TLS, commands (by tag and name only), bytes on the wire, IDLE and
         *          end, for metrics; called on the connection's own thread, so it must not block (see
         *          {@link org.imap4j.session.ImapEventListener}); {@link org.imap4j.session.ImapEventListener#NONE}
         *          by default
         * @return this
         */
        public Builder eventListener(org.imap4j.session.ImapEventListener v) {
            options.eventListener(v);
            return this;
        }

        /**
         * @param v makes one {@link org.imap4j.session.ImapEventListener} per connection (for per-connection state,
         *          such as the start of its connect)
         * @return this
         */
        public Builder eventListenerFactory(org.imap4j.session.ImapEventListener.Factory v) {
            options.eventListenerFactory(v);
            return this;
        }

        /**
         * Where the NIO transport runs its deliveries: the client's internal collectors (and the sinks of streamed
         * FETCHes). The user's listener and the async client's futures run on {@link #deliveryExecutor} instead.
         *
         * @param v the executor, or {@code null} for the transport's pool
         * @return this
         */
        public Builder callbackExecutor(Executor v) {
            options.callbackExecutor(v);
            return this;
        }

        /**
         * Allows LOGIN and password-revealing SASL mechanisms (PLAIN, LOGIN, bearer tokens) on a connection without
         * TLS. INSECURE: anyone on the path then reads the password. Off by default, and no other option turns it
         * on (choosing {@link TlsMode#PLAIN} does not): without it the client refuses before sending anything.
         *
         * @param v whether passwords may be sent without TLS (default false; for loopback tests and trusted
         *          networks only)
         * @return this
         */
        public Builder allowCleartextPasswords(boolean v) {
            allowCleartextPasswords = v;
            return this;
        }

        /**
         * The largest body (a FETCH literal) the client holds in memory, whatever the stream threshold: a body
         * fetched without a sink that the server announces larger fails the connection at once with an
         * {@link org.imap4j.codec.ImapProtocolException} whose {@code limit()} is {@code "maxInMemoryBody"}. Bodies
         * written to a sink are not held and not limited. Memory grows with the bytes received, never with the size
         * a server announces. Literals above this size are streamed by the codec, so keep it above the longest
         * string other responses may carry (a value below 64 KiB is rarely sensible).
         *
         * @param v bytes, 1 to {@code Integer.MAX_VALUE - 64} (default: the codec limits' {@code maxLiteralSize},
         *          64 MiB)
         * @return this
         */
        public Builder maxInMemoryBody(long v) {
            if (v < 1 || v > MAX_BODY_ARRAY) {
                throw new IllegalArgumentException("maxInMemoryBody must be 1.." + MAX_BODY_ARRAY + ": " + v);
            }
            maxInMemoryBody = v;
            return this;
        }

        /**
         * Strict mode: a response the client cannot read (broken grammar that no {@link org.imap4j.codec.Quirk}
         * accepts) fails the command it arrived during with the {@link org.imap4j.codec.ImapProtocolException},
         * once that command completes. Off (the default), the response is skipped, the command succeeds, and its
         * result carries a {@link ResponseWarning} (see {@link FetchResults#warnings()}); either way the
         * {@link MailboxListener#unreadableResponse} hears of it and the connection goes on.
         *
         * @param v whether to fail instead of warning (default false)
         * @return this
         */
        public Builder strictResponses(boolean v) {
            strictResponses = v;
            return this;
        }

        /**
         * Where the client runs {@link MailboxListener} events and completes the futures it returns: in server
         * order, one at a time per connection (a serial lane over this executor), never on the thread that reads
         * the socket, so a listener may call the client, block or throw. The default is a few daemon threads shared
         * by every connection (as many as the machine has processors, at least two), that retire when idle; a
         * callback that runs longer than about 10 ms gets a thread added beside it, so one blocked listener delays
         * other connections' events by about that much at most. A direct executor ({@code Runnable::run}) runs them on the
         * reading thread after all: then a listener must not wait for a result of the same client.
         *
         * @param v the executor, or {@code null} for the default
         * @return this
         */
        public Builder deliveryExecutor(Executor v) {
            deliveryExecutor = v;
            return this;
        }

        /**
         * @param v the listener for unsolicited events
         * @return this
         */
        public Builder listener(MailboxListener v) {
            listener = v;
            return this;
        }

        /**
         * Which protocol upgrades the client enables after authentication when the server offers them.
         *
         * @param v the options (default {@link ProtocolOptions#defaults()}: IMAP4rev2 and UTF8=ACCEPT)
         * @return this
         */
        public Builder protocol(ProtocolOptions v) {
            protocol = Objects.requireNonNull(v, "protocol");
            return this;
        }

        /**
         * @param v whether to send {@code ENABLE IMAP4rev2} after authentication when the server offers it (default
         *          true; false keeps the connection on IMAP4rev1)
         * @return this
         */
        public Builder enableImap4rev2(boolean v) {
            protocol = protocol.withImap4rev2(v);
            return this;
        }

        /**
         * @param v whether to send {@code ENABLE UTF8=ACCEPT} after authentication when the server offers it
         *          (default true; false keeps mailbox names in modified UTF-7)
         * @return this
         */
        public Builder enableUtf8Accept(boolean v) {
            protocol = protocol.withUtf8Accept(v);
            return this;
        }

        /**
         * The SASL mechanisms {@code authenticate(user, password)} may use, in preference order (Issue 18).
         *
         * @param v the registry (default {@link org.imap4j.client.auth.AuthenticatorRegistry#defaults()})
         * @return this
         */
        public Builder authenticators(org.imap4j.client.auth.AuthenticatorRegistry v) {
            protocol = protocol.withAuthenticators(v);
            return this;
        }

        /** @return the configuration */
        public ImapClientConfig build() {
            CodecLimits effective = limits.withLiteralStreamThreshold(streamLiteralsAbove);
            long body = maxInMemoryBody > 0 ? maxInMemoryBody : Math.min(limits.maxLiteralSize(), MAX_BODY_ARRAY);
            // The codec buffers literals up to min(threshold, maxLiteralSize) and refuses larger unstreamed ones at
            // once; only a smaller in-memory limit needs bodies between the two to reach the client as a stream,
            // where that limit is applied.
            long buffered = Math.min(effective.literalStreamThreshold(), effective.maxLiteralSize());
            CodecLimits codec = body < buffered ? effective.withLiteralStreamThreshold(body) : effective;
            options.engine(EngineConfig.defaults().withLimits(codec));
            return new ImapClientConfig(options.build(), transport, allowCleartextPasswords, listener, body,
                    strictResponses, maxScramIterations, deliveryExecutor, protocol);
        }

        /**
         * Connects a blocking client.
         *
         * @return the connected client (greeting read, STARTTLS done if chosen, capabilities known)
         */
        public ImapClient connect() {
            return ImapClient.connect(build());
        }

        /** @return a future of the connected asynchronous client */
        public java.util.concurrent.CompletableFuture<AsyncImapClient> connectAsync() {
            return AsyncImapClient.connect(build());
        }
    }
}
