package org.imap4j.codec.internal.parse;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.MetadataEntry;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;

/**
 * The METADATA extension (RFC 5464, section 5), read in both directions: GETMETADATA and SETMETADATA (server half),
 * the METADATA response in its two forms and the METADATA response code (client half). Written with
 * {@code MetadataEncoder}; tested by {@code MetadataGrammarTest}.
 *
 * <pre>
 * getmetadata         = "GETMETADATA" [SP getmetadata-options] SP mailbox SP entries
 * getmetadata-options = "(" getmetadata-option *(SP getmetadata-option) ")"
 * getmetadata-option  = maxsize-opt / scope-opt
 * maxsize-opt         = "MAXSIZE" SP number
 * scope-opt           = "DEPTH" SP ("0" / "1" / "infinity")
 * entries             = entry / "(" entry *(SP entry) ")"
 * setmetadata         = "SETMETADATA" SP mailbox SP entry-values
 * entry-values        = "(" entry-value *(SP entry-value) ")"
 * entry-value         = entry SP value
 * entry               = astring
 * value               = nstring / literal8
 * metadata-resp       = "METADATA" SP mailbox SP (entry-values / entry-list)
 * entry-list          = entry *(SP entry)
 * resp-text-code      =/ "METADATA" SP ("LONGENTRIES" SP number / "MAXSIZE" SP number / "TOOMANY" / "NOPRIVATE")
 * </pre>
 */
final class MetadataParser {
    private MetadataParser() {
    }

    /**
     * @param r    a reader after the command name
     * @param name the upper-case command name
     * @return the command, or {@code null} if {@code name} is not a METADATA command
     */
    static Command command(ImapReader r, String name) {
        if (name.equals("GETMETADATA")) {
            r.sp();
            Long maxSize = null;
            Command.MetadataDepth depth = null;
            if (r.tryByte('(')) {
                do {
                    if (r.tryWord("MAXSIZE")) {
                        r.sp();
                        maxSize = r.number64();
                    } else if (r.tryWord("DEPTH")) {
                        r.sp();
                        depth = depth(r);
                    } else {
                        throw r.error("MAXSIZE or DEPTH");
                    }
                } while (r.trySp());
                r.expect(')');
                r.sp();
            }
            MailboxName m = MailboxParser.mailbox(r);
            r.sp();
            List<String> entries = new ArrayList<>();
            if (r.tryByte('(')) {
                do {
                    ParseSupport.checkCount(r, entries.size());
                    entries.add(r.astring());
                } while (r.trySp());
                r.expect(')');
            } else {
                entries.add(r.astring());
            }
            return new Command.GetMetadata(m, entries, maxSize, depth);
        }
        if (name.equals("SETMETADATA")) {
            r.sp();
            MailboxName m = MailboxParser.mailbox(r);
            r.sp();
            return new Command.SetMetadata(m, entryValues(r));
        }
        return null;
    }

    private static Command.MetadataDepth depth(ImapReader r) {
        int at = r.mark();
        String d = r.atom();
        for (Command.MetadataDepth v : Command.MetadataDepth.values()) {
            if (v.wire().equalsIgnoreCase(d)) {
                return v;
            }
        }
        throw r.errorAt("0, 1 or infinity", at);
    }

    /** {@code entry-values}, at its "(". */
    private static List<MetadataEntry> entryValues(ImapReader r) {
        r.expect('(');
        List<MetadataEntry> out = new ArrayList<>();
        do {
            ParseSupport.checkCount(r, out.size());
            String entry = r.astring();
            r.sp();
            out.add(new MetadataEntry(entry, value(r)));
        } while (r.trySp());
        r.expect(')');
        return out;
    }

    /** {@code value = nstring / literal8}: its octets, or {@code null} for NIL. */
    private static Bytes value(ImapReader r) {
        int at = r.mark();
        ImapValue v = r.nstringValue();
        if (v instanceof ImapValue.Quoted q) {
            return Bytes.utf8(q.text());
        }
        if (v instanceof ImapValue.Literal l) {
            return l.data();
        }
        if (v instanceof ImapValue.Nil) {
            return null;
        }
        throw r.errorAt("a metadata value above the literal streaming threshold", at);
    }

    /**
     * @param r    a reader after the response name
     * @param name the upper-case response name
     * @param utf8 whether mailbox names are UTF-8
     * @return the response, or {@code null} if {@code name} is not METADATA
     */
    static Untagged response(ImapReader r, String name, boolean utf8) {
        if (!name.equals("METADATA")) {
            return null;
        }
        r.sp();
        MailboxName m = MailboxParser.mailbox(r, utf8);
        r.sp();
        if (r.peek() == '(') {
            return new Untagged.Metadata(m, entryValues(r));
        }
        List<String> names = new ArrayList<>();
        do {
            ParseSupport.checkCount(r, names.size());
            names.add(r.astring());
        } while (ParseSupport.more(r));
        return new Untagged.MetadataChanged(m, names);
    }

    /**
     * @param r a reader after {@code METADATA} inside a response code
     * @return the code
     */
    static ResponseCode code(ImapReader r) {
        r.sp();
        if (r.tryWord("LONGENTRIES")) {
            r.sp();
            return new ResponseCode.Metadata(ResponseCode.MetadataProblem.LONGENTRIES, r.number64());
        }
        if (r.tryWord("MAXSIZE")) {
            r.sp();
            return new ResponseCode.Metadata(ResponseCode.MetadataProblem.MAXSIZE, r.number64());
        }
        if (r.tryWord("TOOMANY")) {
            return new ResponseCode.Metadata(ResponseCode.MetadataProblem.TOOMANY, null);
        }
        if (r.tryWord("NOPRIVATE")) {
            return new ResponseCode.Metadata(ResponseCode.MetadataProblem.NOPRIVATE, null);
        }
        throw r.error("LONGENTRIES, MAXSIZE, TOOMANY or NOPRIVATE");
    }
}
