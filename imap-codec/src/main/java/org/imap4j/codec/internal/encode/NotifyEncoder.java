package org.imap4j.codec.internal.encode;

import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.NotifyGroup;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.response.ResponseCode;

/** NOTIFY (RFC 5465), written in both directions: the command and BADEVENT (grammar in {@code NotifyParser}). */
final class NotifyEncoder {
    private NotifyEncoder() {
    }

    /**
     * @param w the writer
     * @param c a command
     * @return whether it was NOTIFY (then it is written)
     */
    static boolean command(ImapWriter w, Command c) {
        if (!(c instanceof Command.Notify n)) {
            return false;
        }
        if (n.groups().isEmpty()) {
            w.raw("NOTIFY NONE");
            return true;
        }
        w.raw("NOTIFY SET");
        if (n.status()) {
            w.raw(" STATUS");
        }
        for (NotifyGroup g : n.groups()) {
            w.raw(" (").raw(g.filter().wire());
            if (!g.mailboxes().isEmpty()) {
                w.sp();
                if (g.mailboxes().size() == 1) {
                    w.mailbox(g.mailboxes().get(0));
                } else {
                    w.raw('(');
                    for (int i = 0; i < g.mailboxes().size(); i++) {
                        if (i > 0) {
                            w.sp();
                        }
                        w.mailbox(g.mailboxes().get(i));
                    }
                    w.raw(')');
                }
            }
            w.sp();
            if (g.events().isEmpty()) {
                w.raw("NONE");
            } else {
                w.raw('(');
                for (int i = 0; i < g.events().size(); i++) {
                    if (i > 0) {
                        w.sp();
                    }
                    event(w, g.events().get(i));
                }
                w.raw(')');
            }
            w.raw(')');
        }
        return true;
    }

    private static void event(ImapWriter w, NotifyGroup.Event e) {
        w.raw(e.name());
        List<FetchAttribute> atts = e.fetchAttributes();
        if (!atts.isEmpty()) {
            w.raw(" (");
            for (int i = 0; i < atts.size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                FetchEncoder.attributes(w, List.of(atts.get(i)));
            }
            w.raw(')');
        }
    }

    /**
     * @param w    the writer
     * @param code a BADEVENT code
     */
    static void badEvent(ImapWriter w, ResponseCode.BadEvent code) {
        w.raw("BADEVENT (");
        for (int i = 0; i < code.events().size(); i++) {
            if (i > 0) {
                w.sp();
            }
            w.raw(code.events().get(i));
        }
        w.raw(')');
    }
}
