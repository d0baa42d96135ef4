package org.imap4j.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.imap4j.client.ResponseWarning;
import org.imap4j.client.SearchResult;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Tagged;

/**
 * UID SEARCH under MESSAGELIMIT (RFC 9738): a server that searched only the {@code n} messages of highest UID says so
 * with {@code OK [MESSAGELIMIT n lowest-uid]}; the search is then run again on the UIDs below the lowest one searched
 * ({@code criteria UID 1:lowest-1}), until the server answers without the code, and the matches are joined.
 */
public final class LimitedSearch {
    private LimitedSearch() {
    }

    /** One part's matches and where the server stopped ({@code null}: it searched everything asked). */
    private record Part(SearchResult result, Long lowestUid) {
    }

    /**
     * @param s      the session
     * @param key    the criteria
     * @param search the UID SEARCH command for criteria
     * @param op     the operation for a command
     * @return every match, in ascending order
     */
    public static CompletableFuture<SearchResult> run(Session s, SearchKey key,
            Function<SearchKey, Command.Search> search, Function<Command.Search, Op<SearchResult>> op) {
        return step(s, key, key, search, op, new TreeSet<>(), OptionalLong.empty(), new ArrayList<>(), Long.MAX_VALUE);
    }

    private static CompletableFuture<SearchResult> step(Session s, SearchKey key, SearchKey now,
            Function<SearchKey, Command.Search> search, Function<Command.Search, Op<SearchResult>> op,
            TreeSet<Long> ids, OptionalLong modSeq, List<ResponseWarning> warnings, long before) {
        Op<SearchResult> inner = op.apply(search.apply(now));
        return s.run(noting(s, inner), null).thenCompose(p -> {
            ids.addAll(p.result().ids());
            warnings.addAll(p.result().warnings());
            OptionalLong m = p.result().modSeq().isPresent() && (modSeq.isEmpty()
                    || p.result().modSeq().getAsLong() > modSeq.getAsLong()) ? p.result().modSeq() : modSeq;
            Long lowest = p.lowestUid();
            // each round searches strictly lower UIDs: a server that does not move down ends the loop
            if (lowest == null || lowest <= 1 || lowest >= before) {
                return CompletableFuture.completedFuture(new SearchResult(new ArrayList<>(ids), true, m, warnings));
            }
            SearchKey below = SearchKey.and(key, SearchKey.uid(SequenceSet.range(1, lowest - 1)));
            return step(s, key, below, search, op, ids, m, warnings, lowest);
        });
    }

    private static Op<Part> noting(Session s, Op<SearchResult> inner) {
        return new ForwardingOp<SearchResult, Part>(s, inner) {
            @Override
            protected Part result(Tagged ok) {
                Long lowest = ok.code() instanceof ResponseCode.MessageLimit ml ? ml.lowestUid() : null;
                return new Part(inner.complete(ok), lowest);
            }
        };
    }
}
