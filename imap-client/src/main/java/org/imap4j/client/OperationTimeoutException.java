package org.imap4j.client;

import java.time.Duration;

/**
 * {@link Operation#await(Duration)} gave up waiting: the result did not come in time. Only the wait ended: the
 * operation goes on and the connection is unharmed (unlike {@link org.imap4j.codec.ImapTimeoutException}, which
 * means the connection's own deadline passed and it is closed).
 */
public final class OperationTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param what  the operation
     * @param limit how long was waited
     */
    public OperationTimeoutException(String what, Duration limit) {
        super(what + " did not complete within " + limit + " (it goes on; the connection is unharmed)");
    }
}
