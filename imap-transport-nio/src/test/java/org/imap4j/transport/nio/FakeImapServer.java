package org.imap4j.transport.nio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny scripted IMAP server on the loopback interface, one thread per connection, for transport tests. It answers
 * the commands a transport's own tests send; a test overrides any command with a {@link Handler}.
 */
final class FakeImapServer implements AutoCloseable {
    /** Answers one command; return normally to go on serving, throw to drop the connection. */
    interface Handler {
        void handle(Session s, String tag, String line) throws IOException;
    }

    /** One accepted connection. */
    static final class Session {
        Socket socket;
        InputStream in;
        OutputStream out;
        final List<String> received;

        Session(Socket socket, List<String> received) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.received = received;
        }

        /** @return the next line without CRLF, or null at end of stream */
        String readLine() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    String s = b.toString(StandardCharsets.ISO_8859_1);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                b.write(c);
            }
            return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void startTls(SSLContext ctx) throws IOException {
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
            s.setUseClientMode(false);
            s.startHandshake();
            socket = s;
            in = s.getInputStream();
            out = s.getOutputStream();
        }

        void compress() {
            in = new InflaterInputStream(in, new Inflater(true));
            out = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
        }

        void close() throws IOException {
            socket.close();
        }
    }

    final ServerSocket server;
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<Session> sessions = new CopyOnWriteArrayList<>();
    final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    volatile String greeting = "* OK fake IMAP ready\r\n";
    volatile String capabilities = "IMAP4rev1 IDLE LITERAL+ COMPRESS=DEFLATE";
    volatile SSLContext startTlsContext;

    /** @param implicitTls a context for TLS from the first byte, or null for plain TCP */
    FakeImapServer(SSLContext implicitTls) throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        server = implicitTls == null ? new ServerSocket(0, 50, lo)
                : implicitTls.getServerSocketFactory().createServerSocket(0, 50, lo);
        Thread t = new Thread(this::acceptLoop, "fake-imap-accept");
        t.setDaemon(true);
        t.start();
    }

    FakeImapServer on(String command, Handler h) {
        handlers.put(command.toUpperCase(Locale.ROOT), h);
        return this;
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "fake-imap-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Session s = new Session(socket, received);
            sessions.add(s);
            s.send(greeting);
            String line;
            while ((line = s.readLine()) != null) {
                received.add(line);
                String[] parts = line.split(" ", 3);
                String tag = parts[0];
                String cmd = parts.length > 1 ? parts[1].toUpperCase(Locale.ROOT) : "";
                Handler h = handlers.get(cmd);
                if (h != null) {
                    h.handle(s, tag, line);
                    continue;
                }
                switch (cmd) {
                    case "CAPABILITY":
                        s.send("* CAPABILITY " + capabilities + "\r\n" + tag + " OK CAPABILITY done\r\n");
                        break;
                    case "NOOP":
                    case "LOGIN":
                    case "SELECT":
                        s.send(tag + " OK " + cmd + " done\r\n");
                        break;
                    case "LOGOUT":
                        s.send("* BYE logging out\r\n" + tag + " OK LOGOUT done\r\n");
                        return;
                    case "IDLE":
                        s.send("+ idling\r\n");
                        String done = s.readLine();
                        if (done == null) {
                            return;
                        }
                        received.add(done);
                        s.send(tag + " OK IDLE terminated\r\n");
                        break;
                    case "STARTTLS":
                        s.send(tag + " OK begin TLS\r\n");
                        s.startTls(startTlsContext != null ? startTlsContext : TestCerts.LOCALHOST.serverContext);
                        break;
                    case "COMPRESS":
                        s.send(tag + " OK DEFLATE active\r\n");
                        s.compress();
                        break;
                    default:
                        s.send(tag + " BAD unknown command\r\n");
                }
            }
        } catch (IOException e) {
            // the client went away or the script dropped the connection
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Session s : sessions) {
            s.close();
        }
    }
}
