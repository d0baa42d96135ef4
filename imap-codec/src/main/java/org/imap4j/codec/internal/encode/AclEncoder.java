package org.imap4j.codec.internal.encode;

import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.AclEntry;
import org.imap4j.codec.response.Untagged;

/**
 * The ACL extension (RFC 4314), written in both directions: the five commands and the three responses (grammar in
 * {@code AclParser}).
 */
final class AclEncoder {
    private AclEncoder() {
    }

    /**
     * @param w the writer
     * @param c a command
     * @return whether it was an ACL command (then it is written)
     */
    static boolean command(ImapWriter w, Command c) {
        if (c instanceof Command.SetAcl s) {
            w.raw("SETACL ").mailbox(s.mailbox()).sp().astring(s.identifier()).sp()
                    .astring(s.mode().prefix() + s.rights());
        } else if (c instanceof Command.DeleteAcl d) {
            w.raw("DELETEACL ").mailbox(d.mailbox()).sp().astring(d.identifier());
        } else if (c instanceof Command.GetAcl g) {
            w.raw("GETACL ").mailbox(g.mailbox());
        } else if (c instanceof Command.ListRights l) {
            w.raw("LISTRIGHTS ").mailbox(l.mailbox()).sp().astring(l.identifier());
        } else if (c instanceof Command.MyRights m) {
            w.raw("MYRIGHTS ").mailbox(m.mailbox());
        } else {
            return false;
        }
        return true;
    }

    /**
     * @param w the writer
     * @param u a response
     * @return whether it was an ACL response (then it is written)
     */
    static boolean response(ImapWriter w, Untagged u) {
        if (u instanceof Untagged.Acl a) {
            w.raw("ACL ").mailbox(a.mailbox());
            for (AclEntry e : a.entries()) {
                w.sp().astring(e.identifier()).sp().astring(e.rights());
            }
        } else if (u instanceof Untagged.ListRights l) {
            w.raw("LISTRIGHTS ").mailbox(l.mailbox()).sp().astring(l.identifier()).sp().astring(l.required());
            for (String o : l.optional()) {
                w.sp().astring(o);
            }
        } else if (u instanceof Untagged.MyRights m) {
            w.raw("MYRIGHTS ").mailbox(m.mailbox()).sp().astring(m.rights());
        } else {
            return false;
        }
        return true;
    }
}
