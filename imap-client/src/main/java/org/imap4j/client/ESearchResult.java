package org.imap4j.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.imap4j.codec.core.PartialRange;
import org.imap4j.codec.core.SequenceSet;

/**
 * The typed answer of a SEARCH or SORT with return options: ESEARCH (RFC 4731), ESORT (RFC 5267), SEARCHRES's
 * {@code SAVE} (RFC 5182) and a PARTIAL page (RFC 9394). Each item is present when it was asked for and the server
 * sent it; sets stay in their compact form. For SORT, {@link #all()} and the page keep the sorted order;
 * {@link #min()} / {@link #max()} are what the server sent, and servers read RFC 5267's "lowest / highest sorted
 * message" differently: Dovecot 2.3 sends the first and last in sorted order, Cyrus 3.6 the lowest and highest
 * numbers. A server that announces ESEARCH / ESORT but answers a plain {@code * SEARCH} / {@code * SORT} gets the
 * items asked for computed by the client from its numbers (MIN / MAX of a SORT then first / last in sorted order).
 *
 * <pre>{@code
 * ESearchResult r = client.search(SearchKey.unseen(), SearchReturn.COUNT, SearchReturn.MIN);
 * long unseen = r.count().orElse(0);
 * }</pre>
 *
 * @param uid      whether the numbers are UIDs
 * @param min      {@code MIN}: the lowest matching number (for SORT, see above)
 * @param max      {@code MAX}: the highest matching number (for SORT, see above)
 * @param count    {@code COUNT}: how many messages matched
 * @param all      {@code ALL}: the matching numbers (for SORT in sorted order)
 * @param page     {@code PARTIAL}: the page asked for, as the server echoed it
 * @param pageSet  the matches in that page (empty when the page holds none, or when no page was asked for)
 * @param modSeq   {@code MODSEQ}: the highest mod-sequence of the matches, when the search used MODSEQ
 * @param saved    whether {@code SAVE} was asked for and the server completed the command:
 *                 {@link SequenceSet#lastResult()} ({@code $}) now names the matches in later commands of this
 *                 connection
 * @param warnings responses the client could not read during the command, and skipped; empty when all was read
 */
public record ESearchResult(boolean uid, OptionalLong min, OptionalLong max, OptionalLong count,
        Optional<SequenceSet> all, Optional<PartialRange> page, Optional<SequenceSet> pageSet, OptionalLong modSeq,
        boolean saved, List<ResponseWarning> warnings) {
    /**
     * Copies.
     *
     * @param uid      whether the numbers are UIDs
     * @param min      {@code MIN}
     * @param max      {@code MAX}
     * @param count    {@code COUNT}
     * @param all      {@code ALL}
     * @param page     the {@code PARTIAL} range echoed
     * @param pageSet  the matches in that page
     * @param modSeq   {@code MODSEQ}
     * @param saved    whether the result was saved as {@code $}
     * @param warnings responses the client could not read, and skipped
     */
    public ESearchResult {
        java.util.Objects.requireNonNull(min, "min");
        java.util.Objects.requireNonNull(max, "max");
        java.util.Objects.requireNonNull(count, "count");
        java.util.Objects.requireNonNull(all, "all");
        java.util.Objects.requireNonNull(page, "page");
        java.util.Objects.requireNonNull(pageSet, "pageSet");
        java.util.Objects.requireNonNull(modSeq, "modSeq");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * @param w the warnings
     * @return this result carrying {@code w}
     */
    public ESearchResult withWarnings(List<ResponseWarning> w) {
        return new ESearchResult(uid, min, max, count, all, page, pageSet, modSeq, saved, w);
    }

    /**
     * @return the numbers of {@link #all()}, or else of the page, in the order the server gave them (sorted order for
     *     SORT); empty when neither was returned. The client has already refused a set larger than its
     *     {@code maxListItems} limit, so this never expands a server's {@code 1:4294967295}.
     */
    public List<Long> ids() {
        SequenceSet s = all.orElse(pageSet.orElse(null));
        if (s == null) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        s.numbers().forEachRemaining((long n) -> out.add(n));
        return List.copyOf(out);
    }
}
