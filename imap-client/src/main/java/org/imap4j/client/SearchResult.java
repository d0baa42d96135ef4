package org.imap4j.client;

import java.util.List;
import java.util.OptionalLong;
import org.imap4j.codec.core.SequenceSet;

/**
 * The messages a SEARCH matched (RFC 9051 section 6.4.4), as UIDs or sequence numbers; from ESEARCH (RFC 4731) when
 * the server offers it, whose compact set form is kept.
 *
 * @param ids     the matching numbers in ascending order
 * @param uid     whether they are UIDs
 * @param modSeq  the highest mod-sequence of the matches, when the search used MODSEQ (RFC 7162)
 */
public record SearchResult(List<Long> ids, boolean uid, OptionalLong modSeq) {
    /** Copies. */
    public SearchResult {
        ids = List.copyOf(ids);
    }

    /** @return the matches as a set, for a following FETCH or STORE ({@code null} if there are none) */
    public SequenceSet toSet() {
        if (ids.isEmpty()) {
            return null;
        }
        return SequenceSet.of(ids).normalized();
    }
}
