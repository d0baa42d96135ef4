package org.imap4j.client;

import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import org.imap4j.codec.core.SequenceSet;

/**
 * A search the server keeps up to date (CONTEXT=SEARCH, RFC 5267 section 4): {@code UID SEARCH RETURN (ALL UPDATE)}
 * answers the matching UIDs now, and from then on the server reports the messages that start or stop matching with
 * unsolicited {@code * ESEARCH (TAG "tag") UID ADDTO (...)} / {@code REMOVEFROM (...)} responses. The client routes
 * each to the search that asked by that tag (the search correlator), never by arrival order, so several live
 * searches and ordinary searches can run on one connection.
 *
 * <p>Updates arrive while the connection is read: during any later command, or while {@link ImapClient#idle} waits.
 * Read them with {@link #poll()} or {@link #current()}, or have a {@link Listener} told of each (on the client's
 * delivery executor, like the {@link MailboxListener}). {@link #cancel()} sends {@code CANCELUPDATE "tag"}; the server
 * also stops when the mailbox is closed or it cannot go on ({@code NOUPDATE}, see {@link #updating()}).
 *
 * <pre>{@code
 * LiveSearch unseen = client.liveSearch(SearchKey.unseen(), LiveSearch.Listener.NONE);
 * System.out.println(unseen.initial().size() + " unseen");
 * client.noop();                                   // or idle: updates are read meanwhile
 * for (LiveSearch.Update u : unseen.poll()) {
 *     System.out.println((u.added() ? "+" : "-") + u.set());
 * }
 * unseen.cancel().await();
 * }</pre>
 *
 * <p>Live searches are always UID searches (sequence numbers would shift under them). Not for implementation outside
 * the library.
 */
public interface LiveSearch {
    /** @return the tag of the SEARCH command: the correlator of its updates */
    String tag();

    /** @return the UIDs that matched when the search completed, ascending */
    List<Long> initial();

    /** @return the UIDs that match now, with every update received so far applied, ascending */
    SortedSet<Long> current();

    /**
     * @return the updates received since the last call, in the server's order (each is returned once); at most the
     *     codec's {@code maxListItems} of them are kept between calls, the oldest dropped first, so a search nobody
     *     polls (a {@link Listener} is told of each anyway) does not grow with the connection's age. {@link #current()}
     *     always has every update applied.
     */
    List<Update> poll();

    /**
     * @return whether the client still expects updates for this search: false after {@link #cancel()} completed,
     *     after the server said {@code NOUPDATE} for it, or once the connection closed. Selecting another mailbox
     *     (or closing this one) also ends the server's updates (RFC 5267) but is not tracked here: cancel
     *     the search first, or stop reading it
     */
    boolean updating();

    /**
     * Stops the updates: {@code CANCELUPDATE "tag"} (RFC 5267 section 4.3). Updates the server sent before it
     * read the command are still applied.
     *
     * @return the command's completion
     */
    Operation<Void> cancel();

    /**
     * One change of the result ({@code ADDTO} or {@code REMOVEFROM}, RFC 5267 section 4.4).
     *
     * @param added    whether the messages now match ({@code ADDTO}) or no longer do ({@code REMOVEFROM})
     * @param position the server's context position (0 for a SEARCH result, which has no order)
     * @param set      the UIDs
     */
    record Update(boolean added, long position, SequenceSet set) {
        /**
         * Requires a set.
         *
         * @param added    whether added
         * @param position the context position
         * @param set      the UIDs
         */
        public Update {
            Objects.requireNonNull(set, "set");
        }
    }

    /** Told of each update as it arrives, on the client's delivery executor (it may call the client). */
    @FunctionalInterface
    interface Listener {
        /** A listener that does nothing: read the updates with {@link LiveSearch#poll()}. */
        Listener NONE = (search, update) -> {
        };

        /**
         * @param search the live search
         * @param update the change
         */
        void updated(LiveSearch search, Update update);
    }
}
