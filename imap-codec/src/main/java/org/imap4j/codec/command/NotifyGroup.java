package org.imap4j.codec.command;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.fetch.FetchAttribute;

/**
 * One event group of NOTIFY SET ({@code event-group = "(" filter-mailboxes SP events ")"}, RFC 5465 section 8): which
 * mailboxes, and which of their events the server reports.
 *
 * <pre>{@code
 * new Command.Notify(List.of(
 *         NotifyGroup.selected(NotifyGroup.Event.messageNew(List.of(FetchAttribute.Item.UID, FetchAttribute.Item.FLAGS)),
 *                 NotifyGroup.Event.MESSAGE_EXPUNGE, NotifyGroup.Event.FLAG_CHANGE),
 *         new NotifyGroup(NotifyGroup.Filter.SUBTREE, List.of(MailboxName.of("Lists")),
 *                 List.of(NotifyGroup.Event.MESSAGE_NEW, NotifyGroup.Event.MESSAGE_EXPUNGE))), true);
 * }</pre>
 *
 * @param filter    which mailboxes
 * @param mailboxes the mailboxes of {@link Filter#SUBTREE} and {@link Filter#MAILBOXES} (at least one), else empty
 * @param events    the events reported, or empty for {@code NONE} (no events from these mailboxes)
 */
public record NotifyGroup(Filter filter, List<MailboxName> mailboxes, List<Event> events) {

    /** {@code filter-mailboxes}. */
    public enum Filter {
        /** {@code selected}: the selected mailbox, reported at once. */
        SELECTED("selected"),
        /** {@code selected-delayed}: the selected mailbox, expunges held until a command allows them. */
        SELECTED_DELAYED("selected-delayed"),
        /** {@code inboxes}: the user's inboxes. */
        INBOXES("inboxes"),
        /** {@code personal}: the user's personal namespace. */
        PERSONAL("personal"),
        /** {@code subscribed}: the subscribed mailboxes. */
        SUBSCRIBED("subscribed"),
        /** {@code subtree}: the named mailboxes and everything below them. */
        SUBTREE("subtree"),
        /** {@code mailboxes}: the named mailboxes. */
        MAILBOXES("mailboxes");

        private final String wire;

        Filter(String wire) {
            this.wire = wire;
        }

        /** @return the keyword as written */
        public String wire() {
            return wire;
        }

        /** @return whether it names the selected mailbox */
        public boolean selected() {
            return this == SELECTED || this == SELECTED_DELAYED;
        }

        /**
         * @param keyword a filter keyword in any case
         * @return the filter, or {@code null}
         */
        public static Filter byKeyword(String keyword) {
            for (Filter f : values()) {
                if (f.wire.equalsIgnoreCase(keyword)) {
                    return f;
                }
            }
            return null;
        }
    }

    /**
     * One event ({@code event}, RFC 5465 section 5): a name, and for {@code MessageNew} in a selected group the
     * FETCH attributes the server sends with each new message.
     *
     * @param name            the event name, an atom (case kept as given; compared case-insensitively)
     * @param fetchAttributes for {@code MessageNew}: what to send with each new message, else empty
     */
    public record Event(String name, List<FetchAttribute> fetchAttributes) {
        /** {@code MessageNew}. */
        public static final Event MESSAGE_NEW = new Event("MessageNew", List.of());
        /** {@code MessageExpunge}. */
        public static final Event MESSAGE_EXPUNGE = new Event("MessageExpunge", List.of());
        /** {@code FlagChange}. */
        public static final Event FLAG_CHANGE = new Event("FlagChange", List.of());
        /** {@code AnnotationChange}. */
        public static final Event ANNOTATION_CHANGE = new Event("AnnotationChange", List.of());
        /** {@code MailboxName}: mailboxes created, deleted or renamed. */
        public static final Event MAILBOX_NAME = new Event("MailboxName", List.of());
        /** {@code SubscriptionChange}. */
        public static final Event SUBSCRIPTION_CHANGE = new Event("SubscriptionChange", List.of());
        /** {@code MailboxMetadataChange} (needs METADATA). */
        public static final Event MAILBOX_METADATA_CHANGE = new Event("MailboxMetadataChange", List.of());
        /** {@code ServerMetadataChange} (needs METADATA or METADATA-SERVER). */
        public static final Event SERVER_METADATA_CHANGE = new Event("ServerMetadataChange", List.of());

        private static final List<String> MESSAGE_EVENTS =
                List.of("MESSAGENEW", "MESSAGEEXPUNGE", "FLAGCHANGE", "ANNOTATIONCHANGE");

        /**
         * Validates.
         *
         * @param name            the event name
         * @param fetchAttributes FETCH attributes for MessageNew, else empty
         */
        public Event {
            Validate.atom(name, "event name");
            fetchAttributes = Validate.list(fetchAttributes, "fetch attributes");
            if (!fetchAttributes.isEmpty() && !name.equalsIgnoreCase("MessageNew")) {
                throw new ImapValidationException("only MessageNew carries FETCH attributes: " + name);
            }
            for (FetchAttribute a : fetchAttributes) {
                if (a instanceof FetchAttribute.Macro) {
                    throw new ImapValidationException("a FETCH macro is not a fetch-att: " + a);
                }
            }
        }

        /**
         * @param attributes what to send with each new message of the selected mailbox
         * @return {@code MessageNew (attributes)}
         */
        public static Event messageNew(List<FetchAttribute> attributes) {
            return new Event("MessageNew", attributes);
        }

        /** @return whether it is one of the four message events */
        public boolean isMessageEvent() {
            return MESSAGE_EVENTS.contains(name.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * Validates the rules of RFC 5465 sections 5 and 6: mailboxes exactly for SUBTREE and MAILBOXES, only message
     * events for the selected mailbox, FETCH attributes only there.
     *
     * @param filter    which mailboxes
     * @param mailboxes the mailboxes of SUBTREE and MAILBOXES, else empty
     * @param events    the events, or empty for NONE
     */
    public NotifyGroup {
        Objects.requireNonNull(filter, "filter");
        mailboxes = Validate.list(mailboxes, "mailboxes");
        events = Validate.list(events, "events");
        boolean named = filter == Filter.SUBTREE || filter == Filter.MAILBOXES;
        if (named == mailboxes.isEmpty()) {
            throw new ImapValidationException(named ? filter.wire() + " needs at least one mailbox"
                    : filter.wire() + " takes no mailbox");
        }
        for (Event e : events) {
            if (filter.selected() && !e.isMessageEvent()) {
                throw new ImapValidationException("only message events apply to the selected mailbox: " + e.name());
            }
            if (!filter.selected() && !e.fetchAttributes().isEmpty()) {
                throw new ImapValidationException("MessageNew attributes apply to the selected mailbox only");
            }
        }
    }

    /**
     * @param events the events
     * @return a group for the selected mailbox
     */
    public static NotifyGroup selected(Event... events) {
        return new NotifyGroup(Filter.SELECTED, List.of(), List.of(events));
    }

    /**
     * @param filter a filter that names no mailbox (INBOXES, PERSONAL, SUBSCRIBED, SELECTED...)
     * @param events the events
     * @return the group
     */
    public static NotifyGroup of(Filter filter, Event... events) {
        return new NotifyGroup(filter, List.of(), List.of(events));
    }
}
