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
 * @param warnings responses the client could not read during the command, and skipped (see
 *                 {@link ResponseWarning}); empty when all was read
 */
public record SearchResult(List<Long> ids, boolean uid, OptionalLong modSeq, List<ResponseWarning> warnings) {
    /**
     * Copies.
     *
     * @param ids      the matching numbers in ascending order
     * @param uid      whether they are UIDs
     * @param modSeq   the highest mod-sequence of the matches, when the search used MODSEQ (RFC 7162)
     * @param warnings responses the client could not read during the command, and skipped (see
     *                 {@link ResponseWarning}); empty when all was read
     */
    public SearchResult {
        ids = List.copyOf(ids);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * The result without warnings.
     *
     * @param ids    the matching numbers in ascending order
     * @param uid    whether they are UIDs
     * @param modSeq the highest mod-sequence of the matches, if any
     */
    public SearchResult(List<Long> ids, boolean uid, OptionalLong modSeq) {
        this(ids, uid, modSeq, List.of());
    }

    /**
     * @param w the warnings
     * @return this result carrying {@code w}
     */
    public SearchResult withWarnings(List<ResponseWarning> w) {
        return new SearchResult(ids, uid, modSeq, w);
    }

    /** @return the matches as a set, for a following FETCH or STORE ({@code null} if there are none) */
    public SequenceSet toSet() {
        if (ids.isEmpty()) {
            return null;
        }
        return SequenceSet.of(ids).normalized();
    }
}
