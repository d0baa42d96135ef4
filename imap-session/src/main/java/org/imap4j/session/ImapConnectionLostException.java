package org.imap4j.session;

import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapException;

/**
 * An operation run through a supervised session did not complete because the connection died while it was in
 * flight (or the session was closed before it ran). Retryable: the session reconnects by itself, and the operation
 * may be run again. Whether it took effect on the server is unknown: an idempotent operation (FETCH, SEARCH,
 * STATUS, LIST, NOOP, a STORE that sets, adds or removes flags, UID EXPUNGE of given UIDs) can simply be repeated;
 * a non-idempotent one (APPEND, COPY, MOVE, CREATE, RENAME, DELETE) should be checked first, for example by
 * searching for the appended message's {@code Message-ID}.
 */
public class ImapConnectionLostException extends ImapConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was lost
     * @param cause   the connection's error, or {@code null}
     */
    public ImapConnectionLostException(String message, ImapException cause) {
        super(message, cause);
    }

    /** @return {@code true}: the session reconnects, the operation may be run again */
    public boolean retryable() {
        return true;
    }
}
