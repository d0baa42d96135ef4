package org.imap4j.codec.response;

import java.util.Objects;

/**
 * A continuation request ({@code + text} or {@code + base64}, RFC 9051 section 7.5): the server is ready for a
 * literal's payload, the next AUTHENTICATE round, or (after IDLE) the end of idling. The raw text is kept; an
 * AUTHENTICATE challenge is decoded by the engine, which knows that a SASL exchange is in progress.
 *
 * @param code the response code, or {@code null}
 * @param text the text after {@code "+ "} (possibly empty)
 */
public record Continuation(ResponseCode code, String text) implements Response {
    /**
     * Requires text without line ends.
     *
     * @param code the response code, or {@code null}
     * @param text the text after {@code "+ "} (possibly empty)
     */
    public Continuation {
        Objects.requireNonNull(text, "text");
        Checks.text(text);
    }
}
