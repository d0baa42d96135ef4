package org.imap4j.client;

import java.util.List;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.StatusItem;

/**
 * Receives what the server reports about the selected mailbox and the connection without being asked, during IDLE
 * and during any other command (RFC 9051 section 7: EXISTS, EXPUNGE, FETCH FLAGS, VANISHED, an ALERT, BYE), with
 * callbacks named as in Twisted's {@code IMailboxListener}. Every method has an empty default.
 *
 * <p>Threading: called on the client's delivery executor ({@link ImapClientConfig.Builder#deliveryExecutor}; by
 * default shared daemon threads), never on the thread that reads the connection: one call at a time per connection,
 * in the order the server sent, none lost. A callback may call the client, blocking calls included (its result does
 * not depend on the callback returning), sleep or throw (a throw is ignored; the next event still comes); while it
 * runs, later events of the same connection wait. A blocking caller returns after the listener has been told of
 * everything that arrived before its result.
 */
public interface MailboxListener {
    /** A listener that ignores everything. */
    MailboxListener NONE = new MailboxListener() {
    };

    /**
     * The message count changed ({@code EXISTS}, RFC 9051 section 7.4.1).
     *
     * @param exists the new number of messages
     * @param recent the last {@code RECENT} count reported (IMAP4rev1), or 0
     */
    default void newMessages(long exists, long recent) {
    }

    /** @param seq the sequence number of a message that was expunged ({@code EXPUNGE}); later ones shift down */
    default void expunged(long seq) {
    }

    /**
     * Messages were expunged, reported by UID under QRESYNC ({@code VANISHED}, RFC 7162 section 3.2.10).
     *
     * @param uids    their UIDs
     * @param earlier whether this reports expunges from before the current command ({@code (EARLIER)})
     */
    default void vanished(SequenceSet uids, boolean earlier) {
    }

    /** @param update a message's flags changed (an unsolicited {@code FETCH} with {@code FLAGS}) */
    default void flagsChanged(FlagUpdate update) {
    }

    /**
     * The server reported the access mode of the selected mailbox: once at the end of every SELECT and EXAMINE (the
     * {@code [READ-WRITE]} or {@code [READ-ONLY]} code of its tagged OK; EXAMINE is always read-only), and whenever
     * an untagged {@code OK} or {@code NO} carries one of those codes later in the session (RFC 9051 section 7.1),
     * for example when another session takes a lock. Called for every report, also when the mode stays the same.
     *
     * @param writable whether the selected mailbox is writable ({@code READ-WRITE}) or read-only
     */
    default void modeChanged(boolean writable) {
    }

    /**
     * The server sent a {@code STATUS} of a mailbox that no STATUS command of this connection asked for: with NOTIFY
     * (RFC 5465 section 5) each change of a watched non-selected mailbox comes this way.
     *
     * @param mailbox the mailbox
     * @param items   its attributes as sent (MESSAGES, UIDNEXT, UNSEEN, HIGHESTMODSEQ, ...)
     */
    default void mailboxStatus(MailboxName mailbox, List<StatusItem> items) {
    }

    /**
     * @param text an {@code [ALERT]} the user must see (RFC 9051 section 7.1), raw as the server sent it: it may hold
     *             control characters (ESC, C1 controls), so show it escaped with
     *             {@link org.imap4j.codec.ServerText#escape(CharSequence)}
     */
    default void alert(String text) {
    }

    /** @param text the server is closing the connection ({@code BYE}); raw server text, see {@link #alert} */
    default void bye(String text) {
    }

    /**
     * The server sent a response that could not be read (broken grammar no {@link org.imap4j.codec.Quirk} accepts),
     * or one FETCH item the parser salvaged around ({@link org.imap4j.codec.fetch.FetchItem.Unreadable}). It was
     * skipped and the connection goes on; the command that would have collected it also carries a
     * {@link ResponseWarning} on its result ({@code warnings()}), or fails with this error when the client was built
     * with {@code strictResponses(true)}.
     *
     * @param error what was wrong, with the offending bytes' position and an excerpt
     */
    default void unreadableResponse(org.imap4j.codec.ImapProtocolException error) {
    }

    /**
     * @param cause the connection ended: {@code null} after a clean end (LOGOUT, whether the server answered it with
     *              BYE and OK or with BYE and a closed connection, or {@code close()}); otherwise the first error,
     *              the same one every later call carries as its cause
     */
    default void closed(ImapException cause) {
    }

    /**
     * The client took a fallback for the server's lack of an extension (or a known deviation): the operation goes on
     * by other commands. Each kind is reported once per connection and command (see {@link ImapClient#fallbacks()}).
     *
     * @param fallback what was done instead, and why
     */
    default void fallback(Fallback fallback) {
    }
}
