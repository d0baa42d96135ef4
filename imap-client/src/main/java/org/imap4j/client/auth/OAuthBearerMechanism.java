package org.imap4j.client.auth;

import java.util.Objects;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Secret;

/**
 * OAUTHBEARER (RFC 7628): a GS2 header naming the user, then key/value pairs separated by {@code ^A}
 * (RFC 7628 section 3.1):
 * {@code n,a=<user>,^Ahost=<host>^Aport=<port>^Aauth=Bearer <token>^A^A}. Host and port come from the
 * {@link SaslContext}. On failure the server sends a JSON error challenge (section 3.2.2), which the client answers
 * with a single {@code %x01} (section 3.2.3); the JSON is kept in {@link SaslExchange#serverError()}.
 */
final class OAuthBearerMechanism implements SaslMechanism {
    private final String user;
    private final Secret token;

    OAuthBearerMechanism(String user, Secret token) {
        this.user = user == null ? "" : user;
        this.token = Objects.requireNonNull(token, "token");
        if (this.user.indexOf('\u0001') >= 0) {
            throw new IllegalArgumentException("user contains ^A at index " + this.user.indexOf('\u0001'));
        }
    }

    @Override
    public String name() {
        return "OAUTHBEARER";
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
                String gs2 = user.isEmpty() ? "n,," : "n,a=" + SaslSupport.saslName(user) + ",";
                return Bytes.utf8(gs2 + "\u0001host=" + context.host() + "\u0001port=" + context.port()
                        + "\u0001auth=Bearer " + token.reveal() + "\u0001\u0001");
            }

            @Override
            Bytes afterInitial(Bytes challenge) {
                if (error != null) {
                    throw SaslSupport.fail(mechanism(), "unexpected challenge after the error response: "
                            + challenge);
                }
                error = challenge.utf8();
                return Bytes.of(new byte[] {1});
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
        return "OAUTHBEARER[user=" + user + "]";
    }
}
