package org.imap4j.client;

import java.util.List;
import java.util.OptionalLong;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;

/**
 * What SELECT or EXAMINE reported about the mailbox (RFC 9051 section 6.3.2), and under QRESYNC what changed since
 * the caller's last state (RFC 7162 section 3.2.5).
 *
 * @param mailbox        the mailbox
 * @param flags          the flags defined in it ({@code FLAGS})
 * @param exists         the number of messages
 * @param recent         the {@code RECENT} count (IMAP4rev1 servers), else 0
 * @param uidValidity    {@code UIDVALIDITY}, if sent
 * @param uidNext        {@code UIDNEXT}, if sent
 * @param unseen         the first unseen message's sequence number ({@code UNSEEN} code), if sent
 * @param permanentFlags the flags that can be changed permanently ({@code PERMANENTFLAGS}); empty if not sent
 * @param highestModSeq  {@code HIGHESTMODSEQ} under CONDSTORE, if sent
 * @param readOnly       whether the mailbox is read-only ({@code READ-ONLY}, always for EXAMINE)
 * @param vanished       under QRESYNC: UIDs expunged since the known state ({@code VANISHED (EARLIER)}), merged
 * @param changed        under QRESYNC: messages whose flags changed since the known modseq
 * @param warnings       responses the client could not read during the command, and skipped (see
 *                       {@link ResponseWarning}); empty when all was read
 * @param mailboxId      the mailbox's {@code MAILBOXID} response code (OBJECTID, RFC 8474 section 4.1), if sent
 */
public record SelectResult(MailboxName mailbox, List<Flag> flags, long exists, long recent, OptionalLong uidValidity,
        OptionalLong uidNext, OptionalLong unseen, List<Flag> permanentFlags, OptionalLong highestModSeq,
        boolean readOnly, SequenceSet vanished, List<FetchResult> changed, List<ResponseWarning> warnings,
        java.util.Optional<String> mailboxId) {
    /**
     * Copies.
     *
     * @param mailbox        the mailbox
     * @param flags          the flags defined in it ({@code FLAGS})
     * @param exists         the number of messages
     * @param recent         the {@code RECENT} count (IMAP4rev1 servers), else 0
     * @param uidValidity    {@code UIDVALIDITY}, if sent
     * @param uidNext        {@code UIDNEXT}, if sent
     * @param unseen         the first unseen message's sequence number ({@code UNSEEN} code), if sent
     * @param permanentFlags the flags that can be changed permanently ({@code PERMANENTFLAGS}); empty if not sent
     * @param highestModSeq  {@code HIGHESTMODSEQ} under CONDSTORE, if sent
     * @param readOnly       whether the mailbox is read-only ({@code READ-ONLY}, always for EXAMINE)
     * @param vanished       under QRESYNC: UIDs expunged since the known state ({@code VANISHED (EARLIER)}), merged
     * @param changed        under QRESYNC: messages whose flags changed since the known modseq
     * @param warnings       responses the client could not read during the command, and skipped (see
     *                       {@link ResponseWarning}); empty when all was read
     * @param mailboxId      the mailbox's {@code MAILBOXID} (RFC 8474), if sent
     */
    public SelectResult {
        flags = List.copyOf(flags);
        permanentFlags = List.copyOf(permanentFlags);
        changed = List.copyOf(changed);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        mailboxId = mailboxId == null ? java.util.Optional.empty() : mailboxId;
    }

    /**
     * The result without a MAILBOXID.
     *
     * @param mailbox        the mailbox
     * @param flags          the flags defined in it
     * @param exists         the number of messages
     * @param recent         the {@code RECENT} count, else 0
     * @param uidValidity    {@code UIDVALIDITY}, if sent
     * @param uidNext        {@code UIDNEXT}, if sent
     * @param unseen         the first unseen message's sequence number, if sent
     * @param permanentFlags the flags that can be changed permanently
     * @param highestModSeq  {@code HIGHESTMODSEQ}, if sent
     * @param readOnly       whether the mailbox is read-only
     * @param vanished       under QRESYNC: UIDs expunged since the known state
     * @param changed        under QRESYNC: messages whose flags changed since the known modseq
     * @param warnings       responses the client could not read during the command, and skipped
     */
    public SelectResult(MailboxName mailbox, List<Flag> flags, long exists, long recent, OptionalLong uidValidity,
            OptionalLong uidNext, OptionalLong unseen, List<Flag> permanentFlags, OptionalLong highestModSeq,
            boolean readOnly, SequenceSet vanished, List<FetchResult> changed, List<ResponseWarning> warnings) {
        this(mailbox, flags, exists, recent, uidValidity, uidNext, unseen, permanentFlags, highestModSeq, readOnly,
                vanished, changed, warnings, java.util.Optional.empty());
    }

    /**
     * The result without warnings.
     *
     * @param mailbox        the mailbox
     * @param flags          the flags defined in it
     * @param exists         the number of messages
     * @param recent         the {@code RECENT} count, else 0
     * @param uidValidity    {@code UIDVALIDITY}, if sent
     * @param uidNext        {@code UIDNEXT}, if sent
     * @param unseen         the first unseen message's sequence number, if sent
     * @param permanentFlags the flags that can be changed permanently
     * @param highestModSeq  {@code HIGHESTMODSEQ}, if sent
     * @param readOnly       whether the mailbox is read-only
     * @param vanished       under QRESYNC: UIDs expunged since the known state
     * @param changed        under QRESYNC: messages whose flags changed since the known modseq
     */
    public SelectResult(MailboxName mailbox, List<Flag> flags, long exists, long recent, OptionalLong uidValidity,
            OptionalLong uidNext, OptionalLong unseen, List<Flag> permanentFlags, OptionalLong highestModSeq,
            boolean readOnly, SequenceSet vanished, List<FetchResult> changed) {
        this(mailbox, flags, exists, recent, uidValidity, uidNext, unseen, permanentFlags, highestModSeq, readOnly,
                vanished, changed, List.of());
    }

    /**
     * @param w the warnings
     * @return this result carrying {@code w}
     */
    public SelectResult withWarnings(List<ResponseWarning> w) {
        return new SelectResult(mailbox, flags, exists, recent, uidValidity, uidNext, unseen, permanentFlags,
                highestModSeq, readOnly, vanished, changed, w, mailboxId);
    }
}
