package org.imap4j.session;

import java.util.List;
import java.util.Optional;
import org.imap4j.codec.ConnectionState;
import org.imap4j.codec.ExclusiveSection;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * One open IMAP connection, as both transports offer it: submit typed commands, get typed responses. It is open
 * and ready when a transport returns it: the greeting has arrived, STARTTLS (if chosen) is done, and the
 * capabilities are known. It knows nothing of mail semantics.
 *
 * <pre>{@code
 * try (ImapTransport t = BlockingTransport.connect(options, ConnectionListener.NONE)) {
 *     Tagged ok = t.execute(new Command.Login("alice", Secret.of("s3cret")), CommandListener.NONE);
 * }
 * }</pre>
 *
 * <p>Thread-safe: commands may be submitted from several threads; they are written in submission order and may
 * be pipelined.
 */
public interface ImapTransport extends AutoCloseable {
    /** @return the server's greeting ({@code * OK}, or {@code * PREAUTH}) */
    Untagged.StatusResponse greeting();

    /** @return the capabilities last announced (re-read after STARTTLS and after login when the server says so) */
    List<Capability> capabilities();

    /** @return the protocol state */
    ConnectionState state();

    /** @return whether the connection runs over TLS */
    boolean isSecure();

    /** @return whether COMPRESS=DEFLATE is active */
    boolean isCompressing();

    /**
     * @param type a channel binding type
     * @return its data for this TLS connection, or empty if not secure or the provider cannot produce it
     */
    Optional<Bytes> channelBinding(ChannelBinding type);

    /**
     * Submits a command: it is queued, written as soon as the protocol allows, and its responses go to
     * {@code listener}. {@link Command.StartTls} and {@link Command.Compress} switch the connection when they
     * succeed.
     *
     * @param command  the command
     * @param listener receives its responses
     * @return the call
     */
    ImapCall submit(Command command, CommandListener listener);

    /**
     * Submits a command as one step of an exclusive section (see {@link #openSection()}).
     *
     * @param command  the command
     * @param listener receives its responses
     * @param section  the section it belongs to, or {@code null} for none (then as {@link #submit(Command,
     *                 CommandListener)})
     * @return the call
     * @throws UnsupportedOperationException if this transport has no exclusive sections and {@code section} is given
     */
    default ImapCall submit(Command command, CommandListener listener, ExclusiveSection section) {
        if (section == null) {
            return submit(command, listener);
        }
        throw new UnsupportedOperationException(getClass().getName() + " has no exclusive sections");
    }

    /**
     * Opens an exclusive section ({@link org.imap4j.codec.ImapEngine#openSection()}): once the commands submitted
     * before it have started, only commands submitted with it start until {@link #closeSection} is called, so an
     * operation made of several commands is not split by another caller's SELECT or EXPUNGE. The RFC 9051 section
     * 5.5 rules apply to every command in the engine either way.
     *
     * @return the section
     * @throws UnsupportedOperationException if this transport has none
     */
    default ExclusiveSection openSection() {
        throw new UnsupportedOperationException(getClass().getName() + " has no exclusive sections");
    }

    /**
     * Closes an exclusive section; the commands held behind it are written. Idempotent.
     *
     * @param section the section
     * @throws UnsupportedOperationException if this transport has none
     */
    default void closeSection(ExclusiveSection section) {
        throw new UnsupportedOperationException(getClass().getName() + " has no exclusive sections");
    }

    /**
     * Submits a command and waits for its tagged response.
     *
     * @param command  the command
     * @param listener receives its responses
     * @return the tagged response (OK, NO or BAD)
     */
    default Tagged execute(Command command, CommandListener listener) {
        return submit(command, listener).await();
    }

    /**
     * Waits until {@code condition} completes, for at most {@code limit}. A transport that reads on its callers'
     * threads (blocking) reads meanwhile, so a future that completes through a delivery (for example when an IDLE
     * is accepted) does complete; the connection's own deadlines keep running and fail it as usual.
     *
     * @param condition what to wait for (its outcome is not inspected: a failed future also ends the wait)
     * @param limit     the longest wait
     * @return whether {@code condition} completed within {@code limit}
     * @throws org.imap4j.codec.ImapInterruptedException if the thread was interrupted (its flag is set again)
     */
    boolean awaitCompletion(java.util.concurrent.CompletableFuture<?> condition, java.time.Duration limit);

    /**
     * Stops reading from the connection until {@link #resumeReading()}: the back-pressure of a consumer that pulls
     * responses more slowly than they arrive (a streamed FETCH). The server's silence meanwhile is the consumer's, so
     * the read timeout does not run (the command timeout does). Responses already read are still delivered. A
     * transport that reads only when a caller waits (blocking) does not read for other waiting callers either.
     * The default does nothing.
     */
    default void pauseReading() {
    }

    /** Reads again after {@link #pauseReading()}; the read timeout counts from now. The default does nothing. */
    default void resumeReading() {
    }

    /**
     * Whether the calling thread is an I/O thread this transport shares with other connections (the NIO transport's
     * selector thread), where the deliveries of a {@link CommandListener#prompt() prompt} command may run. Code that
     * continues such a command's future and does more than hand it on should move off this thread first. The
     * default (a transport without such a thread) is {@code false}.
     *
     * @return whether the calling thread is this transport's shared I/O thread
     */
    default boolean isIoThread() {
        return false;
    }

    /** Closes the connection at once (no LOGOUT); pending commands fail with a connection exception. */
    @Override
    void close();
}
