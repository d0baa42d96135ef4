package org.imap4j.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One client operation in progress, started when it was created (as OkHttp's {@code Call} or go-imap's
 * {@code Command.Wait()}): wait for it, or compose it. Every operation of {@link ImapClient} and
 * {@link AsyncImapClient} is one of these underneath ({@link ImapClient#operations()} hands them out); the blocking
 * client returns {@link #await()}, the asynchronous one {@link #future()}.
 *
 * <pre>{@code
 * Operation<SelectResult> sel = client.operations().select(MailboxName.INBOX);
 * SelectResult r = sel.await(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Waiting: on the blocking transport the waiting thread reads the connection meanwhile (taking turns with other
 * waiting threads). A caller returns after the {@link MailboxListener} has been told of everything that arrived
 * before the result (except when the caller is itself a listener callback: it never waits for itself).
 *
 * <p>Not for implementation outside the library.
 *
 * @param <T> the result type
 */
public interface Operation<T> {
    /**
     * Waits for the result.
     *
     * @return the result
     * @throws org.imap4j.codec.ImapException the operation's failure as it happened (NO or BAD as
     *         {@link org.imap4j.codec.ImapCommandException}, a lost connection as
     *         {@link org.imap4j.codec.ImapConnectionException}, ...); a sink's failure as its own exception
     */
    T await();

    /**
     * Waits for the result, for at most {@code limit}. Giving up does not cancel the operation: it goes on and its
     * result still reaches {@link #future()}.
     *
     * @param limit the longest wait
     * @return the result
     * @throws OperationTimeoutException if the result did not come within {@code limit} (the connection is fine)
     * @throws org.imap4j.codec.ImapException the operation's failure, as {@link #await()}
     */
    T await(Duration limit);

    /**
     * @return a future of the result, completed on the client's delivery executor (in order with the listener's
     *         events, never on the thread that reads the socket); a copy, so completing or cancelling it does not
     *         affect the operation. On the blocking transport a reader thread of the connection reads while such a
     *         future is pending and no caller is waiting.
     */
    CompletableFuture<T> future();
}
