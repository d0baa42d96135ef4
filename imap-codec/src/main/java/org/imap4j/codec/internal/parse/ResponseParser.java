package org.imap4j.codec.internal.parse;

import static org.imap4j.codec.internal.parse.ParseSupport.checkCount;
import static org.imap4j.codec.internal.parse.ParseSupport.more;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.internal.ascii.Ascii;
import org.imap4j.codec.response.Continuation;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * Parses one framed server response ({@code response-data / response-tagged / continue-req}, RFC 9051 section 9, and
 * the extensions listed in {@code org.imap4j.codec.response}) into a typed {@link Response}. This class reads the
 * response's frame ({@code resp-text}, tag, number) and dispatches on its name; the rules of an area shared with
 * commands live in that area's file ({@code StatusParser}, {@code SearchParser}, {@code ListParser}, ...;
 * ARCHITECTURE.md has the table).
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
                resp = new Untagged.StatusResponse(Condition.OK, t.code, t.text);
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
        Condition s;
        if (r.tryWord("OK")) {
            s = Condition.OK;
        } else if (r.tryWord("NO")) {
            s = Condition.NO;
        } else if (r.tryWord("BAD")) {
            s = Condition.BAD;
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
                return status(r, Condition.OK, missingText);
            case "NO":
                return status(r, Condition.NO, missingText);
            case "BAD":
                return status(r, Condition.BAD, missingText);
            case "PREAUTH":
                return status(r, Condition.PREAUTH, missingText);
            case "BYE":
                return status(r, Condition.BYE, missingText);
            case "CAPABILITY":
                return new Untagged.Capabilities(CapabilityParser.capabilities(r));
            case "ENABLED":
                return new Untagged.Enabled(CapabilityParser.capabilities(r));
            case "ID":
                return IdParser.idResponse(r);
            case "NAMESPACE":
                return NamespaceParser.namespaceResponse(r);
            case "FLAGS":
                r.sp();
                return new Untagged.Flags(FlagParser.flagList(r));
            case "LIST":
                return ListParser.mailboxList(r, false, utf8);
            case "LSUB":
                return ListParser.mailboxList(r, true, utf8);
            case "STATUS":
                return StatusParser.statusData(r, utf8);
            case "SEARCH":
                return SearchParser.searchResponse(r);
            case "SORT":
                return ThreadParser.sortResponse(r);
            case "ESEARCH":
                return SearchParser.esearch(r);
            case "THREAD":
                return ThreadParser.threadData(r);
            case "VANISHED":
                return vanished(r);
            case "QUOTA":
                return QuotaParser.quota(r);
            case "QUOTAROOT":
                return QuotaParser.quotaRoot(r, utf8);
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
                    batches = SequenceSetParser.reportedSet(r).ranges();
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
    private static Untagged status(ImapReader r, Condition s, boolean missingText) {
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
        return new Untagged.Vanished(earlier, SequenceSetParser.reportedSet(r));
    }

}
