package org.imap4j.session;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;

/**
 * What a supervised session reports about the mailbox it watches: one continuous stream across reconnects, with each
 * new message, expunge and flag change reported exactly once (changes made while the link was down come from the
 * resynchronisation after it), and the session's lifecycle in between.
 *
 * <pre>{@code
 * switch (event) {
 *     case WatchEvent.NewMessage n -> index(n.uid());
 *     case WatchEvent.Expunged x -> forget(x.uid());
 *     case WatchEvent.FlagsChanged f -> update(f.uid(), f.flags());
 *     case WatchEvent.UidValidityChanged v -> dropCache();
 *     case WatchEvent.MailboxStatusChanged m -> refresh(m.mailbox());
 *     default -> log(event);
 * }
 * }</pre>
 */
public sealed interface WatchEvent {
    /**
     * A message arrived (or was first seen: appended while the link was down).
     *
     * @param uid   its UID
     * @param flags its flags ({@code \Recent} never included)
     */
    record NewMessage(long uid, Set<Flag> flags) implements WatchEvent {
        /**
         * Copies.
         *
         * @param uid   its UID
         * @param flags its flags
         */
        public NewMessage {
            flags = Set.copyOf(flags);
        }
    }

    /** @param uid a message that was expunged */
    record Expunged(long uid) implements WatchEvent {
    }

    /**
     * A message's flags changed.
     *
     * @param uid   its UID
     * @param flags its flags now ({@code \Recent} never included)
     */
    record FlagsChanged(long uid, Set<Flag> flags) implements WatchEvent {
        /**
         * Copies.
         *
         * @param uid   its UID
         * @param flags its flags now
         */
        public FlagsChanged {
            flags = Set.copyOf(flags);
        }
    }

    /**
     * The mailbox's {@code UIDVALIDITY} changed (it was deleted and recreated, or the server rebuilt it): every UID
     * known before is void, a cache of it must be dropped. The watch starts again from the mailbox as it is now,
     * without reporting its messages as new.
     *
     * @param previous the value known before
     * @param current  the value now
     * @param messages how many messages the mailbox holds now
     */
    record UidValidityChanged(long previous, long current, long messages) implements WatchEvent {
    }

    /**
     * Another watched mailbox (not the selected one) changed: its counters differ from the ones reported before. On a
     * server that offers NOTIFY (RFC 5465) the change is pushed on the watch's one connection; elsewhere it is found by
     * polling STATUS. Reported once per change of the counters, also for changes made while the link was down (found
     * by the STATUS after the reconnect). The first look at a mailbox is the baseline and reports nothing. A different
     * {@code uidValidity} than before means that mailbox's UIDs are void, as {@link UidValidityChanged} does for the
     * selected one.
     *
     * @param mailbox       the mailbox
     * @param messages      {@code MESSAGES}: how many messages it holds
     * @param uidNext       {@code UIDNEXT}: the UID its next message gets
     * @param unseen        {@code UNSEEN}: how many lack {@code \Seen}
     * @param uidValidity   {@code UIDVALIDITY}
     * @param highestModSeq {@code HIGHESTMODSEQ} (RFC 7162), or 0 where the server has no CONDSTORE
     */
    record MailboxStatusChanged(MailboxName mailbox, long messages, long uidNext, long unseen, long uidValidity,
            long highestModSeq) implements WatchEvent {
        /**
         * Validates.
         *
         * @param mailbox       the mailbox
         * @param messages      MESSAGES
         * @param uidNext       UIDNEXT
         * @param unseen        UNSEEN
         * @param uidValidity   UIDVALIDITY
         * @param highestModSeq HIGHESTMODSEQ or 0
         */
        public MailboxStatusChanged {
            Objects.requireNonNull(mailbox, "mailbox");
        }
    }

    /**
     * The connection was lost (or could not be made at the start).
     *
     * @param cause why: an {@link ImapLivenessException} for a dead link, another
     *              {@link org.imap4j.codec.ImapConnectionException} for a reset or closed one, or the server's
     *              refusal
     */
    record Disconnected(ImapException cause) implements WatchEvent {
        /**
         * Validates.
         *
         * @param cause why
         */
        public Disconnected {
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * A reconnect attempt is about to be made, after a wait.
     *
     * @param attempt the attempt, from 1
     * @param delay   the wait before it
     * @param busy    whether the wait is the longer one because the server said it is unavailable or busy
     */
    record Reconnecting(int attempt, Duration delay, boolean busy) implements WatchEvent {
    }

    /**
     * A new connection is authenticated and its session restored (ENABLE, COMPRESS, the mailbox selected); the
     * resynchronisation's events follow, then {@link Resynced}.
     *
     * @param attempt the attempt that succeeded
     */
    record Reconnected(int attempt) implements WatchEvent {
    }

    /**
     * A resynchronisation finished: its events were reported just before.
     *
     * @param method   how the changes were found
     * @param added    new messages reported
     * @param expunged expunges reported
     * @param changed  flag changes reported
     */
    record Resynced(Method method, int added, int expunged, int changed) implements WatchEvent {
    }

    /**
     * The wall clock moved unlike the monotonic clock (the machine slept, or its clock was set): the link is checked
     * at once instead of at the next liveness probe.
     *
     * @param skew how far the wall clock moved beyond the elapsed monotonic time
     */
    record ClockJumped(Duration skew) implements WatchEvent {
    }

    /**
     * The watch stopped for good: {@code close()}, or the reconnect policy's attempts ran out.
     *
     * @param cause the last error, or {@code null} after {@code close()}
     */
    record Stopped(ImapException cause) implements WatchEvent {
    }

    /** How a resynchronisation found the changes. */
    enum Method {
        /** The first look at the mailbox: its state became the baseline, nothing is reported. */
        BASELINE,
        /** {@code SELECT (QRESYNC ...)}: {@code VANISHED (EARLIER)} and the changed flags in one round trip. */
        QRESYNC,
        /** CONDSTORE: {@code FETCH (FLAGS) (CHANGEDSINCE m)} and {@code UID SEARCH ALL} for expunges. */
        CONDSTORE,
        /** No extension: every UID's flags fetched and compared with the known ones. */
        FULL
    }
}
