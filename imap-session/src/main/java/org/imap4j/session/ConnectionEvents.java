package org.imap4j.session;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSession;
import org.imap4j.codec.CommandHandle;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ServerText;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.Condition;

/**
 * What one connection reports, in one place: the calls of its {@link ImapEventListener} (each guarded, so a failing
 * listener never breaks the connection) and its lifecycle log lines. For transport implementations: a transport makes
 * one per connection with {@link #of(TransportOptions)}, reports the steps only it sees (connect, name resolution,
 * TLS, bytes on the socket, a failure before the session exists), and hands it to its
 * {@link SessionDriver#SessionDriver(TransportOptions, ConnectionListener, long, ConnectionEvents) SessionDriver},
 * which reports the rest (commands, IDLE, the end).
 *
 * <h2>Logging</h2>
 * Through {@link System.Logger} (no dependency; the JDK maps it to {@code java.util.logging}, and bridges route it to
 * SLF4J or Log4j):
 * <table>
 * <caption>Loggers and levels</caption>
 * <tr><th>logger</th><th>level</th><th>what</th></tr>
 * <tr><td>{@value #LOGGER}</td><td>DEBUG</td><td>each connect step: connecting (through which proxy), the resolved
 * addresses, TCP connected, STARTTLS accepted, TLS established (protocol and cipher suite), the session ready,
 * COMPRESS=DEFLATE on; the connection closed cleanly (LOGOUT, or a close by the caller); a connection that could
 * not be opened, with the cause (the caller gets the same failure as an exception)</td></tr>
 * <tr><td>{@value #LOGGER}</td><td>INFO</td><td>an established connection failed, with the cause (a timeout, a lost
 * connection)</td></tr>
 * <tr><td>{@value #LOGGER}</td><td>WARNING</td><td>the server misbehaved: a protocol violation ended the connection,
 * or a response was malformed and skipped; an event listener threw</td></tr>
 * <tr><td>{@value #TRACE_LOGGER}</td><td>TRACE</td><td>the protocol, line by line, redacted and escaped exactly as
 * the {@link TraceListener} sees it</td></tr>
 * </table>
 * A session that opens, works and logs out writes nothing at INFO or above. Every line starts with the connection's
 * label, {@code host:port#n}, {@code n} counting connections in this JVM.
 * Text a server chose (in a cause's message) is escaped with {@link ServerText#escape(CharSequence)}. Nothing is built
 * when its level is off.
 */
public final class ConnectionEvents {
    /** The logger of connection lifecycle lines. */
    public static final String LOGGER = "org.imap4j.session";
    /** The logger of the protocol trace (level TRACE). */
    public static final String TRACE_LOGGER = "org.imap4j.trace";

    private static final Logger LOG = System.getLogger(LOGGER);
    private static final Logger TRACE = System.getLogger(TRACE_LOGGER);
    private static final AtomicLong IDS = new AtomicLong();

    private final TransportOptions options;
    private final ImapEventListener listener;
    private final boolean silent;
    /** This connection's number, for {@link #label()}. */
    private final long id;
    /**
     * When each command of the driver began; only touched under the transport's lock, by the driver; {@code null}
     * without a listener (nothing to report, and an idle connection should not pay for the map).
     */
    private final Map<CommandHandle, Long> started;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean listenerFailed = new AtomicBoolean();
    private volatile boolean ready;

    private ConnectionEvents(TransportOptions options, ImapEventListener listener) {
        this.options = options;
        this.listener = listener;
        this.silent = listener == ImapEventListener.NONE;
        this.started = silent ? null : new IdentityHashMap<>(4);
        this.id = IDS.incrementAndGet();
    }

    /**
     * Begins the events of one connection: makes its listener through the options' factory.
     *
     * @param options the connection's options
     * @return the connection's events
     */
    public static ConnectionEvents of(TransportOptions options) {
        Objects.requireNonNull(options, "options");
        ImapEventListener l;
        try {
            l = options.events().create(options);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> options.host() + ":" + options.port()
                    + " the event listener factory threw; no events for this connection", e);
            l = null;
        }
        return new ConnectionEvents(options, l == null ? ImapEventListener.NONE : l);
    }

    /** @return the label that starts this connection's log lines: {@code host:port#n} */
    public String label() {
        return options.host() + ":" + options.port() + "#" + id; // built when a line is logged, not held
    }

    // ---------------------------------------------------------------- reported by a transport

    /** The connect begins: before name resolution. */
    public void connectStart() {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, label() + " connecting to " + options.host() + ":" + options.port()
                    + (options.proxy() instanceof ProxyOptions.Direct ? "" : " through " + options.proxy())
                    + " (" + options.tlsMode() + ")");
        }
        if (!silent) {
            call("connectStart", () -> listener.connectStart(options.host(), options.port(), options.proxy()));
        }
    }

    /**
     * @param host      the name resolved (the proxy's, through a proxy)
     * @param addresses what it resolved to, in attempt order
     */
    public void dnsEnd(String host, List<InetAddress> addresses) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, label() + " resolved " + host + " to " + addresses);
        }
        if (!silent) {
            List<InetAddress> copy = List.copyOf(addresses);
            call("dnsEnd", () -> listener.dnsEnd(host, copy));
        }
    }

    /** @param address the address the TCP connection (and the proxy tunnel, through a proxy) is open to */
    public void connectEnd(InetSocketAddress address) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, label() + " TCP connected to " + address
                    + (options.proxy() instanceof ProxyOptions.Direct ? "" : " (proxy tunnel open)"));
        }
        if (!silent) {
            call("connectEnd", () -> listener.connectEnd(address));
        }
    }

    /** The TLS handshake begins. */
    public void tlsStart() {
        if (!silent) {
            call("tlsStart", listener::tlsStart);
        }
    }

    /** @param session the session the handshake established */
    public void tlsEnd(SSLSession session) {
        String protocol = session.getProtocol();
        String cipher = session.getCipherSuite();
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, label() + " TLS established: " + protocol + ", " + cipher);
        }
        if (!silent) {
            call("tlsEnd", () -> listener.tlsEnd(protocol, cipher));
        }
    }

    /** @param count bytes written to the socket */
    public void bytesSent(long count) {
        if (!silent && count > 0) {
            call("bytesSent", () -> listener.bytesSent(count));
        }
    }

    /** @param count bytes read from the socket */
    public void bytesReceived(long count) {
        if (!silent && count > 0) {
            call("bytesReceived", () -> listener.bytesReceived(count));
        }
    }

    /**
     * The connection ended: before it was ready, {@link ImapEventListener#connectFailed}, else
     * {@link ImapEventListener#connectionClosed}. Only the first call counts, so a transport may report a failure
     * the driver reports too.
     *
     * @param cause why, or {@code null} for a clean end
     */
    public void closed(ImapException cause) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        boolean wasReady = ready;
        // a connect that fails reaches its caller as an exception: logging it above DEBUG would say it twice (and
        // print it on a console the caller already reports to); an established connection that is lost is news
        Level level = cause == null ? Level.DEBUG : cause instanceof ImapProtocolException ? Level.WARNING
                : wasReady ? Level.INFO : Level.DEBUG;
        if (LOG.isLoggable(level)) {
            String what = wasReady ? " closed" : " connecting failed";
            LOG.log(level, label() + what + (cause == null ? "" : ": " + describe(cause)));
        }
        if (!silent) {
            if (wasReady) {
                call("connectionClosed", () -> listener.connectionClosed(cause));
            } else {
                ImapException why = cause != null ? cause
                        : new org.imap4j.codec.ImapConnectionException("the connection closed before it was ready");
                call("connectFailed", () -> listener.connectFailed(why));
            }
        }
    }

    // ---------------------------------------------------------------- reported by the driver

    /** @return whether the trace logger is on (checked before any trace text is built) */
    static boolean traceLogged() {
        return TRACE.isLoggable(Level.TRACE);
    }

    /** @param line one trace line (redacted and escaped), with its direction */
    void trace(TraceListener.Direction d, String line) {
        if (TRACE.isLoggable(Level.TRACE)) {
            int end = line.endsWith("\r\n") ? line.length() - 2 : line.length();
            TRACE.log(Level.TRACE, label() + (d == TraceListener.Direction.IN ? " S: " : " C: ")
                    + line.substring(0, end));
        }
    }

    /** @param secure whether TLS protects the session: the opening sequence is done */
    void ready(boolean secure) {
        ready = true;
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, label() + " session ready" + (secure ? " (TLS)" : " (no TLS)"));
        }
    }

    /** The server accepted STARTTLS; the handshake follows. */
    void startTlsAccepted() {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, label() + " STARTTLS accepted; TLS handshake");
        }
    }

    /** COMPRESS=DEFLATE is on. */
    void compressionStarted() {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, label() + " COMPRESS=DEFLATE on");
        }
    }

    /** @param error a response the codec skipped */
    void malformed(ImapProtocolException error) {
        if (LOG.isLoggable(Level.WARNING)) {
            LOG.log(Level.WARNING, label() + " the server sent a malformed response (skipped): " + describe(error));
        }
    }

    /**
     * @param h   a command the engine accepted
     * @param now the time
     */
    void commandStart(CommandHandle h, long now) {
        if (silent) {
            return;
        }
        started.put(h, now);
        String tag = h.tag().value();
        String name = name(h.command());
        call("commandStart", () -> listener.commandStart(tag, name));
    }

    /**
     * @param h      a command that ended
     * @param status its tagged status, or {@code null} if it ended without one
     * @param now    the time
     */
    void commandEnd(CommandHandle h, Condition status, long now) {
        if (silent) {
            return;
        }
        Long t = started.remove(h);
        long took = t == null ? 0 : now - t;
        String tag = h.tag().value();
        String name = name(h.command());
        call("commandEnd", () -> listener.commandEnd(tag, name, status, took));
    }

    /** @param h the IDLE the server now idles in */
    void idleStart(CommandHandle h) {
        if (!silent) {
            String tag = h.tag().value();
            call("idleStart", () -> listener.idleStart(tag));
        }
    }

    /** @param h the IDLE DONE was sent for */
    void idleEnd(CommandHandle h) {
        if (!silent) {
            String tag = h.tag().value();
            call("idleEnd", () -> listener.idleEnd(tag));
        }
    }

    // ---------------------------------------------------------------- helpers

    /** @return the command's name as the protocol spells it: {@code LOGIN}, {@code LIST}, {@code UID FETCH} */
    static String name(Command c) {
        String base;
        if (c instanceof Command.ListMailboxes) {
            base = "LIST";
        } else if (c instanceof Command.StoreGmailLabels) {
            base = "STORE";
        } else if (c instanceof Command.UidExpunge) {
            base = "UID EXPUNGE";
        } else {
            base = c.getClass().getSimpleName().toUpperCase(Locale.ROOT);
        }
        return uid(c) ? "UID " + base : base;
    }

    private static boolean uid(Command c) {
        if (c instanceof Command.Fetch f) {
            return f.uid();
        } else if (c instanceof Command.Store s) {
            return s.uid();
        } else if (c instanceof Command.StoreGmailLabels s) {
            return s.uid();
        } else if (c instanceof Command.Search s) {
            return s.uid();
        } else if (c instanceof Command.Sort s) {
            return s.uid();
        } else if (c instanceof Command.Thread t) {
            return t.uid();
        } else if (c instanceof Command.Copy x) {
            return x.uid();
        } else if (c instanceof Command.Move m) {
            return m.uid();
        }
        return false;
    }

    /** @return the exception's type and message, escaped (a cause's message may quote the server) */
    private static String describe(ImapException e) {
        return e.getClass().getSimpleName() + ": " + ServerText.escape(String.valueOf(e.getMessage()));
    }

    private void call(String what, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            // a metrics hook must not break the connection: the first failure is a warning, later ones are noise
            Level level = listenerFailed.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
            if (LOG.isLoggable(level)) {
                LOG.log(level, label() + " the event listener threw in " + what + "; ignored", e);
            }
        }
    }
}
