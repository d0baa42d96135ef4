package org.imap4j.client.internal;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.imap4j.client.ESearchResult;
import org.imap4j.client.SearchResult;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.SequenceSet;

/**
 * The client's answer to {@code SEARCH RETURN (...)} where the server lacks ESEARCH: the return items of RFC 4731
 * section 3.1 computed from a plain SEARCH's matches, as a server that has ESEARCH would send them.
 */
public final class EsearchFallback {
    private EsearchFallback() {
    }

    /**
     * @param options the return options asked for
     * @return whether each is one a client can compute from plain matches (MIN, MAX, COUNT, ALL)
     */
    public static boolean computable(Command.SearchReturn... options) {
        for (Command.SearchReturn o : options) {
            if (o != Command.SearchReturn.MIN && o != Command.SearchReturn.MAX && o != Command.SearchReturn.COUNT
                    && o != Command.SearchReturn.ALL) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param plain   the plain SEARCH's result (its numbers ascending)
     * @param options the return options asked for (none means {@code ALL}); SAVE and PARTIAL are not handled here
     * @return MIN and MAX (omitted when nothing matched), COUNT (0 when nothing matched) and ALL (omitted when
     *     nothing matched), each only when asked for; the search's MODSEQ and warnings carried over
     */
    public static ESearchResult fromPlainSearch(SearchResult plain, Command.SearchReturn... options) {
        boolean min = false;
        boolean max = false;
        boolean count = false;
        boolean all = options.length == 0;
        for (Command.SearchReturn o : options) {
            switch (o) {
                case MIN -> min = true;
                case MAX -> max = true;
                case COUNT -> count = true;
                case ALL -> all = true;
                default -> {
                    // SAVE and the others are refused before a fallback is chosen
                }
            }
        }
        List<Long> ids = plain.ids();
        boolean none = ids.isEmpty();
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (long n : ids) {
            lowest = Math.min(lowest, n);
            highest = Math.max(highest, n);
        }
        return new ESearchResult(plain.uid(),
                min && !none ? OptionalLong.of(lowest) : OptionalLong.empty(),
                max && !none ? OptionalLong.of(highest) : OptionalLong.empty(),
                count ? OptionalLong.of(ids.size()) : OptionalLong.empty(),
                all && !none ? Optional.of(SequenceSet.of(ids).normalized()) : Optional.empty(),
                Optional.empty(), Optional.empty(), plain.modSeq(), false, plain.warnings());
    }
}
