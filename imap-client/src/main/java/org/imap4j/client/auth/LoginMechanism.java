package org.imap4j.client.auth;

import java.util.Objects;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Secret;

/**
 * LOGIN (draft-murchison-sasl-login-00): the server prompts twice, conventionally with {@code "Username:"} and
 * {@code "Password:"}. The prompts vary between servers (some localise them), so the answers follow the order of the
 * challenges, never their text. It is server-first: it has no initial response.
 */
final class LoginMechanism implements SaslMechanism {
    private final String user;
    private final Secret password;

    LoginMechanism(String user, Secret password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
    }

    @Override
    public String name() {
        return "LOGIN";
    }

    @Override
    public boolean sendsReusableSecret() {
        return true;
    }

    @Override
    public SaslExchange start(SaslContext context) {
        return new ServerFirstExchange("LOGIN") {
            private int answered;

            @Override
            public Bytes evaluate(Bytes challenge) {
                answered++;
                if (answered == 1) {
                    return Bytes.utf8(user);
                }
                if (answered == 2) {
                    return Bytes.of(password.utf8Bytes());
                }
                throw SaslSupport.fail("LOGIN", "unexpected third challenge: " + challenge);
            }

            @Override
            public boolean isComplete() {
                return answered >= 2;
            }
        };
    }

    @Override
    public String toString() {
        return "LOGIN[user=" + user + "]";
    }
}
