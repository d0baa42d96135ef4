package org.imap4j.codec.internal.parse;

import static org.imap4j.codec.internal.parse.ParseSupport.keyword;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * Parses client commands (the server's half of the codec): one framed command line with its literals, through the
 * final CRLF (RFC 9051 section 9). Command and keyword names are matched case-insensitively, as the grammar says.
 * This class dispatches on the command name; the rules of an area shared with responses live in that area's file
 * ({@code StatusParser}, {@code SearchParser}, {@code ListParser}, {@code SequenceSetParser}, {@link DateTimeParser},
 * ...; ARCHITECTURE.md has the table).
 */
public final class CommandParser {
    private CommandParser() {
    }

    /**
     * {@code command = tag SP (command-any / command-auth / command-nonauth / command-select) CRLF}.
     *
     * @param r a reader over one framed command
     * @return the tagged command
     * @throws ImapProtocolException if the bytes are not a command this codec knows
     */
    public static TaggedCommand parse(ImapReader r) {
        r.strictStrings();
        try {
            Tag tag = new Tag(r.run(Ascii.TAG, "tag"));
            r.sp();
            Command c = command(r);
            r.crlf();
            return new TaggedCommand(tag, c);
        } catch (ImapValidationException e) {
            throw r.error("a valid value (" + e.getMessage() + ")");
        }
    }

    private static Command command(ImapReader r) {
        String name = keyword(r);
        switch (name) {
            case "CAPABILITY":
                return new Command.Capability();
            case "NOOP":
                return new Command.Noop();
            case "LOGOUT":
                return new Command.Logout();
            case "STARTTLS":
                return new Command.StartTls();
            case "AUTHENTICATE":
                return authenticate(r);
            case "LOGIN": {
                r.sp();
                String user = r.astring();
                r.sp();
                return new Command.Login(user, Secret.of(r.astring()));
            }
            case "SELECT":
            case "EXAMINE":
                return select(r, name.equals("SELECT"));
            case "CREATE":
                return create(r);
            case "DELETE":
                r.sp();
                return new Command.Delete(MailboxParser.mailbox(r));
            case "RENAME": {
                r.sp();
                MailboxName from = MailboxParser.mailbox(r);
                r.sp();
                return new Command.Rename(from, MailboxParser.mailbox(r));
            }
            case "SUBSCRIBE":
                r.sp();
                return new Command.Subscribe(MailboxParser.mailbox(r));
            case "UNSUBSCRIBE":
                r.sp();
                return new Command.Unsubscribe(MailboxParser.mailbox(r));
            case "LIST":
                return ListParser.list(r);
            case "LSUB":
                return ListParser.lsub(r);
            case "NAMESPACE":
                return new Command.Namespace();
            case "STATUS":
                return StatusParser.statusCommand(r);
            case "APPEND":
                return append(r);
            case "IDLE":
                return new Command.Idle();
            case "CHECK":
                return new Command.Check();
            case "UNAUTHENTICATE":
                return new Command.Unauthenticate();
            case "NOTIFY":
                return NotifyParser.command(r);
            case "GETJMAPACCESS":
                return new Command.GetJmapAccess();
            case "CANCELUPDATE": {
                // "CANCELUPDATE" 1*(SP quoted) (RFC 5267 section 4.3)
                java.util.List<String> tags = new java.util.ArrayList<>();
                do {
                    r.sp();
                    tags.add(r.quoted());
                } while (r.peek() == ' ');
                return new Command.CancelUpdate(tags);
            }
            case "UIDBATCHES": {
                // "UIDBATCHES" SP nz-number [SP nz-number ":" nz-number] (RFC 10022)
                r.sp();
                long size = r.nzNumber();
                if (r.peek() != ' ') {
                    return new Command.UidBatches(size, null, null);
                }
                r.sp();
                long from = r.nzNumber();
                r.expect(':');
                return new Command.UidBatches(size, from, r.nzNumber());
            }
            case "CLOSE":
                return new Command.Close();
            case "UNSELECT":
                return new Command.Unselect();
            case "EXPUNGE":
                return new Command.Expunge();
            case "UID": {
                r.sp();
                return uidCommand(r, keyword(r), true);
            }
            case "ENABLE":
                return CapabilityParser.enable(r);
            case "ID":
                return IdParser.idCommand(r);
            case "COMPRESS":
                r.sp();
                return new Command.Compress(keyword(r));
            case "GETQUOTA":
                r.sp();
                return new Command.GetQuota(r.astring());
            case "GETQUOTAROOT":
                r.sp();
                return new Command.GetQuotaRoot(MailboxParser.mailbox(r));
            case "SETQUOTA":
                return QuotaParser.setQuota(r);
            default:
                Command c = AclParser.command(r, name);
                if (c == null) {
                    c = MetadataParser.command(r, name);
                }
                if (c == null) {
                    c = UrlAuthParser.command(r, name);
                }
                if (c == null) {
                    c = uidCommand(r, name, false);
                }
                if (c == null) {
                    // a command this codec does not know: its typed arguments, for a test server or a proxy
                    c = ExtensionParser.command(r, name);
                }
                return c;
        }
    }

    /** The commands that may follow {@code UID} ({@code uid = "UID" SP (copy / move / fetch / search / store /
     * uid-expunge)}, plus SORT and THREAD of RFC 5256). */
    private static Command uidCommand(ImapReader r, String name, boolean uid) {
        switch (name) {
            case "COPY":
            case "MOVE": {
                r.sp();
                SequenceSet set = SequenceSetParser.sequenceSet(r);
                r.sp();
                MailboxName m = MailboxParser.mailbox(r);
                return name.equals("COPY") ? new Command.Copy(set, m, uid) : new Command.Move(set, m, uid);
            }
            case "REPLACE": {
                // replace = "REPLACE" SP seq-number SP mailbox SP append-message (RFC 8508)
                r.sp();
                long n = r.nzNumber();
                r.sp();
                MailboxName m = MailboxParser.mailbox(r);
                r.sp();
                return new Command.Replace(n, m, appendMessage(r), uid);
            }
            case "FETCH":
                return fetch(r, uid);
            case "SEARCH":
                return SearchParser.search(r, uid);
            case "STORE":
                return store(r, uid);
            case "SORT":
                return ThreadParser.sort(r, uid);
            case "THREAD":
                return ThreadParser.thread(r, uid);
            case "EXPUNGE":
                if (uid) {
                    r.sp();
                    return new Command.UidExpunge(SequenceSetParser.sequenceSet(r));
                }
                return new Command.Expunge();
            default:
                if (uid) {
                    throw r.error("COPY, MOVE, FETCH, SEARCH, STORE, EXPUNGE, SORT or THREAD after UID");
                }
                return null;
        }
    }

    /** {@code authenticate = "AUTHENTICATE" SP auth-type [SP (base64 / "=")]} (RFC 9051, RFC 4959). */
    private static Command authenticate(ImapReader r) {
        r.sp();
        String mech = r.atom();
        Bytes ir = null;
        if (r.peek() == ' ') {
            r.sp();
            int at = r.mark();
            String b64 = r.atom();
            if (b64.equals("=")) {
                ir = Bytes.empty();
            } else {
                try {
                    ir = Bytes.of(Base64.getDecoder().decode(b64));
                } catch (IllegalArgumentException e) {
                    r.reset(at);
                    throw r.error("base64");
                }
            }
        }
        return new Command.Authenticate(mech, ir);
    }

    /**
     * {@code select = "SELECT" SP mailbox [select-params]}, {@code select-params = SP "(" select-param
     * *(SP select-param) ")"} with CONDSTORE and QRESYNC (RFC 7162 section 3.2.5).
     */
    private static Command select(ImapReader r, boolean select) {
        r.sp();
        MailboxName m = MailboxParser.mailbox(r);
        boolean condstore = false;
        Command.Qresync q = null;
        if (r.peek() == ' ' && r.peek(1) == '(') {
            r.sp();
            r.expect('(');
            do {
                String p = keyword(r);
                if (p.equals("CONDSTORE")) {
                    condstore = true;
                } else if (p.equals("QRESYNC")) {
                    r.sp();
                    q = qresync(r);
                } else {
                    throw r.error("CONDSTORE or QRESYNC");
                }
            } while (r.tryByte(' '));
            r.expect(')');
        }
        return select ? new Command.Select(m, condstore, q) : new Command.Examine(m, condstore, q);
    }

    /** {@code "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"} (RFC 7162). */
    private static Command.Qresync qresync(ImapReader r) {
        r.expect('(');
        long uv = r.nzNumber();
        r.sp();
        long modseq = r.number64();
        SequenceSet known = null;
        SequenceSet seqs = null;
        SequenceSet uids = null;
        if (r.peek() == ' ' && r.peek(1) != '(') {
            r.sp();
            known = SequenceSetParser.sequenceSet(r);
        }
        if (r.peek() == ' ') {
            r.sp();
            r.expect('(');
            seqs = SequenceSetParser.sequenceSet(r);
            r.sp();
            uids = SequenceSetParser.sequenceSet(r);
            r.expect(')');
        }
        r.expect(')');
        return new Command.Qresync(uv, modseq, known, seqs, uids);
    }

    /** {@code create = "CREATE" SP mailbox [create-params]} with {@code USE (attrs)} (RFC 6154 section 3). */
    private static Command create(ImapReader r) {
        r.sp();
        MailboxName m = MailboxParser.mailbox(r);
        List<String> use = new ArrayList<>();
        if (r.peek() == ' ') {
            r.sp();
            r.expect('(');
            r.word("USE");
            r.sp();
            r.expect('(');
            do {
                r.expect('\\');
                use.add("\\" + r.atom());
            } while (r.tryByte(' '));
            r.expect(')');
            r.expect(')');
        }
        return new Command.Create(m, use);
    }

    /**
     * {@code append = "APPEND" SP mailbox 1*append-message}, {@code append-message = SP [flag-list SP]
     * [date-time SP] literal} (RFC 3502, RFC 3516, RFC 9051).
     */
    private static Command append(ImapReader r) {
        r.sp();
        MailboxName m = MailboxParser.mailbox(r);
        List<Command.AppendMessage> msgs = new ArrayList<>();
        List<Command.CatenateMessage> cats = new ArrayList<>();
        do {
            r.sp();
            List<Flag> flags = List.of();
            if (r.peek() == '(') {
                flags = FlagParser.flagList(r);
                r.sp();
            }
            OffsetDateTime date = null;
            if (r.peek() == '"') {
                date = DateTimeParser.dateTime(r);
                r.sp();
            }
            if (r.tryWord("CATENATE")) {
                cats.add(CatenateParser.message(r, flags, date)); // RFC 4469
            } else {
                msgs.add(appendData(r, flags, date));
            }
            if (!cats.isEmpty() && !msgs.isEmpty()) {
                throw r.error("CATENATE in every message of the APPEND or in none (a mix is not supported)");
            }
        } while (r.peek() == ' ');
        return cats.isEmpty() ? new Command.Append(m, msgs) : new Command.Catenate(m, cats);
    }

    /** {@code append-message} after its leading SP: {@code [flag-list SP] [date-time SP] literal}. */
    static Command.AppendMessage appendMessage(ImapReader r) {
        List<Flag> flags = List.of();
        if (r.peek() == '(') {
            flags = FlagParser.flagList(r);
            r.sp();
        }
        OffsetDateTime date = null;
        if (r.peek() == '"') {
            date = DateTimeParser.dateTime(r);
            r.sp();
        }
        return appendData(r, flags, date);
    }

    /** The literal of an {@code append-message}, after its flags and date. */
    private static Command.AppendMessage appendData(ImapReader r, List<Flag> flags, OffsetDateTime date) {
        boolean utf8 = r.tryWord("UTF8");
        if (utf8) {
            r.sp();
            r.expect('(');
        }
        if (!r.literalSpan()) {
            throw r.error("an in-memory literal (APPEND data was streamed)");
        }
        Bytes data = Bytes.copyOf(r.buffer(), r.litStart(), r.litEnd() - r.litStart());
        boolean binary = r.litBinary();
        if (utf8) {
            if (!binary) {
                throw r.error("a literal8 (~{n}) in the UTF8 form of APPEND (RFC 9755 section 4)");
            }
            r.expect(')');
        }
        return new Command.AppendMessage(flags, date, data, binary, utf8);
    }

    /**
     * {@code fetch = "FETCH" SP sequence-set SP (macro / fetch-att / "(" fetch-att *(SP fetch-att) ")")
     * [fetch-modifiers]} (RFC 9051, CHANGEDSINCE and VANISHED of RFC 7162, PARTIAL of RFC 9394).
     */
    private static Command fetch(ImapReader r, boolean uid) {
        r.sp();
        SequenceSet set = SequenceSetParser.sequenceSet(r);
        r.sp();
        var atts = FetchParser.attributes(r);
        Long changedSince = null;
        boolean vanished = false;
        org.imap4j.codec.core.PartialRange partial = null;
        if (r.peek() == ' ') {
            r.sp();
            r.expect('(');
            do {
                String m = keyword(r);
                if (m.equals("CHANGEDSINCE")) {
                    r.sp();
                    changedSince = r.number64();
                } else if (m.equals("VANISHED")) {
                    vanished = true;
                } else if (m.equals("PARTIAL") && partial == null) {
                    r.sp();
                    partial = SearchParser.partialRange(r);
                } else {
                    throw r.error("CHANGEDSINCE, VANISHED or PARTIAL");
                }
            } while (r.tryByte(' '));
            r.expect(')');
        }
        return new Command.Fetch(set, atts, uid, changedSince, vanished, partial);
    }

    /**
     * {@code store = "STORE" SP sequence-set [store-modifiers] SP store-att-flags},
     * {@code store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))}; also Gmail's
     * {@code ["+" / "-"] "X-GM-LABELS" [".SILENT"] SP "(" [label *(SP label)] ")"} (X-GM-EXT-1).
     */
    private static Command store(ImapReader r, boolean uid) {
        r.sp();
        SequenceSet set = SequenceSetParser.sequenceSet(r);
        r.sp();
        Long unchangedSince = null;
        if (r.peek() == '(') {
            r.expect('(');
            r.word("UNCHANGEDSINCE");
            r.sp();
            unchangedSince = r.number64();
            r.expect(')');
            r.sp();
        }
        int at = r.mark();
        String op = keyword(r);
        Command.StoreMode mode = Command.StoreMode.REPLACE;
        if (op.startsWith("+")) {
            mode = Command.StoreMode.ADD;
            op = op.substring(1);
        } else if (op.startsWith("-")) {
            mode = Command.StoreMode.REMOVE;
            op = op.substring(1);
        }
        if (unchangedSince == null && (op.equals("X-GM-LABELS") || op.equals("X-GM-LABELS.SILENT"))) {
            r.sp();
            return new Command.StoreGmailLabels(set, mode, op.endsWith(".SILENT"), FetchParser.labels(r), uid);
        }
        boolean silent = op.equals("FLAGS.SILENT");
        if (!silent && !op.equals("FLAGS")) {
            r.reset(at);
            throw r.error("[+|-]FLAGS[.SILENT]");
        }
        r.sp();
        List<Flag> flags;
        if (r.peek() == '(') {
            flags = FlagParser.flagList(r);
        } else {
            flags = new ArrayList<>();
            do {
                flags.add(FlagParser.flag(r));
            } while (r.tryByte(' '));
        }
        return new Command.Store(set, mode, silent, flags, unchangedSince, uid);
    }

}
