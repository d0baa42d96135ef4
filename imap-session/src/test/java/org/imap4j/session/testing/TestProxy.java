package org.imap4j.session.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small proxy on loopback for connectivity tests: SOCKS5 (RFC 1928, with the username/password method of RFC 1929)
 * or HTTP {@code CONNECT} (RFC 9110 section 9.3.6, with Basic authentication), relaying bytes both ways once the
 * tunnel is open. It can require credentials, refuse every request, or stay silent (accept and never answer), and it
 * records what each client asked for, so a test can check that a name was sent for the proxy to resolve.
 *
 * <p>Destinations are resolved by the proxy: through {@link #alias(String, String)} first (so a test can use a name
 * no resolver knows, or point an IPv6 literal at an IPv4 server), else by the system resolver, trying each address.
 *
 * <pre>{@code
 * try (TestProxy proxy = TestProxy.socks5().credentials("u", "p").alias("imap.test", "127.0.0.1").start()) {
 *     // connect through 127.0.0.1:proxy.port() to imap.test:greenMail.imapPort()
 *     assertEquals("imap.test", proxy.requests().get(0).host());
 * }
 * }</pre>
 *
 * <p>Threads are daemons named {@value #THREAD_PREFIX}{@code ...}; closing the proxy closes its listener and every
 * tunnel.
 */
public final class TestProxy implements AutoCloseable {
    /** Thread-name prefix of every thread this proxy starts. */
    public static final String THREAD_PREFIX = "test-proxy-";

    /** The proxy protocol spoken. */
    public enum Kind {
        /** SOCKS version 5. */
        SOCKS5,
        /** HTTP CONNECT. */
        HTTP
    }

    /** What the proxy does with a well-formed request. */
    public enum Behaviour {
        /** Opens the tunnel (after checking the credentials, when required). */
        RELAY,
        /** Refuses: SOCKS5 reply 5 (connection refused) or HTTP 403, after the authentication. */
        REFUSE,
        /** Accepts the TCP connection and never answers. */
        SILENT
    }

    /**
     * One request as the proxy read it.
     *
     * @param addressType SOCKS5: {@code "DOMAINNAME"}, {@code "IPV4"} or {@code "IPV6"}; HTTP: {@code "AUTHORITY"}
     * @param host        the destination as sent (an IPv6 address in its full textual form for SOCKS5, as written
     *                    between the brackets for HTTP)
     * @param port        the destination port
     * @param authenticated whether the request passed the proxy's credential check (false when none was required)
     */
    public record Request(String addressType, String host, int port, boolean authenticated) {
    }

    private final Kind kind;
    private String user;
    private String password;
    private Behaviour behaviour = Behaviour.RELAY;
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private ServerSocket server;
    private volatile boolean closed;

    private TestProxy(Kind kind) {
        this.kind = kind;
    }

    /** @return an unstarted SOCKS5 proxy without authentication that relays */
    public static TestProxy socks5() {
        return new TestProxy(Kind.SOCKS5);
    }

    /** @return an unstarted HTTP CONNECT proxy without authentication that relays */
    public static TestProxy http() {
        return new TestProxy(Kind.HTTP);
    }

    /**
     * @param user     the username the proxy requires
     * @param password the password it requires
     * @return this
     */
    public TestProxy credentials(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    /** @param b what to do with requests @return this */
    public TestProxy behaviour(Behaviour b) {
        this.behaviour = b;
        return this;
    }

    /**
     * @param name    a destination as clients send it (a name, or an IP literal)
     * @param address the address the proxy connects to instead
     * @return this
     */
    public TestProxy alias(String name, String address) {
        aliases.put(name, address);
        return this;
    }

    /** @return this proxy, listening on a free port of {@code 127.0.0.1} */
    public TestProxy start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen", e);
        }
        Thread t = new Thread(this::acceptLoop, THREAD_PREFIX + kind + "-accept-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
        return this;
    }

    /** @return the host clients connect to, {@code 127.0.0.1} */
    public String host() {
        return "127.0.0.1";
    }

    /** @return the listening port */
    public int port() {
        return server.getLocalPort();
    }

    /** @return the requests read so far, in order */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** @return how many TCP connections the proxy accepted */
    public int connections() {
        return connections.get();
    }

    /** @return failures of the proxy itself (not of clients going away) */
    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            sockets.add(s);
            Thread t = new Thread(() -> serve(s), THREAD_PREFIX + kind + "-conn-" + port());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket client) {
        Socket target = null;
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            if (behaviour == Behaviour.SILENT) {
                in.transferTo(OutputStream.nullOutputStream()); // read everything, answer nothing
                return;
            }
            target = kind == Kind.SOCKS5 ? socks(in, out) : http(in, out);
            if (target == null) {
                return;
            }
            sockets.add(target);
            relay(client, target);
        } catch (IOException e) {
            // the client went away or the proxy is closing
        } catch (RuntimeException e) {
            if (!closed) {
                errors.add(e);
            }
        } finally {
            closeQuietly(client);
            if (target != null) {
                closeQuietly(target);
            }
        }
    }

    // ---------------------------------------------------------------- SOCKS5

    private Socket socks(InputStream in, OutputStream out) throws IOException {
        int version = read(in);
        int n = read(in);
        byte[] methods = readN(in, n);
        if (version != 5) {
            throw new IllegalStateException("client sent SOCKS version " + version);
        }
        int wanted = user == null ? 0 : 2;
        boolean offered = false;
        for (byte m : methods) {
            offered |= m == wanted;
        }
        if (!offered) {
            out.write(new byte[] {5, (byte) 0xFF});
            out.flush();
            return null;
        }
        out.write(new byte[] {5, (byte) wanted});
        out.flush();
        boolean authenticated = false;
        if (wanted == 2) {
            int v = read(in);
            String u = new String(readN(in, read(in)), StandardCharsets.UTF_8);
            String p = new String(readN(in, read(in)), StandardCharsets.UTF_8);
            if (v != 1) {
                throw new IllegalStateException("client sent auth version " + v);
            }
            authenticated = u.equals(user) && p.equals(password);
            out.write(new byte[] {1, (byte) (authenticated ? 0 : 1)});
            out.flush();
            if (!authenticated) {
                return null;
            }
        }
        int ver = read(in);
        int cmd = read(in);
        read(in); // RSV
        int atyp = read(in);
        String host;
        String type;
        switch (atyp) {
            case 1:
                host = InetAddress.getByAddress(readN(in, 4)).getHostAddress();
                type = "IPV4";
                break;
            case 4:
                host = InetAddress.getByAddress(readN(in, 16)).getHostAddress();
                type = "IPV6";
                break;
            case 3:
                host = new String(readN(in, read(in)), StandardCharsets.US_ASCII);
                type = "DOMAINNAME";
                break;
            default:
                throw new IllegalStateException("client sent address type " + atyp);
        }
        int port = (read(in) << 8) | read(in);
        if (ver != 5 || cmd != 1) {
            throw new IllegalStateException("client sent version " + ver + " command " + cmd);
        }
        requests.add(new Request(type, host, port, authenticated));
        Socket target = behaviour == Behaviour.REFUSE ? null : connect(host, port);
        // BND.ADDR/BND.PORT: the proxy's side of the outgoing connection (clients ignore it for CONNECT)
        byte[] reply = {5, (byte) (target == null ? 5 : 0), 0, 1, 127, 0, 0, 1, 0, 0};
        out.write(reply);
        out.flush();
        return target;
    }

    // ---------------------------------------------------------------- HTTP

    private Socket http(InputStream in, OutputStream out) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String[] request = lines[0].split(" ");
        if (request.length != 3 || !request[0].equals("CONNECT") || !request[2].startsWith("HTTP/1.")) {
            throw new IllegalStateException("not a CONNECT request: " + lines[0]);
        }
        String authority = request[1];
        int colon = authority.lastIndexOf(':');
        String host = authority.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = Integer.parseInt(authority.substring(colon + 1));
        boolean authenticated = false;
        if (user != null) {
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8));
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                if (c > 0 && lines[i].substring(0, c).equalsIgnoreCase("Proxy-Authorization")
                        && lines[i].substring(c + 1).trim().equals(expected)) {
                    authenticated = true;
                }
            }
            if (!authenticated) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\n"
                        + "Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return null;
            }
        }
        requests.add(new Request("AUTHORITY", host, port, authenticated));
        Socket target = behaviour == Behaviour.REFUSE ? null : connect(host, port);
        String status = target == null ? "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
                : "HTTP/1.1 200 Connection established\r\nProxy-Agent: imap4j-test\r\n\r\n";
        out.write(status.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return target;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            b.write(read(in));
            byte[] sofar = b.toByteArray();
            int n = sofar.length;
            if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r'
                    && sofar[n - 1] == '\n') {
                return b.toString(StandardCharsets.US_ASCII);
            }
            if (n > 16384) {
                throw new IllegalStateException("request head too long");
            }
        }
    }

    // ---------------------------------------------------------------- relaying

    private Socket connect(String host, int port) {
        String h = aliases.getOrDefault(host, host);
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(h);
        } catch (IOException e) {
            return null;
        }
        for (InetAddress a : all) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(a, port), 5000);
                return s;
            } catch (IOException e) {
                closeQuietly(s);
            }
        }
        return null;
    }

    private void relay(Socket client, Socket target) throws IOException {
        Thread back = new Thread(() -> pump(target, client), THREAD_PREFIX + kind + "-relay-" + port());
        back.setDaemon(true);
        back.start();
        pump(client, target);
        try {
            back.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Copies until end of stream, then half-closes the other side so it sees the end too. */
    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static int read(InputStream in) throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new EOFException();
        }
        return c;
    }

    private static byte[] readN(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException();
        }
        return b;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
