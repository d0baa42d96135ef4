package org.imap4j.client.pool;

import org.imap4j.client.ImapClient;

/**
 * The step that authenticates each new connection of an {@link ImapPool}, run on the thread that asked for the lease:
 * {@code c -> c.authenticate(user, tokens)} (OAuth 2.0, a fresh token at every connection) or
 * {@code c -> c.login(user, password)}.
 */
@FunctionalInterface
public interface ClientAuthenticator {
    /**
     * Authenticates a freshly connected client.
     *
     * @param client the client, not authenticated yet (unless the server greeted with PREAUTH)
     * @throws Exception if authentication fails; the pool closes the connection and fails the lease with
     *                   {@link PoolException.Reason#CONNECT_FAILED}
     */
    void authenticate(ImapClient client) throws Exception;
}
