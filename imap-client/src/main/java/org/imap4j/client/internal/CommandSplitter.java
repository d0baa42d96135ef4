package org.imap4j.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.imap4j.client.CopyResult;
import org.imap4j.client.FetchResult;
import org.imap4j.client.FetchResults;
import org.imap4j.client.ResponseWarning;
import org.imap4j.client.StoreResult;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ResponseCode;

/**
 * Commands on a message set too large for one command, sent as several: a set that would make the command line
 * longer than {@link org.imap4j.client.ProtocolOptions#maxCommandLength()} (RFC 7162 section 4, RFC 2683 section
 * 3.2.1.5), or that names more messages than the server's {@code MESSAGELIMIT} (or, for COPY and MOVE,
 * {@code SAVELIMIT}) allows (RFC 9738), is cut into parts that each fit; the parts run one after the other and their
 * results are merged. A part the server still refuses as too large ({@code NO [TOOMANY]}, {@code NO [LIMIT]},
 * {@code NO [MESSAGELIMIT ...]}) is halved and retried, down to single messages.
 */
public final class CommandSplitter {
    /** The tag the line length is measured with: longer than any tag the engine makes in practice. */
    private static final Tag MEASURING_TAG = Tag.of("A9999999");
    /** Room for the set however long the rest of the command is. */
    private static final int MIN_SET_OCTETS = 64;

    private CommandSplitter() {
    }

    /**
     * @param command a command on the set {@code 1}
     * @param maxLine the longest line allowed
     * @return the octets the set may take in that command's line
     */
    static int setBudget(Command command, int maxLine) {
        String wire = new String(ImapCodec.encodeCommandBytes(MEASURING_TAG, command), StandardCharsets.ISO_8859_1);
        int eol = wire.indexOf("\r\n");
        int lineWithoutSet = (eol < 0 ? wire.length() : eol) + 2 - 1; // with its CRLF, without the set "1"
        return Math.max(MIN_SET_OCTETS, maxLine - lineWithoutSet);
    }

    /**
     * Cuts a set into parts, keeping the order of its ranges: each part's wire form is at most {@code maxOctets}
     * long and (when {@code maxMessages > 0}) covers at most {@code maxMessages} numbers. A range with {@code *} is
     * never cut (how many numbers it covers is unknown); {@code $} is never cut.
     *
     * @param set         the set
     * @param maxOctets   the longest wire form of a part
     * @param maxMessages the most numbers a part may cover, or 0 for no limit
     * @return the parts (the set itself when it fits)
     */
    public static List<SequenceSet> split(SequenceSet set, int maxOctets, long maxMessages) {
        if (set.isLastResult() || set.toString().length() <= maxOctets && (maxMessages <= 0
                || set.size() <= maxMessages)) {
            return List.of(set);
        }
        List<SequenceSet> parts = new ArrayList<>();
        List<SequenceSet.Range> current = new ArrayList<>();
        int octets = 0;
        long count = 0;
        for (SequenceSet.Range whole : set.ranges()) {
            for (SequenceSet.Range r : pieces(whole, maxMessages)) {
                int add = r.toString().length() + (current.isEmpty() ? 0 : 1);
                long n = span(r);
                if (!current.isEmpty() && (octets + add > maxOctets
                        || maxMessages > 0 && (n == Long.MAX_VALUE || count + n > maxMessages))) {
                    parts.add(SequenceSet.ofRanges(current));
                    current = new ArrayList<>();
                    octets = 0;
                    count = 0;
                    add = r.toString().length();
                }
                current.add(r);
                octets += add;
                count = n == Long.MAX_VALUE || count + n < 0 ? Long.MAX_VALUE : count + n;
            }
        }
        parts.add(SequenceSet.ofRanges(current));
        return parts;
    }

    /** A range cut into pieces of at most {@code max} numbers (a range with {@code *} stays whole). */
    private static List<SequenceSet.Range> pieces(SequenceSet.Range r, long max) {
        if (max <= 0 || span(r) <= max || r.high() == SequenceSet.STAR) {
            return List.of(r);
        }
        List<SequenceSet.Range> out = new ArrayList<>();
        for (long lo = r.low(); lo <= r.high(); lo += max) {
            out.add(new SequenceSet.Range(lo, Math.min(r.high(), lo + max - 1)));
        }
        return out;
    }

    private static long span(SequenceSet.Range r) {
        return r.low() == SequenceSet.STAR ? 1 : r.high() == SequenceSet.STAR ? Long.MAX_VALUE
                : r.high() - r.low() + 1;
    }

    /**
     * @param s        the session
     * @param saveOnly whether the command saves messages (COPY, MOVE: SAVELIMIT applies too)
     * @return the most messages one command may touch, or 0 for no known limit
     */
    static long messageLimit(Session s, boolean saveOnly) {
        long limit = 0;
        for (Capability c : s.capabilities()) {
            if (c instanceof Capability.MessageLimit m && (!m.saveOnly() || saveOnly)) {
                limit = limit == 0 ? m.limit() : Math.min(limit, m.limit());
            }
        }
        return limit;
    }

    /**
     * @param s the session
     * @return the server's MESSAGELIMIT (RFC 9738), or 0 when it advertises none
     */
    public static long messageLimit(Session s) {
        return messageLimit(s, false);
    }

    /**
     * Runs a command on a set, split when the set is too large for one command.
     *
     * @param <T>      the result
     * @param s        the session
     * @param set      the set
     * @param saveOnly whether the command saves messages (COPY, MOVE)
     * @param command  the command on a part of the set
     * @param op       the operation for a command on a part of the set
     * @param merge    joins the results of two parts, in order
     * @return the merged result
     */
    public static <T> CompletableFuture<T> run(Session s, SequenceSet set, boolean saveOnly,
            Function<SequenceSet, Command> command, Function<SequenceSet, Op<T>> op, BinaryOperator<T> merge) {
        int budget = setBudget(command.apply(SequenceSet.of(1)), s.config().protocol().maxCommandLength());
        List<SequenceSet> parts = split(set, budget, messageLimit(s, saveOnly));
        CompletableFuture<T> chain = part(s, parts.get(0), op, merge);
        for (int i = 1; i < parts.size(); i++) {
            SequenceSet p = parts.get(i);
            chain = chain.thenCompose(a -> part(s, p, op, merge).thenApply(b -> merge.apply(a, b)));
        }
        return chain;
    }

    /**
     * @param s        the session
     * @param set      the set
     * @param saveOnly whether the command saves messages (COPY, MOVE)
     * @param onePart  the command on the set {@code 1}
     * @return whether the command goes through {@link #run}: its set is split, or the server has a message limit
     *     whose refusal {@link #run} handles
     */
    public static boolean applies(Session s, SequenceSet set, boolean saveOnly, Command onePart) {
        long limit = messageLimit(s, saveOnly);
        if (limit > 0) {
            return true;
        }
        if (set.ranges().size() * 22 <= MIN_SET_OCTETS) {
            return false; // short enough for any command: the set always has that much room
        }
        return split(set, setBudget(onePart, s.config().protocol().maxCommandLength()), 0).size() > 1;
    }

    private static <T> CompletableFuture<T> part(Session s, SequenceSet p, Function<SequenceSet, Op<T>> op,
            BinaryOperator<T> merge) {
        return s.run(op.apply(p), null).exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            List<SequenceSet> halves = halves(p);
            if (cause instanceof ImapCommandException x && tooMany(x.code()) && halves.size() == 2) {
                return part(s, halves.get(0), op, merge).thenCompose(a -> part(s, halves.get(1), op, merge)
                        .thenApply(b -> merge.apply(a, b)));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /** @return whether a NO says the command was on too many messages (RFC 9738, RFC 5530) */
    static boolean tooMany(ResponseCode code) {
        return code instanceof ResponseCode.MessageLimit
                || code instanceof ResponseCode.Simple k && (k.kind() == ResponseCode.Kind.TOOMANY
                        || k.kind() == ResponseCode.Kind.LIMIT);
    }

    /**
     * @param set a set
     * @return its two halves by count, or the set alone when it covers one number or holds {@code *} or {@code $}
     */
    static List<SequenceSet> halves(SequenceSet set) {
        if (set.isLastResult() || set.hasStar() || set.size() < 2) {
            return List.of(set);
        }
        long half = set.size() / 2;
        List<SequenceSet.Range> a = new ArrayList<>();
        List<SequenceSet.Range> b = new ArrayList<>();
        long seen = 0;
        for (SequenceSet.Range r : set.ranges()) {
            long n = span(r);
            if (seen >= half) {
                b.add(r);
            } else if (seen + n <= half) {
                a.add(r);
            } else {
                long cut = r.low() + (half - seen) - 1;
                a.add(new SequenceSet.Range(r.low(), cut));
                b.add(new SequenceSet.Range(cut + 1, r.high()));
            }
            seen += n;
        }
        return List.of(SequenceSet.ofRanges(a), SequenceSet.ofRanges(b));
    }

    // ---------------------------------------------------------------- merging the parts' results

    /**
     * @param a the first part's messages
     * @param b the next part's
     * @return both, items of a message in both merged
     */
    public static FetchResults mergeFetch(FetchResults a, FetchResults b) {
        Map<Long, FetchResult> all = new LinkedHashMap<>(a);
        for (Map.Entry<Long, FetchResult> e : b.entrySet()) {
            all.merge(e.getKey(), e.getValue(), (x, y) -> x.merge(y.items()));
        }
        List<ResponseWarning> w = new ArrayList<>(a.warnings());
        w.addAll(b.warnings());
        return new FetchResults(all, w);
    }

    /**
     * @param a the first part's result
     * @param b the next part's
     * @return the flags of both, the messages either left unchanged
     */
    public static StoreResult mergeStore(StoreResult a, StoreResult b) {
        Map<Long, List<org.imap4j.codec.core.Flag>> flags = new LinkedHashMap<>(a.flags());
        flags.putAll(b.flags());
        SequenceSet modified = a.modified() == null ? b.modified()
                : b.modified() == null ? a.modified() : concat(a.modified(), b.modified());
        List<ResponseWarning> w = new ArrayList<>(a.warnings());
        w.addAll(b.warnings());
        return new StoreResult(flags, modified, w);
    }

    /**
     * @param a the first part's result
     * @param b the next part's
     * @return the UID mapping of both, pairwise in order; none unless both parts reported one for the same mailbox
     */
    public static CopyResult mergeCopy(CopyResult a, CopyResult b) {
        OptionalLong v = a.uidValidity().isPresent() ? a.uidValidity() : b.uidValidity();
        if (a.source() == null || b.source() == null || a.destination() == null || b.destination() == null
                || !a.uidValidity().equals(b.uidValidity())) {
            return new CopyResult(v, null, null);
        }
        return new CopyResult(v, concat(a.source(), b.source()), concat(a.destination(), b.destination()));
    }

    private static SequenceSet concat(SequenceSet a, SequenceSet b) {
        List<SequenceSet.Range> r = new ArrayList<>(a.ranges());
        r.addAll(b.ranges());
        return SequenceSet.ofRanges(r);
    }
}
