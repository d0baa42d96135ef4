package org.imap4j.client.auth;

import java.util.Objects;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Secret;

/**
 * XOAUTH2, Google's OAuth 2.0 mechanism (developers.google.com/gmail/imap/xoauth2-protocol), also spoken by
 * Microsoft 365 and Yahoo: {@code user=<user>^Aauth=Bearer <token>^A^A} as a client-first message. On failure the
 * server sends a JSON error as a challenge, which the client must answer with an empty response before the server
 * sends its tagged {@code NO}; the JSON is kept in {@link SaslExchange#serverError()}.
 */
final class XOAuth2Mechanism implements SaslMechanism {
    private final String user;
    private final Secret token;

    XOAuth2Mechanism(String user, Secret token) {
        this.user = Objects.requireNonNull(user, "user");
        this.token = Objects.requireNonNull(token, "accessToken");
        if (user.indexOf('\u0001') >= 0) {
            throw new IllegalArgumentException("user contains ^A at index " + user.indexOf('\u0001'));
        }
    }

    @Override
    public String name() {
        return "XOAUTH2";
    }

    @Override
    public boolean sendsReusableSecret() {
        return true;
    }

    @Override
    public SaslExchange start(SaslContext context) {
        return new ClientFirstExchange(name()) {
            private String error;

            @Override
            Bytes computeInitialResponse() {
                return Bytes.utf8("user=" + user + "\u0001auth=Bearer " + token.reveal() + "\u0001\u0001");
            }

            @Override
            Bytes afterInitial(Bytes challenge) {
                if (error != null) {
                    throw SaslSupport.fail(mechanism(), "unexpected challenge after the error response: "
                            + challenge);
                }
                error = challenge.utf8();
                return Bytes.empty();
            }

            @Override
            public boolean isComplete() {
                return initialSent();
            }

            @Override
            public String serverError() {
                return error;
            }
        };
    }

    @Override
    public String toString() {
        return "XOAUTH2[user=" + user + "]";
    }
}
