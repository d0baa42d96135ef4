package org.imap4j.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.EngineConfig;
import org.imap4j.codec.transport.TlsMode;
import org.imap4j.codec.transport.TlsOptions;
import org.imap4j.codec.transport.TraceListener;
import org.imap4j.codec.transport.TransportOptions;

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
 * @param maxScramIterations   the largest SCRAM iteration count the client computes for a server (default
 *                             {@value org.imap4j.client.auth.SaslContext#DEFAULT_MAX_SCRAM_ITERATIONS}; more is
 *                             refused before computing, see {@link org.imap4j.client.auth.SaslContext})
 */
public record ImapClientConfig(TransportOptions transportOptions, Transport transport,
        boolean allowCleartextPasswords, MailboxListener listener, int maxScramIterations) {

    /**
     * A configuration with the default SCRAM iteration cap.
     *
     * @param transportOptions        host, port, TLS, deadlines, codec limits, trace, callback executor
     * @param transport               which transport runs the connection
     * @param allowCleartextPasswords whether passwords may be sent without TLS
     * @param listener                receives unsolicited events
     */
    public ImapClientConfig(TransportOptions transportOptions, Transport transport, boolean allowCleartextPasswords,
            MailboxListener listener) {
        this(transportOptions, transport, allowCleartextPasswords, listener,
                org.imap4j.client.auth.SaslContext.DEFAULT_MAX_SCRAM_ITERATIONS);
    }

    /** Which transport carries the connection. */
    public enum Transport {
        /** {@code Socket}/{@code SSLSocket}; reading happens on the threads that wait for results. */
        BLOCKING,
        /** One shared selector thread for all NIO connections of the process; callbacks on an executor. */
        NIO
    }

    /** Validates. */
    public ImapClientConfig {
        Objects.requireNonNull(transportOptions, "transportOptions");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(listener, "listener");
        if (maxScramIterations < 1) {
            throw new IllegalArgumentException("maxScramIterations must be positive: " + maxScramIterations);
        }
    }

    /**
     * The literal size above which bodies are streamed instead of parsed whole: streamed bodies go to a caller's
     * sink or are assembled by the client, so a large body never needs the codec's response buffer.
     */
    static final long STREAM_LITERALS_ABOVE = 1 << 20;

    /** Builds an {@link ImapClientConfig}; every setter returns the builder. */
    public static final class Builder {
        private final TransportOptions.Builder options;
        private Transport transport = Transport.BLOCKING;
        private boolean allowCleartextPasswords;
        private MailboxListener listener = MailboxListener.NONE;
        private CodecLimits limits = CodecLimits.defaults().withLiteralStreamThreshold(STREAM_LITERALS_ABOVE);
        private int maxScramIterations = org.imap4j.client.auth.SaslContext.DEFAULT_MAX_SCRAM_ITERATIONS;

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

        /** @param v the port (default by TLS mode: 993, or 143) @return this */
        public Builder port(int v) {
            options.port(v);
            return this;
        }

        /** @param v TLS mode (default IMPLICIT) @return this */
        public Builder tlsMode(TlsMode v) {
            options.tlsMode(v);
            return this;
        }

        /** @param v trust, provider, host name verification, protocols @return this */
        public Builder tls(TlsOptions v) {
            options.tls(v);
            return this;
        }

        /** @param v connect and TLS handshake deadline (30 s) @return this */
        public Builder connectTimeout(Duration v) {
            options.connectTimeout(v);
            return this;
        }

        /** @param v greeting deadline (30 s) @return this */
        public Builder greetingTimeout(Duration v) {
            options.greetingTimeout(v);
            return this;
        }

        /** @param v how long the server may stay silent while a command is pending (60 s) @return this */
        public Builder readTimeout(Duration v) {
            options.readTimeout(v);
            return this;
        }

        /** @param v the longest any one command but IDLE may take, however the server trickles (30 min) @return this */
        public Builder commandTimeout(Duration v) {
            options.commandTimeout(v);
            return this;
        }

        /** @param v how long one IDLE lasts before it is renewed (25 min) @return this */
        public Builder idleRefresh(Duration v) {
            options.idleRefresh(v);
            return this;
        }

        /** @param v the codec's limits @return this */
        public Builder limits(CodecLimits v) {
            limits = v;
            return this;
        }

        /** @param v the transport (default BLOCKING) @return this */
        public Builder transport(Transport v) {
            transport = v;
            return this;
        }

        /** @param v the protocol trace (secrets redacted), or {@code null} @return this */
        public Builder trace(TraceListener v) {
            options.trace(v);
            return this;
        }

        /** @param v where the NIO transport runs callbacks, or {@code null} for its pool @return this */
        public Builder callbackExecutor(Executor v) {
            options.callbackExecutor(v);
            return this;
        }

        /**
         * @param v whether passwords may be sent without TLS (default false; for loopback tests and trusted
         *          networks only)
         * @return this
         */
        public Builder allowCleartextPasswords(boolean v) {
            allowCleartextPasswords = v;
            return this;
        }

        /** @param v the listener for unsolicited events @return this */
        public Builder listener(MailboxListener v) {
            listener = v;
            return this;
        }

        /** @return the configuration */
        public ImapClientConfig build() {
            options.engine(EngineConfig.defaults().withLimits(limits));
            return new ImapClientConfig(options.build(), transport, allowCleartextPasswords, listener,
                    maxScramIterations);
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
