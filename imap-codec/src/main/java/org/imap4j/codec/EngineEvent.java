package org.imap4j.codec;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.response.Continuation;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * What {@link ImapEngine#next()} reports. Events about a command carry its {@link CommandHandle}; the others concern
 * the connection.
 */
public sealed interface EngineEvent {

    /**
     * The server's greeting: an untagged OK, PREAUTH or BYE.
     *
     * @param response the greeting
     */
    record Greeting(Untagged response) implements EngineEvent {
    }

    /**
     * An untagged response. {@code handle} is the command it answers (routed by kind to the oldest command in flight
     * that collects that kind, see {@link ImapEngine}), or {@code null} if it is unsolicited.
     *
     * @param handle   the command, or {@code null}
     * @param response the response
     */
    record Data(CommandHandle handle, Untagged response) implements EngineEvent {
        /**
         * Requires a response.
         *
         * @param handle   the command, or {@code null}
         * @param response the response
         */
        public Data {
            Objects.requireNonNull(response, "response");
        }
    }

    /**
     * A command completed with its tagged response (OK, NO or BAD).
     *
     * @param handle   the command
     * @param response the tagged response
     */
    record Completed(CommandHandle handle, Tagged response) implements EngineEvent {
    }

    /**
     * The server asks the caller to continue a command: an AUTHENTICATE challenge (answer with
     * {@link ImapEngine#authenticateResponse}) or the start of IDLE (end it with {@link ImapEngine#idleDone}).
     * Continuations for literals are handled by the engine and not reported.
     *
     * @param handle       the command
     * @param continuation the request
     * @param challenge    for AUTHENTICATE, the decoded challenge (possibly empty); otherwise {@code null}
     */
    record ContinuationRequest(CommandHandle handle, Continuation continuation, Bytes challenge)
            implements EngineEvent {
    }

    /**
     * A literal larger than {@link CodecLimits#literalStreamThreshold()} begins; its payload follows in
     * {@link LiteralChunk}s and is never buffered whole. The engine reads where it belongs from the text before it:
     * {@code * 12 FETCH (UID 7 BODY[1.2]<0> {2000000}} binds it to message 12, UID 7, section {@code 1.2} from
     * offset 0, so a consumer can hand the body to its place as it arrives. When that text cannot be read (not a
     * FETCH, an item the parser does not know, a literal that is not a body's data) {@code binding} is
     * {@code null}: the body is unbound and must not be paired with a message by arrival order.
     *
     * @param handle  the command it belongs to (the oldest FETCH in flight), or {@code null}
     * @param prefix  the response's text before the literal, e.g. {@code * 5 FETCH (UID 9 BODY[] {80000}}
     * @param size    the payload's size
     * @param binary  whether it was announced as {@code ~{n}}
     * @param binding the message and body item it belongs to, or {@code null} if unbound
     */
    record LiteralStarted(CommandHandle handle, Bytes prefix, long size, boolean binary,
            org.imap4j.codec.fetch.LiteralBinding binding) implements EngineEvent {
        /** @return whether the text before the literal said where it belongs ({@link #binding()} is set) */
        public boolean bound() {
            return binding != null;
        }
    }

    /**
     * Bytes of a streamed literal, a slice of the engine's receive buffer that the engine gives away: it never
     * reads or writes those bytes again, so they stay valid after later calls and a consumer can copy them once,
     * straight from the backing array ({@link ByteBuffer#hasArray()}), into its destination.
     *
     * @param handle the command, or {@code null}
     * @param offset where these bytes lie within the literal
     * @param chunk  the bytes (given away: the engine never touches them again)
     */
    record LiteralChunk(CommandHandle handle, long offset, ByteBuffer chunk) implements EngineEvent {
    }

    /**
     * A streamed literal is complete; the response containing it follows as a normal event, with the literal shown
     * as {@link org.imap4j.codec.core.ImapValue.StreamedLiteral}.
     *
     * @param handle the command, or {@code null}
     */
    record LiteralEnded(CommandHandle handle) implements EngineEvent {
    }

    /**
     * STARTTLS succeeded: the transport must now perform the TLS handshake and then call
     * {@link ImapEngine#tlsEstablished()}. No byte was buffered after the OK (if one was, the engine failed instead).
     *
     * @param handle the STARTTLS command
     */
    record StartTls(CommandHandle handle) implements EngineEvent {
    }

    /**
     * COMPRESS succeeded: the transport must inflate everything it receives from now on, starting with
     * {@code compressedInput} (bytes that arrived after the OK in the same read), and deflate what it sends.
     *
     * @param handle          the COMPRESS command
     * @param compressedInput already received bytes that belong to the compressed stream
     */
    record CompressionStarted(CommandHandle handle, Bytes compressedInput) implements EngineEvent {
    }

    /**
     * A complete response could not be parsed. Framing is intact, so the connection and the other commands are
     * unharmed; {@code handle} is the command it was most likely meant for, or {@code null}.
     *
     * @param handle the command, or {@code null}
     * @param error  what was wrong
     */
    record Malformed(CommandHandle handle, ImapProtocolException error) implements EngineEvent {
    }

    /**
     * The connection state changed.
     *
     * @param from the old state
     * @param to   the new state
     */
    record StateChanged(ConnectionState from, ConnectionState to) implements EngineEvent {
    }

    /**
     * The engine failed for good; every pending command is reported as failed by a {@link CommandFailed} event
     * before this one.
     *
     * @param cause why
     */
    record Failed(ImapException cause) implements EngineEvent {
    }

    /**
     * A command ended without a tagged response: the engine failed or the connection was lost.
     *
     * @param handle the command
     * @param cause  why
     */
    record CommandFailed(CommandHandle handle, ImapException cause) implements EngineEvent {
    }
}
