package org.imap4j.client.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.imap4j.client.FetchResult;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.Untagged;

/**
 * The EXPUNGEs a FETCH received while it ran, and what they mean for it (RFC 9051 section 7.5.1): an
 * {@code * n EXPUNGE} removes message n and every later message's sequence number goes down by one, so a FETCH
 * response received after it names its message by the new number. A FETCH by sequence number therefore tests
 * membership in the requested set with the number the message had when the command was sent, keys its results by
 * the number the message has now, and never merges the items of two messages under one key.
 */
final class Renumbering {
    private long[] expunged = new long[0];
    private int count;

    /** @param seq an expunged message's sequence number, in the numbering current when it arrived */
    void expunged(long seq) {
        if (count == expunged.length) {
            expunged = Arrays.copyOf(expunged, Math.max(4, count * 2));
        }
        expunged[count++] = seq;
    }

    /**
     * @param current a sequence number in today's numbering
     * @return the number the same message had when the command was sent
     */
    long original(long current) {
        long s = current;
        for (int i = count - 1; i >= 0; i--) {
            if (s >= expunged[i]) {
                s++;
            }
        }
        return s;
    }

    /**
     * Whether a FETCH response is for a message the command asked for: by UID for UID FETCH, else by the sequence
     * number the message had when the command was sent.
     */
    boolean belongs(Untagged.Fetch f, Command.Fetch fetch) {
        if (fetch.uid()) {
            return FetchOp.belongs(f, fetch.set(), true);
        }
        SequenceSet set = fetch.set();
        return set.isLastResult() || set.contains(original(f.seq()), Long.MAX_VALUE);
    }

    /**
     * Applies one EXPUNGE to the results collected so far: keyed by sequence number, the expunged message's entry
     * goes and later ones move down one; keyed by UID, only the recorded sequence numbers move.
     *
     * @param results    the results, in order
     * @param seq        the expunged message's sequence number
     * @param keyedBySeq whether the keys are sequence numbers
     * @return the renumbered results, in the same order
     */
    static Map<Long, FetchResult> apply(Map<Long, FetchResult> results, long seq, boolean keyedBySeq) {
        Map<Long, FetchResult> out = new LinkedHashMap<>();
        for (Map.Entry<Long, FetchResult> e : results.entrySet()) {
            FetchResult r = e.getValue();
            if (r.seq() == seq && keyedBySeq) {
                continue; // gone: its number now belongs to the next message
            }
            FetchResult moved = r.seq() > seq ? new FetchResult(r.seq() - 1, r.items()) : r;
            out.put(keyedBySeq ? moved.seq() : e.getKey(), moved);
        }
        return out;
    }

    /**
     * @param prior what was collected for a key
     * @param uid   the UID of a new response for the same key, if it carries one
     * @return whether the new response is for another message (both carry UIDs, and they differ): it must replace
     *         the entry, not be merged into it
     */
    static boolean otherMessage(FetchResult prior, OptionalLong uid) {
        OptionalLong before = prior.uid();
        return before.isPresent() && uid.isPresent() && before.getAsLong() != uid.getAsLong();
    }
}
