package org.imap4j.client.internal;

import java.nio.ByteBuffer;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.fetch.LiteralBinding;
import org.imap4j.codec.response.Untagged;

/**
 * An operation that hands everything its command receives (untagged data, streamed literals, unreadable responses
 * and items) to an inner operation of the same command, and makes its own result from the inner one's
 * ({@code inner.complete(ok)} in {@link #result}). Subclasses override what they take for themselves, e.g. a
 * response the inner operation does not know.
 *
 * @param <I> the inner operation's result
 * @param <T> this operation's result
 */
abstract class ForwardingOp<I, T> extends Op<T> {
    /** The operation everything is handed to. */
    protected final Op<I> inner;

    /**
     * @param s     the session
     * @param inner the inner operation, whose command this one sends
     */
    ForwardingOp(Session s, Op<I> inner) {
        super(s, inner.command());
        this.inner = inner;
    }

    /**
     * As prompt as the inner operation, whose listener hears the responses (a subclass only adds collecting of its
     * own; see {@link Op#prompt()}).
     */
    @Override
    protected boolean collectsOnly() {
        return inner.prompt();
    }

    @Override
    public void onData(Untagged u) {
        inner.onData(u);
    }

    @Override
    public void onLiteralStarted(Bytes prefix, long size, boolean binary, LiteralBinding where) {
        inner.onLiteralStarted(prefix, size, binary, where);
    }

    @Override
    public void onLiteralChunk(long offset, ByteBuffer chunk) {
        inner.onLiteralChunk(offset, chunk);
    }

    @Override
    public void onLiteralEnded() {
        inner.onLiteralEnded();
    }

    @Override
    public void onMalformed(ImapProtocolException error) {
        inner.onMalformed(error);
    }

    @Override
    public void onUnreadableItem(ImapProtocolException error) {
        inner.onUnreadableItem(error);
    }
}
