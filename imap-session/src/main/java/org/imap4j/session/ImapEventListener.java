package org.imap4j.session;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.response.Condition;

/**
 * Hears what one connection does, for metrics and tracing (OkHttp's {@code EventListener} for IMAP): the connect
 * steps, TLS, each command's start and end, the bytes that crossed the socket, IDLE, and the end. Every method has an
 * empty default body, so a listener overrides only what it counts. Set one with
 * {@link TransportOptions.Builder#eventListener(ImapEventListener)} (shared by every connection made with those
 * options) or {@link TransportOptions.Builder#eventListenerFactory(Factory)} (one per connection, for per-connection
 * state); both transports report the same events.
 *
 * <pre>{@code
 * TransportOptions o = TransportOptions.builder("imap.example.org")
 *         .eventListener(new ImapEventListener() {
 *             @Override
 *             public void commandEnd(String tag, String command, Condition status, long durationNanos) {
 *                 timer(command, status).record(durationNanos, TimeUnit.NANOSECONDS);
 *             }
 *         })
 *         .build();
 * }</pre>
 *
 * <h2>Order</h2>
 * {@code connectStart}, then {@code dnsEnd} (not for an IP literal), {@code connectEnd} (TCP, and the proxy tunnel
 * when there is one), {@code tlsStart}/{@code tlsEnd} (at once with implicit TLS, after the server's OK with
 * STARTTLS), the commands of the opening (CAPABILITY, STARTTLS) and then the caller's, each {@code commandStart} ...
 * {@code commandEnd}; {@code bytesSent}/{@code bytesReceived} whenever bytes cross the socket; and last exactly one of
 * {@code connectFailed} (the connection never became ready) or {@code connectionClosed}.
 *
 * <h2>Threading and failures</h2>
 * Called on the thread that drives the connection at that moment, while it holds the connection's lock: the NIO
 * transport's selector thread, or the blocking transport's calling threads (its reader and a writer can report at the
 * same time, so a listener shared between threads must be thread-safe). A listener must therefore return quickly and
 * must not block, wait for a result of the same connection, or call it. An exception it throws is caught and logged
 * (logger {@code org.imap4j.session}, WARNING) and never breaks the connection.
 *
 * <h2>Secrets</h2>
 * No callback carries command arguments, server text or credentials: a command is reported by its tag and its name
 * ({@code LOGIN}, {@code UID FETCH}) only.
 */
public interface ImapEventListener {
    /** A listener that ignores everything (the default). */
    ImapEventListener NONE = new ImapEventListener() {
    };

    /** Makes one listener per connection; called once when the connection begins, on the connecting thread. */
    @FunctionalInterface
    interface Factory {
        /** A factory that always answers {@link ImapEventListener#NONE}. */
        Factory NONE = options -> ImapEventListener.NONE;

        /**
         * @param options the options of the connection about to begin
         * @return its listener (never {@code null})
         */
        ImapEventListener create(TransportOptions options);
    }

    /**
     * The connect begins (before name resolution).
     *
     * @param host  the server's host, as configured
     * @param port  the server's port
     * @param proxy how it is reached: {@link ProxyOptions#direct()} or a proxy
     */
    default void connectStart(String host, int port, ProxyOptions proxy) {
    }

    /**
     * A name was resolved (the proxy's, through a proxy); not called for an IP literal.
     *
     * @param host      the name
     * @param addresses what it resolved to, in the order they are tried
     */
    default void dnsEnd(String host, List<InetAddress> addresses) {
    }

    /**
     * The TCP connection is up (and the proxy tunnel open, through a proxy); TLS and the greeting follow.
     *
     * @param address the address connected to (the proxy's, through a proxy)
     */
    default void connectEnd(InetSocketAddress address) {
    }

    /**
     * The connection could not be opened or never became ready (name resolution, TCP, the proxy, TLS, the greeting
     * or the opening exchanges failed, or the connect deadline passed). The last event of the connection.
     *
     * @param cause why
     */
    default void connectFailed(ImapException cause) {
    }

    /** The TLS handshake begins (implicit TLS, or after the server accepted STARTTLS). */
    default void tlsStart() {
    }

    /**
     * The TLS handshake succeeded.
     *
     * @param protocol    the negotiated protocol, e.g. {@code TLSv1.3}
     * @param cipherSuite the negotiated cipher suite, e.g. {@code TLS_AES_256_GCM_SHA384}
     */
    default void tlsEnd(String protocol, String cipherSuite) {
    }

    /**
     * A command was submitted (it is written as soon as the connection can take it).
     *
     * @param tag     its tag
     * @param command its name as the protocol spells it ({@code LOGIN}, {@code SELECT}, {@code UID FETCH}); never
     *                its arguments
     */
    default void commandStart(String tag, String command) {
    }

    /**
     * A command ended.
     *
     * @param tag           its tag
     * @param command       its name, as in {@link #commandStart}
     * @param status        the tagged status ({@code OK}, {@code NO}, {@code BAD}), or {@code null} if it ended
     *                      without one (the connection ended first)
     * @param durationNanos the time from {@link #commandStart} to its end
     */
    default void commandEnd(String tag, String command, Condition status, long durationNanos) {
    }

    /**
     * Bytes were written to the socket (TLS records and a proxy handshake included: what crossed the wire).
     *
     * @param count how many
     */
    default void bytesSent(long count) {
    }

    /**
     * Bytes were read from the socket (TLS records and a proxy handshake included: what crossed the wire).
     *
     * @param count how many
     */
    default void bytesReceived(long count) {
    }

    /**
     * The server started idling (its continuation to IDLE; RFC 2177). A keep-alive re-issue starts again under a
     * new tag.
     *
     * @param tag the IDLE's tag
     */
    default void idleStart(String tag) {
    }

    /**
     * DONE was sent: the IDLE ends (asked for by the caller, or for a keep-alive re-issue).
     *
     * @param tag the IDLE's tag
     */
    default void idleEnd(String tag) {
    }

    /**
     * A connection that was ready ended. The last event of the connection.
     *
     * @param cause why, or {@code null} for a clean end (LOGOUT, the server's BYE with nothing pending, or a close by
     *              the caller)
     */
    default void connectionClosed(ImapException cause) {
    }
}
