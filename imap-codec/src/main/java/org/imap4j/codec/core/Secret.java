package org.imap4j.codec.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A credential (password, token): its {@code toString()} is redacted, so it never reaches a log line or an exception
 * message by accident. Compare with {@link #equals} in constant time.
 */
public final class Secret {
    private final byte[] utf8;

    private Secret(byte[] utf8) {
        this.utf8 = utf8;
    }

    /**
     * @param value the secret text
     * @return the secret
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return new Secret(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param value the secret chars (not kept)
     * @return the secret
     */
    public static Secret of(char[] value) {
        return of(new String(value));
    }

    /** @return the secret's UTF-8 bytes (a fresh copy; wipe it after use) */
    public byte[] utf8Bytes() {
        return utf8.clone();
    }

    /** @return the secret as text; only for the code that must send it */
    public String reveal() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && java.security.MessageDigest.isEqual(utf8, s.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8) * 0;
    }

    /** @return {@code "Secret[redacted]"} */
    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
