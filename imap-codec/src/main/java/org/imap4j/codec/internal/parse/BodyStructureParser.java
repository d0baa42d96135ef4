package org.imap4j.codec.internal.parse;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.codec.fetch.Envelope;

/**
 * Parses {@code body} (RFC 3501 section 7.4.2 and 9, RFC 9051 section 9) into a typed {@link BodyStructure}. Nesting
 * (multipart parts, encapsulated messages, extension lists) is bounded by {@code CodecLimits.maxNestingDepth}, so a
 * hostile structure gives an {@link ImapProtocolException} long before the stack runs out.
 */
public final class BodyStructureParser {
    private BodyStructureParser() {
    }

    /**
     * {@code body = "(" (body-type-1part / body-type-mpart) ")"}.
     *
     * @param r a reader at the opening parenthesis
     * @return the structure
     */
    public static BodyStructure body(ImapReader r) {
        return body(r, 1);
    }

    private static void depth(ImapReader r, int depth) {
        int max = r.limits.maxNestingDepth();
        if (depth > max) {
            throw ImapProtocolException.limit("maxNestingDepth", depth, max);
        }
    }

    private static void skipSpaces(ImapReader r) {
        if (r.extraSpaces()) {
            while (r.peek() == ' ') {
                r.seek(r.mark() + 1);
            }
        }
    }

    private static BodyStructure body(ImapReader r, int depth) {
        depth(r, depth);
        r.expect('(');
        BodyStructure b = r.peek() == '(' ? bodyTypeMpart(r, depth) : bodyType1part(r, depth);
        skipSpaces(r);
        r.expect(')');
        return b;
    }

    /** {@code body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]}; the parts are adjacent. */
    private static BodyStructure bodyTypeMpart(ImapReader r, int depth) {
        int mark = r.scratchMark();
        while (true) {
            r.push(body(r, depth + 1));
            int m = r.mark();
            skipSpaces(r);
            if (r.peek() != '(') {
                r.reset(m);
                break;
            }
        }
        List<BodyStructure> parts = r.freezeSince(mark);
        r.sp();
        String subtype = EnvelopeParser.string(r, true);
        BodyStructure.MultipartExtension ext = null;
        if (r.peek() == ' ' && !closesAfterSpaces(r)) {
            r.sp();
            ext = bodyExtMpart(r, depth);
        }
        return new BodyStructure.Multipart(parts, subtype, ext);
    }

    /** Whether only spaces stand before the closing parenthesis (a trailing space some servers send). */
    private static boolean closesAfterSpaces(ImapReader r) {
        if (!r.extraSpaces()) {
            return false;
        }
        int i = 0;
        while (r.peek(i) == ' ') {
            i++;
        }
        return r.peek(i) == ')';
    }

    /**
     * {@code body-type-1part = (body-type-basic / body-type-msg / body-type-text) [SP body-ext-1part]}; the media
     * type decides which, since the three share their first two fields.
     */
    private static BodyStructure bodyType1part(ImapReader r, int depth) {
        String type = EnvelopeParser.string(r, true);
        r.sp();
        String subtype = EnvelopeParser.string(r, true);
        r.sp();
        BodyStructure.Fields fields = bodyFields(r);
        if (type.equalsIgnoreCase("TEXT")) {
            r.sp();
            long lines = EnvelopeParser.number64(r);
            return new BodyStructure.Text(subtype, fields, lines, ext1part(r, depth));
        }
        if (type.equalsIgnoreCase("MESSAGE")
                && (subtype.equalsIgnoreCase("RFC822") || subtype.equalsIgnoreCase("GLOBAL"))) {
            r.sp();
            Envelope env = EnvelopeParser.envelope(r);
            r.sp();
            BodyStructure inner = body(r, depth + 1);
            r.sp();
            long lines = EnvelopeParser.number64(r);
            return new BodyStructure.Message(subtype, fields, env, inner, lines, ext1part(r, depth));
        }
        return new BodyStructure.Basic(type, subtype, fields, ext1part(r, depth));
    }

    private static BodyStructure.SinglePartExtension ext1part(ImapReader r, int depth) {
        if (r.peek() == ' ' && !closesAfterSpaces(r)) {
            if (fourNils(r)) {
                return EMPTY_EXT_1PART;
            }
            r.sp();
            return bodyExt1part(r, depth);
        }
        return null;
    }

    /**
     * {@code body-fields = body-fld-param SP body-fld-id SP body-fld-desc SP body-fld-enc SP body-fld-octets}.
     *
     * @param r the reader
     * @return the fields
     */
    static BodyStructure.Fields bodyFields(ImapReader r) {
        List<BodyStructure.Param> params = bodyFldParam(r);
        r.sp();
        String id = EnvelopeParser.nstring(r, false);
        r.sp();
        String desc = EnvelopeParser.nstring(r, false);
        r.sp();
        String enc = EnvelopeParser.string(r, true);
        r.sp();
        long octets = EnvelopeParser.number64(r);
        return new BodyStructure.Fields(params, id, desc, enc, octets);
    }

    /** {@code body-fld-param = "(" string SP string *(SP string SP string) ")" / nil}. */
    private static List<BodyStructure.Param> bodyFldParam(ImapReader r) {
        if (r.peek() != '(') {
            if (r.tryNil()) {
                return List.of();
            }
            throw r.error("body-fld-param");
        }
        ParserMemo memo = r.memo();
        if (!memo.on()) {
            return params(r);
        }
        // A list in its plain form ("charset" "utf-8" on most parts) is found by one scan that checks the form,
        // notes where each string's content lies and hashes it, then one comparison with the memo's list; such bytes
        // parse the same under every quirk set, so the shared value never differs from what the general path builds.
        byte[] b = r.buffer();
        int s = r.mark();
        int[] spans = r.spans();
        long found = plainParams(b, s, r.end(), spans);
        int e = (int) found;
        if (e < 0) {
            return params(r);
        }
        int h = (int) (found >>> 32);
        List<BodyStructure.Param> seen = memo.plainParams(b, s, e, h);
        if (seen == null) {
            seen = plainList(r, memo, b, e, spans);
            memo.plainParams(h, seen);
        }
        r.seek(e);
        return seen;
    }

    /** The longest plain parameter list the memo keeps, in bytes. */
    private static final int PLAIN_PARAMS_MAX = 160;

    /** Enough span slots for the most strings {@link #PLAIN_PARAMS_MAX} bytes can hold (three bytes each at least). */
    static final int PLAIN_SPANS = 2 * (PLAIN_PARAMS_MAX / 3 + 1);

    /**
     * Checks that a parameter list at {@code s} is in the plain form {@code ("n" "v" *(SP "n" SP "v"))} (escape-free
     * ASCII quoted strings separated by single spaces), writing each string's content start and end to {@code spans}
     * and hashing the contents in the same pass, eight bytes at a time.
     *
     * @return the end (after ")") in the low 32 bits and the hash in the high ones; a negative low half for any other
     *     form or a longer list
     */
    private static long plainParams(byte[] b, int s, int end, int[] spans) {
        int p = s + 1;
        int max = Math.min(end, s + PLAIN_PARAMS_MAX);
        int h = 0x61C88647;
        int k = 0;
        while (true) {
            if (p >= max || b[p] != '"') {
                return -1;
            }
            int a = ++p;
            long m = EnvelopeParser.scanMix(b, p, max, h);
            p = (int) m;
            h = (int) (m >>> 32);
            if (p >= max) {
                return -1;
            }
            if (b[p] != '"') {
                return -1;
            }
            spans[k++] = a;
            spans[k++] = p;
            p++;
            if (p >= max) {
                return -1;
            }
            byte c = b[p];
            if ((k & 2) != 0) {
                // after a name: one space, then its value
                if (c != ' ') {
                    return -1;
                }
            } else if (c == ')') {
                return (long) h << 32 | (p + 1);
            } else if (c != ' ') {
                return -1;
            }
            p++;
        }
    }

    /** The list of a plain parameter list ending at {@code e}, whose string contents {@link #plainParams} noted. */
    private static List<BodyStructure.Param> plainList(ImapReader r, ParserMemo memo, byte[] b, int e, int[] spans) {
        int mark = r.scratchMark();
        BodyStructure.Param first = null;
        for (int k = 0; ; k += 4) {
            BodyStructure.Param p = new BodyStructure.Param(EnvelopeParser.intern(memo, b, spans[k], spans[k + 1]),
                    EnvelopeParser.intern(memo, b, spans[k + 2], spans[k + 3]));
            first = r.listAdd(mark, first, p);
            if (spans[k + 3] == e - 2) {
                return r.listFreeze(mark, first);
            }
        }
    }

    /** {@link #bodyFldParam} of a list, read pair by pair. */
    private static List<BodyStructure.Param> params(ImapReader r) {
        r.seek(r.mark() + 1);
        // Most parts have one parameter (the charset): the scratch stack is used only from a second one. Repeated
        // lists are shared by bodyFldParam's memo of plain lists, so no per-pair memo is probed here.
        BodyStructure.Param first = null;
        int mark = r.scratchMark();
        while (!closeList(r, first == null)) {
            String name = EnvelopeParser.string(r, true);
            r.sp();
            String value = EnvelopeParser.string(r, true);
            first = r.listAdd(mark, first, new BodyStructure.Param(name, value));
        }
        return r.listFreeze(mark, first);
    }

    /** {@code body-fld-dsp = "(" string SP body-fld-param ")" / nil}. */
    private static BodyStructure.Disposition bodyFldDsp(ImapReader r) {
        if (r.peek() != '(') {
            if (r.tryNil()) {
                return null;
            }
            if (r.bareDisposition() && r.peek() == '"') {
                // Exchange / Office 365: "inline" for ("inline" NIL) (Quirk.BARE_DISPOSITION); only a MIME token
                // qualifies, so a misplaced description ("S/MIME Encrypted Message", Exchange 2016) still fails
                int at = r.mark();
                String type = EnvelopeParser.string(r, true);
                if (isMimeToken(type)) {
                    return new BodyStructure.Disposition(type, List.of());
                }
                r.reset(at);
            }
            throw r.error("body-fld-dsp");
        }
        r.seek(r.mark() + 1);
        String type = EnvelopeParser.string(r, true);
        r.sp();
        List<BodyStructure.Param> params = bodyFldParam(r);
        skipSpaces(r);
        r.expect(')');
        return new BodyStructure.Disposition(type, params);
    }

    /** {@code token} of RFC 2045 section 5.1: no SP, CTL or tspecial. */
    private static boolean isMimeToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code body-fld-lang = nstring / "(" string *(SP string) ")"}. */
    private static List<String> bodyFldLang(ImapReader r) {
        if (r.peek() != '(') {
            String s = EnvelopeParser.nstring(r, true);
            return s == null ? List.of() : List.of(s);
        }
        r.seek(r.mark() + 1);
        ArrayList<String> out = new ArrayList<>(2);
        while (!closeList(r, out.isEmpty())) {
            out.add(EnvelopeParser.string(r, true));
        }
        return EnvelopeParser.freeze(out);
    }

    /**
     * {@code body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP
     * body-extension)]]]}.
     */
    private static BodyStructure.SinglePartExtension bodyExt1part(ImapReader r, int depth) {
        String md5 = EnvelopeParser.nstring(r, false);
        BodyStructure.Disposition dsp = null;
        List<String> lang = List.of();
        String loc = null;
        List<ImapValue> more = List.of();
        if (more(r)) {
            dsp = bodyFldDsp(r);
            if (more(r)) {
                lang = bodyFldLang(r);
                if (more(r)) {
                    loc = EnvelopeParser.nstring(r, false);
                    more = bodyExtensions(r, depth);
                }
            }
        }
        if (md5 == null && dsp == null && lang.isEmpty() && loc == null && more.isEmpty()) {
            return EMPTY_EXT_1PART;
        }
        return new BodyStructure.SinglePartExtension(md5, dsp, lang, loc, more);
    }

    /** The bytes {@code " NIL NIL"} as one little-endian word. */
    private static final long SP_NIL_SP_NIL =
            (long) EnvelopeParser.LONG.get(" NIL NIL".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);

    /**
     * Consumes {@code " NIL NIL NIL NIL"} if exactly those bytes stand before a closing parenthesis (the extension
     * data of most single parts, which the general path reads as four nstrings): two word comparisons.
     */
    private static boolean fourNils(ImapReader r) {
        byte[] b = r.buffer();
        int p = r.mark();
        if (p + 17 > r.end() || b[p + 16] != ')' || (long) EnvelopeParser.LONG.get(b, p) != SP_NIL_SP_NIL
                || (long) EnvelopeParser.LONG.get(b, p + 8) != SP_NIL_SP_NIL) {
            return false;
        }
        r.seek(p + 16);
        return true;
    }

    /** {@code NIL NIL NIL NIL}, the extension data of most text parts: immutable, so one instance serves all. */
    private static final BodyStructure.SinglePartExtension EMPTY_EXT_1PART =
            new BodyStructure.SinglePartExtension(null, null, List.of(), null, List.of());

    /**
     * {@code body-ext-mpart = body-fld-param [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP
     * body-extension)]]]}.
     */
    private static BodyStructure.MultipartExtension bodyExtMpart(ImapReader r, int depth) {
        List<BodyStructure.Param> params = bodyFldParam(r);
        BodyStructure.Disposition dsp = null;
        List<String> lang = List.of();
        String loc = null;
        List<ImapValue> more = List.of();
        if (more(r)) {
            dsp = bodyFldDsp(r);
            if (more(r)) {
                lang = bodyFldLang(r);
                if (more(r)) {
                    loc = EnvelopeParser.nstring(r, false);
                    more = bodyExtensions(r, depth);
                }
            }
        }
        return new BodyStructure.MultipartExtension(params, dsp, lang, loc, more);
    }

    /**
     * Between list elements: consumes ")" and answers true at the list's end, else consumes the SP before the next
     * element (none before the first) and answers false.
     */
    private static boolean closeList(ImapReader r, boolean first) {
        if (r.tryByte(')')) {
            return true;
        }
        if (!first) {
            r.sp();
            if (r.tryByte(')')) {
                return true;
            }
        }
        return false;
    }

    /** Consumes SP when another field follows (not a closing parenthesis). */
    private static boolean more(ImapReader r) {
        if (r.peek() == ' ' && !closesAfterSpaces(r)) {
            r.sp();
            return true;
        }
        return false;
    }

    private static List<ImapValue> bodyExtensions(ImapReader r, int depth) {
        if (!more(r)) {
            return List.of();
        }
        ArrayList<ImapValue> out = new ArrayList<>(2);
        do {
            out.add(bodyExtension(r, depth + 1));
        } while (more(r));
        return EnvelopeParser.freeze(out);
    }

    /**
     * {@code body-extension = nstring / number / number64 / "(" body-extension *(SP body-extension) ")"}; an atom,
     * which the grammar does not allow, is kept as {@link ImapValue.Atom} rather than failing the whole item.
     */
    private static ImapValue bodyExtension(ImapReader r, int depth) {
        depth(r, depth);
        int c = r.peek();
        if (c == '(') {
            r.seek(r.mark() + 1);
            ArrayList<ImapValue> out = new ArrayList<>(2);
            while (!closeList(r, out.isEmpty())) {
                out.add(bodyExtension(r, depth + 1));
            }
            return new ImapValue.ValueList(out);
        }
        if (c == '"') {
            return new ImapValue.Quoted(r.quoted());
        }
        if (c == '{' || c == '~') {
            EnvelopeParser.guardLiteral(r);
            if (!r.literalSpan()) {
                return new ImapValue.StreamedLiteral(r.litSize(), r.litBinary());
            }
            return new ImapValue.Literal(Bytes.copyOf(r.buffer(), r.litStart(), r.litEnd() - r.litStart()),
                    r.litBinary());
        }
        if (r.atDigit()) {
            return new ImapValue.Num(EnvelopeParser.number64(r));
        }
        if (r.tryNil()) {
            return ImapValue.NIL;
        }
        return new ImapValue.Atom(r.atom());
    }
}
