package org.imap4j.testing.servers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A line-level IMAP conversation with a launched server, for the launcher tests: they check what the real server
 * says on the wire, so they use no client of this project. One per connection; closing it closes the socket.
 */
final class RawImap implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawImap(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * @param host      where
     * @param port      the plain port
     * @param timeoutMs the read timeout
     * @return a connection whose greeting is still to be read
     */
    static RawImap connect(String host, int port, int timeoutMs) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(timeoutMs);
            return new RawImap(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * TLS over a connected socket with {@link TestCertificates#clientContext()}, the host name checked.
     *
     * @param plain the connected socket (closed with the result)
     * @param host  the name to verify
     * @param port  the port, for the session
     * @return the handshaken socket
     */
    static SSLSocket tls(Socket plain, String host, int port) throws IOException {
        SSLSocket s = (SSLSocket) TestCertificates.clientContext().getSocketFactory()
                .createSocket(plain, host, port, true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        s.setSoTimeout(5000);
        s.startHandshake();
        return s;
    }

    /** @return a TLS connection to an implicit-TLS port, verified as {@code host}; the greeting still to be read */
    static RawImap connectTls(String address, int port, String host) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, port), 5000);
            return new RawImap(tls(plain, host, port));
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** @return this connection upgraded to TLS (after a tagged OK to STARTTLS), verified as {@code host} */
    RawImap startTls(String host, int port) throws IOException {
        return new RawImap(tls(socket, host, port));
    }

    /** @return the socket, e.g. to inspect the TLS session */
    Socket socket() {
        return socket;
    }

    /** @return one line without its CRLF; an IOException at the end of the stream, even after a partial line */
    String line() throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        if (c < 0) {
            throw new IOException("EOF after: " + b);
        }
        return b.toString().strip();
    }

    /** Writes text as US-ASCII and flushes. */
    void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes bytes and flushes. */
    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends one command and reads up to its tagged completion; returns every line. */
    List<String> command(String tag, String text) throws IOException {
        write(tag + " " + text + "\r\n");
        return until(tag);
    }

    /** @return the lines up to and with the one tagged {@code tag} */
    List<String> until(String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = line();
            lines.add(l);
            if (l.startsWith(tag + " ")) {
                return lines;
            }
        }
    }

    /** {@link #command} and asserts a tagged OK; returns every line. */
    List<String> ok(String tag, String text) throws IOException {
        List<String> lines = command(tag, text);
        assertOk(lines, tag);
        return lines;
    }

    /** Asserts that the last line is {@code tag OK}. */
    static void assertOk(List<String> lines, String tag) {
        assertTrue(lines.get(lines.size() - 1).startsWith(tag + " OK"), lines::toString);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
