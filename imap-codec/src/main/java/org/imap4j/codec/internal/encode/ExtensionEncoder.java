package org.imap4j.codec.internal.encode;

import java.util.List;
import org.imap4j.codec.command.Argument;
import org.imap4j.codec.command.Command;

/**
 * Writes {@link Command.Extension}: the name, then each typed argument by its grammar rule (grammar and the server
 * half in {@code ExtensionParser}).
 */
final class ExtensionEncoder {
    private ExtensionEncoder() {
    }

    /**
     * @param w the writer
     * @param c a command
     * @return whether it was an extension command (then it is written)
     */
    static boolean command(ImapWriter w, Command c) {
        if (!(c instanceof Command.Extension x)) {
            return false;
        }
        w.raw(x.name());
        for (Argument a : x.arguments()) {
            w.sp();
            argument(w, a);
        }
        return true;
    }

    private static void argument(ImapWriter w, Argument a) {
        if (a instanceof Argument.Atom t) {
            w.raw(t.text());
        } else if (a instanceof Argument.Text t) {
            w.string(t.text());
        } else if (a instanceof Argument.Binary b) {
            w.literal(b.data(), true);
        } else if (a instanceof Argument.Number n) {
            w.number(n.value());
        } else if (a instanceof Argument.Sequence s) {
            w.raw(s.set().toString());
        } else if (a instanceof Argument.ListOf l) {
            w.raw('(');
            List<Argument> items = l.items();
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                argument(w, items.get(i));
            }
            w.raw(')');
        } else {
            w.raw("NIL");
        }
    }
}
