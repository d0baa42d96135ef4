package org.imap4j.transport.blocking.internal;

import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.jsse.BCSSLConnection;
import org.bouncycastle.jsse.BCSSLSocket;

/**
 * Reads channel bindings from a BouncyCastle JSSE socket. Only loaded when the socket is one, so the transport runs
 * without BouncyCastle on the path.
 */
public final class BouncyCastleBindings {
    private BouncyCastleBindings() {
    }

    /**
     * @param socket a TLS socket
     * @param name   a binding name ({@code tls-unique}, {@code tls-exporter}, {@code tls-server-end-point})
     * @return the binding data, or empty if the socket is not BouncyCastle's or the binding is undefined here
     */
    public static Optional<byte[]> of(SSLSocket socket, String name) {
        if (!available() || !(socket instanceof BCSSLSocket)) {
            return Optional.empty();
        }
        BCSSLConnection c = ((BCSSLSocket) socket).getConnection();
        return c == null ? Optional.empty() : Optional.ofNullable(c.getChannelBinding(name));
    }

    private static boolean available() {
        try {
            Class.forName("org.bouncycastle.jsse.BCSSLSocket", false, BouncyCastleBindings.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
