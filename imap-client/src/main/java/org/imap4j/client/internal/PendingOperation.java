package org.imap4j.client.internal;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.imap4j.client.Operation;
import org.imap4j.client.OperationTimeoutException;
import org.imap4j.codec.ImapConnectionException;

/**
 * The library's {@link Operation}: an internal future (completed where the transport delivers, so a blocking
 * waiter, even a listener callback, never depends on the delivery lane) seen two ways: {@link #await} reads through
 * the transport until it completes, then lets the lane catch up; {@link #future} hands out a copy completed on the
 * lane.
 *
 * @param <T> the result type
 */
public final class PendingOperation<T> implements Operation<T> {
    private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

    private final Session session;
    private final CompletableFuture<T> result;
    private final String name;

    /**
     * @param session the connection
     * @param result  the internal result
     * @param name    what the operation is, for messages
     */
    public PendingOperation(Session session, CompletableFuture<T> result, String name) {
        this.session = session;
        this.result = result;
        this.name = name;
    }

    /**
     * @param session the connection
     * @param failure why the operation could not start
     * @param name    what it is
     * @param <T>     the result type
     * @return an operation that has failed
     */
    public static <T> PendingOperation<T> failed(Session session, RuntimeException failure, String name) {
        return new PendingOperation<>(session, CompletableFuture.failedFuture(failure), name);
    }

    @Override
    public T await() {
        return waitFor(null);
    }

    @Override
    public T await(Duration limit) {
        java.util.Objects.requireNonNull(limit, "limit");
        return waitFor(limit);
    }

    private T waitFor(Duration limit) {
        Lane lane = session.lane();
        boolean inCallback = !result.isDone() && lane.isCurrentThread();
        if (inCallback) {
            lane.waiting(true); // a listener calling the client: its answer must be read, however far behind it is
        }
        try {
            if (!result.isDone() && !session.transport().awaitCompletion(result, limit == null ? FOREVER : limit)
                    && !result.isDone()) {
                if (limit != null) {
                    throw new OperationTimeoutException(name, limit);
                }
                throw new ImapConnectionException(name + ": the connection is closed");
            }
        } finally {
            if (inCallback) {
                lane.waiting(false);
            }
        }
        session.lane().sync(); // the listener hears of what came before the result before the caller goes on
        try {
            return result.join();
        } catch (CompletionException | CancellationException e) {
            throw Session.unwrap(e);
        }
    }

    @Override
    public CompletableFuture<T> future() {
        CompletableFuture<T> copy = new CompletableFuture<>();
        result.whenComplete((r, e) -> session.lane().execute(() -> complete(copy, r, e)));
        session.readInBackground(result);
        return copy;
    }

    private static <T> void complete(CompletableFuture<T> copy, T r, Throwable e) {
        if (e != null) {
            copy.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
        } else {
            copy.complete(r);
        }
    }

    /** @return the internal result (completes where the transport delivers: library continuations only) */
    public CompletableFuture<T> internal() {
        return result;
    }
}
