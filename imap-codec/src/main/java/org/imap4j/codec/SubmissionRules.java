package org.imap4j.codec;

import org.imap4j.codec.command.Command;

/**
 * RFC 9051 section 5.5, as the engine applies it when it decides whether a submitted command may be written now:
 * a barrier command runs alone (it starts when every command before it has completed, and nothing after it starts
 * before it completes), and two commands that collect the same kind of untagged response never overlap (untagged
 * responses carry no tag; Dovecot runs pipelined FETCHes at once and interleaves their output).
 */
final class SubmissionRules {
    private SubmissionRules() {
    }

    /**
     * Barriers: commands that change the selected state or the connection (SELECT, EXAMINE, CLOSE, UNSELECT, LOGIN,
     * AUTHENTICATE, ENABLE, STARTTLS, COMPRESS, IDLE, LOGOUT), commands that may renumber messages or let the server
     * report expunges (EXPUNGE, UID EXPUNGE, MOVE, NOOP, CHECK), and every command that addresses messages by
     * sequence number (RFC 9051 section 5.5: a pending expunge would change what the numbers mean); a LIST that
     * returns METADATA too (it collects two kinds of response).
     *
     * @param c a command
     * @return whether it must run alone
     */
    static boolean isBarrier(Command c) {
        if (c instanceof Command.Fetch f) {
            return !f.uid();
        }
        if (c instanceof Command.Store s) {
            return !s.uid();
        }
        if (c instanceof Command.StoreGmailLabels g) {
            return !g.uid();
        }
        if (c instanceof Command.Copy cp) {
            return !cp.uid();
        }
        if (c instanceof Command.Search s) {
            return !s.uid();
        }
        if (c instanceof Command.Sort s) {
            return !s.uid();
        }
        if (c instanceof Command.Thread t) {
            return !t.uid();
        }
        if (c instanceof Command.ListMailboxes l) {
            // LIST-METADATA (RFC 9590): its METADATA responses are those a GETMETADATA collects, and a command is
            // in one response group only, so it runs alone
            return !l.returnMetadata().isEmpty();
        }
        return c instanceof Command.Select || c instanceof Command.Examine || c instanceof Command.Close
                || c instanceof Command.Unselect || c instanceof Command.Expunge || c instanceof Command.UidExpunge
                || c instanceof Command.Move || c instanceof Command.Noop || c instanceof Command.Check
                || c instanceof Command.Login || c instanceof Command.Authenticate || c instanceof Command.Enable
                || c instanceof Command.StartTls || c instanceof Command.Compress || c instanceof Command.Idle
                || c instanceof Command.Logout
                // REPLACE expunges the message it replaces; UNAUTHENTICATE ends the authenticated state; NOTIFY
                // changes what the server pushes; a command the codec does not know may do anything
                || c instanceof Command.Replace || c instanceof Command.Unauthenticate || c instanceof Command.Notify
                || c instanceof Command.Extension;
    }

    /** Response groups: commands of one group collect the same kind of untagged response. */
    enum Group { FETCH, SEARCH, LIST, QUOTA, CAPABILITY, NAMESPACE, ID, ACL, LISTRIGHTS, MYRIGHTS, METADATA, URLAUTH, UIDBATCHES, JMAPACCESS }

    /**
     * @param c a command
     * @return the kind of untagged response it collects, shared with the other commands collecting it, or
     *         {@code null} when it collects none another command could take
     */
    static Group group(Command c) {
        if (c instanceof Command.Fetch || c instanceof Command.Store s && !s.silent()
                || c instanceof Command.StoreGmailLabels g && !g.silent()) {
            return Group.FETCH;
        }
        if (c instanceof Command.Search || c instanceof Command.Sort || c instanceof Command.Thread) {
            return Group.SEARCH;
        }
        if (c instanceof Command.ListMailboxes || c instanceof Command.Lsub || c instanceof Command.Status) {
            return Group.LIST;
        }
        if (c instanceof Command.GetQuota || c instanceof Command.GetQuotaRoot || c instanceof Command.SetQuota) {
            return Group.QUOTA;
        }
        if (c instanceof Command.Capability) {
            return Group.CAPABILITY;
        }
        if (c instanceof Command.Namespace) {
            return Group.NAMESPACE;
        }
        if (c instanceof Command.Id) {
            return Group.ID;
        }
        // ACL, LISTRIGHTS and MYRIGHTS answer with three different responses: three groups
        if (c instanceof Command.GetAcl) {
            return Group.ACL;
        }
        if (c instanceof Command.ListRights) {
            return Group.LISTRIGHTS;
        }
        if (c instanceof Command.MyRights) {
            return Group.MYRIGHTS;
        }
        if (c instanceof Command.GetMetadata) {
            return Group.METADATA;
        }
        if (c instanceof Command.GenUrlAuth || c instanceof Command.UrlFetch) {
            return Group.URLAUTH;
        }
        if (c instanceof Command.UidBatches) {
            return Group.UIDBATCHES;
        }
        if (c instanceof Command.GetJmapAccess) {
            return Group.JMAPACCESS;
        }
        return null;
    }
}
