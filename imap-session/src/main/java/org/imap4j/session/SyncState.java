package org.imap4j.session;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.imap4j.codec.core.Flag;

/**
 * What a supervised session knows of one mailbox, to resynchronise after a reconnect (or a restart of the
 * application, through a {@link SyncStateStore}): its {@code UIDVALIDITY}, {@code UIDNEXT}, {@code HIGHESTMODSEQ}
 * (0 without CONDSTORE) and every message's UID with its flags ({@code \Recent}, which belongs to one session, is
 * never kept).
 *
 * @param mailbox       the mailbox's name
 * @param uidValidity   its {@code UIDVALIDITY}
 * @param uidNext       its {@code UIDNEXT} as last seen
 * @param highestModSeq its {@code HIGHESTMODSEQ} as last seen, or 0
 * @param messages      UID → flags, ascending by UID (copied, unmodifiable)
 */
public record SyncState(String mailbox, long uidValidity, long uidNext, long highestModSeq,
        SortedMap<Long, Set<Flag>> messages) {
    /**
     * Copies.
     *
     * @param mailbox       the mailbox's name
     * @param uidValidity   its {@code UIDVALIDITY}
     * @param uidNext       its {@code UIDNEXT}
     * @param highestModSeq its {@code HIGHESTMODSEQ}, or 0
     * @param messages      UID → flags
     */
    public SyncState {
        Objects.requireNonNull(mailbox, "mailbox");
        TreeMap<Long, Set<Flag>> copy = new TreeMap<>();
        for (Map.Entry<Long, Set<Flag>> e : messages.entrySet()) {
            copy.put(e.getKey(), withoutRecent(e.getValue()));
        }
        messages = Collections.unmodifiableSortedMap(copy);
    }

    /**
     * @param flags flags as a server reported them
     * @return the same without {@code \Recent}, unmodifiable
     */
    public static Set<Flag> withoutRecent(java.util.Collection<Flag> flags) {
        java.util.LinkedHashSet<Flag> s = new java.util.LinkedHashSet<>();
        for (Flag f : flags) {
            if (!f.value().equalsIgnoreCase(Flag.RECENT.value())) {
                s.add(f);
            }
        }
        return Collections.unmodifiableSet(s);
    }
}
