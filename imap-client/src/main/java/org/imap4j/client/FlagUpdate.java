package org.imap4j.client;

import java.util.List;
import java.util.OptionalLong;
import org.imap4j.codec.core.Flag;

/**
 * A message's flags as the server reported them unasked (RFC 9051 section 7.5.2).
 *
 * @param seq    its sequence number
 * @param uid    its UID, when the server included it (it does under QRESYNC, and for UID commands)
 * @param flags  its flags now
 * @param modSeq its mod-sequence, under CONDSTORE
 */
public record FlagUpdate(long seq, OptionalLong uid, List<Flag> flags, OptionalLong modSeq) {
    /**
     * Copies.
     *
     * @param seq    its sequence number
     * @param uid    its UID, when the server included it (it does under QRESYNC, and for UID commands)
     * @param flags  its flags now
     * @param modSeq its mod-sequence, under CONDSTORE
     */
    public FlagUpdate {
        flags = List.copyOf(flags);
    }
}
