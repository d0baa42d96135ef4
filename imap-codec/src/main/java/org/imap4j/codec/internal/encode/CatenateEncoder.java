package org.imap4j.codec.internal.encode;

import org.imap4j.codec.command.Command;

/** CATENATE (RFC 4469), written from a {@link Command.Catenate} (grammar in {@code CatenateParser}). */
final class CatenateEncoder {
    private CatenateEncoder() {
    }

    /**
     * @param w the writer
     * @param c a command
     * @return whether it was a CATENATE APPEND (then it is written)
     */
    static boolean command(ImapWriter w, Command c) {
        if (!(c instanceof Command.Catenate cat)) {
            return false;
        }
        w.raw("APPEND ").mailbox(cat.mailbox());
        for (Command.CatenateMessage m : cat.messages()) {
            w.sp();
            if (!m.flags().isEmpty()) {
                w.flagList(m.flags());
                w.sp();
            }
            if (m.internalDate() != null) {
                DateTimeEncoder.dateTime(w, m.internalDate());
                w.sp();
            }
            w.raw("CATENATE (");
            for (int i = 0; i < m.parts().size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                Command.CatenatePart p = m.parts().get(i);
                if (p instanceof Command.CatenatePart.Url u) {
                    w.raw("URL ").string(u.url());
                } else {
                    Command.CatenatePart.Text t = (Command.CatenatePart.Text) p;
                    // message content: it may go non-synchronizing whatever it holds (see messageLiteral)
                    w.raw("TEXT ").messageLiteral(t.data(), t.binary());
                }
            }
            w.raw(')');
        }
        return true;
    }
}
