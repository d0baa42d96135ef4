package org.imap4j.transport.blocking.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import org.imap4j.session.ConnectionEvents;

/**
 * A plain socket that reports the bytes it reads and writes to the connection's events. TLS is layered over it
 * (the JDK's {@code SSLSocket} reads and writes through the layered socket's streams), so what it counts is what
 * crossed the wire: TLS records and the proxy handshake included.
 */
final class CountingSocket extends Socket {
    private final ConnectionEvents events;

    CountingSocket(ConnectionEvents events) {
        this.events = events;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return new FilterInputStream(super.getInputStream()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    events.bytesReceived(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = in.read(buf, off, len);
                if (n > 0) {
                    events.bytesReceived(n);
                }
                return n;
            }
        };
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return new FilterOutputStream(super.getOutputStream()) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                events.bytesSent(1);
            }

            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                out.write(buf, off, len);
                events.bytesSent(len);
            }
        };
    }
}
