package org.imap4j.session;

import java.nio.ByteBuffer;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.response.Untagged;

/**
 * Receives what the server sends for one command, in order, before the command's result completes. Every method
 * has an empty default, so a listener implements only what it needs.
 *
 * <p>Threading: a blocking transport calls it on the thread that is reading (one of the callers waiting); an
 * asynchronous one on its callback executor, never on its I/O thread unless the caller chose a direct executor or
 * the listener declares {@link #prompt()}.
 * Calls for one connection never overlap.
 */
public interface CommandListener {
    /** A listener that ignores everything. */
    CommandListener NONE = new CommandListener() {
    };

    /**
     * Whether this command's deliveries may run on an asynchronous transport's I/O thread: every callback of this
     * listener (data, literal chunks, malformed responses, unreadable items) returns promptly, never blocks and
     * never runs the application's code (it only collects the responses into a result, or hands them on to a
     * queue served by other threads), and so does whatever the submitter chained onto the call's
     * {@link ImapCall#future()} without an executor, which the completion runs. When it does, a transport may run
     * them on the thread that read the responses, saving a thread hand-off per read batch, as long as no earlier
     * delivery of the connection is waiting or running (the connection's order is kept); otherwise they run where
     * every other delivery runs. Continuation requests ({@link #onContinuation}) never run there. The default,
     * {@code false}, keeps every callback off the reading thread. Asked as each delivery is queued; it should
     * not change while the command runs.
     *
     * @return whether this command's deliveries may run on a transport's I/O thread
     */
    default boolean prompt() {
        return false;
    }

    /** @param response an untagged response the engine routed to this command (RFC 9051 section 7) */
    default void onData(Untagged response) {
    }

    /**
     * A continuation request for this command: an AUTHENTICATE challenge (answer with {@link ImapCall#respond} or
     * {@link ImapCall#cancel}), or the server's acceptance of IDLE ({@code challenge} is {@code null}; it comes once,
     * not again when the transport re-issues IDLE to keep it alive).
     *
     * @param call      the command, to answer on
     * @param challenge the decoded SASL challenge, or {@code null} for IDLE
     */
    default void onContinuation(ImapCall call, Bytes challenge) {
    }

    /**
     * A literal too large to buffer (above {@code CodecLimits.literalStreamThreshold}) begins; its bytes follow as
     * chunks and the response it belongs to arrives through {@link #onData} with a streamed placeholder.
     * {@code binding} says, from the response's text before the literal, which message and which body item (section,
     * origin) it is; it is {@code null} when that text could not be read, and such a body must not be paired with
     * a message by arrival order.
     *
     * @param prefix  the response bytes before the literal
     * @param size    the literal's announced size
     * @param binary  whether it is a {@code ~{n}} literal
     * @param binding the message and body item it belongs to, or {@code null} if unbound
     */
    default void onLiteralStarted(Bytes prefix, long size, boolean binary,
            org.imap4j.codec.fetch.LiteralBinding binding) {
    }

    /**
     * @param offset the offset of the chunk within the literal
     * @param chunk  the bytes: a slice of the connection's receive buffer that the engine gave away (never
     *               touched again), so the listener may keep it; it is not a copy: copy it once, from its array, into
     *               its destination
     */
    default void onLiteralChunk(long offset, ByteBuffer chunk) {
    }

    /**
     * The bytes of a literal this command's encoding left to the caller ({@link org.imap4j.codec.command.Fragment.Supplied},
     * an APPEND of {@link org.imap4j.codec.command.Command.AppendMessage#supplied} messages), asked for when it is due
     * to be written. The session reads exactly the announced number of bytes from it, in chunks, on the thread that
     * writes (the caller's on a blocking transport, the I/O thread on NIO), and leaves it open. A stream that ends
     * early, holds more than announced, or throws fails the command with a {@link LiteralSourceException} and
     * closes the connection: a literal of the announced size can then no longer be completed, and none of the wrong
     * length is ever finished.
     *
     * @param index which supplied literal of the command (0 for the first)
     * @return its bytes
     * @throws IllegalStateException by default: the listener of a command with a supplied literal must provide it
     */
    default java.io.InputStream literalSource(int index) {
        throw new IllegalStateException("this command has a literal supplied by the caller, and its listener "
                + "provides no stream for it (CommandListener.literalSource)");
    }

    /** The streamed literal ended. */
    default void onLiteralEnded() {
    }

    /**
     * A response arrived during this command that could not be parsed and was skipped (the engine's best guess
     * of the command it was meant for is this one); the connection's listener hears of it too. A command that
     * collects data may be missing some: the listener can make that visible or fail the command.
     *
     * @param error what was wrong, with the offending bytes escaped
     */
    default void onMalformed(org.imap4j.codec.ImapProtocolException error) {
    }

    /**
     * A FETCH response for this command kept all its items but one, which the parser could not read and kept as
     * raw bytes ({@link org.imap4j.codec.fetch.FetchItem.Unreadable}, {@link org.imap4j.codec.Quirk#SALVAGE_FETCH_ITEMS});
     * called before {@link #onData} delivers that response. The data of that item is missing: a listener can make
     * that visible or fail the command.
     *
     * @param error which item of which message, with its bytes escaped
     */
    default void onUnreadableItem(org.imap4j.codec.ImapProtocolException error) {
    }
}
