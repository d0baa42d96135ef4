package org.imap4j.codec.internal.parse;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.NotifyGroup;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.internal.ascii.Ascii;
import org.imap4j.codec.response.ResponseCode;

/**
 * NOTIFY (RFC 5465 section 8), read in both directions: the command (server half) and its BADEVENT response code
 * (client half; NOTIFICATIONOVERFLOW is a plain code). Written with {@code NotifyEncoder}; tested by
 * {@code NotifyGrammarTest}.
 *
 * <pre>
 * notify           = "NOTIFY" SP (notify-set / notify-none)
 * notify-set       = "SET" [SP "STATUS"] SP event-groups
 * notify-none      = "NONE"
 * event-groups     = event-group *(SP event-group)
 * event-group      = "(" filter-mailboxes SP events ")"
 * filter-mailboxes = "selected" / "selected-delayed" / "inboxes" / "personal" / "subscribed"
 *                  / "subtree" SP one-or-more-mailbox / "mailboxes" SP one-or-more-mailbox
 * one-or-more-mailbox = mailbox / "(" mailbox *(SP mailbox) ")"
 * events           = "(" event *(SP event) ")" / "NONE"
 * event            = "MessageNew" [SP "(" fetch-att *(SP fetch-att) ")"] / atom
 * unsupported-events-code = "BADEVENT" SP "(" event *(SP event) ")"
 * </pre>
 *
 * <p>Keywords are case-insensitive. The events of a group are also read without their parentheses, as one example
 * of the RFC writes them.
 */
final class NotifyParser {
    private NotifyParser() {
    }

    /**
     * @param r a reader after {@code NOTIFY}
     * @return the command
     */
    static Command command(ImapReader r) {
        r.sp();
        int at = r.mark();
        String mode = r.atom();
        if (mode.equalsIgnoreCase("NONE")) {
            return new Command.Notify(List.of(), false);
        }
        if (!mode.equalsIgnoreCase("SET")) {
            throw r.errorAt("SET or NONE", at);
        }
        r.sp();
        boolean status = false;
        if (r.peek() != '(') {
            int s = r.mark();
            if (!r.atom().equalsIgnoreCase("STATUS")) {
                throw r.errorAt("STATUS or an event group", s);
            }
            status = true;
            r.sp();
        }
        List<NotifyGroup> groups = new ArrayList<>();
        do {
            ParseSupport.checkCount(r, groups.size());
            groups.add(group(r));
        } while (r.trySp());
        return new Command.Notify(groups, status);
    }

    private static NotifyGroup group(ImapReader r) {
        r.expect('(');
        int at = r.mark();
        NotifyGroup.Filter filter = NotifyGroup.Filter.byKeyword(r.atom());
        if (filter == null) {
            throw r.errorAt("a filter (selected, selected-delayed, inboxes, personal, subscribed, subtree, mailboxes)",
                    at);
        }
        List<MailboxName> mailboxes = new ArrayList<>();
        if (filter == NotifyGroup.Filter.SUBTREE || filter == NotifyGroup.Filter.MAILBOXES) {
            r.sp();
            if (r.tryByte('(')) {
                do {
                    ParseSupport.checkCount(r, mailboxes.size());
                    mailboxes.add(MailboxParser.mailbox(r));
                } while (r.trySp());
                r.expect(')');
            } else {
                mailboxes.add(MailboxParser.mailbox(r));
            }
        }
        r.sp();
        List<NotifyGroup.Event> events = new ArrayList<>();
        if (r.tryByte('(')) {
            do {
                ParseSupport.checkCount(r, events.size());
                events.add(event(r));
            } while (r.trySp());
            r.expect(')');
            r.expect(')');
        } else {
            int s = r.mark();
            String first = r.run(Ascii.ATOM, "events");
            if (!first.equalsIgnoreCase("NONE")) {
                r.reset(s);
                do {
                    ParseSupport.checkCount(r, events.size());
                    events.add(event(r));
                } while (r.trySp());
            }
            r.expect(')');
        }
        return new NotifyGroup(filter, mailboxes, events);
    }

    private static NotifyGroup.Event event(ImapReader r) {
        String name = r.run(Ascii.ATOM, "an event");
        List<FetchAttribute> atts = List.of();
        if (name.equalsIgnoreCase("MessageNew") && r.peek() == ' ' && r.peek(1) == '(') {
            r.sp();
            atts = FetchParser.attributes(r);
        }
        return new NotifyGroup.Event(name, atts);
    }

    /**
     * @param r a reader after {@code BADEVENT} inside a response code
     * @return the code
     */
    static ResponseCode badEvent(ImapReader r) {
        r.sp();
        r.expect('(');
        List<String> events = new ArrayList<>();
        do {
            ParseSupport.checkCount(r, events.size());
            events.add(r.run(Ascii.ATOM, "an event"));
        } while (r.trySp());
        r.expect(')');
        return new ResponseCode.BadEvent(events);
    }
}
