package org.imap4j.session;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.imap4j.codec.ImapConnectionException;

/**
 * The client's half of a proxy handshake, sans I/O, shared by both transports: it says what to write
 * ({@link #pollOutput()}), how many bytes it may read next ({@link #wanted()}) and checks what came back
 * ({@link #receive(ByteBuffer)}) until the tunnel is open ({@link #isDone()}). A transport that reads at most
 * {@link #wanted()} bytes never reads past the proxy's reply, so the server's first bytes (a greeting that arrives
 * in the same packet) stay in the socket for the session.
 *
 * <pre>{@code
 * ProxyHandshake h = ProxyHandshake.start(options.proxy(), options.host(), options.port());
 * while (!h.isDone()) {
 *     for (ByteBuffer b; (b = h.pollOutput()) != null; ) write(b);
 *     ByteBuffer in = read(h.wanted());         // at most wanted() bytes
 *     if (in == null) h.endOfStream(); else h.receive(in);
 * }
 * }</pre>
 *
 * <p>SOCKS5 (RFC 1928): method selection (no authentication, and username/password (RFC 1929) when credentials are
 * set), then {@code CONNECT} with the server's name as a DOMAINNAME (the proxy resolves it) or its IPv4/IPv6 literal.
 * HTTP (RFC 9110 section 9.3.6): {@code CONNECT host:port HTTP/1.1} with {@code Host} and, with credentials,
 * {@code Proxy-Authorization: Basic}; any 2xx status opens the tunnel. Failures are {@link ImapProxyException}s
 * whose messages carry the reply code, never the proxy's raw bytes or the credentials. Not thread-safe.
 */
public final class ProxyHandshake {
    /** The longest HTTP response head accepted from a proxy. */
    static final int MAX_HTTP_HEAD = 8192;

    private static final int SOCKS_VERSION = 5;
    private static final int AUTH_NONE = 0;
    private static final int AUTH_PASSWORD = 2;
    private static final int AUTH_NO_ACCEPTABLE = 0xFF;

    private enum State { SOCKS_METHOD, SOCKS_AUTH, SOCKS_REPLY_HEAD, SOCKS_REPLY_REST, HTTP_RESPONSE, DONE, FAILED }

    private final ProxyOptions proxy;
    private final String host;
    private final int port;
    private final InetAddress literal;
    private final ArrayDeque<ByteBuffer> output = new ArrayDeque<>(2);
    private State state;
    private byte[] reply = new byte[64];
    private int have;
    private int need;

    private ProxyHandshake(ProxyOptions proxy, String host, int port, InetAddress literal) {
        this.proxy = proxy;
        this.host = host;
        this.port = port;
        this.literal = literal;
    }

    /**
     * Begins a handshake; its first request is ready in {@link #pollOutput()}.
     *
     * @param proxy the proxy (not {@link ProxyOptions.Direct})
     * @param host  the server's host name or IP literal (an IPv6 literal with or without brackets)
     * @param port  the server's port
     * @return the handshake
     * @throws ImapConnectionException if the host cannot be sent to a proxy (not a DNS name or IP literal, or a
     *                                 name longer than SOCKS5's 255 bytes)
     */
    public static ProxyHandshake start(ProxyOptions proxy, String host, int port) {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(host, "host");
        if (proxy instanceof ProxyOptions.Direct) {
            throw new IllegalArgumentException("no proxy to shake hands with");
        }
        String h = host.length() > 2 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
        InetAddress literal = literal(h);
        if (literal == null) {
            checkDnsName(h);
        }
        ProxyHandshake hs = new ProxyHandshake(proxy, h, port, literal);
        if (proxy instanceof ProxyOptions.Socks5 s) {
            hs.socksGreeting(s);
        } else {
            hs.httpRequest((ProxyOptions.HttpConnect) proxy);
        }
        return hs;
    }

    /** @return the next bytes to write to the proxy, or {@code null} when nothing is to be written now */
    public ByteBuffer pollOutput() {
        return output.poll();
    }

    /**
     * @return how many bytes the handshake may consume next: read at most this many, so nothing of the server's
     *         own stream is read; 0 when done (or failed)
     */
    public int wanted() {
        switch (state) {
            case SOCKS_METHOD:
            case SOCKS_AUTH:
            case SOCKS_REPLY_HEAD:
            case SOCKS_REPLY_REST:
                return need - have;
            case HTTP_RESPONSE:
                return httpWanted();
            default:
                return 0;
        }
    }

    /** @return whether the tunnel is open: everything after this goes to the server */
    public boolean isDone() {
        return state == State.DONE;
    }

    /**
     * Consumes at most {@link #wanted()} bytes of the proxy's reply from {@code in} (any more stay in it).
     *
     * @param in bytes read from the proxy
     * @throws ImapProxyException if the proxy refused or broke its protocol (the handshake is then failed)
     */
    public void receive(ByteBuffer in) {
        while (in.hasRemaining() && (state != State.DONE && state != State.FAILED)) {
            int n = Math.min(in.remaining(), wanted());
            if (n <= 0) {
                return;
            }
            if (have + n > reply.length) {
                reply = Arrays.copyOf(reply, Math.max(have + n, 2 * reply.length));
            }
            in.get(reply, have, n);
            have += n;
            try {
                step();
            } catch (ImapProxyException e) {
                state = State.FAILED;
                throw e;
            }
        }
    }

    /**
     * The proxy closed the connection before the tunnel was open.
     *
     * @throws ImapProxyException always, unless the handshake is already done
     */
    public void endOfStream() {
        if (state == State.DONE) {
            return;
        }
        state = State.FAILED;
        throw new ImapProxyException(proxy + " closed the connection during the handshake"
                + (have == 0 ? " (before replying)" : " (after " + have + " bytes of its reply)")
                + " while connecting to " + target(), ImapProxyException.NO_REPLY_CODE, null);
    }

    // ---------------------------------------------------------------- SOCKS5

    private void socksGreeting(ProxyOptions.Socks5 s) {
        byte[] hello = s.credentials() == null
                ? new byte[] {SOCKS_VERSION, 1, AUTH_NONE}
                : new byte[] {SOCKS_VERSION, 2, AUTH_NONE, AUTH_PASSWORD};
        output.add(ByteBuffer.wrap(hello));
        expect(State.SOCKS_METHOD, 2);
    }

    private void step() {
        if (state == State.HTTP_RESPONSE) {
            httpStep();
            return;
        }
        if (state == State.SOCKS_REPLY_HEAD && have >= 2) {
            socksReplyCode(); // a refusal is reported as soon as its code is in, even if the proxy then closes
        }
        if (have < need) {
            return;
        }
        switch (state) {
            case SOCKS_METHOD:
                socksMethod();
                break;
            case SOCKS_AUTH:
                socksAuthStatus();
                break;
            case SOCKS_REPLY_HEAD:
                socksReplyHead();
                break;
            case SOCKS_REPLY_REST:
                state = State.DONE;
                break;
            default:
                break;
        }
    }

    /** {@code +----+--------+ |VER | METHOD |} (RFC 1928 section 3). */
    private void socksMethod() {
        checkSocksVersion(reply[0], "method selection");
        int method = reply[1] & 0xFF;
        ProxyOptions.Credentials c = ((ProxyOptions.Socks5) proxy).credentials();
        if (method == AUTH_NONE) {
            socksConnect();
        } else if (method == AUTH_PASSWORD && c != null) {
            socksAuth(c);
        } else if (method == AUTH_NO_ACCEPTABLE) {
            throw refused("accepts none of the authentication methods offered ("
                    + (c == null ? "none; it may require a username and password" : "none, username/password")
                    + ")", method);
        } else {
            throw refused("chose authentication method " + method + ", which was not offered", method);
        }
    }

    /** {@code VER=1 ULEN UNAME PLEN PASSWD} (RFC 1929 section 2). */
    private void socksAuth(ProxyOptions.Credentials c) {
        byte[] user = c.username().getBytes(StandardCharsets.UTF_8);
        byte[] pass = c.password().utf8Bytes();
        byte[] msg = new byte[3 + user.length + pass.length];
        msg[0] = 1;
        msg[1] = (byte) user.length;
        System.arraycopy(user, 0, msg, 2, user.length);
        msg[2 + user.length] = (byte) pass.length;
        System.arraycopy(pass, 0, msg, 3 + user.length, pass.length);
        Arrays.fill(pass, (byte) 0);
        output.add(ByteBuffer.wrap(msg));
        expect(State.SOCKS_AUTH, 2);
    }

    /** {@code +----+--------+ |VER | STATUS |}: 0 is success (RFC 1929 section 2). */
    private void socksAuthStatus() {
        if (reply[0] != 1) {
            throw refused("answered the username/password authentication with version " + (reply[0] & 0xFF)
                    + " (expected 1)", ImapProxyException.NO_REPLY_CODE);
        }
        int status = reply[1] & 0xFF;
        if (status != 0) {
            throw refused("rejected the username and password (RFC 1929 status " + status + ")", status);
        }
        socksConnect();
    }

    /** {@code VER CMD=CONNECT RSV ATYP DST.ADDR DST.PORT} (RFC 1928 section 4). */
    private void socksConnect() {
        byte[] addr;
        byte atyp;
        if (literal instanceof Inet4Address) {
            atyp = 1;
            addr = literal.getAddress();
        } else if (literal instanceof Inet6Address) {
            atyp = 4;
            addr = literal.getAddress();
        } else {
            atyp = 3;
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            addr = new byte[1 + name.length];
            addr[0] = (byte) name.length;
            System.arraycopy(name, 0, addr, 1, name.length);
        }
        byte[] msg = new byte[4 + addr.length + 2];
        msg[0] = SOCKS_VERSION;
        msg[1] = 1;
        msg[2] = 0;
        msg[3] = atyp;
        System.arraycopy(addr, 0, msg, 4, addr.length);
        msg[msg.length - 2] = (byte) (port >>> 8);
        msg[msg.length - 1] = (byte) port;
        output.add(ByteBuffer.wrap(msg));
        // VER REP RSV ATYP and the first address byte (a DOMAINNAME's length) tell the reply's full size
        expect(State.SOCKS_REPLY_HEAD, 5);
    }

    /** {@code VER REP RSV ATYP BND.ADDR BND.PORT} (RFC 1928 section 6): VER and REP. */
    private void socksReplyCode() {
        checkSocksVersion(reply[0], "reply");
        int rep = reply[1] & 0xFF;
        if (rep != 0) {
            throw refused("refused to connect to " + target() + ": " + socksReply(rep) + " (SOCKS5 reply " + rep
                    + ")", rep);
        }
    }

    /** The head is in: the address type (and a DOMAINNAME's length) give the reply's full size. */
    private void socksReplyHead() {
        int total;
        switch (reply[3]) {
            case 1:
                total = 4 + 4 + 2;
                break;
            case 4:
                total = 4 + 16 + 2;
                break;
            case 3:
                total = 4 + 1 + (reply[4] & 0xFF) + 2;
                break;
            default:
                throw refused("sent a reply with the unknown address type " + (reply[3] & 0xFF),
                        ImapProxyException.NO_REPLY_CODE);
        }
        expect(State.SOCKS_REPLY_REST, total);
        step();
    }

    private void checkSocksVersion(byte version, String what) {
        if (version != SOCKS_VERSION) {
            throw refused("is not a SOCKS5 proxy: its " + what + " begins with 0x"
                    + String.format("%02x", version & 0xFF) + " (expected 0x05)", ImapProxyException.NO_REPLY_CODE);
        }
    }

    private static String socksReply(int rep) {
        switch (rep) {
            case 1:
                return "general SOCKS server failure";
            case 2:
                return "connection not allowed by ruleset";
            case 3:
                return "network unreachable";
            case 4:
                return "host unreachable";
            case 5:
                return "connection refused";
            case 6:
                return "TTL expired";
            case 7:
                return "command not supported";
            case 8:
                return "address type not supported";
            default:
                return "unassigned reply code";
        }
    }

    private void expect(State s, int total) {
        if (s != State.SOCKS_REPLY_REST) {
            have = 0;
        }
        state = s;
        need = total;
    }

    // ---------------------------------------------------------------- HTTP CONNECT

    private void httpRequest(ProxyOptions.HttpConnect h) {
        String authority = target();
        StringBuilder sb = new StringBuilder(128)
                .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] auth = new byte[0];
        if (h.credentials() != null) {
            byte[] user = h.credentials().username().getBytes(StandardCharsets.UTF_8);
            byte[] pass = h.credentials().password().utf8Bytes();
            byte[] pair = new byte[user.length + 1 + pass.length];
            System.arraycopy(user, 0, pair, 0, user.length);
            pair[user.length] = ':';
            System.arraycopy(pass, 0, pair, user.length + 1, pass.length);
            byte[] b64 = Base64.getEncoder().encode(pair);
            Arrays.fill(pass, (byte) 0);
            Arrays.fill(pair, (byte) 0);
            byte[] prefix = "Proxy-Authorization: Basic ".getBytes(StandardCharsets.US_ASCII);
            auth = new byte[prefix.length + b64.length + 2];
            System.arraycopy(prefix, 0, auth, 0, prefix.length);
            System.arraycopy(b64, 0, auth, prefix.length, b64.length);
            auth[auth.length - 2] = '\r';
            auth[auth.length - 1] = '\n';
            Arrays.fill(b64, (byte) 0);
        }
        ByteBuffer msg = ByteBuffer.allocate(head.length + auth.length + 2);
        msg.put(head).put(auth).put((byte) '\r').put((byte) '\n').flip();
        Arrays.fill(auth, (byte) 0);
        output.add(msg);
        state = State.HTTP_RESPONSE;
        have = 0;
    }

    /** The fewest bytes that can end the head: at least "HTTP/1.1 200" and a blank line, or what completes one. */
    private int httpWanted() {
        int minimum = "HTTP/1.1 200\n\n".length() - have;
        if (minimum > 0) {
            return minimum;
        }
        byte last = reply[have - 1];
        if (last == '\n' || (last == '\r' && have >= 2 && reply[have - 2] == '\n')) {
            return 1;
        }
        return 2;
    }

    private void httpStep() {
        boolean end = have >= 2 && reply[have - 1] == '\n'
                && (reply[have - 2] == '\n' || (have >= 3 && reply[have - 2] == '\r' && reply[have - 3] == '\n'));
        if (!end) {
            if (have >= MAX_HTTP_HEAD) {
                throw refused("sent a response head longer than " + MAX_HTTP_HEAD + " bytes",
                        ImapProxyException.NO_REPLY_CODE);
            }
            return;
        }
        int status = httpStatus();
        if (status >= 200 && status < 300) {
            state = State.DONE;
            return;
        }
        boolean withCredentials = ((ProxyOptions.HttpConnect) proxy).credentials() != null;
        if (status == 407) {
            throw refused(withCredentials ? "rejected the credentials (HTTP status 407)"
                    : "requires authentication (HTTP status 407)", status);
        }
        throw refused("refused to connect to " + target() + " (HTTP status " + status + ")", status);
    }

    /** {@code status-line = HTTP-version SP status-code SP [ reason-phrase ]} (RFC 9112 section 4). */
    private int httpStatus() {
        // "HTTP/1.x NNN" then SP or the end of the line
        boolean ok = have >= 12 && reply[0] == 'H' && reply[1] == 'T' && reply[2] == 'T' && reply[3] == 'P'
                && reply[4] == '/' && reply[5] == '1' && reply[6] == '.' && isDigit(reply[7]) && reply[8] == ' '
                && isDigit(reply[9]) && isDigit(reply[10]) && isDigit(reply[11])
                && (reply[12] == ' ' || reply[12] == '\r' || reply[12] == '\n');
        if (!ok) {
            throw refused("is not an HTTP proxy: its response does not begin with an HTTP/1.x status line",
                    ImapProxyException.NO_REPLY_CODE);
        }
        return (reply[9] - '0') * 100 + (reply[10] - '0') * 10 + (reply[11] - '0');
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    // ---------------------------------------------------------------- helpers

    private ImapProxyException refused(String what, int code) {
        return new ImapProxyException(proxy + " " + what, code, null);
    }

    /** {@code host:port}, an IPv6 literal in brackets (the request-target of CONNECT, RFC 9110 section 9.3.6). */
    private String target() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** @return the address if {@code h} is an IPv4 dotted quad or an IPv6 literal, else {@code null} */
    private static InetAddress literal(String h) {
        if (h.indexOf(':') >= 0) {
            if (h.indexOf('%') >= 0) {
                throw new ImapConnectionException("an IPv6 literal with a zone cannot be sent to a proxy: " + h);
            }
            return HostResolver.ipLiteral(h).orElseThrow(
                    () -> new ImapConnectionException("not a valid IPv6 literal: " + h));
        }
        return HostResolver.ipLiteral(h).orElse(null);
    }

    /** A host name the proxy can resolve: LDH labels (and '_'), at most 255 bytes (the SOCKS5 length byte). */
    private static void checkDnsName(String h) {
        if (h.length() > 255) {
            throw new ImapConnectionException("host name longer than 255 bytes cannot be sent to a proxy");
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.' || c == '_';
            if (!ok) {
                throw new ImapConnectionException("host name with character U+" + String.format("%04X", (int) c)
                        + " at index " + i + " cannot be sent to a proxy (use its ASCII form, e.g. punycode)");
            }
        }
    }
}
