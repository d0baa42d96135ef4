package org.imap4j.client.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.imap4j.client.EncodedWords;
import org.imap4j.client.Fallback;
import org.imap4j.client.FetchResult;
import org.imap4j.client.FetchResults;
import org.imap4j.client.ImapSearchCharsetException;
import org.imap4j.client.SearchResult;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.ResponseCode;

/**
 * SEARCH with non-ASCII strings on a server that refuses the {@code CHARSET UTF-8} the encoder sends for them: the
 * server answers {@code NO [BADCHARSET (...)]} (RFC 9051 section 6.4.4), or BAD naming the charset. The strings are
 * written as UTF-8 only, so a retry in another charset the server lists is not possible; instead the meaning is kept
 * by matching the header keys on the client:
 * <ol>
 * <li>a superset search with every non-ASCII FROM, TO, CC, BCC, SUBJECT and HEADER key left out: replaced by ALL where
 *     it counts for a match and by NOT ALL under an odd number of NOTs, so every message that can match is found;</li>
 * <li>{@code UID FETCH} of those candidates' header fields the keys name ({@code BODY.PEEK[HEADER.FIELDS (...)]}, 500
 *     messages a command, at most {@link #MAX_CANDIDATES} in all),
 *     unfolded, RFC 2047 words and 8-bit UTF-8 decoded, and each left-out key matched as RFC 9051 section 6.4.4 says:
 *     the field contains the string, case-insensitively;</li>
 * <li>the original search sent again with each left-out key replaced by the UIDs that matched it ({@code UID set},
 *     or NOT ALL when none did), within the candidates: the server still evaluates everything else (flags, dates,
 *     OR, NOT), so the answer is the one the server would have given.</li>
 * </ol>
 * BODY and TEXT keys are not matched on the client (that needs every candidate's whole message and its MIME decoding):
 * their refusal is an {@link ImapSearchCharsetException}, as is a superset larger than {@link #MAX_CANDIDATES}. The
 * fallback is reported once per connection as {@link Fallback.Kind#BADCHARSET_FILTERED}.
 */
public final class BadCharsetSearch {
    /** The most candidate messages whose headers are fetched to match on the client. */
    public static final int MAX_CANDIDATES = 10_000;

    /** How many candidates' header fields one FETCH asks for. */
    static final int BATCH = 500;

    private static final SearchKey NONE = SearchKey.not(SearchKey.all());

    private BadCharsetSearch() {
    }

    /**
     * @param s   the session
     * @param key the criteria
     * @return whether the encoder sends {@code CHARSET UTF-8} for this key, so that a BADCHARSET can come of it
     */
    public static boolean applies(Session s, SearchKey key) {
        return key.hasNonAscii() && !s.isEnabled(org.imap4j.codec.response.Capability.Known.UTF8_ACCEPT);
    }

    /**
     * @param e a search's failure
     * @return the server's refusal of the charset, or {@code null} when the failure is something else
     */
    static ImapCommandException refusal(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ImapCommandException c && !(t instanceof ImapSearchCharsetException)) {
            if (c.code() instanceof ResponseCode.BadCharset) {
                return c;
            }
            if (c.status() == Condition.BAD && c.text().toLowerCase(Locale.ROOT).contains("charset")) {
                return c;
            }
        }
        return null;
    }

    /**
     * Runs the search; when the server refuses its charset, runs the client-side filter described above.
     *
     * @param s     the session
     * @param key   the criteria (with non-ASCII strings)
     * @param uid   whether the caller asked for UIDs (else sequence numbers)
     * @param first the search as the caller asked for it, already started
     * @param op    the operation for a SEARCH command (progress attached)
     * @return the matches
     */
    public static CompletableFuture<SearchResult> orFiltered(Session s, SearchKey key, boolean uid,
            CompletableFuture<SearchResult> first, Function<Command.Search, Op<SearchResult>> op) {
        return first.exceptionallyCompose(e -> {
            ImapCommandException refused = refusal(e);
            if (refused == null) {
                return CompletableFuture.failedFuture(e);
            }
            try {
                return filtered(s, key, uid, refused, op);
            } catch (RuntimeException r) {
                return CompletableFuture.failedFuture(r);
            }
        });
    }

    private static CompletableFuture<SearchResult> filtered(Session s, SearchKey key, boolean uid,
            ImapCommandException refused, Function<Command.Search, Op<SearchResult>> op) {
        List<String> charsets = refused.code() instanceof ResponseCode.BadCharset b ? b.charsets() : List.of();
        List<SearchKey> leaves = new ArrayList<>();
        collect(key, leaves);
        for (SearchKey leaf : leaves) {
            if (!(leaf instanceof SearchKey.Header) && !(leaf instanceof SearchKey.Text t && header(t.field()) != null)) {
                throw new ImapSearchCharsetException(refused, charsets, "a non-ASCII " + describe(leaf)
                        + " key cannot be matched on the client (only FROM, TO, CC, BCC, SUBJECT and HEADER keys are)");
            }
        }
        boolean esearch = ModernOps.esearch(s);
        Command.Search superset = new Command.Search(null, replace(key, true, null),
                esearch ? List.of(Command.SearchReturn.ALL) : null, true);
        return s.run(op.apply(superset), null).thenCompose(candidates -> {
            if (candidates.ids().isEmpty()) {
                report(s);
                return CompletableFuture.completedFuture(new SearchResult(List.of(), uid, OptionalLong.empty()));
            }
            if (candidates.ids().size() > MAX_CANDIDATES) {
                throw new ImapSearchCharsetException(refused, charsets, candidates.ids().size()
                        + " messages match the rest of the criteria, more than the " + MAX_CANDIDATES
                        + " whose headers the client fetches to match the non-ASCII keys itself");
            }
            SequenceSet set = candidates.toSet();
            // only the fields the keys name, BATCH messages at a time: what is held at once stays small however many
            // candidates there are and however long their other header fields
            Section section = Section.headerFields(fieldNames(leaves));
            Map<SearchKey, List<Long>> matched = new IdentityHashMap<>();
            for (SearchKey leaf : leaves) {
                matched.put(leaf, new ArrayList<>());
            }
            List<Long> ids = candidates.ids();
            CompletableFuture<Void> fetched = CompletableFuture.completedFuture(null);
            for (int from = 0; from < ids.size(); from += BATCH) {
                SequenceSet part = SequenceSet.of(ids.subList(from, Math.min(ids.size(), from + BATCH))).normalized();
                Command.Fetch fetch = new Command.Fetch(part, List.of(FetchAttribute.Item.UID,
                        new FetchAttribute.BodySection(section, true, null)), true, null, false);
                // decoded and matched in the continuation, off the transport's I/O thread (Session.run)
                fetched = fetched.thenCompose(v -> s.run(new FetchOp(s, fetch, null, null), null))
                        .thenAccept(headers -> match(leaves, headers, section, matched));
            }
            return fetched.thenCompose(v -> {
                SearchKey exact = SearchKey.and(SearchKey.uid(set), replace(key, true, matched));
                report(s);
                return s.run(op.apply(new Command.Search(null, exact,
                        esearch ? List.of(Command.SearchReturn.ALL) : null, uid)), null);
            });
        });
    }

    /** Reported once per connection: the same words every time (the session keeps distinct fallbacks). */
    private static void report(Session s) {
        s.fallback(Fallback.Kind.BADCHARSET_FILTERED, "SEARCH", "", "the server refused CHARSET UTF-8: searched without the non-ASCII header keys, matched those on the fetched headers of the "
                + "candidates, then searched again with their UIDs");
    }

    /** The non-ASCII string keys, each once (by identity). */
    private static void collect(SearchKey k, List<SearchKey> out) {
        if (k instanceof SearchKey.Not n) {
            collect(n.key(), out);
        } else if (k instanceof SearchKey.Or o) {
            collect(o.left(), out);
            collect(o.right(), out);
        } else if (k instanceof SearchKey.And a) {
            for (SearchKey x : a.keys()) {
                collect(x, out);
            }
        } else if ((k instanceof SearchKey.Text || k instanceof SearchKey.Header) && k.hasNonAscii()) {
            for (SearchKey seen : out) {
                if (seen == k) {
                    return;
                }
            }
            out.add(k);
        }
    }

    /**
     * @param k        the criteria
     * @param positive whether {@code k} is under an even number of NOTs
     * @param matched  each non-ASCII key's matching UIDs, or {@code null} for the superset (ALL where positive, NOT
     *                 ALL where negative)
     * @return the criteria without non-ASCII strings
     */
    static SearchKey replace(SearchKey k, boolean positive, Map<SearchKey, List<Long>> matched) {
        if (k instanceof SearchKey.Not n) {
            return SearchKey.not(replace(n.key(), !positive, matched));
        } else if (k instanceof SearchKey.Or o) {
            return SearchKey.or(replace(o.left(), positive, matched), replace(o.right(), positive, matched));
        } else if (k instanceof SearchKey.And a) {
            List<SearchKey> keys = new ArrayList<>(a.keys().size());
            for (SearchKey x : a.keys()) {
                keys.add(replace(x, positive, matched));
            }
            return new SearchKey.And(keys);
        } else if ((k instanceof SearchKey.Text || k instanceof SearchKey.Header) && k.hasNonAscii()) {
            if (matched == null) {
                return positive ? SearchKey.all() : NONE;
            }
            List<Long> uids = matched.get(k);
            return uids == null || uids.isEmpty() ? NONE : SearchKey.uid(SequenceSet.of(uids).normalized());
        }
        return k;
    }

    /** @return the header a text key searches, or {@code null} for BODY, TEXT and Gmail's keys */
    private static String header(SearchKey.TextField f) {
        return switch (f) {
            case FROM -> "from";
            case TO -> "to";
            case CC -> "cc";
            case BCC -> "bcc";
            case SUBJECT -> "subject";
            default -> null;
        };
    }

    private static String describe(SearchKey leaf) {
        return leaf instanceof SearchKey.Text t ? t.field().wire() : "HEADER";
    }

    /** @return the header fields the keys search, each once */
    private static String[] fieldNames(List<SearchKey> leaves) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (SearchKey leaf : leaves) {
            names.add(leaf instanceof SearchKey.Header h ? h.name().toLowerCase(Locale.ROOT)
                    : header(((SearchKey.Text) leaf).field()));
        }
        return names.toArray(String[]::new);
    }

    /** Adds each key's matching UIDs among one batch of fetched headers to {@code out}. */
    private static void match(List<SearchKey> leaves, FetchResults headers, Section section,
            Map<SearchKey, List<Long>> out) {
        for (FetchResult r : headers.values()) {
            if (r.uid().isEmpty()) {
                continue;
            }
            Bytes raw = r.body(section).orElse(null);
            if (raw == null) {
                continue;
            }
            Map<String, List<String>> fields = fields(raw);
            for (SearchKey leaf : leaves) {
                String name = leaf instanceof SearchKey.Header h ? h.name().toLowerCase(Locale.ROOT)
                        : header(((SearchKey.Text) leaf).field());
                String value = leaf instanceof SearchKey.Header h ? h.value() : ((SearchKey.Text) leaf).value();
                if (contains(fields.getOrDefault(name, List.of()), value)) {
                    out.get(leaf).add(r.uid().getAsLong());
                }
            }
        }
    }

    private static boolean contains(List<String> values, String wanted) {
        String w = fold(wanted);
        for (String v : values) {
            if (fold(v).contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** Case folding for the comparison: upper then lower case, as i;unicode-casemap approximately does. */
    private static String fold(String s) {
        return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /**
     * @param raw a message header
     * @return its fields by lower-case name, each value unfolded and decoded (RFC 2047 words; 8-bit text as UTF-8,
     *     else ISO-8859-1)
     */
    static Map<String, List<String>> fields(Bytes raw) {
        String text = text(raw.toByteArray());
        Map<String, List<String>> out = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(line);
                continue;
            }
            if (name != null) {
                out.computeIfAbsent(name, n -> new ArrayList<>()).add(EncodedWords.decode(value.toString().strip()));
                name = null;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                value.setLength(0);
                value.append(line, colon + 1, line.length());
            }
        }
        if (name != null) {
            out.computeIfAbsent(name, n -> new ArrayList<>()).add(EncodedWords.decode(value.toString().strip()));
        }
        return out;
    }

    private static String text(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
    }
}
