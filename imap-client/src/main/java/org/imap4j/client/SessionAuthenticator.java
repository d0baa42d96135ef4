package org.imap4j.client;

import java.util.Objects;
import org.imap4j.codec.core.Secret;

/**
 * Authenticates a freshly connected client: a {@link MailboxWatch} calls it on every connection it makes, the first
 * and each reconnect, so it can fetch fresh credentials each time (an OAuth2 token source asked for a current token,
 * a password read from a vault). It runs on the watch's thread, before anything else is sent; it throws what the
 * client throws when the server refuses.
 *
 * <pre>{@code
 * SessionAuthenticator password = SessionAuthenticator.login("alice", Secret.of(pw));
 * SessionAuthenticator oauth = client -> client.authenticate(mechanismWithAFreshToken()); // see README
 * }</pre>
 */
@FunctionalInterface
public interface SessionAuthenticator {
    /**
     * @param client a connected, not yet authenticated client
     * @throws org.imap4j.codec.ImapException if the server refused or the connection failed
     */
    void authenticate(ImapClient client);

    /**
     * @param user     the user name
     * @param password the password (never logged or traced)
     * @return an authenticator that sends LOGIN with these
     */
    static SessionAuthenticator login(String user, Secret password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        return c -> c.login(user, password);
    }

    /** An authenticator that does nothing: for a server that greets with PREAUTH. */
    SessionAuthenticator PREAUTHENTICATED = c -> {
    };
}
