package org.imap4j.codec.internal.parse;

import static org.imap4j.codec.internal.parse.ParseSupport.checkCount;
import static org.imap4j.codec.internal.parse.ParseSupport.closeOrSp;
import static org.imap4j.codec.internal.parse.ParseSupport.keyword;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.internal.ascii.Ascii;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.StatusItem;
import org.imap4j.codec.response.Untagged;

/**
 * The STATUS command and response, for both directions (RFC 9051 sections 6.3.11 and 7.3.4; SIZE and DELETED of
 * RFC 9051, HIGHESTMODSEQ of RFC 7162, APPENDLIMIT of RFC 7889, MAILBOXID of RFC 8474, DELETED-STORAGE of RFC 9208).
 *
 * <pre>
 * status          = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"
 * status-att      = "MESSAGES" / "UIDNEXT" / "UIDVALIDITY" / "UNSEEN" / "DELETED" / "SIZE"
 * mailbox-data    =/ "STATUS" SP mailbox SP "(" [status-att-list] ")"
 * status-att-list = status-att-val *(SP status-att-val)
 * status-att-val  = ("MESSAGES" SP number) / ("UIDNEXT" SP nz-number) / ("UIDVALIDITY" SP nz-number) /
 *                   ("UNSEEN" SP number) / ("DELETED" SP number) / ("SIZE" SP number64)
 * </pre>
 */
final class StatusParser {
    private StatusParser() {
    }

    /** {@code "STATUS" SP mailbox SP "(" [status-att-list] ")"}; {@code status-att-list = status-att-val *(SP ...)}. */
    static Untagged statusData(ImapReader r, boolean utf8) {
        r.sp();
        MailboxName mbox = MailboxParser.quirkyMailbox(r, utf8, true);
        r.sp();
        r.expect('(');
        List<StatusItem> items = new ArrayList<>();
        if (!r.tryByte(')')) {
            while (true) {
                checkCount(r, items.size());
                items.add(statusAttVal(r));
                if (closeOrSp(r)) {
                    break;
                }
            }
        }
        return new Untagged.MailboxStatus(mbox, items);
    }

    /**
     * {@code status-att-val = ("MESSAGES" SP number) / ("UIDNEXT" SP nz-number) / ("UIDVALIDITY" SP nz-number) /
     * ("UNSEEN" SP number) / ("DELETED" SP number) / ("SIZE" SP number64) / ("RECENT" SP number) /
     * ("HIGHESTMODSEQ" SP mod-sequence-valzer) / ("APPENDLIMIT" SP (number / nil)) / ("MAILBOXID" SP "(" objectid
     * ")") / ("DELETED-STORAGE" SP number64)} (RFC 9208); an unknown attribute keeps its generic value.
     */
    static StatusItem statusAttVal(ImapReader r) {
        String name = r.name();
        r.sp();
        switch (name) {
            case "MESSAGES":
                return new StatusItem.Count(StatusItem.Kind.MESSAGES, r.number());
            case "RECENT":
                return new StatusItem.Count(StatusItem.Kind.RECENT, r.number());
            case "UIDNEXT":
                return new StatusItem.Count(StatusItem.Kind.UIDNEXT, r.nzNumber());
            case "UIDVALIDITY":
                return new StatusItem.Count(StatusItem.Kind.UIDVALIDITY, r.nzNumber());
            case "UNSEEN":
                return new StatusItem.Count(StatusItem.Kind.UNSEEN, r.number());
            case "DELETED":
                return new StatusItem.Count(StatusItem.Kind.DELETED, r.number());
            case "SIZE":
                return new StatusItem.Count(StatusItem.Kind.SIZE, r.number64());
            case "HIGHESTMODSEQ":
                return new StatusItem.Count(StatusItem.Kind.HIGHESTMODSEQ, r.number64());
            case "DELETED-STORAGE":
                return new StatusItem.Count(StatusItem.Kind.DELETED_STORAGE, r.number64());
            case "APPENDLIMIT":
                return new StatusItem.AppendLimit(r.tryNil() ? null : r.number64());
            case "MAILBOXID": {
                r.expect('(');
                String id = r.run(Ascii.ATOM, "objectid");
                r.expect(')');
                return new StatusItem.MailboxId(id);
            }
            default:
                return new StatusItem.Other(name, r.value());
        }
    }

    /** {@code "(" status-att *(SP status-att) ")"}. */
    static List<StatusAttribute> statusAtts(ImapReader r) {
        r.expect('(');
        List<StatusAttribute> out = new ArrayList<>();
        do {
            int at = r.mark();
            StatusAttribute a = StatusAttribute.fromWire(keyword(r));
            if (a == null) {
                r.reset(at);
                throw r.error("a status attribute");
            }
            out.add(a);
        } while (r.tryByte(' '));
        r.expect(')');
        return out;
    }

    /** {@code status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"}, after the name. */
    static Command statusCommand(ImapReader r) {
        r.sp();
        MailboxName m = MailboxParser.mailbox(r);
        r.sp();
        return new Command.Status(m, statusAtts(r));
    }
}
