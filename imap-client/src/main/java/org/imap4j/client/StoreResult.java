package org.imap4j.client;

import java.util.List;
import java.util.Map;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.SequenceSet;

/**
 * The outcome of STORE: the flags now set (unless silent), and under CONDSTORE's UNCHANGEDSINCE the messages that
 * were not changed because they changed meanwhile (RFC 7162 section 3.1.3, the {@code MODIFIED} code).
 *
 * @param flags    message (UID, or sequence number for a sequence-number STORE) → its flags now; empty if silent
 * @param modified the messages left unchanged by UNCHANGEDSINCE, or {@code null} if none
 */
public record StoreResult(Map<Long, List<Flag>> flags, SequenceSet modified) {
    /** Copies. */
    public StoreResult {
        flags = Map.copyOf(flags);
    }
}
