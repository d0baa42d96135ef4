package org.imap4j.client;

import java.util.LinkedHashMap;
import java.util.PrimitiveIterator;
import java.util.Map;
import java.util.OptionalLong;
import org.imap4j.codec.core.SequenceSet;

/**
 * The outcome of COPY or MOVE: with UIDPLUS (RFC 4315 {@code COPYUID}) which source UID became which destination UID.
 *
 * @param uidValidity the destination's UIDVALIDITY, if reported
 * @param source      the source UIDs, in the server's order; {@code null} without UIDPLUS
 * @param destination the destination UIDs, pairwise with {@code source}; {@code null} without UIDPLUS
 */
public record CopyResult(OptionalLong uidValidity, SequenceSet source, SequenceSet destination) {
    /** @return source UID → destination UID; empty without UIDPLUS */
    public Map<Long, Long> mapping() {
        Map<Long, Long> m = new LinkedHashMap<>();
        if (source == null || destination == null) {
            return m;
        }
        PrimitiveIterator.OfLong s = source.numbers();
        PrimitiveIterator.OfLong d = destination.numbers();
        while (s.hasNext() && d.hasNext()) {
            m.put(s.nextLong(), d.nextLong());
        }
        return m;
    }
}
