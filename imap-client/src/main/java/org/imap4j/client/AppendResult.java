package org.imap4j.client;

import java.util.List;
import java.util.OptionalLong;

/**
 * The outcome of APPEND: with UIDPLUS (RFC 4315 {@code APPENDUID}) the new messages' UIDs.
 *
 * <p>The list is bounded by the number of messages appended: a server's {@code APPENDUID} whose uid-set does not
 * name exactly one UID per appended message (say {@code 1:4294967295} for one message) is not believed, and the UIDs
 * are then reported as unknown (empty) rather than expanded.
 *
 * @param uidValidity the destination's UIDVALIDITY, if the server reported the UIDs
 * @param uids        the new UIDs in the order appended; empty without UIDPLUS
 */
public record AppendResult(OptionalLong uidValidity, List<Long> uids) {
    /**
     * Copies.
     *
     * @param uidValidity the destination's UIDVALIDITY, if the server reported the UIDs
     * @param uids        the new UIDs in the order appended; empty without UIDPLUS
     */
    public AppendResult {
        uids = List.copyOf(uids);
    }

    /** @return the first (for a single APPEND, the only) new UID, if known */
    public OptionalLong uid() {
        return uids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(uids.get(0));
    }
}
