package org.imap4j.codec.internal.encode;

import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MetadataEntry;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;

/**
 * The METADATA extension (RFC 5464), written in both directions: GETMETADATA, SETMETADATA, the METADATA response
 * and response code (grammar in {@code MetadataParser}).
 */
final class MetadataEncoder {
    private MetadataEncoder() {
    }

    /**
     * @param w the writer
     * @param c a command
     * @return whether it was a METADATA command (then it is written)
     */
    static boolean command(ImapWriter w, Command c) {
        if (c instanceof Command.GetMetadata g) {
            w.raw("GETMETADATA ");
            if (g.maxSize() != null || g.depth() != null) {
                w.raw('(');
                if (g.maxSize() != null) {
                    w.raw("MAXSIZE ").number(g.maxSize());
                    if (g.depth() != null) {
                        w.sp();
                    }
                }
                if (g.depth() != null) {
                    w.raw("DEPTH ").raw(g.depth().wire());
                }
                w.raw(") ");
            }
            w.mailbox(g.mailbox()).sp();
            if (g.entries().size() == 1) {
                w.astring(g.entries().get(0));
            } else {
                w.raw('(');
                for (int i = 0; i < g.entries().size(); i++) {
                    if (i > 0) {
                        w.sp();
                    }
                    w.astring(g.entries().get(i));
                }
                w.raw(')');
            }
            return true;
        }
        if (c instanceof Command.SetMetadata s) {
            w.raw("SETMETADATA ").mailbox(s.mailbox()).sp();
            entryValues(w, s.entries());
            return true;
        }
        return false;
    }

    /**
     * @param w the writer
     * @param u a response
     * @return whether it was a METADATA response (then it is written)
     */
    static boolean response(ImapWriter w, Untagged u) {
        if (u instanceof Untagged.Metadata m) {
            w.raw("METADATA ").mailbox(m.mailbox()).sp();
            entryValues(w, m.entries());
            return true;
        }
        if (u instanceof Untagged.MetadataChanged m) {
            w.raw("METADATA ").mailbox(m.mailbox());
            for (String e : m.entries()) {
                w.sp().astring(e);
            }
            return true;
        }
        return false;
    }

    /**
     * @param w    the writer
     * @param code a METADATA response code
     */
    static void code(ImapWriter w, ResponseCode.Metadata code) {
        w.raw("METADATA ").raw(code.problem().name());
        if (code.number() != null) {
            w.sp().number(code.number());
        }
    }

    private static void entryValues(ImapWriter w, List<MetadataEntry> entries) {
        w.raw('(');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                w.sp();
            }
            MetadataEntry e = entries.get(i);
            w.astring(e.name()).sp();
            value(w, e.value());
        }
        w.raw(')');
    }

    /** Printable ASCII goes quoted; anything else as a literal, {@code literal8} when it holds NUL. */
    private static void value(ImapWriter w, Bytes v) {
        if (v == null) {
            w.raw("NIL");
            return;
        }
        boolean printable = v.size() <= 1024;
        boolean nul = false;
        for (int i = 0; i < v.size(); i++) {
            byte b = v.get(i);
            if (b < 0x20 || b == 0x7f) {
                printable = false;
                nul |= b == 0;
            }
        }
        if (printable) {
            w.quoted(v.utf8());
        } else {
            w.literal(v, nul);
        }
    }
}
