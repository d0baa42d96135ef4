package org.imap4j.client.auth;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Secret;

/**
 * PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL passwd} in one client-first message. The strings are sent as
 * given in UTF-8; RFC 4616 section 2 leaves their preparation (SASLprep) to the server.
 */
final class PlainMechanism implements SaslMechanism {
    private final String authzid;
    private final String user;
    private final Secret password;

    PlainMechanism(String authzid, String user, Secret password) {
        this.authzid = authzid == null ? "" : authzid;
        this.user = java.util.Objects.requireNonNull(user, "user");
        this.password = java.util.Objects.requireNonNull(password, "password");
        SaslSupport.requireNoNul("authzid", this.authzid);
        SaslSupport.requireNoNul("user", user);
        if (password.reveal().indexOf('\0') >= 0) {
            throw new IllegalArgumentException("password contains NUL");
        }
    }

    @Override
    public String name() {
        return "PLAIN";
    }

    @Override
    public boolean sendsReusableSecret() {
        return true;
    }

    @Override
    public SaslExchange start(SaslContext context) {
        return new ClientFirstExchange(name()) {
            @Override
            Bytes computeInitialResponse() {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(Bytes.utf8(authzid).toByteArray());
                out.write(0);
                out.writeBytes(Bytes.utf8(user).toByteArray());
                out.write(0);
                byte[] pw = password.utf8Bytes();
                out.writeBytes(pw);
                Arrays.fill(pw, (byte) 0);
                return Bytes.of(out.toByteArray());
            }

            @Override
            Bytes afterInitial(Bytes challenge) {
                throw SaslSupport.fail(mechanism(), "unexpected challenge after the credentials were sent: "
                        + challenge);
            }

            @Override
            public boolean isComplete() {
                return initialSent();
            }
        };
    }

    @Override
    public String toString() {
        return "PLAIN[user=" + user + "]";
    }
}
