package org.imap4j.client;

import java.util.List;
import java.util.Objects;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * What an extension command sent with {@link ImapClient#raw} returned: the untagged responses it collects (those
 * named in its {@code collects}, as generic values) and its tagged OK.
 *
 * @param ok   the tagged OK (with its response code, if any)
 * @param data the collected responses, in the server's order
 */
public record RawResult(Tagged ok, List<Untagged.Unknown> data) {
    /**
     * Copies the list.
     *
     * @param ok   the tagged OK
     * @param data the collected responses
     */
    public RawResult {
        Objects.requireNonNull(ok, "ok");
        data = List.copyOf(data);
    }
}
