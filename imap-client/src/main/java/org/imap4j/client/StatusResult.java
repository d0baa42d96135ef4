package org.imap4j.client;

import java.util.List;
import java.util.OptionalLong;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.StatusItem;

/**
 * A mailbox's STATUS (RFC 9051 section 7.3.4; RFC 7162 HIGHESTMODSEQ; RFC 8438 SIZE), with typed accessors.
 *
 * @param mailbox the mailbox
 * @param items   the items the server returned
 */
public record StatusResult(MailboxName mailbox, List<StatusItem> items) {
    /** Copies. */
    public StatusResult {
        items = List.copyOf(items);
    }

    /**
     * @param kind a numeric attribute
     * @return its value, if returned
     */
    public OptionalLong get(StatusItem.Kind kind) {
        for (StatusItem i : items) {
            if (i instanceof StatusItem.Count c && c.kind() == kind) {
                return OptionalLong.of(c.value());
            }
        }
        return OptionalLong.empty();
    }

    /** @return {@code MESSAGES} */
    public OptionalLong messages() {
        return get(StatusItem.Kind.MESSAGES);
    }

    /** @return {@code UNSEEN} */
    public OptionalLong unseen() {
        return get(StatusItem.Kind.UNSEEN);
    }

    /** @return {@code UIDNEXT} */
    public OptionalLong uidNext() {
        return get(StatusItem.Kind.UIDNEXT);
    }

    /** @return {@code UIDVALIDITY} */
    public OptionalLong uidValidity() {
        return get(StatusItem.Kind.UIDVALIDITY);
    }

    /** @return {@code RECENT} */
    public OptionalLong recent() {
        return get(StatusItem.Kind.RECENT);
    }

    /** @return {@code HIGHESTMODSEQ} */
    public OptionalLong highestModSeq() {
        return get(StatusItem.Kind.HIGHESTMODSEQ);
    }
}
