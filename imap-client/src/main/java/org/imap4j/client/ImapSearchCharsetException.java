package org.imap4j.client;

import java.util.List;
import org.imap4j.codec.ImapCommandException;

/**
 * A SEARCH with non-ASCII strings that the server refused ({@code NO [BADCHARSET]}, or BAD naming the charset) and
 * that the client could not answer by matching on its side either: a non-ASCII BODY or TEXT key (matching those would
 * need every candidate's whole message), or more candidate messages than the client fetches headers of. It is the
 * server's NO or BAD (status, code and text as received), so code catching {@link ImapCommandException} still sees it;
 * {@link #reason()} says why the client-side filter did not apply.
 *
 * <pre>{@code
 * try {
 *     client.search(SearchKey.body("Grüße"));
 * } catch (ImapSearchCharsetException e) {
 *     log.warn("server cannot search for non-ASCII text: {} (it accepts {})", e.reason(), e.charsets());
 * }
 * }</pre>
 */
public class ImapSearchCharsetException extends ImapCommandException {
    private static final long serialVersionUID = 1L;

    /** The charsets the server said it accepts (may be empty). */
    private final List<String> charsets;
    /** Why the client did not match on its side. */
    private final String reason;

    /**
     * @param refusal  the server's refusal
     * @param charsets the charsets its BADCHARSET code lists (may be empty)
     * @param reason   why the client-side filter did not apply
     */
    public ImapSearchCharsetException(ImapCommandException refusal, List<String> charsets, String reason) {
        super(refusal.status(), refusal.code(), refusal.text() + " (imap4j: " + reason + ")", refusal.command());
        this.charsets = List.copyOf(charsets);
        this.reason = reason;
    }

    /** @return the charsets the server said it accepts, from its {@code BADCHARSET} code; may be empty */
    public List<String> charsets() {
        return charsets;
    }

    /** @return why the client did not match the non-ASCII keys itself */
    public String reason() {
        return reason;
    }
}
