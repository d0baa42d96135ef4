package org.imap4j.transport.nio.internal;

import java.lang.reflect.Method;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.imap4j.codec.core.Bytes;
import org.imap4j.session.ChannelBinding;
import org.imap4j.session.ChannelBindings;

/**
 * Channel binding data for an established engine. tls-server-end-point comes from the peer certificate with any
 * provider; tls-unique and tls-exporter need BouncyCastle's JSSE ({@code BCSSLEngine.getConnection()
 * .getChannelBinding(name)}), reached by reflection so that bctls stays optional.
 *
 * <p>BouncyCastle 1.79 clears the exporter (and TLS 1.2 master) secret when the handshake completes and allows
 * an export only from inside its {@code notifyHandshakeComplete()}, which an {@code SSLEngine} user cannot reach:
 * so tls-exporter comes back empty with it, while tls-unique (TLS 1.2) works.
 */
final class TlsBindings {
    private TlsBindings() {
    }

    static Optional<Bytes> of(SSLEngine engine, ChannelBinding type) {
        if (type == ChannelBinding.TLS_SERVER_END_POINT) {
            try {
                Certificate[] chain = engine.getSession().getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                    return ChannelBindings.serverEndPoint(x);
                }
            } catch (SSLPeerUnverifiedException e) {
                return Optional.empty();
            }
            return Optional.empty();
        }
        if (type == ChannelBinding.TLS_UNIQUE && "TLSv1.3".equals(engine.getSession().getProtocol())) {
            return Optional.empty(); // RFC 9266: tls-unique is not defined for TLS 1.3
        }
        return bouncyCastle(engine, type.wireName());
    }

    private static Optional<Bytes> bouncyCastle(SSLEngine engine, String name) {
        Class<?> bcEngine;
        try {
            bcEngine = Class.forName("org.bouncycastle.jsse.BCSSLEngine", false, engine.getClass().getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        if (!bcEngine.isInstance(engine)) {
            return Optional.empty();
        }
        try {
            Object connection = bcEngine.getMethod("getConnection").invoke(engine);
            if (connection == null) {
                return Optional.empty();
            }
            Class<?> bcConnection = Class.forName("org.bouncycastle.jsse.BCSSLConnection", false,
                    bcEngine.getClassLoader());
            Method m = bcConnection.getMethod("getChannelBinding", String.class);
            byte[] data = (byte[]) m.invoke(connection, name);
            return data == null ? Optional.empty() : Optional.of(Bytes.of(data));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }
}
