package org.imap4j.transport.nio;

import java.util.List;
import java.util.Optional;
import org.imap4j.codec.ConnectionState;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.ChannelBinding;
import org.imap4j.session.CommandListener;
import org.imap4j.session.ImapCall;
import org.imap4j.session.ImapTransport;
import org.imap4j.transport.nio.internal.Connection;

/**
 * One IMAP connection served by a {@link NioTransportGroup}'s selector thread. Obtain it from
 * {@link NioTransportGroup#connect}; it is ready when handed out (greeting read, STARTTLS done, capabilities known).
 *
 * <pre>{@code
 * try (NioTransportGroup group = NioTransportGroup.create()) {
 *     ImapTransport t = group.connect(options, ConnectionListener.NONE).join();
 *     t.submit(new Command.Noop(), CommandListener.NONE).future().thenAccept(ok -> ...);
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #submit} never blocks: it encodes the command, tries one non-blocking write and leaves the
 * rest to the selector thread. Listeners and futures run on the options' callback executor (or the group's), one
 * at a time and in order for this connection; never on the selector thread unless that executor is direct. Calling
 * {@link ImapCall#await()} from such a callback for a command of the same connection is refused with an
 * {@link IllegalStateException}, since its result could only be delivered after the callback returns.
 */
public final class NioTransport implements ImapTransport {
    private final Connection connection;

    NioTransport(Connection connection) {
        this.connection = connection;
    }

    /** @return the server's greeting */
    @Override
    public Untagged.StatusResponse greeting() {
        return connection.greeting();
    }

    /** @return the capabilities last announced */
    @Override
    public List<Capability> capabilities() {
        return connection.capabilities();
    }

    /** @return the protocol state */
    @Override
    public ConnectionState state() {
        return connection.state();
    }

    /** @return whether the connection runs over TLS */
    @Override
    public boolean isSecure() {
        return connection.isSecure();
    }

    /** @return whether COMPRESS=DEFLATE is active */
    @Override
    public boolean isCompressing() {
        return connection.isCompressing();
    }

    /**
     * tls-server-end-point works with any provider; tls-unique (TLS 1.2 only) and tls-exporter need
     * {@link org.imap4j.session.TlsProvider#BOUNCY_CASTLE}.
     *
     * @param type a channel binding type
     * @return its data, or empty if not secure or the provider cannot produce it
     */
    @Override
    public Optional<Bytes> channelBinding(ChannelBinding type) {
        return connection.channelBinding(type);
    }

    /**
     * Submits a command without blocking. If the write queue already holds {@code maxQueuedWrite} bytes, the call
     * fails with an {@link org.imap4j.codec.ImapConnectionException} ("write queue full") instead. (The check is made
     * before the command is encoded, so an accepted command may take the queue past the bound by its own size;
     * bytes beyond the bound stay in the engine until the socket drains.)
     *
     * @param command  the command
     * @param listener receives its responses
     * @return the call
     */
    @Override
    public ImapCall submit(Command command, CommandListener listener) {
        return connection.submit(command, listener);
    }

    @Override
    public ImapCall submit(Command command, CommandListener listener, org.imap4j.codec.ExclusiveSection section) {
        return connection.submit(command, listener, section);
    }

    @Override
    public org.imap4j.codec.ExclusiveSection openSection() {
        return connection.openSection();
    }

    @Override
    public void closeSection(org.imap4j.codec.ExclusiveSection section) {
        connection.closeSection(section);
    }

    /** Closes the connection at once (no LOGOUT); pending commands fail. Idempotent. */
    @Override
    public void close() {
        connection.close();
    }

    /** @return whether the calling thread is the selector thread serving this connection (and others) */
    @Override
    public boolean isIoThread() {
        return connection.inLoop();
    }

    @Override
    public void pauseReading() {
        connection.pauseReading(true);
    }

    @Override
    public void resumeReading() {
        connection.pauseReading(false);
    }

    @Override
    public boolean awaitCompletion(java.util.concurrent.CompletableFuture<?> condition, java.time.Duration limit) {
        return connection.awaitCompletion(condition, limit);
    }

    @Override
    public String toString() {
        return "NioTransport[" + connection.toString() + "]";
    }
}
