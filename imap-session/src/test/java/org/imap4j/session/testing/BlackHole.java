package org.imap4j.session.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A loopback address and port where a TCP connect neither succeeds nor fails: it hangs until the client gives up, as
 * it does towards a host whose route silently drops packets. Deterministic and local, unlike a non-routable address
 * (which a machine without a default route refuses at once): a listener that never accepts, whose accept queue is
 * filled, so the kernel drops further SYNs (Linux does, whatever {@code tcp_syncookies} says).
 *
 * <pre>{@code
 * try (BlackHole hole = BlackHole.on("127.0.0.2", greenMail.imapPort())) {
 *     // resolver: "imap.test" -> [127.0.0.2, 127.0.0.1]; the first attempt hangs, the second connects
 * }
 * }</pre>
 *
 * <p>The test is skipped where the address cannot be bound or the queue does not fill (a platform that answers
 * such SYNs with a reset).
 */
public final class BlackHole implements AutoCloseable {
    private static final int MAX_FILLERS = 16;
    private static final int FILL_TIMEOUT_MS = 300;

    private final ServerSocket listener;
    private final List<Socket> fillers;

    private BlackHole(ServerSocket listener, List<Socket> fillers) {
        this.listener = listener;
        this.fillers = fillers;
    }

    /**
     * @param address a loopback address (Linux routes all of {@code 127.0.0.0/8} to the loopback interface)
     * @param port    the port to swallow connects on (0 for any free one)
     * @return the black hole
     */
    public static BlackHole on(String address, int port) {
        ServerSocket s = null;
        List<Socket> fillers = new ArrayList<>();
        try {
            InetAddress a = InetAddress.getByName(address);
            s = new ServerSocket();
            s.bind(new InetSocketAddress(a, port), 1);
            for (int i = 0; i < MAX_FILLERS; i++) {
                Socket c = new Socket();
                try {
                    c.connect(s.getLocalSocketAddress(), FILL_TIMEOUT_MS);
                    fillers.add(c);
                } catch (SocketTimeoutException e) {
                    c.close();
                    return new BlackHole(s, fillers); // the queue is full: SYNs are dropped from now on
                }
            }
        } catch (IOException e) {
            closeAll(s, fillers);
            Assumptions.abort("cannot make a black hole on " + address + ":" + port + ": " + e);
        }
        closeAll(s, fillers);
        Assumptions.abort("the accept queue of " + address + " did not fill: this platform does not drop SYNs");
        throw new IllegalStateException("unreachable");
    }

    /** @return the address that swallows connects */
    public InetAddress address() {
        return listener.getInetAddress();
    }

    /** @return its port */
    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() {
        closeAll(listener, fillers);
    }

    private static void closeAll(ServerSocket s, List<Socket> fillers) {
        for (Socket f : fillers) {
            try {
                f.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
