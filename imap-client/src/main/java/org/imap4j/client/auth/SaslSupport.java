package org.imap4j.client.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.core.Bytes;

/** Helpers the mechanisms share: strict decoding of server data, GS2 names, HMAC and digests. */
final class SaslSupport {
    private SaslSupport() {
    }

    static ImapAuthenticationException fail(String mechanism, String message) {
        return new ImapAuthenticationException(mechanism + ": " + message, null);
    }

    static ImapAuthenticationException fail(String mechanism, String message, Throwable cause) {
        return new ImapAuthenticationException(mechanism + ": " + message, cause);
    }

    /** Decodes server bytes as UTF-8, refusing malformed input instead of replacing it. */
    static String strictUtf8(String mechanism, Bytes bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw fail(mechanism, "server challenge is not valid UTF-8: " + bytes, e);
        }
    }

    /** Decodes base64 sent by the server inside a message (SCRAM salt, signature). */
    static byte[] base64(String mechanism, String attribute, String value) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw fail(mechanism, "attribute " + attribute + " is not valid base64: \"" + cut(value) + "\"", e);
        }
    }

    static String cut(String s) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(s.length(), 100);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return s.length() > n ? b.append("...").toString() : b.toString();
    }

    /**
     * Escapes a name for a GS2 header or SCRAM {@code n=} attribute: {@code saslname} of RFC 5802 section 7
     * (RFC 5801 section 4), where {@code "="} becomes {@code "=3D"} and {@code ","} becomes {@code "=2C"}.
     */
    static String saslName(String name) {
        StringBuilder b = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '=') {
                b.append("=3D");
            } else if (c == ',') {
                b.append("=2C");
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static Mac hmac(String algorithm, byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            // SecretKeySpec refuses an empty key, but HMAC pads every short key with zero bytes (RFC 2104 section 2),
            // so the one-byte key {0} gives exactly the HMAC of the empty key.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        return hmac(algorithm, key).doFinal(data);
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    static void requireNoNul(String what, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " contains NUL at index " + value.indexOf('\0'));
        }
    }
}
