package org.imap4j.codec.response;

import java.util.Objects;

/**
 * One field of an ID response ({@code string SP nstring}, RFC 2971 section 3.2), kept in the order sent.
 *
 * @param key   the field name, e.g. {@code name}
 * @param value its value, or {@code null} for NIL
 */
public record IdParam(String key, String value) {
    /**
     * Requires a key.
     *
     * @param key   the field name, e.g. {@code name}
     * @param value its value, or {@code null} for NIL
     */
    public IdParam {
        Objects.requireNonNull(key, "key");
    }
}
