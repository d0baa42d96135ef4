package org.imap4j.client.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.transport.ChannelBinding;

/**
 * What a {@link SaslMechanism} may learn about the connection it authenticates: the server's host and port (sent
 * by OAUTHBEARER, RFC 7628 section 3.1), whether the connection is protected by TLS, and the TLS channel-binding
 * data (RFC 5929, RFC 9266) that SCRAM-*-PLUS binds to (RFC 5802 section 6).
 *
 * @param host           the server host name as the client connected to it; never {@code null}
 * @param port           the server port, 0 to 65535
 * @param secure         whether the connection is protected by TLS (implicit TLS or after STARTTLS)
 * @param channelBinding the channel-binding data of each type, empty where the TLS stack cannot provide it; a
 *                       {@code null} function means none is available
 */
public record SaslContext(String host, int port, boolean secure,
                          Function<ChannelBinding, Optional<Bytes>> channelBinding) {

    /** Validates the values and replaces a {@code null} channel-binding function by one that has none. */
    public SaslContext {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
        if (channelBinding == null) {
            channelBinding = type -> Optional.empty();
        }
    }

    /**
     * A context without channel binding.
     *
     * @param host   the server host name
     * @param port   the server port
     * @param secure whether the connection is protected by TLS
     * @return the context
     */
    public static SaslContext of(String host, int port, boolean secure) {
        return new SaslContext(host, port, secure, null);
    }

    /**
     * The channel-binding data of one type, tolerating a function that returns {@code null}.
     *
     * @param type the binding type
     * @return the data, or empty if the connection cannot provide it
     */
    public Optional<Bytes> bindingData(ChannelBinding type) {
        Optional<Bytes> data = channelBinding.apply(type);
        return data == null ? Optional.empty() : data;
    }
}
