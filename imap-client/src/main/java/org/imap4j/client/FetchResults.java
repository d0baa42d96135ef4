package org.imap4j.client;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one FETCH returned: an unmodifiable {@code Map} from key to {@link FetchResult}, in the order the server sent
 * the messages, plus the {@link #warnings()} about responses the client could not read during the command.
 *
 * <p>Keys are UIDs for UID FETCH. For a FETCH by sequence number they are the messages' sequence numbers as they
 * stand when the command completes (RFC 9051 section 7.5.1: an {@code EXPUNGE} received during the command renumbers
 * the messages after it), and a message expunged during the command keeps no entry (its number belongs to the next
 * message now). Two messages' items are never merged under one key: a response whose UID differs from the entry's
 * replaces it.
 *
 * <p>Why a {@code Map} with an accessor rather than a record: every fetch returned {@code Map<Long, FetchResult>}
 * before warnings existed, so code that holds the result as a {@code Map} keeps working, and code that cares about
 * lost data asks {@link #warnings()} (or {@link #of(Map)} for a map from elsewhere).
 */
public final class FetchResults extends AbstractMap<Long, FetchResult> {
    private static final FetchResults EMPTY = new FetchResults(Map.of(), List.of());

    private final Map<Long, FetchResult> results;
    private final List<ResponseWarning> warnings;

    /**
     * @param results  the results by key, in order (copied)
     * @param warnings responses skipped during the command (copied)
     */
    public FetchResults(Map<Long, FetchResult> results, List<ResponseWarning> warnings) {
        this.results = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(results, "results")));
        this.warnings = List.copyOf(warnings);
    }

    /** @return no results and no warnings */
    public static FetchResults empty() {
        return EMPTY;
    }

    /**
     * @param map a fetch result map
     * @return {@code map} itself if it is a {@code FetchResults}, else its entries without warnings
     */
    public static FetchResults of(Map<Long, FetchResult> map) {
        return map instanceof FetchResults r ? r : new FetchResults(map, List.of());
    }

    /**
     * @return the responses the client could not read and skipped during this FETCH (empty when all was read); a
     *         message whose response was skipped may be missing from the map or lack items
     */
    public List<ResponseWarning> warnings() {
        return warnings;
    }

    @Override
    public Set<Entry<Long, FetchResult>> entrySet() {
        return results.entrySet();
    }

    @Override
    public FetchResult get(Object key) {
        return results.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return results.containsKey(key);
    }

    @Override
    public int size() {
        return results.size();
    }
}
