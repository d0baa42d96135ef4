package org.imap4j.transport.nio.internal;

import java.nio.ByteBuffer;
import java.util.function.IntFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Runs one client-side {@link SSLEngine} without blocking: the handshake (delegated tasks inline), wrapping
 * application bytes into records, unwrapping records into application bytes, and close_notify. It refuses a
 * renegotiation (a new handshake after the first on TLS 1.2 or older); TLS 1.3 post-handshake messages
 * (NewSessionTicket, KeyUpdate) are processed normally.
 *
 * <p>Not thread-safe: the connection calls it under its lock.
 */
public final class SslEngineDriver {
    /** Where the engine's output goes. */
    public interface Sink {
        /** @param record bytes to write to the socket, in order (owned by the sink) */
        void net(ByteBuffer record);

        /** @param plain decrypted application bytes (a scratch buffer: consume it before returning) */
        void app(ByteBuffer plain);

        /** The initial handshake completed. */
        void handshakeFinished();
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private boolean handshakeDone;
    private byte[] leftover;

    /** @param engine a client-mode engine with its parameters set */
    public SslEngineDriver(SSLEngine engine) {
        this.engine = engine;
    }

    /** @return the engine */
    public SSLEngine engine() {
        return engine;
    }

    /** @return whether the initial handshake has completed */
    public boolean handshakeDone() {
        return handshakeDone;
    }

    /**
     * Starts the handshake: the ClientHello goes to the sink.
     *
     * @param sink the output
     * @throws SSLException if the engine fails
     */
    public void begin(Sink sink) throws SSLException {
        engine.beginHandshake();
        pump(engine.getHandshakeStatus(), sink);
    }

    /**
     * Moves the partial record kept from the previous read to the front of {@code net}.
     *
     * @param net the buffer the next read goes into (in write mode)
     */
    public void restoreLeftover(ByteBuffer net) {
        if (leftover != null) {
            net.put(leftover);
            leftover = null;
        }
    }

    /** @return the bytes of the partial record kept, or 0 */
    public int leftoverSize() {
        return leftover == null ? 0 : leftover.length;
    }

    /**
     * Unwraps every complete record in {@code net}; a trailing partial record is kept for the next read.
     *
     * @param net       received bytes (read mode); consumed
     * @param appBuffer supplies a cleared scratch buffer of at least the given capacity
     * @param sink      the output
     * @return whether the server closed its side (close_notify)
     * @throws SSLException if the engine fails, or the server starts a renegotiation
     */
    public boolean unwrap(ByteBuffer net, IntFunction<ByteBuffer> appBuffer, Sink sink) throws SSLException {
        int want = engine.getSession().getApplicationBufferSize();
        try {
            while (true) {
                ByteBuffer app = appBuffer.apply(want);
                SSLEngineResult r = engine.unwrap(net, app);
                app.flip();
                if (app.hasRemaining()) {
                    sink.app(app);
                }
                switch (r.getStatus()) {
                    case BUFFER_OVERFLOW:
                        want = Math.max(want * 2, engine.getSession().getApplicationBufferSize());
                        continue;
                    case BUFFER_UNDERFLOW:
                        return false;
                    case CLOSED:
                        return true;
                    default:
                        break;
                }
                HandshakeStatus hs = r.getHandshakeStatus();
                if (handshakeDone && hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED
                        && !"TLSv1.3".equals(engine.getSession().getProtocol())) {
                    throw new SSLException("the server started a TLS renegotiation, which this client refuses");
                }
                pump(hs, sink);
                if (!net.hasRemaining() || (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                        && engine.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP)) {
                    return false;
                }
            }
        } finally {
            if (net.hasRemaining()) {
                leftover = new byte[net.remaining()];
                net.get(leftover);
            }
        }
    }

    /**
     * Encrypts application bytes.
     *
     * @param plain the bytes (consumed)
     * @param sink  receives the records
     * @throws SSLException if the engine fails or is closed
     */
    public void wrap(ByteBuffer plain, Sink sink) throws SSLException {
        int packet = engine.getSession().getPacketBufferSize();
        while (plain.hasRemaining()) {
            // size the record buffer to the data, so small commands do not pin a 16 KiB buffer in the queue
            int size = Math.min(packet, plain.remaining() + 256);
            while (true) {
                ByteBuffer out = ByteBuffer.allocate(size);
                SSLEngineResult r = engine.wrap(plain, out);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    size = Math.max(size * 2, packet);
                    continue;
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("the TLS session is closed");
                }
                out.flip();
                if (out.hasRemaining()) {
                    sink.net(out);
                }
                pump(r.getHandshakeStatus(), sink);
                break;
            }
        }
    }

    /**
     * Sends close_notify (to the sink); after this nothing more can be wrapped.
     *
     * @param sink the output
     */
    public void close(Sink sink) {
        engine.closeOutbound();
        try {
            for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                SSLEngineResult r = engine.wrap(EMPTY, out);
                out.flip();
                if (out.hasRemaining()) {
                    sink.net(out);
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED && !out.hasRemaining()) {
                    break;
                }
            }
        } catch (SSLException e) {
            // closing anyway: the alert is a courtesy
        }
        leftover = null;
    }

    private void pump(HandshakeStatus hs, Sink sink) throws SSLException {
        while (true) {
            switch (hs) {
                case NEED_TASK:
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                    hs = engine.getHandshakeStatus();
                    continue;
                case NEED_WRAP:
                    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                    SSLEngineResult r = engine.wrap(EMPTY, out);
                    out.flip();
                    if (out.hasRemaining()) {
                        ByteBuffer exact = ByteBuffer.allocate(out.remaining());
                        exact.put(out).flip();
                        sink.net(exact);
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        return;
                    }
                    hs = r.getHandshakeStatus();
                    continue;
                case FINISHED:
                    finished(sink);
                    return;
                case NOT_HANDSHAKING:
                    // some providers report no FINISHED when the last message was unwrapped
                    finished(sink);
                    return;
                default:
                    return; // NEED_UNWRAP: wait for the server
            }
        }
    }

    private void finished(Sink sink) {
        if (!handshakeDone) {
            handshakeDone = true;
            sink.handshakeFinished();
        }
    }
}
