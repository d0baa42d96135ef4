package org.imap4j.codec;

import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Untagged;

/**
 * Which untagged responses a command collects (RFC 9051 section 7: "the server sends data in response to a command"),
 * so the engine can route each to its command; everything else is unsolicited.
 */
final class ResponseRouting {
    private ResponseRouting() {
    }

    static boolean collects(Command c, Untagged u) {
        if (c instanceof Command.Select || c instanceof Command.Examine) {
            return !(u instanceof Untagged.StatusResponse s && s.status() == Condition.BYE);
        }
        if (u instanceof Untagged.Fetch) {
            return c instanceof Command.Fetch || c instanceof Command.Store && !((Command.Store) c).silent()
                    || c instanceof Command.StoreGmailLabels && !((Command.StoreGmailLabels) c).silent();
        }
        if (u instanceof Untagged.UidFetch) {
            return c instanceof Command.Fetch f && f.uid() || c instanceof Command.Store s && s.uid() && !s.silent()
                    || c instanceof Command.StoreGmailLabels g && g.uid() && !g.silent();
        }
        if (u instanceof Untagged.Vanished) {
            return c instanceof Command.Fetch || c instanceof Command.Expunge || c instanceof Command.UidExpunge
                    || c instanceof Command.Move;
        }
        if (u instanceof Untagged.Expunge) {
            // a FETCH must see them too: they renumber the messages of its later responses (RFC 9051 section 7.5.1)
            return c instanceof Command.Expunge || c instanceof Command.UidExpunge || c instanceof Command.Move
                    || c instanceof Command.Fetch;
        }
        if (u instanceof Untagged.StatusResponse) {
            // MOVE reports COPYUID in an untagged OK before its expunges (RFC 6851 section 4.3), REPLACE its
            // APPENDUID (RFC 8508 section 3.3)
            return c instanceof Command.Move || c instanceof Command.Replace;
        }
        if (u instanceof Untagged.Search) {
            return c instanceof Command.Search;
        }
        if (u instanceof Untagged.ESearch) {
            return c instanceof Command.Search || c instanceof Command.Sort;
        }
        if (u instanceof Untagged.Sort) {
            return c instanceof Command.Sort;
        }
        if (u instanceof Untagged.Threads) {
            return c instanceof Command.Thread;
        }
        if (u instanceof Untagged.MailboxList l) {
            return l.lsub() ? c instanceof Command.Lsub : c instanceof Command.ListMailboxes;
        }
        if (u instanceof Untagged.MailboxStatus) {
            return c instanceof Command.Status || c instanceof Command.ListMailboxes;
        }
        if (u instanceof Untagged.Capabilities) {
            return c instanceof Command.Capability;
        }
        if (u instanceof Untagged.Namespace) {
            return c instanceof Command.Namespace;
        }
        if (u instanceof Untagged.Id) {
            return c instanceof Command.Id;
        }
        if (u instanceof Untagged.Enabled) {
            return c instanceof Command.Enable;
        }
        if (u instanceof Untagged.Quota) {
            // SETQUOTA answers with the quota root's new QUOTA (RFC 9208 section 4.3.3)
            return c instanceof Command.GetQuota || c instanceof Command.GetQuotaRoot || c instanceof Command.SetQuota;
        }
        if (u instanceof Untagged.QuotaRoot) {
            return c instanceof Command.GetQuotaRoot;
        }
        if (u instanceof Untagged.Acl) {
            return c instanceof Command.GetAcl;
        }
        if (u instanceof Untagged.ListRights) {
            return c instanceof Command.ListRights;
        }
        if (u instanceof Untagged.MyRights) {
            return c instanceof Command.MyRights;
        }
        if (u instanceof Untagged.Metadata) {
            // LIST-METADATA (RFC 9590): a LIST asking RETURN (METADATA (...)) gets them after its LIST responses
            return c instanceof Command.GetMetadata
                    || c instanceof Command.ListMailboxes l && !l.returnMetadata().isEmpty();
        }
        if (u instanceof Untagged.GenUrlAuth) {
            return c instanceof Command.GenUrlAuth;
        }
        if (u instanceof Untagged.UrlFetch) {
            return c instanceof Command.UrlFetch;
        }
        if (u instanceof Untagged.JmapAccess) {
            return c instanceof Command.GetJmapAccess;
        }
        if (u instanceof Untagged.UidBatches) {
            return c instanceof Command.UidBatches;
        }
        if (u instanceof Untagged.Unknown k && c instanceof Command.Extension x) {
            // "* XNAME ..." by its name; "* 12 XNAME ..." by the atom after the number
            if (!k.name().isEmpty() && Character.isDigit(k.name().charAt(0))) {
                return !k.data().isEmpty() && k.data().get(0) instanceof org.imap4j.codec.core.ImapValue.Atom a
                        && x.collects(a.text());
            }
            return x.collects(k.name());
        }
        return false;
    }
}
