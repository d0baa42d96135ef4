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
 * @param warnings responses the client could not read during the command, and skipped (see
 *                 {@link ResponseWarning}); empty when all was read
 */
public record StoreResult(Map<Long, List<Flag>> flags, SequenceSet modified, List<ResponseWarning> warnings) {
    /**
     * Copies.
     *
     * @param flags    message (UID, or sequence number for a sequence-number STORE) → its flags now; empty if silent
     * @param modified the messages left unchanged by UNCHANGEDSINCE, or {@code null} if none
     * @param warnings responses the client could not read during the command, and skipped (see
     *                 {@link ResponseWarning}); empty when all was read
     */
    public StoreResult {
        flags = Map.copyOf(flags);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * The result without warnings.
     *
     * @param flags    message → its flags now; empty if silent
     * @param modified the messages left unchanged by UNCHANGEDSINCE, or {@code null} if none
     */
    public StoreResult(Map<Long, List<Flag>> flags, SequenceSet modified) {
        this(flags, modified, List.of());
    }

    /**
     * @param w the warnings
     * @return this result carrying {@code w}
     */
    public StoreResult withWarnings(List<ResponseWarning> w) {
        return new StoreResult(flags, modified, w);
    }
}
