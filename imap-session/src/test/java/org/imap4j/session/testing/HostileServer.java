package org.imap4j.session.testing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.CommandDecoder;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.response.Response;
import org.imap4j.testing.LineReader;
import org.imap4j.testing.servers.TestCertificates;

/**
 * A scripted IMAP server on loopback (RFC 3501 / RFC 9051, server side) for tests of how a client survives a hostile
 * or broken peer: every accepted connection runs the same {@link Script} on its own thread, which writes exactly the
 * bytes it chooses and reads commands through the codec's server half ({@link CommandDecoder}). Ready-made scripts are
 * in {@link HostileScripts}.
 *
 * <p>Errors: a script ending by an {@link IOException} (the client went away, closed mid-handshake, rejected the
 * certificate) or while the server is closing is expected and not recorded; anything else thrown, and every
 * {@link Peer#fail(String)}, is recorded in {@link #errors()}. Each accepted socket is closed when its script returns.
 *
 * <pre>{@code
 * try (HostileServer server = HostileServer.start(HostileScripts.stallGreeting())) {
 *     // connect a client to 127.0.0.1:server.port() ...
 *     assertEquals(List.of(), server.errors());
 * }
 * }</pre>
 *
 * <p>Threads are daemons named {@code hostile-accept-PORT} and {@code hostile-conn-PORT-N}.
 */
public final class HostileServer implements AutoCloseable {
    /** Thread-name prefix of every thread this server starts. */
    public static final String THREAD_PREFIX = "hostile-";

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    public interface Script {
        /**
         * @param peer the accepted connection
         * @throws Exception anything; see the class documentation for which failures are recorded
         */
        void run(Peer peer) throws Exception;
    }

    private final ServerSocket listener;
    private final Script script;
    private final Thread acceptor;
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closing;

    private HostileServer(ServerSocket listener, Script script) {
        this.listener = listener;
        this.script = script;
        this.acceptor = new Thread(this::acceptLoop, THREAD_PREFIX + "accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
    }

    /**
     * Listens on an ephemeral port of {@code 127.0.0.1} and runs {@code script} for each connection.
     *
     * @param script the behaviour
     * @return the running server
     * @throws IOException if it cannot listen
     */
    public static HostileServer start(Script script) throws IOException {
        Objects.requireNonNull(script, "script");
        ServerSocket ss = new ServerSocket();
        ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        HostileServer server = new HostileServer(ss, script);
        server.acceptor.start();
        return server;
    }

    /** @return the listening port */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return the listening address, {@code 127.0.0.1} */
    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    /** @return unexpected script failures so far (a live, thread-safe view) */
    public List<Throwable> errors() {
        return errors;
    }

    /** @return how many connections were accepted so far */
    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!closing) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!closing) {
                    errors.add(e);
                }
                return;
            }
            int n = connections.incrementAndGet();
            sockets.add(s);
            if (closing) {
                closeQuietly(s);
                return;
            }
            Thread t = new Thread(() -> serve(s), THREAD_PREFIX + "conn-" + port() + "-" + n);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    private void serve(Socket s) {
        Peer peer = null;
        try {
            s.setTcpNoDelay(true);
            peer = new Peer(s);
            script.run(peer);
        } catch (IOException e) {
            // The client went away or refused TLS: what hostile tests provoke.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            if (!closing) {
                errors.add(t);
            }
        } finally {
            if (peer != null) {
                peer.close();
                sockets.remove(peer.socket());
            }
            closeQuietly(s);
            sockets.remove(s);
        }
    }

    /** Closes the listener and every accepted socket, releases stalled scripts and joins all threads. */
    @Override
    public void close() {
        closing = true;
        closeQuietly(listener);
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        join(acceptor);
        for (Thread t : workers) {
            join(t);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing is best effort.
        }
    }

    /**
     * One accepted connection as a script sees it: raw writes, typed responses, decoded commands, server-side TLS.
     * Reads never consume bytes past the end of the current command line, so a client's TLS handshake after
     * STARTTLS is left on the socket for {@link #startTls(SSLContext)}.
     */
    public final class Peer {
        private final Socket raw;
        private Socket socket;
        private final LineReader lines;
        private OutputStream out;
        private CommandDecoder decoder = newDecoder();

        private Peer(Socket raw) throws IOException {
            this.raw = raw;
            this.socket = raw;
            this.lines = new LineReader(raw.getInputStream(), 8192);
            this.out = raw.getOutputStream();
        }

        private CommandDecoder newDecoder() {
            return new CommandDecoder(CodecLimits.defaults(), Quirk.defaults());
        }

        /** @return the current socket (the TLS socket after {@link #startTls(SSLContext)}) */
        public Socket socket() {
            return socket;
        }

        /**
         * Writes ASCII text in one write call (one TCP segment for small writes: Nagle is off).
         *
         * @param ascii the text, with its own {@code "\r\n"}
         * @throws IOException if the client went away
         */
        public void send(String ascii) throws IOException {
            send(ascii.getBytes(StandardCharsets.US_ASCII));
        }

        /**
         * @param bytes bytes written in one write call
         * @throws IOException if the client went away
         */
        public void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /**
         * @param response a typed response, encoded by {@link ImapCodec#encodeResponse(Response)}
         * @throws IOException if the client went away
         */
        public void send(Response response) throws IOException {
            send(ImapCodec.encodeResponse(response));
        }

        /**
         * Reads the next command, sending {@code + go ahead} whenever the client announced a synchronizing literal
         * (RFC 9051 section 7.5).
         *
         * @return the decoded command
         * @throws EOFException if the client closed the connection
         * @throws IOException on other read failures
         * @throws org.imap4j.codec.ImapProtocolException if the client sent something that is not a command
         */
        public TaggedCommand readCommand() throws IOException {
            while (true) {
                TaggedCommand c = decoder.next();
                if (c != null) {
                    return c;
                }
                if (decoder.awaitingLiteral()) {
                    send("+ go ahead\r\n");
                }
                byte[] chunk = readUpToLf();
                decoder.feed(ByteBuffer.wrap(chunk));
            }
        }

        /**
         * Reads one raw line, bypassing the command decoder (do not mix with a half-read command).
         *
         * @return the line without its CRLF (or LF)
         * @throws EOFException if the client closed the connection first
         * @throws IOException on read failures
         */
        public String readLine() throws IOException {
            String line = lines.readLine();
            if (line == null) {
                throw new EOFException("client closed the connection");
            }
            return line;
        }

        // Up to and including the next LF, or up to what is buffered: never past a line end.
        private byte[] readUpToLf() throws IOException {
            byte[] chunk = lines.readUpToLf();
            if (chunk == null) {
                throw new EOFException("client closed the connection");
            }
            return chunk;
        }

        /**
         * Layers server-side TLS over the connection and completes the handshake; later reads and writes are
         * encrypted. Bytes the client sent early (already buffered) are handed to the TLS layer.
         *
         * @param context the server's TLS context (e.g. {@code TestCertificates.localhost().serverContext()})
         * @throws IOException if the handshake fails (for example the client rejected the certificate)
         */
        public void startTls(SSLContext context) throws IOException {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, lines.takeBuffered(), true);
            tls.setUseClientMode(false);
            tls.startHandshake();
            socket = tls;
            sockets.add(tls);
            lines.switchTo(tls.getInputStream());
            out = tls.getOutputStream();
            // Commands sent before the handshake must not leak into the protected session (RFC 9051 section 11.1).
            decoder = newDecoder();
        }

        /**
         * Holds the connection open, reading and discarding whatever the client sends, until the client closes it or
         * the server is closed.
         */
        public void stallForever() {
            // Discard until the client or HostileServer.close() ends it: a stalled server neither answers nor lets the
            // client's bytes pile up.
            lines.drain();
        }

        /**
         * Records an unexpected client behaviour as a test failure in {@link #errors()}; the script goes on.
         *
         * @param message what went wrong
         */
        public void fail(String message) {
            errors.add(new AssertionError(message));
        }

        /** Closes the connection (idempotent). */
        public void close() {
            closeQuietly(socket);
            closeQuietly(raw);
        }
    }
}
