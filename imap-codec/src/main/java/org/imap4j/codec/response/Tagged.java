package org.imap4j.codec.response;

import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.Tag;

/**
 * A tagged status response completing the command with the same tag: {@code A1 OK [READ-WRITE] SELECT completed}.
 *
 * @param tag    the command's tag
 * @param status OK, NO or BAD
 * @param code   the response code, or {@code null}
 * @param text   the human-readable text (possibly empty)
 */
public record Tagged(Tag tag, Condition status, ResponseCode code, String text) implements Response {
    /**
     * Requires tag, an OK/NO/BAD status and text.
     *
     * @param tag    the command's tag
     * @param status OK, NO or BAD
     * @param code   the response code, or {@code null}
     * @param text   the human-readable text (possibly empty)
     */
    public Tagged {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(text, "text");
        if (status != Condition.OK && status != Condition.NO && status != Condition.BAD) {
            throw new ImapValidationException("a tagged response is OK, NO or BAD, not " + status);
        }
        Checks.text(text);
    }
}
