package org.imap4j.codec.internal.parse;

import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.internal.ascii.Ascii;
import org.imap4j.codec.core.MailboxName;

/**
 * Mailbox names and hierarchy delimiters, for both directions (RFC 9051 section 9, modified UTF-7 of section 5.1.3,
 * RFC 6855 UTF8=ACCEPT).
 *
 * <pre>
 * mailbox      = "INBOX" / astring
 * list-mailbox = 1*list-char / string
 * list-char    = ATOM-CHAR / list-wildcards / resp-specials
 * delimiter    = DQUOTE QUOTED-CHAR DQUOTE / nil
 * </pre>
 */
final class MailboxParser {
    private MailboxParser() {
    }

    /**
     * {@code mailbox = "INBOX" / astring}, decoded from modified UTF-7 (or taken as UTF-8); a name that is not valid
     * modified UTF-7 is kept as sent, because refusing it would hide a mailbox the user can see in other clients.
     */
    static MailboxName mailbox(ImapReader r, boolean utf8) {
        return mailboxName(r.astring(), utf8);
    }

    /** A mailbox name as sent: UTF-8 after ENABLE UTF8=ACCEPT, else modified UTF-7 when it is that, else as is. */
    private static MailboxName mailboxName(String wire, boolean utf8) {
        if (utf8) {
            return MailboxName.of(wire);
        }
        try {
            return MailboxName.fromModifiedUtf7(wire);
        } catch (ImapValidationException e) {
            return MailboxName.of(wire);
        }
    }

    /**
     * The mailbox of a LIST / LSUB ({@code status == false}) or STATUS ({@code status == true}) response; under
     * {@link org.imap4j.codec.Quirk#UNESCAPED_MAILBOX_QUOTES}, a quoted name that does not end where the grammar
     * needs it (the line's end or LIST-EXTENDED data; the STATUS attribute list) is re-read, unescaped, up to the
     * line's last quote (LIST) or last {@code " (} (STATUS), as GreenMail 2.1.2 writes it.
     */
    static MailboxName quirkyMailbox(ImapReader r, boolean utf8, boolean status) {
        int at = r.mark();
        if (r.peek() != '"' || !r.unescapedMailboxQuotes()) {
            return mailbox(r, utf8);
        }
        try {
            MailboxName m = mailbox(r, utf8);
            if (r.peek() == ' ' && r.peek(1) == '(' || !status && r.atLineEnd()) {
                return m;
            }
        } catch (ImapProtocolException malformed) {
            // read it the GreenMail way below
        }
        byte[] b = r.buffer();
        int close = -1;
        for (int i = r.end() - 1; i > at; i--) {
            if (b[i] == '"' && (status ? i + 2 < r.end() && b[i + 1] == ' ' && b[i + 2] == '('
                    : isLineEndFrom(b, i + 1, r.end()))) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            r.reset(at);
            throw r.error(status ? "a mailbox name followed by the status list" : "a mailbox name ending the line");
        }
        // the same rules as any quoted string: no CR / LF / NUL, UTF-8 or a typed error (never U+FFFD)
        String wire = r.quotedContent(at + 1, close);
        r.seek(close + 1);
        return mailboxName(wire, utf8);
    }

    private static boolean isLineEndFrom(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] != '\r' && b[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    /** {@code DQUOTE QUOTED-CHAR DQUOTE / nil}: a hierarchy delimiter. */
    static String delimiter(ImapReader r) {
        if (r.tryNil()) {
            return null;
        }
        if (r.peek() != '"') {
            throw r.error("hierarchy delimiter (a quoted character) or NIL");
        }
        int s = r.mark();
        String d = r.quoted();
        if (d.length() != 1) {
            throw r.errorAt("a hierarchy delimiter is one character", s);
        }
        return d;
    }

    /** {@code mailbox} of a command: modified UTF-7 when it is that, else UTF-8 (RFC 6855). */
    static MailboxName mailbox(ImapReader r) {
        return mailboxName(r.astring(), false);
    }

    /** {@code list-mailbox = 1*list-char / string}. */
    static String listMailbox(ImapReader r) {
        String wire = r.atString() ? r.string() : r.run(Ascii.LIST, "list-mailbox");
        return mailboxName(wire, false).name();
    }

}
