package org.imap4j.codec.internal.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.internal.ascii.Ascii;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Continuation;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.IdParam;
import org.imap4j.codec.response.ListExtendedItem;
import org.imap4j.codec.response.MailboxAttribute;
import org.imap4j.codec.response.NamespaceDescriptor;
import org.imap4j.codec.response.QuotaResource;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Status;
import org.imap4j.codec.response.StatusItem;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.MessageThread;
import org.imap4j.codec.response.Untagged;

/**
 * Parses one framed server response ({@code response-data / response-tagged / continue-req}, RFC 9051 section 9, and
 * the extensions listed in {@code org.imap4j.codec.response}) into a typed {@link Response}.
 *
 * <pre>{@code
 * ImapReader r = new ImapReader(bytes, 0, bytes.length, new int[0], CodecLimits.defaults(), Quirk.defaults());
 * Response resp = ResponseParser.parse(r, false);
 * }</pre>
 */
public final class ResponseParser {
    private ResponseParser() {
    }

    /**
     * Reads one whole response through its final CRLF, accepting a missing status text ({@link Quirk#MISSING_TEXT},
     * which is in {@link Quirk#defaults()}; the reader does not expose that quirk, so the three-argument form lets a
     * strict caller turn it off).
     *
     * @param r             a reader over one framed response
     * @param utf8Mailboxes whether mailbox names are UTF-8 ({@code UTF8=ACCEPT} enabled) rather than modified UTF-7
     * @return the response
     * @throws ImapProtocolException if the bytes break the grammar or a limit
     */
    public static Response parse(ImapReader r, boolean utf8Mailboxes) {
        return parse(r, utf8Mailboxes, true);
    }

    /**
     * {@code response = *(continue-req / response-data) response-done}: reads one of them, through its final CRLF.
     *
     * @param r             a reader over one framed response
     * @param utf8Mailboxes whether mailbox names are UTF-8 rather than modified UTF-7
     * @param missingText   whether {@link Quirk#MISSING_TEXT} is on
     * @return the response
     * @throws ImapProtocolException if the bytes break the grammar or a limit
     */
    public static Response parse(ImapReader r, boolean utf8Mailboxes, boolean missingText) {
        try {
            Response resp;
            int c = r.peek();
            if (c == '*') {
                r.expect('*');
                r.sp();
                resp = untagged(r, utf8Mailboxes, missingText);
            } else if (c == '+') {
                resp = continueReq(r, missingText);
            } else if (c == '[' && r.bareResponseCodeLine()) {
                // Exchange: "[COPYUID ...] text" with no "* OK" before it; read as the untagged OK it stands for
                RespText t = codeAndText(r, true);
                resp = new Untagged.StatusResponse(Status.OK, t.code, t.text);
            } else {
                resp = responseTagged(r, missingText);
            }
            r.crlf();
            return resp;
        } catch (IllegalArgumentException e) {
            // Values that pass the lexical rules but not a record's validation (0 where nz-number, bad objectid...).
            throw r.errorAt("invalid value: " + e.getMessage(), r.mark());
        }
    }

    /** {@code continue-req = "+" SP (resp-text / base64) CRLF}; a bare {@code +} with {@link Quirk#MISSING_TEXT}. */
    static Continuation continueReq(ImapReader r, boolean missingText) {
        r.expect('+');
        if (r.peek() != ' ') {
            if (missingText && r.atLineEnd()) {
                return new Continuation(null, "");
            }
            throw r.error("SP after '+'");
        }
        // A single space: base64 and text are kept exactly as sent.
        r.expect(' ');
        RespText t = codeAndText(r, missingText);
        return new Continuation(t.code, t.text);
    }

    /** {@code response-tagged = tag SP resp-cond-state CRLF}. */
    static Tagged responseTagged(ImapReader r, boolean missingText) {
        String tag = r.run(Ascii.TAG, "tag, '*' or '+'");
        r.sp();
        Status s;
        if (r.tryWord("OK")) {
            s = Status.OK;
        } else if (r.tryWord("NO")) {
            s = Status.NO;
        } else if (r.tryWord("BAD")) {
            s = Status.BAD;
        } else {
            throw r.error("OK, NO or BAD");
        }
        RespText t = respText(r, missingText);
        return new Tagged(new Tag(tag), s, t.code, t.text);
    }

    private static final class RespText {
        final ResponseCode code;
        final String text;

        RespText(ResponseCode code, String text) {
            this.code = code;
            this.text = text;
        }
    }

    /** {@code SP resp-text}, where {@code resp-text = ["[" resp-text-code "]" SP] [text]}. */
    private static RespText respText(ImapReader r, boolean missingText) {
        if (r.peek() != ' ') {
            if (missingText && r.atLineEnd()) {
                return new RespText(null, "");
            }
            throw r.error("SP");
        }
        r.sp();
        return codeAndText(r, missingText);
    }

    /**
     * {@code ["[" resp-text-code "]" SP] [text]}, degrading instead of failing: a bracketed part that is not a
     * {@code resp-text-code} (no atom, nested or unbalanced brackets, no closing bracket) becomes
     * {@link ResponseCode.Unparsed} holding its bytes, and text glued to the closing bracket is still the text. Only
     * a limit, a NUL in the text, or (without {@link Quirk#MISSING_TEXT}) a code with no text still fail, so a
     * malformed code never costs a tagged completion or an untagged status.
     */
    private static RespText codeAndText(ImapReader r, boolean missingText) {
        ResponseCode code = null;
        if (r.peek() == '[') {
            code = bracketCode(r);
            if (r.peek() == ' ') {
                r.expect(' ');
            } else if (r.atLineEnd()) {
                if (missingText || code instanceof ResponseCode.Unparsed u && !u.closed()) {
                    return new RespText(code, "");
                }
                throw r.error("SP after response code");
            }
        }
        return new RespText(code, r.text());
    }

    /** A bracketed response code: typed when it is one, else {@link ResponseCode.Unparsed}; at {@code "["}. */
    private static ResponseCode bracketCode(ImapReader r) {
        int at = r.mark();
        try {
            r.expect('[');
            ResponseCode code = ResponseCodeParser.respTextCode(r);
            int close = r.mark();
            r.expect(']');
            if (!hasByte(r.buffer(), at + 1, close, '[')) {
                return code;
            }
            // a nested '[' means the first ']' did not close this code: keep the whole bracketed part instead
        } catch (ImapProtocolException e) {
            if (e.limit() != null) {
                throw e;
            }
        } catch (IllegalArgumentException e) {
            // a value that passed the lexer but not a record's check: the code is malformed, the response is not
        }
        r.reset(at);
        return unparsed(r);
    }

    private static boolean hasByte(byte[] b, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return true;
            }
        }
        return false;
    }

    /**
     * The bytes of a malformed bracketed part, at its {@code "["}: up to the {@code ]} that balances it, else the
     * line's last {@code ]}, else the line end (then unclosed).
     */
    private static ResponseCode.Unparsed unparsed(ImapReader r) {
        byte[] b = r.buffer();
        int s = r.mark() + 1;
        int end = r.end();
        int depth = 1;
        int lastClose = -1;
        int p = s;
        int close = -1;
        for (; p < end; p++) {
            byte c = b[p];
            if (c == '\r' || c == '\n') {
                break;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                lastClose = p;
                if (--depth == 0) {
                    close = p;
                    break;
                }
            }
        }
        if (close < 0) {
            close = lastClose;
        }
        if (close < 0) {
            r.seek(p);
            return new ResponseCode.Unparsed(Bytes.copyOf(b, s, p - s), false);
        }
        r.seek(close + 1);
        return new ResponseCode.Unparsed(Bytes.copyOf(b, s, close - s), true);
    }

    /** {@code response-data = "*" SP (resp-cond-state / resp-cond-bye / mailbox-data / message-data / ...)}. */
    static Untagged untagged(ImapReader r, boolean utf8, boolean missingText) {
        if (r.atDigit()) {
            return messageData(r);
        }
        String name = r.name();
        switch (name) {
            case "OK":
                return status(r, Status.OK, missingText);
            case "NO":
                return status(r, Status.NO, missingText);
            case "BAD":
                return status(r, Status.BAD, missingText);
            case "PREAUTH":
                return status(r, Status.PREAUTH, missingText);
            case "BYE":
                return status(r, Status.BYE, missingText);
            case "CAPABILITY":
                return new Untagged.Capabilities(capabilities(r));
            case "ENABLED":
                return new Untagged.Enabled(capabilities(r));
            case "ID":
                return id(r);
            case "NAMESPACE":
                return namespaceResponse(r);
            case "FLAGS":
                r.sp();
                return new Untagged.Flags(flagList(r));
            case "LIST":
                return mailboxList(r, false, utf8);
            case "LSUB":
                return mailboxList(r, true, utf8);
            case "STATUS":
                return statusData(r, utf8);
            case "SEARCH": {
                List<Long> nums = new ArrayList<>();
                Long modSeq = numbersAndModSeq(r, nums);
                return new Untagged.Search(nums, modSeq);
            }
            case "SORT": {
                List<Long> nums = new ArrayList<>();
                Long modSeq = numbersAndModSeq(r, nums);
                return new Untagged.Sort(nums, modSeq);
            }
            case "ESEARCH":
                return esearch(r);
            case "THREAD":
                return threadData(r);
            case "VANISHED":
                return vanished(r);
            case "QUOTA":
                return quota(r);
            case "QUOTAROOT":
                return quotaRoot(r, utf8);
            case "JMAPACCESS":
                r.sp();
                return new Untagged.JmapAccess(r.quoted());
            case "UIDBATCHES": {
                r.sp();
                r.expect('(');
                r.word("TAG");
                r.sp();
                String tag = r.string();
                r.expect(')');
                List<SequenceSet.Range> batches = List.of();
                if (more(r)) {
                    batches = sequenceSet(r).ranges();
                }
                return new Untagged.UidBatches(tag, batches);
            }
            default:
                Untagged ext = AclParser.response(r, name, utf8);
                if (ext == null) {
                    ext = MetadataParser.response(r, name, utf8);
                }
                if (ext == null) {
                    ext = UrlAuthParser.response(r, name);
                }
                return ext != null ? ext : new Untagged.Unknown(name, values(r));
        }
    }

    /** {@code resp-cond-state / resp-cond-auth / resp-cond-bye}: a status and its {@code resp-text}. */
    private static Untagged status(ImapReader r, Status s, boolean missingText) {
        RespText t = respText(r, missingText);
        return new Untagged.StatusResponse(s, t.code, t.text);
    }

    /**
     * {@code message-data = nz-number SP ("EXPUNGE" / ("FETCH" SP msg-att))}, {@code mailbox-data =/ number SP
     * "EXISTS" / number SP "RECENT"}; any other {@code number SP atom ...} is kept as {@link Untagged.Unknown}.
     */
    private static Untagged messageData(ImapReader r) {
        long n = r.number();
        r.sp();
        int m = r.mark();
        // FETCH, the common case, without building its name as a String; the SP after it keeps the match to the
        // whole atom, as comparing r.name() would.
        if (r.peek(5) == ' ' && r.tryWord("FETCH")) {
            r.sp();
            return new Untagged.Fetch(n, FetchParser.msgAtt(r, r.salvageFetchItems()));
        }
        String name = r.name();
        switch (name) {
            case "EXISTS":
                return new Untagged.Exists(n);
            case "RECENT":
                return new Untagged.Recent(n);
            case "EXPUNGE":
                return new Untagged.Expunge(n);
            case "FETCH": {
                r.sp();
                return new Untagged.Fetch(n, FetchParser.msgAtt(r, r.salvageFetchItems()));
            }
            case "UIDFETCH": {
                // uidfetch-resp = uniqueid SP "UIDFETCH" SP msg-att (RFC 9586)
                r.sp();
                return new Untagged.UidFetch(n, FetchParser.msgAtt(r, r.salvageFetchItems()));
            }
            default:
                r.reset(m);
                List<ImapValue> data = new ArrayList<>();
                data.add(r.value());
                data.addAll(values(r));
                return new Untagged.Unknown(Long.toString(n), data);
        }
    }

    /** {@code *(SP value)} for an unknown response, with the generic nested-parentheses parser. */
    private static List<ImapValue> values(ImapReader r) {
        List<ImapValue> out = new ArrayList<>();
        while (more(r)) {
            checkCount(r, out.size());
            out.add(r.value());
        }
        return out;
    }

    /**
     * Consumes an SP that is followed by more data; a space before the line end is left for {@link ImapReader#crlf()},
     * which accepts it only with {@link Quirk#EXTRA_SPACES}.
     */
    static boolean more(ImapReader r) {
        if (r.peek() != ' ') {
            return false;
        }
        int m = r.mark();
        r.sp();
        if (r.atLineEnd()) {
            r.reset(m);
            return false;
        }
        return true;
    }

    static void checkCount(ImapReader r, int size) {
        if (size >= r.limits.maxListItems()) {
            throw ImapProtocolException.limit("maxListItems", size + 1L, r.limits.maxListItems());
        }
    }

    /** {@code capability-data = "CAPABILITY" *(SP capability)}, after the name; also {@code enable-data}. */
    static List<Capability> capabilities(ImapReader r) {
        List<Capability> out = new ArrayList<>();
        while (r.peek() == ' ') {
            int m = r.mark();
            r.sp();
            if (r.atLineEnd() || r.peek() == ']') {
                r.reset(m);
                break;
            }
            checkCount(r, out.size());
            out.add(ResponseCodeParser.capability(r));
        }
        return out;
    }

    /** {@code flag-list = "(" [flag *(SP flag)] ")"} (and {@code \*} of {@code flag-perm}). */
    static List<Flag> flagList(ImapReader r) {
        r.expect('(');
        List<Flag> out = new ArrayList<>();
        if (r.tryByte(')')) {
            return out;
        }
        while (true) {
            checkCount(r, out.size());
            out.add(ResponseCodeParser.flag(r));
            if (closeOrSp(r)) {
                return out;
            }
        }
    }

    /** After a list element: consumes {@code ")"} (true) or SP (false); a space before ")" with EXTRA_SPACES. */
    private static boolean closeOrSp(ImapReader r) {
        if (r.tryByte(')')) {
            return true;
        }
        r.sp();
        return r.extraSpaces() && r.tryByte(')');
    }

    /**
     * A set of numbers a server reports ({@code uid-set} of COPYUID / APPENDUID, {@code known-uids} of VANISHED,
     * {@code sequence-set} of ESEARCH ALL and MODIFIED), kept unexpanded (so {@code 1:4294967295} costs two longs);
     * its number of ranges is bounded by {@code maxListItems}. {@code *} is refused: it names "the largest number in
     * use", which a server reporting numbers knows, and RFC 4315's {@code uid-set} and RFC 7162's {@code known-uids}
     * exclude it.
     *
     * @param r the reader
     * @return the set
     * @throws ImapProtocolException if it is not a set of nz-numbers, or holds {@code *}
     */
    static SequenceSet sequenceSet(ImapReader r) {
        int at = r.mark();
        SequenceSet set = anySequenceSet(r);
        if (set.hasStar()) {
            throw r.errorAt("'*' is not allowed in a set of numbers a server reports", at);
        }
        return set;
    }

    /** {@code sequence-set}, kept unexpanded; its number of ranges is bounded by {@code maxListItems}. */
    static SequenceSet anySequenceSet(ImapReader r) {
        byte[] b = r.buffer();
        int s = r.mark();
        int p = s;
        int end = r.end();
        int commas = 0;
        while (p < end) {
            int c = b[p];
            if (c >= '0' && c <= '9' || c == ':' || c == '*') {
                p++;
            } else if (c == ',') {
                commas++;
                p++;
            } else {
                break;
            }
        }
        if (p == s) {
            throw r.error("sequence-set");
        }
        checkCount(r, commas);
        try {
            SequenceSet set = SequenceSet.parse(new String(b, s, p - s, StandardCharsets.ISO_8859_1));
            r.seek(p);
            return set;
        } catch (ImapValidationException e) {
            throw r.errorAt("invalid sequence-set: " + e.getMessage(), s);
        }
    }

    /**
     * {@code mailbox = "INBOX" / astring}, decoded from modified UTF-7 (or taken as UTF-8); a name that is not valid
     * modified UTF-7 is kept as sent, because refusing it would hide a mailbox the user can see in other clients.
     */
    static MailboxName mailbox(ImapReader r, boolean utf8) {
        return mailboxName(r.astring(), utf8);
    }

    /** A mailbox name as sent: UTF-8 after ENABLE UTF8=ACCEPT, else modified UTF-7 when it is that, else as is. */
    private static MailboxName mailboxName(String wire, boolean utf8) {
        if (utf8) {
            return MailboxName.of(wire);
        }
        try {
            return MailboxName.fromModifiedUtf7(wire);
        } catch (ImapValidationException e) {
            return MailboxName.of(wire);
        }
    }

    /**
     * The mailbox of a LIST / LSUB ({@code status == false}) or STATUS ({@code status == true}) response; under
     * {@link org.imap4j.codec.Quirk#UNESCAPED_MAILBOX_QUOTES}, a quoted name that does not end where the grammar
     * needs it (the line's end or LIST-EXTENDED data; the STATUS attribute list) is re-read, unescaped, up to the
     * line's last quote (LIST) or last {@code " (} (STATUS), as GreenMail 2.1.2 writes it.
     */
    private static MailboxName quirkyMailbox(ImapReader r, boolean utf8, boolean status) {
        int at = r.mark();
        if (r.peek() != '"' || !r.unescapedMailboxQuotes()) {
            return mailbox(r, utf8);
        }
        try {
            MailboxName m = mailbox(r, utf8);
            if (r.peek() == ' ' && r.peek(1) == '(' || !status && r.atLineEnd()) {
                return m;
            }
        } catch (ImapProtocolException malformed) {
            // read it the GreenMail way below
        }
        byte[] b = r.buffer();
        int close = -1;
        for (int i = r.end() - 1; i > at; i--) {
            if (b[i] == '"' && (status ? i + 2 < r.end() && b[i + 1] == ' ' && b[i + 2] == '('
                    : isLineEndFrom(b, i + 1, r.end()))) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            r.reset(at);
            throw r.error(status ? "a mailbox name followed by the status list" : "a mailbox name ending the line");
        }
        // the same rules as any quoted string: no CR / LF / NUL, UTF-8 or a typed error (never U+FFFD)
        String wire = r.quotedContent(at + 1, close);
        r.seek(close + 1);
        return mailboxName(wire, utf8);
    }

    private static boolean isLineEndFrom(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] != '\r' && b[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    /** {@code id-response = "ID" SP id-params-list}; {@code id-params-list = "(" *(string SP nstring) ")" / nil}. */
    private static Untagged id(ImapReader r) {
        r.sp();
        if (r.tryNil()) {
            return new Untagged.Id(null);
        }
        r.expect('(');
        List<IdParam> out = new ArrayList<>();
        if (r.tryByte(')')) {
            return new Untagged.Id(out);
        }
        while (true) {
            checkCount(r, out.size());
            String key = r.astring();
            r.sp();
            out.add(new IdParam(key, r.nstring()));
            if (closeOrSp(r)) {
                return new Untagged.Id(out);
            }
        }
    }

    /** {@code namespace-response = "NAMESPACE" SP namespace SP namespace SP namespace}. */
    private static Untagged namespaceResponse(ImapReader r) {
        r.sp();
        List<NamespaceDescriptor> personal = namespace(r);
        r.sp();
        List<NamespaceDescriptor> other = namespace(r);
        r.sp();
        return new Untagged.Namespace(personal, other, namespace(r));
    }

    /** {@code namespace = nil / "(" 1*namespace-descr ")"}. */
    private static List<NamespaceDescriptor> namespace(ImapReader r) {
        if (r.tryNil()) {
            return null;
        }
        r.expect('(');
        List<NamespaceDescriptor> out = new ArrayList<>();
        do {
            checkCount(r, out.size());
            out.add(namespaceDescr(r));
            if (r.extraSpaces()) {
                while (r.peek() == ' ') {
                    r.sp();
                }
            }
        } while (r.peek() == '(');
        r.expect(')');
        return out;
    }

    /**
     * {@code namespace-descr = "(" string SP (DQUOTE QUOTED-CHAR DQUOTE / nil) [namespace-response-extensions] ")"};
     * {@code namespace-response-extension = SP string SP "(" string *(SP string) ")"}.
     */
    private static NamespaceDescriptor namespaceDescr(ImapReader r) {
        r.expect('(');
        String prefix = r.string();
        r.sp();
        String delim = delimiter(r);
        List<NamespaceDescriptor.Extension> ext = new ArrayList<>();
        while (r.peek() == ' ') {
            r.sp();
            if (r.extraSpaces() && r.peek() == ')') {
                break;
            }
            checkCount(r, ext.size());
            String name = r.string();
            r.sp();
            r.expect('(');
            List<String> values = new ArrayList<>();
            while (true) {
                checkCount(r, values.size());
                values.add(r.string());
                if (closeOrSp(r)) {
                    break;
                }
            }
            ext.add(new NamespaceDescriptor.Extension(name, values));
        }
        r.expect(')');
        return new NamespaceDescriptor(prefix, delim, ext);
    }

    /** {@code DQUOTE QUOTED-CHAR DQUOTE / nil}: a hierarchy delimiter. */
    private static String delimiter(ImapReader r) {
        if (r.tryNil()) {
            return null;
        }
        if (r.peek() != '"') {
            throw r.error("hierarchy delimiter (a quoted character) or NIL");
        }
        int s = r.mark();
        String d = r.quoted();
        if (d.length() != 1) {
            throw r.errorAt("a hierarchy delimiter is one character", s);
        }
        return d;
    }

    /**
     * {@code mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox
     * [SP mbox-list-extended]}.
     */
    private static Untagged mailboxList(ImapReader r, boolean lsub, boolean utf8) {
        r.sp();
        r.expect('(');
        List<MailboxAttribute> attrs = new ArrayList<>();
        if (!r.tryByte(')')) {
            while (true) {
                checkCount(r, attrs.size());
                attrs.add(MailboxAttribute.of(r.flag()));
                if (closeOrSp(r)) {
                    break;
                }
            }
        }
        r.sp();
        String delim = delimiter(r);
        r.sp();
        MailboxName mbox = quirkyMailbox(r, utf8, false);
        List<ListExtendedItem> ext = List.of();
        if (more(r)) {
            ext = mboxListExtended(r, utf8);
        }
        return new Untagged.MailboxList(lsub, attrs, delim, mbox, ext);
    }

    /**
     * {@code mbox-list-extended = "(" [mbox-list-extended-item *(SP mbox-list-extended-item)] ")"};
     * {@code mbox-list-extended-item = mbox-list-extended-item-tag SP tagged-ext-val} (RFC 5258, RFC 9051).
     */
    private static List<ListExtendedItem> mboxListExtended(ImapReader r, boolean utf8) {
        r.expect('(');
        List<ListExtendedItem> out = new ArrayList<>();
        if (r.tryByte(')')) {
            return out;
        }
        while (true) {
            checkCount(r, out.size());
            String tag = r.astring();
            r.sp();
            if (tag.equalsIgnoreCase("CHILDINFO")) {
                r.expect('(');
                List<String> opts = new ArrayList<>();
                while (true) {
                    checkCount(r, opts.size());
                    opts.add(r.astring());
                    if (closeOrSp(r)) {
                        break;
                    }
                }
                out.add(new ListExtendedItem.ChildInfo(opts));
            } else if (tag.equalsIgnoreCase("OLDNAME")) {
                r.expect('(');
                MailboxName old = mailbox(r, utf8);
                r.expect(')');
                out.add(new ListExtendedItem.OldName(old));
            } else {
                out.add(new ListExtendedItem.Other(tag, r.value()));
            }
            if (closeOrSp(r)) {
                return out;
            }
        }
    }

    /** {@code "STATUS" SP mailbox SP "(" [status-att-list] ")"}; {@code status-att-list = status-att-val *(SP ...)}. */
    private static Untagged statusData(ImapReader r, boolean utf8) {
        r.sp();
        MailboxName mbox = quirkyMailbox(r, utf8, true);
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
    private static StatusItem statusAttVal(ImapReader r) {
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

    /**
     * {@code *(SP nz-number) [SP search-sort-mod-seq]}; {@code search-sort-mod-seq = "(" "MODSEQ" SP
     * mod-sequence-value ")"} (RFC 7162): the tail of SEARCH and SORT.
     *
     * @return the mod-sequence, or {@code null}
     */
    private static Long numbersAndModSeq(ImapReader r, List<Long> out) {
        while (more(r)) {
            if (r.peek() == '(') {
                r.expect('(');
                r.word("MODSEQ");
                r.sp();
                long m = r.number64();
                r.expect(')');
                return m;
            }
            checkCount(r, out.size());
            out.add(r.nzNumber());
        }
        return null;
    }

    /**
     * {@code esearch-response = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)};
     * {@code search-correlator = SP "(" "TAG" SP tag-string ")"} (RFC 4731, RFC 9051).
     */
    private static Untagged esearch(ImapReader r) {
        String tag = null;
        boolean uid = false;
        boolean any = more(r);
        if (any && r.peek() == '(') {
            r.expect('(');
            r.word("TAG");
            r.sp();
            tag = r.astring();
            r.expect(')');
            any = more(r);
        }
        if (any && r.tryWord("UID")) {
            uid = true;
            any = more(r);
        }
        List<ESearchItem> items = new ArrayList<>();
        while (any) {
            checkCount(r, items.size());
            items.add(searchReturnData(r));
            any = more(r);
        }
        return new Untagged.ESearch(tag, uid, items);
    }

    /**
     * {@code search-return-data = "MIN" SP nz-number / "MAX" SP nz-number / "ALL" SP sequence-set / "COUNT" SP
     * number / "MODSEQ" SP mod-sequence-value / search-ret-data-ext}.
     */
    private static ESearchItem searchReturnData(ImapReader r) {
        String name = r.name();
        r.sp();
        switch (name) {
            case "MIN":
                return new ESearchItem.Min(r.nzNumber());
            case "MAX":
                return new ESearchItem.Max(r.nzNumber());
            case "COUNT":
                return new ESearchItem.Count(r.number());
            case "ALL":
                return new ESearchItem.All(sequenceSet(r));
            case "MODSEQ":
                return new ESearchItem.ModSeq(r.number64());
            case "PARTIAL": {
                // "PARTIAL" SP "(" partial-range SP partial-results ")"; partial-results = sequence-set / "NIL"
                r.expect('(');
                int at = r.mark();
                String range = r.run(Ascii.ATOM, "partial-range");
                org.imap4j.codec.core.PartialRange pr;
                try {
                    pr = org.imap4j.codec.core.PartialRange.parse(range);
                } catch (ImapValidationException e) {
                    throw r.errorAt("partial-range", at);
                }
                r.sp();
                SequenceSet results = r.tryNil() ? null : sequenceSet(r);
                r.expect(')');
                return new ESearchItem.Partial(pr, results);
            }
            default:
                return new ESearchItem.Other(name, r.value());
        }
    }

    /** {@code thread-data = "THREAD" [SP 1*thread-list]} (RFC 5256). */
    private static Untagged threadData(ImapReader r) {
        List<MessageThread> out = new ArrayList<>();
        if (more(r)) {
            do {
                checkCount(r, out.size());
                out.add(threadList(r));
            } while (r.peek() == '(');
        }
        return new Untagged.Threads(out);
    }

    private static final class OpenThread {
        final List<Long> messages = new ArrayList<>(4);
        final List<MessageThread> children = new ArrayList<>(2);
    }

    /**
     * {@code thread-list = "(" (thread-members / thread-nested) ")"}; {@code thread-members = nz-number
     * *(SP nz-number) [SP thread-nested]}; {@code thread-nested = 2*thread-list}. Iterative, with an explicit stack
     * bounded by {@code maxNestingDepth}, so hostile nesting costs neither stack nor unbounded heap.
     */
    static MessageThread threadList(ImapReader r) {
        int max = r.limits.maxNestingDepth();
        List<OpenThread> stack = new ArrayList<>();
        r.expect('(');
        stack.add(new OpenThread());
        boolean open = true;
        while (true) {
            if (open) {
                OpenThread top = stack.get(stack.size() - 1);
                if (r.atDigit()) {
                    top.messages.add(r.nzNumber());
                    while (r.peek() == ' ' && r.peek(1) >= '0' && r.peek(1) <= '9') {
                        r.expect(' ');
                        checkCount(r, top.messages.size());
                        top.messages.add(r.nzNumber());
                    }
                    if (r.peek() == ' ') {
                        r.expect(' ');
                        if (r.peek() != '(') {
                            throw r.error("nz-number or thread-list");
                        }
                    } else {
                        open = false;
                        continue;
                    }
                }
                if (r.peek() != '(') {
                    throw r.error("nz-number or thread-list");
                }
                r.expect('(');
                if (stack.size() >= max) {
                    throw ImapProtocolException.limit("maxNestingDepth", stack.size() + 1L, max);
                }
                stack.add(new OpenThread());
                continue;
            }
            r.expect(')');
            OpenThread done = stack.remove(stack.size() - 1);
            MessageThread node = new MessageThread(done.messages, done.children);
            if (stack.isEmpty()) {
                return node;
            }
            OpenThread parent = stack.get(stack.size() - 1);
            checkCount(r, parent.children.size());
            parent.children.add(node);
            if (r.peek() == '(') {
                r.expect('(');
                if (stack.size() >= max) {
                    throw ImapProtocolException.limit("maxNestingDepth", stack.size() + 1L, max);
                }
                stack.add(new OpenThread());
                open = true;
            }
        }
    }

    /** {@code "VANISHED" [SP "(EARLIER)"] SP known-uids} (RFC 7162 section 3.2.10). */
    private static Untagged vanished(ImapReader r) {
        r.sp();
        boolean earlier = false;
        if (r.tryByte('(')) {
            r.word("EARLIER");
            r.expect(')');
            r.sp();
            earlier = true;
        }
        return new Untagged.Vanished(earlier, sequenceSet(r));
    }

    /**
     * {@code quota-response = "QUOTA" SP quota-root-name SP quota-list}; {@code quota-list = "(" quota-resource
     * *(SP quota-resource) ")"}; {@code quota-resource = resource-name SP resource-usage SP resource-limit}.
     */
    private static Untagged quota(ImapReader r) {
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
    private static Untagged quotaRoot(ImapReader r, boolean utf8) {
        r.sp();
        MailboxName mbox = mailbox(r, utf8);
        List<String> roots = new ArrayList<>();
        while (more(r)) {
            checkCount(r, roots.size());
            roots.add(r.astring());
        }
        return new Untagged.QuotaRoot(mbox, roots);
    }
}
