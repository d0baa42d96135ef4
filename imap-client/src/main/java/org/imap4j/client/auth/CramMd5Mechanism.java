package org.imap4j.client.auth;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Secret;

/**
 * CRAM-MD5 (RFC 2195): the server sends a challenge, conventionally a msg-id such as
 * {@code <1896.697170952@postoffice.reston.mci.net>}, and the client answers
 * {@code user SP hex(HMAC-MD5(password, challenge))} in lower case (RFC 2195 section 2). The password itself never
 * crosses the wire, so it is not a reusable secret in transit; RFC 6331 notes its other weaknesses.
 */
final class CramMd5Mechanism implements SaslMechanism {
    private final String user;
    private final Secret password;

    CramMd5Mechanism(String user, Secret password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
    }

    @Override
    public String name() {
        return "CRAM-MD5";
    }

    @Override
    public boolean sendsReusableSecret() {
        return false;
    }

    @Override
    public SaslExchange start(SaslContext context) {
        return new ServerFirstExchange("CRAM-MD5") {
            private boolean answered;

            @Override
            public Bytes evaluate(Bytes challenge) {
                if (answered) {
                    throw SaslSupport.fail("CRAM-MD5", "unexpected second challenge: " + challenge);
                }
                if (challenge.size() == 0) {
                    throw SaslSupport.fail("CRAM-MD5", "the server sent an empty challenge");
                }
                answered = true;
                byte[] key = password.utf8Bytes();
                byte[] digest = SaslSupport.hmac("HmacMD5", key, challenge.toByteArray());
                Arrays.fill(key, (byte) 0);
                return Bytes.utf8(user + " " + HexFormat.of().formatHex(digest));
            }

            @Override
            public boolean isComplete() {
                return answered;
            }
        };
    }

    @Override
    public String toString() {
        return "CRAM-MD5[user=" + user + "]";
    }
}
