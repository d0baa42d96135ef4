package org.imap4j.codec.internal.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
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
 */
public final class CommandParser {
    private static final String[] MONTHS =
            {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

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

    private static String keyword(ImapReader r) {
        return r.atom().toUpperCase(Locale.ROOT);
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
                return new Command.Delete(mailbox(r));
            case "RENAME": {
                r.sp();
                MailboxName from = mailbox(r);
                r.sp();
                return new Command.Rename(from, mailbox(r));
            }
            case "SUBSCRIBE":
                r.sp();
                return new Command.Subscribe(mailbox(r));
            case "UNSUBSCRIBE":
                r.sp();
                return new Command.Unsubscribe(mailbox(r));
            case "LIST":
                return list(r);
            case "LSUB": {
                r.sp();
                MailboxName ref = mailbox(r);
                r.sp();
                return new Command.Lsub(ref, listMailbox(r));
            }
            case "NAMESPACE":
                return new Command.Namespace();
            case "STATUS": {
                r.sp();
                MailboxName m = mailbox(r);
                r.sp();
                return new Command.Status(m, statusAtts(r));
            }
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
            case "ENABLE": {
                List<String> caps = new ArrayList<>();
                do {
                    r.sp();
                    caps.add(r.atom());
                } while (r.peek() == ' ');
                return new Command.Enable(caps);
            }
            case "ID":
                return id(r);
            case "COMPRESS":
                r.sp();
                return new Command.Compress(keyword(r));
            case "GETQUOTA":
                r.sp();
                return new Command.GetQuota(r.astring());
            case "GETQUOTAROOT":
                r.sp();
                return new Command.GetQuotaRoot(mailbox(r));
            case "SETQUOTA":
                return setQuota(r);
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
                SequenceSet set = sequenceSet(r);
                r.sp();
                MailboxName m = mailbox(r);
                return name.equals("COPY") ? new Command.Copy(set, m, uid) : new Command.Move(set, m, uid);
            }
            case "REPLACE": {
                // replace = "REPLACE" SP seq-number SP mailbox SP append-message (RFC 8508)
                r.sp();
                long n = r.nzNumber();
                r.sp();
                MailboxName m = mailbox(r);
                r.sp();
                return new Command.Replace(n, m, appendMessage(r), uid);
            }
            case "FETCH":
                return fetch(r, uid);
            case "SEARCH":
                return search(r, uid);
            case "STORE":
                return store(r, uid);
            case "SORT":
                return sort(r, uid);
            case "THREAD": {
                r.sp();
                String alg = r.atom();
                r.sp();
                String charset = r.astring();
                r.sp();
                return new Command.Thread(alg, charset, searchKeys(r), uid);
            }
            case "EXPUNGE":
                if (uid) {
                    r.sp();
                    return new Command.UidExpunge(sequenceSet(r));
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
        MailboxName m = mailbox(r);
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
            known = sequenceSet(r);
        }
        if (r.peek() == ' ') {
            r.sp();
            r.expect('(');
            seqs = sequenceSet(r);
            r.sp();
            uids = sequenceSet(r);
            r.expect(')');
        }
        r.expect(')');
        return new Command.Qresync(uv, modseq, known, seqs, uids);
    }

    /** {@code create = "CREATE" SP mailbox [create-params]} with {@code USE (attrs)} (RFC 6154 section 3). */
    private static Command create(ImapReader r) {
        r.sp();
        MailboxName m = mailbox(r);
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
     * {@code list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]} (RFC 5258,
     * RFC 9051).
     */
    private static Command list(ImapReader r) {
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
        MailboxName ref = mailbox(r);
        r.sp();
        List<String> patterns = new ArrayList<>();
        if (r.tryByte('(')) {
            do {
                patterns.add(listMailbox(r));
            } while (r.tryByte(' '));
            r.expect(')');
        } else {
            patterns.add(listMailbox(r));
        }
        List<Command.ListReturn> ret = new ArrayList<>();
        List<StatusAttribute> status = List.of();
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
                        status = statusAtts(r);
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
        return new Command.ListMailboxes(sel, ref, patterns, ret, status);
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** {@code "(" status-att *(SP status-att) ")"}. */
    private static List<StatusAttribute> statusAtts(ImapReader r) {
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

    /**
     * {@code append = "APPEND" SP mailbox 1*append-message}, {@code append-message = SP [flag-list SP]
     * [date-time SP] literal} (RFC 3502, RFC 3516, RFC 9051).
     */
    private static Command append(ImapReader r) {
        r.sp();
        MailboxName m = mailbox(r);
        List<Command.AppendMessage> msgs = new ArrayList<>();
        do {
            r.sp();
            msgs.add(appendMessage(r));
        } while (r.peek() == ' ');
        return new Command.Append(m, msgs);
    }

    /** {@code append-message} after its leading SP: {@code [flag-list SP] [date-time SP] literal}. */
    static Command.AppendMessage appendMessage(ImapReader r) {
        List<Flag> flags = List.of();
        if (r.peek() == '(') {
            flags = flagList(r);
            r.sp();
        }
        OffsetDateTime date = null;
        if (r.peek() == '"') {
            date = dateTime(r);
            r.sp();
        }
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

    /** {@code flag-list = "(" [flag *(SP flag)] ")"}. */
    private static List<Flag> flagList(ImapReader r) {
        r.expect('(');
        List<Flag> out = new ArrayList<>();
        if (r.peek() != ')') {
            do {
                out.add(Flag.of(r.flag()));
            } while (r.tryByte(' '));
        }
        r.expect(')');
        return out;
    }

    /**
     * {@code date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE}.
     */
    static OffsetDateTime dateTime(ImapReader r) {
        int at = r.mark();
        r.expect('"');
        int day;
        if (r.tryByte(' ')) {
            day = digits(r, 1);
        } else {
            day = digits(r, 2);
        }
        r.expect('-');
        int month = month(r);
        r.expect('-');
        int year = digits(r, 4);
        r.expect(' ');
        int h = digits(r, 2);
        r.expect(':');
        int mi = digits(r, 2);
        r.expect(':');
        int s = digits(r, 2);
        r.expect(' ');
        int sign = r.tryByte('-') ? -1 : 1;
        if (sign > 0) {
            r.expect('+');
        }
        int zh = digits(r, 2);
        int zm = digits(r, 2);
        r.expect('"');
        try {
            return OffsetDateTime.of(year, month, day, h, mi, s, 0,
                    ZoneOffset.ofTotalSeconds(sign * (zh * 3600 + zm * 60)));
        } catch (DateTimeException e) {
            r.reset(at);
            throw r.error("a valid date-time");
        }
    }

    private static int digits(ImapReader r, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            if (!r.atDigit()) {
                throw r.error(n + " digits");
            }
            v = v * 10 + (r.peek() - '0');
            r.seek(r.mark() + 1);
        }
        return v;
    }

    private static int month(ImapReader r) {
        int a = Ascii.upper(r.peek());
        int b = Ascii.upper(r.peek(1));
        int c = Ascii.upper(r.peek(2));
        for (int i = 0; i < 12; i++) {
            String m = MONTHS[i];
            if (m.charAt(0) == a && m.charAt(1) == b && m.charAt(2) == c) {
                r.seek(r.mark() + 3);
                return i + 1;
            }
        }
        throw r.error("a month name");
    }

    /** {@code date = date-text / DQUOTE date-text DQUOTE}, {@code date-text = date-day "-" date-month "-" date-year}. */
    private static LocalDate date(ImapReader r) {
        int at = r.mark();
        boolean q = r.tryByte('"');
        int day = digits(r, 1);
        if (r.atDigit()) {
            day = day * 10 + digits(r, 1);
        }
        r.expect('-');
        int month = month(r);
        r.expect('-');
        int year = digits(r, 4);
        if (q) {
            r.expect('"');
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            r.reset(at);
            throw r.error("a valid date");
        }
    }

    /** {@code id = "ID" SP id-params-list}, {@code id-params-list = "(" *(string SP nstring) ")" / nil} (RFC 2971). */
    private static Command id(ImapReader r) {
        r.sp();
        List<Command.IdField> fields = new ArrayList<>();
        if (r.tryNil()) {
            return new Command.Id(fields);
        }
        r.expect('(');
        if (r.peek() != ')') {
            do {
                String k = r.string();
                r.sp();
                fields.add(new Command.IdField(k, r.nstring()));
            } while (r.tryByte(' '));
        }
        r.expect(')');
        return new Command.Id(fields);
    }

    /** {@code setquota = "SETQUOTA" SP quota-root-name SP setquota-list} (RFC 9208). */
    private static Command setQuota(ImapReader r) {
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

    /**
     * {@code fetch = "FETCH" SP sequence-set SP (macro / fetch-att / "(" fetch-att *(SP fetch-att) ")")
     * [fetch-modifiers]} (RFC 9051, CHANGEDSINCE and VANISHED of RFC 7162).
     */
    private static Command fetch(ImapReader r, boolean uid) {
        r.sp();
        SequenceSet set = sequenceSet(r);
        r.sp();
        var atts = FetchParser.attributes(r);
        Long changedSince = null;
        boolean vanished = false;
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
                } else {
                    throw r.error("CHANGEDSINCE or VANISHED");
                }
            } while (r.tryByte(' '));
            r.expect(')');
        }
        return new Command.Fetch(set, atts, uid, changedSince, vanished);
    }

    /**
     * {@code store = "STORE" SP sequence-set [store-modifiers] SP store-att-flags},
     * {@code store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))}; also Gmail's
     * {@code ["+" / "-"] "X-GM-LABELS" [".SILENT"] SP "(" [label *(SP label)] ")"} (X-GM-EXT-1).
     */
    private static Command store(ImapReader r, boolean uid) {
        r.sp();
        SequenceSet set = sequenceSet(r);
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
            flags = flagList(r);
        } else {
            flags = new ArrayList<>();
            do {
                flags.add(Flag.of(r.flag()));
            } while (r.tryByte(' '));
        }
        return new Command.Store(set, mode, silent, flags, unchangedSince, uid);
    }

    /** {@code sort = ["UID" SP] "SORT" SP sort-criteria SP search-criteria} (RFC 5256 section 5). */
    private static Command sort(ImapReader r, boolean uid) {
        r.sp();
        r.expect('(');
        List<Command.SortCriterion> criteria = new ArrayList<>();
        do {
            boolean reverse = false;
            String k = keyword(r);
            if (k.equals("REVERSE")) {
                reverse = true;
                r.sp();
                k = keyword(r);
            }
            Command.SortKey key = enumOrNull(Command.SortKey.class, k);
            if (key == null) {
                throw r.error("a sort key");
            }
            criteria.add(new Command.SortCriterion(reverse, key));
        } while (r.tryByte(' '));
        r.expect(')');
        r.sp();
        String charset = r.astring();
        r.sp();
        return new Command.Sort(criteria, charset, searchKeys(r), uid);
    }

    /**
     * {@code search = "SEARCH" [search-return-opts] SP search-program},
     * {@code search-program = ["CHARSET" SP charset SP] search-key *(SP search-key)} (RFC 9051, RFC 4731).
     */
    private static Command search(ImapReader r, boolean uid) {
        r.sp();
        List<Command.SearchReturn> ret = null;
        if (r.tryWord("RETURN")) {
            r.sp();
            r.expect('(');
            ret = new ArrayList<>();
            if (r.peek() != ')') {
                do {
                    Command.SearchReturn o = enumOrNull(Command.SearchReturn.class, keyword(r));
                    if (o == null) {
                        throw r.error("a search return option");
                    }
                    ret.add(o);
                } while (r.tryByte(' '));
            }
            r.expect(')');
            r.sp();
        }
        String charset = null;
        if (r.tryWord("CHARSET")) {
            r.sp();
            charset = r.astring();
            r.sp();
        }
        return new Command.Search(charset, searchKeys(r), ret, uid);
    }

    /** {@code search-key *(SP search-key)} up to the line end: one key, or an {@link SearchKey.And} of several. */
    private static SearchKey searchKeys(ImapReader r) {
        int depth = r.limits.maxNestingDepth();
        SearchKey first = searchKey(r, depth);
        if (r.peek() != ' ') {
            return first;
        }
        List<SearchKey> keys = new ArrayList<>();
        keys.add(first);
        while (r.peek() == ' ') {
            r.sp();
            if (r.atLineEnd()) {
                break;
            }
            keys.add(searchKey(r, depth));
        }
        return keys.size() == 1 ? first : new SearchKey.And(keys);
    }

    /** {@code search-key} (RFC 9051 section 9 and the extensions listed on {@link SearchKey}). */
    private static SearchKey searchKey(ImapReader r, int depth) {
        if (depth <= 0) {
            throw ImapProtocolException.limit("maxNestingDepth", r.limits.maxNestingDepth() + 1L,
                    r.limits.maxNestingDepth());
        }
        int c = r.peek();
        if (c == '(') {
            r.expect('(');
            List<SearchKey> keys = new ArrayList<>();
            do {
                keys.add(searchKey(r, depth - 1));
            } while (r.tryByte(' '));
            r.expect(')');
            return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
        }
        if (c == '*' || c == '$' || (c >= '0' && c <= '9')) {
            return new SearchKey.Sequence(sequenceSet(r));
        }
        int at = r.mark();
        String k = keyword(r);
        for (SearchKey.Simple s : SearchKey.Simple.values()) {
            if (s.wire().equals(k)) {
                return s;
            }
        }
        for (SearchKey.TextField f : SearchKey.TextField.values()) {
            if (f.wire().equals(k)) {
                r.sp();
                return new SearchKey.Text(f, r.astring());
            }
        }
        for (SearchKey.DateField f : SearchKey.DateField.values()) {
            if (f.wire().equals(k)) {
                r.sp();
                return new SearchKey.DateKey(f, date(r));
            }
        }
        for (SearchKey.NumberField f : SearchKey.NumberField.values()) {
            if (f.wire().equals(k)) {
                r.sp();
                return new SearchKey.NumberKey(f, r.number64());
            }
        }
        switch (k) {
            case "HEADER": {
                r.sp();
                String name = r.astring();
                r.sp();
                return new SearchKey.Header(name, r.astring());
            }
            case "KEYWORD":
            case "UNKEYWORD":
                r.sp();
                return new SearchKey.Keyword(r.atom(), k.equals("UNKEYWORD"));
            case "EMAILID":
            case "THREADID":
                r.sp();
                return new SearchKey.ObjectId(SearchKey.ObjectIdField.valueOf(k), r.atom());
            case "MODSEQ": {
                r.sp();
                if (r.atString()) {
                    String entry = r.string();
                    r.sp();
                    String t = keyword(r);
                    SearchKey.EntryType type = null;
                    for (SearchKey.EntryType e : SearchKey.EntryType.values()) {
                        if (e.name().equals(t)) {
                            type = e;
                        }
                    }
                    if (type == null) {
                        throw r.error("priv, shared or all");
                    }
                    r.sp();
                    return new SearchKey.ModSeq(entry, type, r.number64());
                }
                return new SearchKey.ModSeq(null, null, r.number64());
            }
            case "UID":
                r.sp();
                return new SearchKey.Uid(sequenceSet(r));
            case "NOT":
                r.sp();
                return new SearchKey.Not(searchKey(r, depth - 1));
            case "OR": {
                r.sp();
                SearchKey a = searchKey(r, depth - 1);
                r.sp();
                return new SearchKey.Or(a, searchKey(r, depth - 1));
            }
            default:
                r.reset(at);
                throw r.error("a search key");
        }
    }

    /** {@code sequence-set = (seq-number / seq-range) ["," sequence-set]}. */
    /** {@code sequence-set / seq-last-command} ({@code "$"}, RFC 9051 section 6.4.4.1). */
    private static SequenceSet sequenceSet(ImapReader r) {
        int s = r.mark();
        int p = s;
        byte[] b = r.buffer();
        while (p < r.end() && (b[p] >= '0' && b[p] <= '9' || b[p] == ':' || b[p] == ',' || b[p] == '*'
                || b[p] == '$')) {
            p++;
        }
        if (p == s) {
            throw r.error("sequence-set");
        }
        String text = new String(b, s, p - s, java.nio.charset.StandardCharsets.ISO_8859_1);
        try {
            SequenceSet set = SequenceSet.parse(text);
            r.seek(p);
            return set;
        } catch (ImapValidationException e) {
            throw r.error("sequence-set (" + e.getMessage() + ")");
        }
    }

    /** {@code mailbox = "INBOX" / astring}, decoded from modified UTF-7 when it is that, else taken as UTF-8. */
    static MailboxName mailbox(ImapReader r) {
        return decodeMailbox(r.astring());
    }

    /** {@code list-mailbox = 1*list-char / string}. */
    private static String listMailbox(ImapReader r) {
        String wire = r.atString() ? r.string() : r.run(Ascii.LIST, "list-mailbox");
        return decodeMailbox(wire).name();
    }

    private static MailboxName decodeMailbox(String wire) {
        try {
            return MailboxName.fromModifiedUtf7(wire);
        } catch (ImapValidationException e) {
            // Not modified UTF-7: under UTF8=ACCEPT (RFC 6855) the name is sent in UTF-8.
            return MailboxName.of(wire);
        }
    }
}
