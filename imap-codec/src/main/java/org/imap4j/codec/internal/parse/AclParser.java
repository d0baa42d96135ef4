package org.imap4j.codec.internal.parse;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.AclEntry;
import org.imap4j.codec.response.Untagged;

/**
 * The ACL extension (RFC 4314, section 4), read in both directions: the five commands (server half) and the three
 * responses (client half). Written with {@code AclEncoder}; tested by {@code AclGrammarTest}.
 *
 * <pre>
 * setacl          = "SETACL" SP mailbox SP identifier SP mod-rights
 * deleteacl       = "DELETEACL" SP mailbox SP identifier
 * getacl          = "GETACL" SP mailbox
 * listrights      = "LISTRIGHTS" SP mailbox SP identifier
 * myrights        = "MYRIGHTS" SP mailbox
 * acl-data        = "ACL" SP mailbox *(SP identifier SP rights)
 * listrights-data = "LISTRIGHTS" SP mailbox SP identifier SP rights *(SP rights)
 * myrights-data   = "MYRIGHTS" SP mailbox SP rights
 * identifier      = astring
 * rights          = astring
 * mod-rights      = astring        ; +rights to add, -rights to remove, else replace
 * </pre>
 */
final class AclParser {
    private AclParser() {
    }

    /**
     * @param r    a reader after the command name
     * @param name the upper-case command name
     * @return the command, or {@code null} if {@code name} is not an ACL command
     */
    static Command command(ImapReader r, String name) {
        switch (name) {
            case "SETACL": {
                r.sp();
                MailboxName m = MailboxParser.mailbox(r);
                r.sp();
                String id = r.astring();
                r.sp();
                String mod = r.astring();
                Command.StoreMode mode = Command.StoreMode.REPLACE;
                if (mod.startsWith("+")) {
                    mode = Command.StoreMode.ADD;
                } else if (mod.startsWith("-")) {
                    mode = Command.StoreMode.REMOVE;
                }
                return new Command.SetAcl(m, id, mode, mode == Command.StoreMode.REPLACE ? mod : mod.substring(1));
            }
            case "DELETEACL": {
                r.sp();
                MailboxName m = MailboxParser.mailbox(r);
                r.sp();
                return new Command.DeleteAcl(m, r.astring());
            }
            case "GETACL":
                r.sp();
                return new Command.GetAcl(MailboxParser.mailbox(r));
            case "LISTRIGHTS": {
                r.sp();
                MailboxName m = MailboxParser.mailbox(r);
                r.sp();
                return new Command.ListRights(m, r.astring());
            }
            case "MYRIGHTS":
                r.sp();
                return new Command.MyRights(MailboxParser.mailbox(r));
            default:
                return null;
        }
    }

    /**
     * @param r    a reader after the response name
     * @param name the upper-case response name
     * @param utf8 whether mailbox names are UTF-8
     * @return the response, or {@code null} if {@code name} is not an ACL response
     */
    static Untagged response(ImapReader r, String name, boolean utf8) {
        switch (name) {
            case "ACL": {
                r.sp();
                MailboxName m = MailboxParser.mailbox(r, utf8);
                List<AclEntry> entries = new ArrayList<>();
                while (ParseSupport.more(r)) {
                    ParseSupport.checkCount(r, entries.size());
                    String id = r.astring();
                    r.sp();
                    entries.add(new AclEntry(id, r.astring()));
                }
                return new Untagged.Acl(m, entries);
            }
            case "LISTRIGHTS": {
                r.sp();
                MailboxName m = MailboxParser.mailbox(r, utf8);
                r.sp();
                String id = r.astring();
                r.sp();
                String required = r.astring();
                List<String> optional = new ArrayList<>();
                while (ParseSupport.more(r)) {
                    ParseSupport.checkCount(r, optional.size());
                    optional.add(r.astring());
                }
                return new Untagged.ListRights(m, id, required, optional);
            }
            case "MYRIGHTS": {
                r.sp();
                MailboxName m = MailboxParser.mailbox(r, utf8);
                r.sp();
                return new Untagged.MyRights(m, r.astring());
            }
            default:
                return null;
        }
    }
}
