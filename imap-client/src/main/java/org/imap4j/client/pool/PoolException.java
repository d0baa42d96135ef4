package org.imap4j.client.pool;

import java.util.Objects;
import org.imap4j.codec.ImapException;

/**
 * A lease the {@link ImapPool} could not give, with the typed {@link Reason}. A connection that could not be opened
 * or authenticated carries the failure as its cause ({@link org.imap4j.client.auth.AuthFailureException#classify}
 * tells, for example, too many connections from bad credentials).
 */
public class PoolException extends ImapException {
    private static final long serialVersionUID = 1L;

    /** Why no lease was given. */
    public enum Reason {
        /** No connection became free within the lease timeout. */
        LEASE_TIMEOUT,
        /**
         * The thread asking already holds a lease of this pool, the pool is at its cap and no connection is free:
         * waiting could wait for itself, so the request fails at once instead.
         */
        NESTED_LEASE_AT_CAP,
        /** The pool is shutting down or shut down. */
        CLOSED,
        /** A new connection could not be opened or authenticated (the cause says why). */
        CONNECT_FAILED
    }

    /** Why no lease was given. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason  why no lease was given
     * @param message what happened (no secret)
     * @param cause   the underlying failure, or {@code null}
     */
    public PoolException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message, cause);
        this.reason = reason;
    }

    /** @return why no lease was given */
    public Reason reason() {
        return reason;
    }
}
