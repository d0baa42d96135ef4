package org.imap4j.codec.internal.parse;

import static org.imap4j.codec.internal.parse.ParseSupport.more;
import static org.imap4j.codec.internal.parse.ParseSupport.checkCount;
import static org.imap4j.codec.internal.parse.ParseSupport.closeOrSp;
import static org.imap4j.codec.internal.parse.ParseSupport.keyword;
import static org.imap4j.codec.internal.parse.ParseSupport.enumOrNull;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.ListExtendedItem;
import org.imap4j.codec.response.MailboxAttribute;
import org.imap4j.codec.response.Untagged;

/**
 * LIST and LSUB, for both directions, with LIST-EXTENDED's selection and return options and extended data
 * (RFC 9051 sections 6.3.9 and 7.3.1, RFC 5258, RFC 5819 LIST-STATUS, RFC 6154 SPECIAL-USE).
 *
 * <pre>
 * list               = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]
 * list-select-opts   = "(" [list-select-opt *(SP list-select-opt)] ")"
 * mbox-or-pat        = list-mailbox / patterns
 * patterns           = "(" list-mailbox *(SP list-mailbox) ")"
 * list-return-opts   = "RETURN" SP "(" [return-option *(SP return-option)] ")"
 * lsub               = "LSUB" SP mailbox SP list-mailbox
 * mailbox-data       =/ "LIST" SP mailbox-list / "LSUB" SP mailbox-list
 * mailbox-list       = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox
 *                      [SP mbox-list-extended]
 * mbox-list-extended = "(" [mbox-list-extended-item *(SP mbox-list-extended-item)] ")"
 * mbox-list-extended-item = mbox-list-extended-item-tag SP tagged-ext-val
 * </pre>
 */
final class ListParser {
    private ListParser() {
    }

    /**
     * {@code list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]} (RFC 5258,
     * RFC 9051).
     */
    static Command list(ImapReader r) {
        r.sp();
        List<Command.ListSelect> sel = new ArrayList<>();
        if (r.tryByte('(')) {
            if (r.peek() != ')') {
                do {
                    String o = keyword(r);
                    Command.ListSelect s = o.equals("SPECIAL-USE") ? Command.ListSelect.SPECIAL_USE
                            : enumOrNull(Command.ListSelect.class, o);
                    if (s == null) {
                        throw r.error("a LIST selection option");
                    }
                    sel.add(s);
                } while (r.tryByte(' '));
            }
            r.expect(')');
            r.sp();
        }
        MailboxName ref = MailboxParser.mailbox(r);
        r.sp();
        List<String> patterns = new ArrayList<>();
        if (r.tryByte('(')) {
            do {
                patterns.add(MailboxParser.listMailbox(r));
            } while (r.tryByte(' '));
            r.expect(')');
        } else {
            patterns.add(MailboxParser.listMailbox(r));
        }
        List<Command.ListReturn> ret = new ArrayList<>();
        List<StatusAttribute> status = List.of();
        List<String> metadata = new ArrayList<>();
        if (r.peek() == ' ') {
            r.sp();
            r.word("RETURN");
            r.sp();
            r.expect('(');
            if (r.peek() != ')') {
                do {
                    String o = keyword(r);
                    if (o.equals("STATUS")) {
                        r.sp();
                        status = StatusParser.statusAtts(r);
                    } else if (o.equals("METADATA") && metadata.isEmpty()) {
                        // LIST-METADATA (RFC 9590): "METADATA" SP "(" entry *(SP entry) ")"
                        r.sp();
                        r.expect('(');
                        do {
                            checkCount(r, metadata.size());
                            metadata.add(r.astring());
                        } while (r.tryByte(' '));
                        r.expect(')');
                    } else {
                        Command.ListReturn x = o.equals("SPECIAL-USE") ? Command.ListReturn.SPECIAL_USE
                                : enumOrNull(Command.ListReturn.class, o);
                        if (x == null) {
                            throw r.error("a LIST return option");
                        }
                        ret.add(x);
                    }
                } while (r.tryByte(' '));
            }
            r.expect(')');
        }
        return new Command.ListMailboxes(sel, ref, patterns, ret, status, metadata);
    }

    /**
     * {@code mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox
     * [SP mbox-list-extended]}.
     */
    static Untagged mailboxList(ImapReader r, boolean lsub, boolean utf8) {
        r.sp();
        r.expect('(');
        List<MailboxAttribute> attrs = new ArrayList<>();
        if (!r.tryByte(')')) {
            while (true) {
                checkCount(r, attrs.size());
                attrs.add(MailboxAttribute.of(r.flag()));
                if (closeOrSp(r)) {
                    break;
                }
            }
        }
        r.sp();
        String delim = MailboxParser.delimiter(r);
        r.sp();
        MailboxName mbox = MailboxParser.quirkyMailbox(r, utf8, false);
        List<ListExtendedItem> ext = List.of();
        if (more(r)) {
            ext = mboxListExtended(r, utf8);
        }
        return new Untagged.MailboxList(lsub, attrs, delim, mbox, ext);
    }

    /**
     * {@code mbox-list-extended = "(" [mbox-list-extended-item *(SP mbox-list-extended-item)] ")"};
     * {@code mbox-list-extended-item = mbox-list-extended-item-tag SP tagged-ext-val} (RFC 5258, RFC 9051).
     */
    static List<ListExtendedItem> mboxListExtended(ImapReader r, boolean utf8) {
        r.expect('(');
        List<ListExtendedItem> out = new ArrayList<>();
        if (r.tryByte(')')) {
            return out;
        }
        while (true) {
            checkCount(r, out.size());
            String tag = r.astring();
            r.sp();
            if (tag.equalsIgnoreCase("CHILDINFO")) {
                r.expect('(');
                List<String> opts = new ArrayList<>();
                while (true) {
                    checkCount(r, opts.size());
                    opts.add(r.astring());
                    if (closeOrSp(r)) {
                        break;
                    }
                }
                out.add(new ListExtendedItem.ChildInfo(opts));
            } else if (tag.equalsIgnoreCase("OLDNAME")) {
                r.expect('(');
                MailboxName old = MailboxParser.mailbox(r, utf8);
                r.expect(')');
                out.add(new ListExtendedItem.OldName(old));
            } else {
                out.add(new ListExtendedItem.Other(tag, r.value()));
            }
            if (closeOrSp(r)) {
                return out;
            }
        }
    }

    /** {@code lsub = "LSUB" SP mailbox SP list-mailbox}, after the name. */
    static Command lsub(ImapReader r) {
        r.sp();
        MailboxName ref = MailboxParser.mailbox(r);
        r.sp();
        return new Command.Lsub(ref, MailboxParser.listMailbox(r));
    }
}
