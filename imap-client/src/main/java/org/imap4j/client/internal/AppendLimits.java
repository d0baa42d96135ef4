package org.imap4j.client.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.StatusItem;

/**
 * The APPENDLIMIT values (RFC 7889) a connection has learned: the server-wide one from CAPABILITY
 * ({@code APPENDLIMIT=n}) and each mailbox's own from STATUS or LIST-STATUS ({@code APPENDLIMIT n}, or NIL for
 * none). A mailbox's own value, when known, is the one that applies (section 4: a server with per-mailbox limits
 * announces APPENDLIMIT without a value); otherwise the server-wide one. Bounded: one entry per mailbox the server
 * reported on, at most {@link #MAX_MAILBOXES}.
 */
public final class AppendLimits {
    /** The most mailboxes remembered; past it the per-mailbox values seen later are not kept. */
    static final int MAX_MAILBOXES = 10_000;
    /** NIL: the mailbox has no limit. */
    private static final long NONE = -1;
    /** Made at the first STATUS that carries the item (an idle connection should not pay for a map). */
    private volatile Map<MailboxName, Long> perMailbox;

    private Map<MailboxName, Long> map() {
        Map<MailboxName, Long> m = perMailbox;
        if (m == null) {
            synchronized (this) {
                m = perMailbox;
                if (m == null) {
                    m = new ConcurrentHashMap<>();
                    perMailbox = m;
                }
            }
        }
        return m;
    }

    /**
     * The limit that applies to one APPEND.
     *
     * @param octets     the limit
     * @param perMailbox whether it is the mailbox's own (STATUS) rather than the server's (CAPABILITY)
     */
    public record Limit(long octets, boolean perMailbox) {
    }

    /**
     * Notes the APPENDLIMIT item of a STATUS response, if it has one.
     *
     * @param mailbox the mailbox
     * @param items   its STATUS items
     */
    public void note(MailboxName mailbox, List<StatusItem> items) {
        for (StatusItem i : items) {
            if (i instanceof StatusItem.AppendLimit a) {
                Map<MailboxName, Long> perMailbox = map();
                if (perMailbox.size() < MAX_MAILBOXES || perMailbox.containsKey(mailbox)) {
                    perMailbox.put(mailbox, a.limit() == null ? NONE : a.limit());
                }
            }
        }
    }

    /**
     * @param mailbox      the destination
     * @param capabilities the server's capabilities
     * @return the limit for an APPEND to {@code mailbox}, or {@code null} when none is known
     */
    public Limit limit(MailboxName mailbox, List<Capability> capabilities) {
        Map<MailboxName, Long> known = perMailbox;
        Long own = known == null ? null : known.get(mailbox);
        if (own != null) {
            return own == NONE ? null : new Limit(own, true);
        }
        for (Capability c : capabilities) {
            if (c instanceof Capability.AppendLimit a) {
                return new Limit(a.limit(), false);
            }
        }
        return null;
    }
}
