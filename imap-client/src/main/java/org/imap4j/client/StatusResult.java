package org.imap4j.client;

import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.StatusItem;

/**
 * A mailbox's STATUS (RFC 9051 section 7.3.4; RFC 7162 HIGHESTMODSEQ; RFC 8438 SIZE), with typed accessors.
 *
 * <p>The client asks only for the items the server's capabilities allow ({@link StatusAttribute#offeredBy}); the
 * items asked for but left out for that reason are in {@link #omitted()}, so an absent value can be told apart from
 * one the server did not send.
 *
 * @param mailbox the mailbox
 * @param items   the items the server returned
 * @param omitted the items asked for but not sent to the server, because its capabilities do not offer them
 */
public record StatusResult(MailboxName mailbox, List<StatusItem> items, Set<StatusAttribute> omitted) {
    /**
     * Copies.
     *
     * @param mailbox the mailbox
     * @param items   the items the server returned
     * @param omitted the items asked for but not sent to the server, because its capabilities do not offer them
     */
    public StatusResult {
        items = List.copyOf(items);
        omitted = omitted.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(omitted));
    }

    /**
     * A result with nothing omitted.
     *
     * @param mailbox the mailbox
     * @param items   the items the server returned
     */
    public StatusResult(MailboxName mailbox, List<StatusItem> items) {
        this(mailbox, items, Set.of());
    }

    /**
     * @param kind a numeric attribute
     * @return its value, if returned
     */
    public OptionalLong get(StatusItem.Kind kind) {
        for (StatusItem i : items) {
            if (i instanceof StatusItem.Count c && c.kind() == kind) {
                return OptionalLong.of(c.value());
            }
        }
        return OptionalLong.empty();
    }

    /** @return {@code MESSAGES} */
    public OptionalLong messages() {
        return get(StatusItem.Kind.MESSAGES);
    }

    /** @return {@code UNSEEN} */
    public OptionalLong unseen() {
        return get(StatusItem.Kind.UNSEEN);
    }

    /** @return {@code UIDNEXT} */
    public OptionalLong uidNext() {
        return get(StatusItem.Kind.UIDNEXT);
    }

    /** @return {@code UIDVALIDITY} */
    public OptionalLong uidValidity() {
        return get(StatusItem.Kind.UIDVALIDITY);
    }

    /** @return {@code RECENT} */
    public OptionalLong recent() {
        return get(StatusItem.Kind.RECENT);
    }

    /** @return {@code SIZE} (RFC 8438, RFC 9051) */
    public OptionalLong size() {
        return get(StatusItem.Kind.SIZE);
    }

    /** @return {@code DELETED} (RFC 9051) */
    public OptionalLong deleted() {
        return get(StatusItem.Kind.DELETED);
    }

    /** @return {@code HIGHESTMODSEQ} */
    public OptionalLong highestModSeq() {
        return get(StatusItem.Kind.HIGHESTMODSEQ);
    }

    /** @return the mailbox's {@code MAILBOXID} (OBJECTID, RFC 8474 section 4), if asked for and sent */
    public java.util.Optional<String> mailboxId() {
        for (StatusItem i : items) {
            if (i instanceof StatusItem.MailboxId m) {
                return java.util.Optional.of(m.id());
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * @return the mailbox's {@code APPENDLIMIT} (RFC 7889 section 4) in octets, if asked for and sent with a number;
     *     empty too when the server sent NIL (no limit): see {@link #hasAppendLimitItem()}
     */
    public OptionalLong appendLimit() {
        for (StatusItem i : items) {
            if (i instanceof StatusItem.AppendLimit a && a.limit() != null) {
                return OptionalLong.of(a.limit());
            }
        }
        return OptionalLong.empty();
    }

    /** @return whether an {@code APPENDLIMIT} item was sent (a number, or NIL for no limit) */
    public boolean hasAppendLimitItem() {
        for (StatusItem i : items) {
            if (i instanceof StatusItem.AppendLimit) {
                return true;
            }
        }
        return false;
    }
}
