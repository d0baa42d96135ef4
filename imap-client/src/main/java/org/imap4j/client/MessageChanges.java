package org.imap4j.client;

import java.util.Objects;
import java.util.Optional;
import org.imap4j.codec.core.SequenceSet;

/**
 * What changed among some messages since a mod-sequence the caller knows: the answer of
 * {@code UID FETCH uids items (CHANGEDSINCE modseq VANISHED)} (QRESYNC, RFC 7162 section 3.2.6).
 *
 * @param vanished the UIDs among those asked for that were expunged ({@code VANISHED (EARLIER)}, merged), if the
 *                 server reported any; a server may also report UIDs that never existed, which the RFC allows
 * @param changed  the messages whose mod-sequence is above the one given, keyed by UID, with the items asked for
 *                 and their MODSEQ
 */
public record MessageChanges(Optional<SequenceSet> vanished, FetchResults changed) {
    /**
     * Requires both.
     *
     * @param vanished the expunged UIDs, if any were reported
     * @param changed  the changed messages, keyed by UID
     */
    public MessageChanges {
        Objects.requireNonNull(vanished, "vanished");
        Objects.requireNonNull(changed, "changed");
    }
}
