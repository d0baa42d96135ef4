package org.imap4j.codec.internal.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.internal.ascii.Ascii;
import org.imap4j.codec.response.ResponseCode;

/** Parses response codes ({@code resp-text-code}, RFC 9051 section 9) into {@link ResponseCode}s. */
public final class ResponseCodeParser {
    /** The data-less codes by wire name; immutable, so the codec holds no shared mutable state. */
    private static final Map<String, ResponseCode.Simple> SIMPLE = simpleCodes();

    private static Map<String, ResponseCode.Simple> simpleCodes() {
        Map<String, ResponseCode.Simple> m = new HashMap<>();
        for (ResponseCode.Kind k : ResponseCode.Kind.values()) {
            m.put(k.wire(), new ResponseCode.Simple(k));
        }
        return Map.copyOf(m);
    }

    private ResponseCodeParser() {
    }

    /**
     * {@code resp-text-code = "ALERT" / "BADCHARSET" [SP "(" charset *(SP charset) ")"] / capability-data / "PARSE" /
     * "PERMANENTFLAGS" SP "(" [flag-perm *(SP flag-perm)] ")" / "READ-ONLY" / "READ-WRITE" / "TRYCREATE" /
     * "UIDNEXT" SP nz-number / "UIDVALIDITY" SP nz-number / "UNSEEN" SP nz-number / ... /
     * atom [SP 1*<any TEXT-CHAR except "]">]} (RFC 9051 section 9, RFC 5530, RFC 4315, RFC 7162, RFC 8474). The
     * reader is after {@code "["} and is left at {@code "]"}. A known code whose data does not match its grammar is
     * kept as {@link ResponseCode.Other}, so one odd code never costs the whole response.
     *
     * @param r the reader
     * @return the code
     */
    public static ResponseCode respTextCode(ImapReader r) {
        String name = r.run(Ascii.ATOM, "response code").toUpperCase(Locale.ROOT);
        int afterName = r.mark();
        ResponseCode.Simple simple = SIMPLE.get(name);
        if (simple != null && r.peek() == ']') {
            return simple;
        }
        if (simple == null) {
            ResponseCode c = null;
            try {
                c = typed(r, name);
            } catch (ImapProtocolException e) {
                if (e.limit() != null) {
                    throw e;
                }
            } catch (IllegalArgumentException e) {
                c = null;
            }
            if (c != null && r.peek() == ']') {
                return c;
            }
            r.reset(afterName);
        }
        return other(r, name);
    }

    private static ResponseCode typed(ImapReader r, String name) {
        switch (name) {
            case "BADCHARSET":
                return badCharset(r);
            case "CAPABILITY":
                return new ResponseCode.Capabilities(CapabilityParser.capabilities(r));
            case "PERMANENTFLAGS":
                r.sp();
                return new ResponseCode.PermanentFlags(FlagParser.flagList(r));
            case "UIDNEXT":
                r.sp();
                return new ResponseCode.UidNext(r.nzNumber());
            case "UIDVALIDITY":
                r.sp();
                return new ResponseCode.UidValidity(r.nzNumber());
            case "UNSEEN":
                r.sp();
                return new ResponseCode.Unseen(r.nzNumber());
            case "HIGHESTMODSEQ":
                r.sp();
                return new ResponseCode.HighestModSeq(r.number64());
            case "MODIFIED":
                r.sp();
                return new ResponseCode.Modified(SequenceSetParser.reportedSet(r));
            case "APPENDUID": {
                r.sp();
                long v = r.nzNumber();
                r.sp();
                return new ResponseCode.AppendUid(v, SequenceSetParser.reportedSet(r));
            }
            case "COPYUID": {
                r.sp();
                long v = r.nzNumber();
                r.sp();
                SequenceSet src = SequenceSetParser.reportedSet(r);
                r.sp();
                return new ResponseCode.CopyUid(v, src, SequenceSetParser.reportedSet(r));
            }
            case "MAILBOXID": {
                r.sp();
                r.expect('(');
                String id = r.run(Ascii.ATOM, "objectid");
                r.expect(')');
                return new ResponseCode.MailboxId(id);
            }
            case "REFERRAL": {
                r.expect(' ');
                String all = untilBracket(r);
                List<String> urls = new ArrayList<>();
                for (String u : all.split(" ")) {
                    if (!u.isEmpty()) {
                        urls.add(u);
                    }
                }
                return new ResponseCode.Referral(urls);
            }
            case "METADATA":
                return MetadataParser.code(r);
            case "INPROGRESS":
                return inProgress(r);
            case "URLMECH":
                return UrlAuthParser.urlMech(r);
            case "BADEVENT":
                return NotifyParser.badEvent(r);
            case "MESSAGELIMIT": {
                r.sp();
                long limit = r.nzNumber();
                Long lowest = null;
                if (r.peek() == ' ') {
                    r.sp();
                    lowest = r.nzNumber();
                }
                return new ResponseCode.MessageLimit(limit, lowest);
            }
            case "BADURL":
                r.expect(' ');
                return new ResponseCode.BadUrl(untilBracket(r));
            default:
                return null;
        }
    }

    /**
     * {@code "INPROGRESS" [SP "(" inprogress-tag SP inprogress-state ")"]}, {@code inprogress-tag = quoted / nil},
     * {@code inprogress-state = nil SP nil / number SP nil / number SP nz-number} (RFC 9585). A goal of 0, or
     * below the progress, is read as unknown (RFC 9585 section 4 asks clients to disregard it).
     */
    private static ResponseCode inProgress(ImapReader r) {
        if (r.peek() != ' ') {
            return new ResponseCode.InProgress(null, null, null);
        }
        r.sp();
        r.expect('(');
        String tag = r.tryNil() ? null : r.quoted();
        r.sp();
        Long progress = r.tryNil() ? null : r.number();
        r.sp();
        Long goal = r.tryNil() ? null : r.number();
        r.expect(')');
        if (progress == null || goal != null && (goal < 1 || goal < progress)) {
            goal = null;
        }
        return new ResponseCode.InProgress(tag, progress, goal);
    }

    /** {@code "BADCHARSET" [SP "(" charset *(SP charset) ")"]}; {@code charset = atom / quoted}. */
    private static ResponseCode badCharset(ImapReader r) {
        if (r.peek() != ' ') {
            return new ResponseCode.BadCharset(List.of());
        }
        r.sp();
        r.expect('(');
        List<String> out = new ArrayList<>();
        while (true) {
            ParseSupport.checkCount(r, out.size());
            out.add(r.peek() == '"' ? r.quotedLenient() : r.run(Ascii.ATOM, "charset"));
            if (r.tryByte(')')) {
                break;
            }
            r.sp();
        }
        return new ResponseCode.BadCharset(out);
    }

    /** {@code atom [SP 1*<any TEXT-CHAR except "]">]}: an unknown code, its data kept as text. */
    private static ResponseCode other(ImapReader r, String name) {
        if (r.peek() == ']') {
            return new ResponseCode.Other(name, null);
        }
        r.expect(' ');
        String data = untilBracket(r);
        // "[X ]" keeps its empty data, so that it re-encodes to itself (and not to "[X]", a different code)
        return new ResponseCode.Other(name, data);
    }

    private static String untilBracket(ImapReader r) {
        byte[] b = r.buffer();
        int s = r.mark();
        int p = s;
        int end = r.end();
        boolean ascii = true;
        while (p < end) {
            int c = b[p];
            if (c == ']' || c == '\r' || c == '\n') {
                break;
            }
            if (c == 0) {
                throw r.errorAt("TEXT-CHAR (NUL is not allowed)", p);
            }
            if (c < 0) {
                ascii = false;
            }
            p++;
        }
        r.seek(p);
        if (ascii) {
            return new String(b, s, p - s, StandardCharsets.ISO_8859_1);
        }
        // UTF-8 when it is, else byte for byte: never replacement characters, which would lose the data
        java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try {
            return d.decode(java.nio.ByteBuffer.wrap(b, s, p - s)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(b, s, p - s, StandardCharsets.ISO_8859_1);
        }
    }
}
