package org.imap4j.codec.internal.parse;

import static org.imap4j.codec.internal.parse.ParseSupport.more;
import static org.imap4j.codec.internal.parse.ParseSupport.checkCount;
import static org.imap4j.codec.internal.parse.ParseSupport.closeOrSp;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.internal.ascii.Ascii;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.QuotaResource;
import org.imap4j.codec.response.Untagged;

/**
 * QUOTA, for both directions (RFC 9208).
 *
 * <pre>
 * getquota           = "GETQUOTA" SP quota-root-name
 * getquotaroot       = "GETQUOTAROOT" SP mailbox
 * setquota           = "SETQUOTA" SP quota-root-name SP setquota-list
 * setquota-list      = "(" [setquota-resource *(SP setquota-resource)] ")"
 * setquota-resource  = resource-name SP resource-limit
 * quota-response     = "QUOTA" SP quota-root-name SP quota-list
 * quota-list         = "(" quota-resource *(SP quota-resource) ")"
 * quota-resource     = resource-name SP resource-usage SP resource-limit
 * quotaroot-response = "QUOTAROOT" SP mailbox *(SP quota-root-name)
 * </pre>
 */
final class QuotaParser {
    private QuotaParser() {
    }

    /**
     * {@code quota-response = "QUOTA" SP quota-root-name SP quota-list}; {@code quota-list = "(" quota-resource
     * *(SP quota-resource) ")"}; {@code quota-resource = resource-name SP resource-usage SP resource-limit}.
     */
    static Untagged quota(ImapReader r) {
        r.sp();
        String root = r.astring();
        if (r.atLineEnd()) {
            // Courier-IMAP 5.0 sends "* QUOTA "ROOT"" without quota-list when the root has no limit: no resources
            return new Untagged.Quota(root, List.of());
        }
        r.sp();
        r.expect('(');
        List<QuotaResource> res = new ArrayList<>();
        if (!r.tryByte(')')) {
            while (true) {
                checkCount(r, res.size());
                String name = r.run(Ascii.ATOM, "resource-name");
                r.sp();
                long usage = r.number64();
                r.sp();
                res.add(new QuotaResource(name, usage, r.number64()));
                if (closeOrSp(r)) {
                    break;
                }
            }
        }
        return new Untagged.Quota(root, res);
    }

    /** {@code quotaroot-response = "QUOTAROOT" SP mailbox *(SP quota-root-name)} (RFC 9208). */
    static Untagged quotaRoot(ImapReader r, boolean utf8) {
        r.sp();
        MailboxName mbox = MailboxParser.mailbox(r, utf8);
        List<String> roots = new ArrayList<>();
        while (more(r)) {
            checkCount(r, roots.size());
            roots.add(r.astring());
        }
        return new Untagged.QuotaRoot(mbox, roots);
    }

    /** {@code setquota = "SETQUOTA" SP quota-root-name SP setquota-list} (RFC 9208). */
    static Command setQuota(ImapReader r) {
        r.sp();
        String root = r.astring();
        r.sp();
        r.expect('(');
        List<Command.QuotaLimit> limits = new ArrayList<>();
        if (r.peek() != ')') {
            do {
                String res = r.atom();
                r.sp();
                limits.add(new Command.QuotaLimit(res, r.number64()));
            } while (r.tryByte(' '));
        }
        r.expect(')');
        return new Command.SetQuota(root, limits);
    }
}
