package org.imap4j.codec.fetch;

import java.util.Objects;
import java.util.OptionalLong;
import org.imap4j.codec.ImapValidationException;

/**
 * Where a streamed literal belongs, read from its FETCH response's text before the literal: the message (its
 * sequence number, and its UID when the server sent the {@code UID} item before the body) and the body item the
 * payload fills, with its section and partial origin, e.g. {@code * 12 FETCH (UID 7 BODY[1.2]<0> {2000000}} binds to
 * message 12, UID 7, {@code BODY[1.2]<0>}. A body can thus be handed to its consumer in place, as it arrives, never
 * paired with a message by arrival order.
 *
 * @param seq  the message's sequence number
 * @param uid  its UID, when the {@code UID} item came before the literal
 * @param item the body item the literal fills ({@link FetchItem.BodySection}, {@link FetchItem.Binary},
 *             {@link FetchItem.Rfc822}, {@link FetchItem.Rfc822Header} or {@link FetchItem.Rfc822Text}), its data a
 *             {@link BodyData.Streamed} with the announced size
 */
public record LiteralBinding(long seq, OptionalLong uid, FetchItem item) {
    /**
     * Validates.
     *
     * @param seq  the message's sequence number (positive)
     * @param uid  its UID, or empty
     * @param item the body item, its data streamed
     */
    public LiteralBinding {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(item, "item");
        if (seq < 1) {
            throw new ImapValidationException("sequence number must be positive: " + seq);
        }
        if (!(item instanceof FetchItem.Body b && b.data() instanceof BodyData.Streamed)) {
            throw new ImapValidationException("not a streamed body item: " + item);
        }
    }

    /** @return the announced size of the body */
    public long size() {
        return ((BodyData.Streamed) ((FetchItem.Body) item).data()).size();
    }
}
