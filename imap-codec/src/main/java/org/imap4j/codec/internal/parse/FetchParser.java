package org.imap4j.codec.internal.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * Parses FETCH data ({@code msg-att}, RFC 9051 section 7.5.2) and FETCH command attributes (section 6.4.5) straight
 * from the reader's buffer into typed values; only unknown items go through the generic value parser.
 */
public final class FetchParser {
    private static final int UID = 0;
    private static final int FLAGS = 1;
    private static final int INTERNALDATE = 2;
    private static final int RFC822_SIZE = 3;
    private static final int ENVELOPE = 4;
    private static final int BODYSTRUCTURE = 5;
    private static final int BODY = 6;
    private static final int BINARY = 7;
    private static final int BINARY_SIZE = 8;
    private static final int MODSEQ = 9;
    private static final int EMAILID = 10;
    private static final int THREADID = 11;
    private static final int PREVIEW = 12;
    private static final int SAVEDATE = 13;
    private static final int RFC822 = 14;
    private static final int RFC822_HEADER = 15;
    private static final int RFC822_TEXT = 16;
    private static final int X_GM_MSGID = 17;
    private static final int X_GM_THRID = 18;
    private static final int X_GM_LABELS = 19;
    private static final int BODY_PEEK = 20;
    private static final int BINARY_PEEK = 21;

    /** Item names by code, in the order they are tried (most frequent first). */
    private static final String[] NAMES = {"UID", "FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODYSTRUCTURE",
        "BODY", "BINARY", "BINARY.SIZE", "MODSEQ", "EMAILID", "THREADID", "PREVIEW", "SAVEDATE", "RFC822",
        "RFC822.HEADER", "RFC822.TEXT", "X-GM-MSGID", "X-GM-THRID", "X-GM-LABELS", "BODY.PEEK", "BINARY.PEEK"};

    private static final FetchAttribute.Item[] ITEMS = new FetchAttribute.Item[NAMES.length];

    static {
        for (FetchAttribute.Item i : FetchAttribute.Item.values()) {
            for (int c = 0; c < NAMES.length; c++) {
                if (NAMES[c].equals(i.wire())) {
                    ITEMS[c] = i;
                }
            }
        }
    }

    /** Flags handed out without allocating; keywords compare case-sensitively, so only exact spellings. */
    private static final Flag[] COMMON_FLAGS = {Flag.SEEN, Flag.ANSWERED, Flag.FLAGGED, Flag.DELETED, Flag.DRAFT,
        Flag.RECENT, Flag.of("$Forwarded"), Flag.of("$Junk"), Flag.of("$NotJunk"), Flag.of("$MDNSent"),
        Flag.of("$Phishing"), Flag.of("NonJunk"), Flag.of("Junk")};

    private FetchParser() {
    }

    // ---- names ----

    /**
     * Scans an item name: ATOM-CHARs up to (not including) '['.
     *
     * @return its end
     */
    private static int nameEnd(ImapReader r) {
        byte[] b = r.buffer();
        int p = r.mark();
        int end = r.end();
        while (p < end && b[p] != '[' && Ascii.is(b[p], Ascii.ATOM)) {
            p++;
        }
        return p;
    }

    /**
     * Matches the name at {@code [s, e)} against the known names. Mixed case matches only with
     * {@code Quirk.CASE_INSENSITIVE_NAMES}, which only the reader knows: a non-exact match is confirmed by
     * {@link ImapReader#tryWord}.
     *
     * @return the code, or -1
     */
    private static int code(ImapReader r, int s, int e) {
        byte[] b = r.buffer();
        int n = e - s;
        for (int c = 0; c < NAMES.length; c++) {
            String name = NAMES[c];
            if (name.length() != n) {
                continue;
            }
            boolean exact = true;
            int i = 0;
            for (; i < n; i++) {
                int x = b[s + i];
                int w = name.charAt(i);
                if (x != w) {
                    if (Ascii.upper(x) != w) {
                        break;
                    }
                    exact = false;
                }
            }
            if (i < n) {
                continue;
            }
            if (!exact) {
                int m = r.mark();
                r.seek(s);
                boolean ok = r.tryWord(name) && r.mark() == e;
                r.seek(m);
                return ok ? c : -1;
            }
            return c;
        }
        return -1;
    }

    // ---- response side ----

    /**
     * {@code msg-att = "(" (msg-att-dynamic / msg-att-static) *(SP (msg-att-dynamic / msg-att-static)) ")"}, every
     * item read strictly (a bad item fails the whole list).
     *
     * @param r a reader at the opening parenthesis
     * @return the items in order
     */
    public static List<FetchItem> msgAtt(ImapReader r) {
        return msgAtt(r, false);
    }

    /**
     * {@code msg-att}, as {@link #msgAtt(ImapReader)}; with {@code salvage}, an item that cannot be read becomes
     * {@link FetchItem.Unreadable} (its raw bytes) when its extent is still clear, and the other items are kept
     * ({@link Quirk#SALVAGE_FETCH_ITEMS}). With {@link Quirk#PARENTHESIZED_FETCH_ITEMS}, items wrapped in one extra
     * pair of parentheses are read as if it were not there.
     *
     * @param r       a reader at the opening parenthesis
     * @param salvage whether to keep a message's other items when one cannot be read
     * @return the items in order
     */
    public static List<FetchItem> msgAtt(ImapReader r, boolean salvage) {
        r.expect('(');
        if (r.tryByte(')')) {
            return List.of();
        }
        // The first item in a local, the rest on the reader's scratch stack (ImapReader.listAdd): the items are copied
        // once, into the immutable list, and a one-item FETCH (a flag update) does not touch the stack.
        int mark = r.scratchMark();
        FetchItem first = null;
        int n = 0;
        boolean group = false;
        while (true) {
            if (n >= r.limits.maxListItems()) {
                throw org.imap4j.codec.ImapProtocolException.limit("maxListItems", n + 1L, r.limits.maxListItems());
            }
            if (!group && r.peek() == '(' && r.parenthesizedFetchItems()) {
                // Domino: "(UID 5 (ENVELOPE ...))" or "((UID 5 FLAGS ()))"
                r.expect('(');
                group = true;
            }
            FetchItem it = salvage ? salvaged(r) : item(r);
            if (it != null) {
                first = r.listAdd(mark, first, it);
                n++;
            }
            if (group) {
                if (r.tryByte(')')) {
                    group = false;
                } else {
                    r.sp();
                    continue;
                }
            }
            if (r.tryByte(')')) {
                break;
            }
            r.sp();
            if (r.tryByte(')')) {
                break;
            }
        }
        return r.listFreeze(mark, first);
    }

    /**
     * The items of a FETCH response's text up to a literal the framer streams out, e.g. {@code (UID 7 BODY[1]<0>
     * {2000000}CRLF}: items are read until the text ends, which must be right after that literal's announcement (the
     * last item's data is then {@link BodyData.Streamed}).
     *
     * @param r a reader over the text before the payload, at the item list's opening parenthesis
     * @return the items in order, the streamed one last
     * @throws org.imap4j.codec.ImapProtocolException if an item cannot be read or the text does not end at a
     *     streamed literal
     */
    public static List<FetchItem> prefixItems(ImapReader r) {
        r.expect('(');
        List<FetchItem> items = new ArrayList<>(4);
        boolean group = false;
        while (true) {
            if (items.size() >= r.limits.maxListItems()) {
                throw org.imap4j.codec.ImapProtocolException.limit("maxListItems", items.size() + 1L,
                        r.limits.maxListItems());
            }
            if (!group && r.peek() == '(' && r.parenthesizedFetchItems()) {
                r.expect('(');
                group = true;
            }
            items.add(item(r));
            if (r.mark() == r.end()) {
                return items;
            }
            if (group && r.tryByte(')')) {
                group = false;
            }
            r.sp();
        }
    }

    /** {@link #item}, or the item's raw bytes as {@link FetchItem.Unreadable} when it cannot be read. */
    private static FetchItem salvaged(ImapReader r) {
        int s = r.mark();
        int mark = r.scratchMark();
        try {
            return item(r);
        } catch (org.imap4j.codec.ImapProtocolException e) {
            if (e.limit() != null || isNumberRange(e)) {
                // limits, and numbers out of their range (the number-overflow class), are refused outright
                throw e;
            }
            r.reset(s);
            r.dropScratch(mark);
            return unreadable(r, e);
        } catch (IllegalArgumentException e) {
            r.reset(s);
            r.dropScratch(mark);
            return unreadable(r, r.errorAt("FETCH item (" + e.getMessage() + ")", s));
        }
    }

    /** Whether the error is a number out of its range (as the reader and the number parsers word it). */
    private static boolean isNumberRange(org.imap4j.codec.ImapProtocolException e) {
        String m = e.getMessage();
        return m != null && (m.contains(" out of range") || m.contains("must not be 0"));
    }

    /**
     * The extent of an item that could not be read: its name (with bracketed sections and an origin), then, unless
     * the list ends there, one generic value (balanced parentheses, strings, literals). If even that cannot be read,
     * the item's own error is thrown: the rest of the response cannot be trusted.
     */
    private static FetchItem unreadable(ImapReader r, org.imap4j.codec.ImapProtocolException cause) {
        byte[] b = r.buffer();
        int s = r.mark();
        int end = r.end();
        int p = itemNameEnd(b, s, end);
        if (p < 0) {
            throw cause;
        }
        String name = new String(b, s, p - s, StandardCharsets.ISO_8859_1);
        r.seek(p);
        try {
            if (p == s) {
                if (r.peek() != '(') {
                    throw cause;
                }
                r.value();
            } else if (r.peek() == ' ') {
                int q = p;
                while (q < end && b[q] == ' ') {
                    q++;
                }
                if (q < end && b[q] != ')' && b[q] != '\r' && b[q] != '\n') {
                    r.seek(q);
                    r.value();
                }
            }
        } catch (org.imap4j.codec.ImapProtocolException e) {
            if (e.limit() != null) {
                throw e;
            }
            throw cause;
        }
        return new FetchItem.Unreadable(name, Bytes.copyOf(b, s, r.mark() - s));
    }

    /** One {@code msg-att-dynamic} or {@code msg-att-static} item, dispatched on its name. */
    private static FetchItem item(ImapReader r) {
        int s = r.mark();
        int e = nameEnd(r);
        if (e == s) {
            throw r.error("FETCH item name");
        }
        int code = code(r, s, e);
        r.seek(e);
        switch (code) {
            case UID:
                r.sp();
                return new FetchItem.Uid(r.nzNumber());
            case FLAGS:
                r.sp();
                return flagsItem(r);
            case INTERNALDATE:
                r.sp();
                return DateTimeParser.internalDate(r);
            case RFC822_SIZE:
                r.sp();
                return new FetchItem.Rfc822Size(EnvelopeParser.number64(r));
            case ENVELOPE:
                r.sp();
                return new FetchItem.EnvelopeItem(EnvelopeParser.envelope(r));
            case BODYSTRUCTURE:
                r.sp();
                return new FetchItem.BodyStructureItem(BodyStructureParser.body(r), true);
            case BODY:
                if (r.peek() == '[') {
                    Section sec = section(r);
                    OptionalLong origin = origin(r);
                    if (r.missingSectionData() && noValueFollows(r)) {
                        // Yandex: "BODY[2] )" for an empty part
                        return new FetchItem.BodySection(sec, origin, BodyData.of(Bytes.empty()));
                    }
                    spAfterOrigin(r, origin);
                    return new FetchItem.BodySection(sec, origin, bodyData(r));
                }
                r.sp();
                return new FetchItem.BodyStructureItem(BodyStructureParser.body(r), false);
            case BINARY: {
                List<Integer> part = sectionBinary(r);
                OptionalLong origin = origin(r);
                spAfterOrigin(r, origin);
                return new FetchItem.Binary(part, origin, bodyData(r));
            }
            case BINARY_SIZE: {
                List<Integer> part = sectionBinary(r);
                r.sp();
                return new FetchItem.BinarySize(part, EnvelopeParser.number64(r));
            }
            case MODSEQ: {
                r.sp();
                r.expect('(');
                if (r.negativeModSeq() && r.peek() == '-' && r.peek(1) == '1' && r.peek(2) == ')') {
                    // Zoho: "MODSEQ (-1)" for "no mod-sequence": left out
                    r.seek(r.mark() + 3);
                    return null;
                }
                long v = EnvelopeParser.number64(r);
                r.expect(')');
                return new FetchItem.ModSeq(v);
            }
            case EMAILID: {
                r.sp();
                r.expect('(');
                String id = objectid(r);
                r.expect(')');
                return new FetchItem.EmailId(id);
            }
            case THREADID: {
                r.sp();
                if (r.tryNil()) {
                    return new FetchItem.ThreadId(null);
                }
                r.expect('(');
                String id = objectid(r);
                r.expect(')');
                return new FetchItem.ThreadId(id);
            }
            case PREVIEW:
                r.sp();
                EnvelopeParser.guardLiteral(r);
                return new FetchItem.Preview(r.nstring());
            case SAVEDATE:
                r.sp();
                return new FetchItem.SaveDate(r.tryNil() ? null : DateTimeParser.dateTime(r));
            case RFC822:
                r.sp();
                return new FetchItem.Rfc822(bodyData(r));
            case RFC822_HEADER:
                r.sp();
                return new FetchItem.Rfc822Header(bodyData(r));
            case RFC822_TEXT:
                r.sp();
                return new FetchItem.Rfc822Text(bodyData(r));
            case X_GM_MSGID:
                r.sp();
                return new FetchItem.GmailMessageId(unsigned64(r));
            case X_GM_THRID:
                r.sp();
                return new FetchItem.GmailThreadId(unsigned64(r));
            case X_GM_LABELS: {
                r.sp();
                int at = r.mark();
                List<String> labels = labels(r);
                try {
                    return new FetchItem.GmailLabels(labels);
                } catch (ImapValidationException ex) { // a label with a NUL (from a literal): the server's error
                    throw r.errorAt("X-GM-LABELS (" + ex.getMessage() + ")", at);
                }
            }
            default:
                r.seek(s);
                return other(r);
        }
    }

    /**
     * Whether a section item's value is missing: the list ends, or (after spaces) the next item's name follows,
     * where an {@code nstring} or {@code literal8} would start with a quote, a brace, a tilde or NIL.
     */
    private static boolean noValueFollows(ImapReader r) {
        if (r.peek() == ')') {
            return true;
        }
        if (r.peek() != ' ') {
            return false;
        }
        int k = 1;
        while (r.peek(k) == ' ') {
            k++;
        }
        int c = r.peek(k);
        if (c == ')') {
            return true;
        }
        if (c == '"' || c == '{' || c == '~' || c < 0 || c == '\r' || c == '\n') {
            return false;
        }
        // "NIL" (any case) followed by SP or ')' is the value NIL
        boolean nil = (r.peek(k) | 0x20) == 'n' && (r.peek(k + 1) | 0x20) == 'i' && (r.peek(k + 2) | 0x20) == 'l'
                && (r.peek(k + 3) == ' ' || r.peek(k + 3) == ')');
        return !nil && Ascii.is(c, Ascii.ATOM);
    }

    /**
     * The end of a FETCH item's name starting at {@code s}: atom characters and bracketed sections (nested brackets
     * balanced, on one line).
     *
     * @return the index after the name, or -1 if a section's {@code [} is never closed
     */
    private static int itemNameEnd(byte[] b, int s, int end) {
        int p = s;
        while (p < end) {
            int c = b[p] & 0xff;
            if (c == '[') {
                int depth = 0;
                while (p < end && b[p] != '\r' && b[p] != '\n') {
                    if (b[p] == '[') {
                        depth++;
                    } else if (b[p] == ']' && --depth == 0) {
                        break;
                    }
                    p++;
                }
                if (p >= end || b[p] != ']') {
                    return -1;
                }
                p++;
                continue;
            }
            if (!Ascii.is(c, Ascii.ATOM)) {
                break;
            }
            p++;
        }
        return p;
    }

    /** An unknown item: its name (with any bracketed section) and a generic value. */
    private static FetchItem other(ImapReader r) {
        byte[] b = r.buffer();
        int s = r.mark();
        int p = itemNameEnd(b, s, r.end());
        if (p < 0) {
            throw r.errorAt("']' closing the item's section", s);
        }
        if (p == s) {
            throw r.error("FETCH item name");
        }
        String name = new String(b, s, p - s, StandardCharsets.ISO_8859_1);
        r.seek(p);
        r.sp();
        try {
            return new FetchItem.Other(name, r.value());
        } catch (ImapValidationException ex) {
            throw r.errorAt("FETCH item name (" + ex.getMessage() + ")", s);
        }
    }

    /**
     * {@code "FLAGS" SP "(" [flag-fetch *(SP flag-fetch)] ")"} as its item: a mailbox's messages carry a handful of
     * distinct flag sets, so the item of the same flags (the same shared {@link Flag} instances, in the same order) as
     * one of the last few is that item again.
     */
    private static FetchItem.Flags flagsItem(ImapReader r) {
        r.expect('(');
        int mark = r.scratchMark();
        int n = 0;
        while (true) {
            if (r.tryByte(')')) {
                break;
            }
            if (n > 0) {
                r.sp();
                if (r.tryByte(')')) {
                    break;
                }
            }
            r.push(flag(r));
            n++;
        }
        FetchItem.Flags seen = r.memo().flags(r.scratchArray(), mark, n);
        if (seen != null) {
            r.dropScratch(mark);
            return seen;
        }
        FetchItem.Flags item = new FetchItem.Flags(r.freezeSince(mark));
        r.memo().flags(item);
        return item;
    }

    /** {@code flag-fetch = flag / "\Recent"}, common flags without allocating. */
    private static Flag flag(ImapReader r) {
        byte[] b = r.buffer();
        int s = r.mark();
        int end = r.end();
        int p = s;
        if (p < end && b[p] == '\\') {
            p++;
        }
        while (p < end && Ascii.is(b[p], Ascii.ATOM)) {
            p++;
        }
        int n = p - s;
        if (p < end && (b[p] == ' ' || b[p] == ')')) {
            for (Flag f : COMMON_FLAGS) {
                String v = f.value();
                if (v.length() == n && matches(b, s, v, f.isSystem())) {
                    r.seek(p);
                    return f;
                }
            }
        }
        // A hash of the keyword's length and two bytes (never negative), or -1 when the memo does not apply.
        int slot = -1;
        if (p < end && (b[p] == ' ' || b[p] == ')') && n > 1 && b[s] != '\\') {
            // A keyword this mailbox used before ($Important, $label1...): the same Flag, without a new String.
            slot = n * 31 + b[s + 1] * 7 + b[p - 1];
            Flag f = r.memo().keyword(slot);
            if (f != null && f.value().length() == n && matches(b, s, f.value(), false)) {
                r.seek(p);
                return f;
            }
        }
        String text = r.flag();
        Flag f;
        try {
            f = Flag.of(text);
        } catch (ImapValidationException ex) {
            throw r.errorAt("flag (" + ex.getMessage() + ")", s);
        }
        if (slot >= 0 && r.mark() == p) {
            r.memo().keyword(slot, f);
        }
        return f;
    }

    private static boolean matches(byte[] b, int s, String v, boolean ignoreCase) {
        for (int i = 0; i < v.length(); i++) {
            int x = b[s + i];
            int w = v.charAt(i);
            if (x != w && !(ignoreCase && Ascii.upper(x) == Ascii.upper(w))) {
                return false;
            }
        }
        return true;
    }

    /** {@code objectid = 1*255(ALPHA / DIGIT / "_" / "-")} (RFC 8474). */
    private static String objectid(ImapReader r) {
        byte[] b = r.buffer();
        int s = r.mark();
        int p = s;
        int end = r.end();
        while (p < end) {
            int c = b[p];
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                break;
            }
            p++;
        }
        if (p == s || p - s > 255) {
            throw r.error("objectid (1-255 of ALPHA / DIGIT / \"_\" / \"-\")");
        }
        r.seek(p);
        return new String(b, s, p - s, StandardCharsets.ISO_8859_1);
    }

    /** An unsigned 64-bit decimal (Gmail ids), returned in a {@code long}'s 64 bits. */
    private static long unsigned64(ImapReader r) {
        byte[] b = r.buffer();
        int s = r.mark();
        int p = s;
        int end = r.end();
        long v = 0;
        final long cut = Long.divideUnsigned(-1L, 10);
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            int d = b[p] - '0';
            if (Long.compareUnsigned(v, cut) > 0 || (v == cut && d > 5)) {
                throw r.errorAt("unsigned 64-bit number out of range", s);
            }
            v = v * 10 + d;
            p++;
        }
        if (p == s) {
            throw r.error("number");
        }
        r.seek(p);
        return v;
    }

    /**
     * X-GM-LABELS: {@code "(" [label *(SP label)] ")"}, a label being an astring or {@code \atom}. Gmail sends
     * {@code NIL} for "no labels", as the whole value or as a list element: that is no label, never a label named
     * "NIL" (a label really named so arrives quoted, {@code "NIL"}, and is kept).
     */
    static List<String> labels(ImapReader r) {
        if (r.tryNil()) {
            return List.of();
        }
        r.expect('(');
        ArrayList<String> out = new ArrayList<>(4);
        boolean first = true;
        while (true) {
            if (r.tryByte(')')) {
                break;
            }
            if (!first) {
                r.sp();
                if (r.tryByte(')')) {
                    break;
                }
            }
            first = false;
            if (r.tryNil()) {
                continue;
            }
            EnvelopeParser.guardLiteral(r);
            out.add(r.peek() == '\\' ? r.flag() : r.astring());
        }
        return EnvelopeParser.freeze(out);
    }

    /**
     * {@code nstring} or {@code literal8} as body data: bytes in memory, NIL, or a literal the framer streamed out.
     *
     * @param r the reader
     * @return the data
     */
    static BodyData bodyData(ImapReader r) {
        int c = r.peek();
        if (c == '{' || c == '~') {
            EnvelopeParser.guardLiteral(r);
            if (!r.literalSpan()) {
                return new BodyData.Streamed(r.litSize(), r.litBinary());
            }
            return new BodyData.InMemory(Bytes.copyOf(r.buffer(), r.litStart(), r.litEnd() - r.litStart()));
        }
        if (c == '"') {
            return new BodyData.InMemory(quotedBytes(r));
        }
        if (r.tryNil()) {
            return BodyData.NIL;
        }
        throw r.error("nstring (section data)");
    }

    /** A quoted string's raw bytes, unescaped but not decoded (section data is octets). */
    private static Bytes quotedBytes(ImapReader r) {
        byte[] b = r.buffer();
        int s = r.mark() + 1;
        int end = r.end();
        int p = s;
        boolean escaped = false;
        while (true) {
            if (p >= end) {
                throw r.errorAt("unterminated quoted string", s - 1);
            }
            int c = b[p];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                escaped = true;
                p++;
                if (p >= end || b[p] != '"' && b[p] != '\\') {
                    throw r.errorAt("'\"' or '\\' after '\\' in quoted string", p);
                }
            } else if (c == '\r' || c == '\n' || c == 0) {
                throw r.errorAt("QUOTED-CHAR", p);
            }
            p++;
        }
        r.seek(p + 1);
        if (!escaped) {
            return Bytes.copyOf(b, s, p - s);
        }
        byte[] out = new byte[p - s];
        int n = 0;
        for (int i = s; i < p; i++) {
            if (b[i] == '\\') {
                i++;
            }
            out[n++] = b[i];
        }
        return Bytes.copyOf(out, 0, n);
    }

    /** The SP before the data; GreenMail omits it after an origin ({@link Quirk#MISSING_SPACE_AFTER_ORIGIN}). */
    private static void spAfterOrigin(ImapReader r, OptionalLong origin) {
        if (origin.isPresent() && r.missingSpaceAfterOrigin() && r.peek() != ' ') {
            return;
        }
        r.sp();
    }

    /** {@code "<" number64 ">"} after a section in a response, if present. */
    private static OptionalLong origin(ImapReader r) {
        if (!r.tryByte('<')) {
            return OptionalLong.empty();
        }
        long v = EnvelopeParser.number64(r);
        r.expect('>');
        return OptionalLong.of(v);
    }

    /** {@code section-part = nz-number *("." nz-number)}, each fitting an int. */
    private static int partNumber(ImapReader r) {
        int s = r.mark();
        long v = r.nzNumber();
        if (v > Integer.MAX_VALUE) {
            throw r.errorAt("section part number out of range", s);
        }
        return (int) v;
    }

    /**
     * {@code section-binary = "[" [section-part] "]"} (RFC 3516).
     *
     * @param r a reader at "["
     * @return the part path
     */
    static List<Integer> sectionBinary(ImapReader r) {
        r.expect('[');
        if (r.tryByte(']')) {
            return List.of();
        }
        ArrayList<Integer> part = new ArrayList<>(4);
        do {
            part.add(partNumber(r));
        } while (r.tryByte('.'));
        r.expect(']');
        return EnvelopeParser.freeze(part);
    }

    /**
     * {@code section = "[" [section-spec] "]"}; {@code section-spec = section-msgtext / (section-part ["."
     * section-text])}; {@code section-text = section-msgtext / "MIME"}; {@code section-msgtext = "HEADER" /
     * "HEADER.FIELDS" [".NOT"] SP header-list / "TEXT"}. The longer keywords are tried first since
     * {@code HEADER} is a prefix of both field forms.
     *
     * @param r a reader at "["
     * @return the section
     */
    public static Section section(ImapReader r) {
        int s = r.mark();
        r.expect('[');
        if (r.tryByte(']')) {
            return Section.whole();
        }
        List<Integer> part = List.of();
        boolean text = true;
        if (r.atDigit()) {
            ArrayList<Integer> p = new ArrayList<>(4);
            p.add(partNumber(r));
            text = false;
            while (r.tryByte('.')) {
                if (r.atDigit()) {
                    p.add(partNumber(r));
                } else {
                    text = true;
                    break;
                }
            }
            part = EnvelopeParser.freeze(p);
        }
        Section.Kind kind = Section.Kind.NONE;
        List<String> fields = List.of();
        if (text) {
            if (r.tryWord("HEADER.FIELDS.NOT")) {
                kind = Section.Kind.HEADER_FIELDS_NOT;
            } else if (r.tryWord("HEADER.FIELDS")) {
                kind = Section.Kind.HEADER_FIELDS;
            } else if (r.tryWord("HEADER")) {
                kind = Section.Kind.HEADER;
            } else if (r.tryWord("TEXT")) {
                kind = Section.Kind.TEXT;
            } else if (!part.isEmpty() && r.tryWord("MIME")) {
                kind = Section.Kind.MIME;
            } else {
                throw r.error("section-text (HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT or MIME)");
            }
            if (kind.hasFields()) {
                r.sp();
                fields = headerList(r);
            }
        }
        r.expect(']');
        try {
            return new Section(part, kind, fields);
        } catch (ImapValidationException ex) {
            throw r.errorAt("a valid section (" + ex.getMessage() + ")", s);
        }
    }

    /** {@code header-list = "(" header-fld-name *(SP header-fld-name) ")"}; {@code header-fld-name = astring}. */
    private static List<String> headerList(ImapReader r) {
        r.expect('(');
        ArrayList<String> out = new ArrayList<>(4);
        do {
            int s = r.mark();
            EnvelopeParser.guardLiteral(r);
            String f = r.astring();
            try {
                Section.checkFieldName(f);
            } catch (ImapValidationException ex) {
                throw r.errorAt("header-fld-name (" + ex.getMessage() + ")", s);
            }
            out.add(f);
        } while (r.trySp() && r.peek() != ')');
        r.expect(')');
        return EnvelopeParser.freeze(out);
    }

    // ---- command side ----

    /**
     * The attribute part of a FETCH command: a macro ({@code ALL}, {@code FAST}, {@code FULL}), one
     * {@code fetch-att}, or a parenthesised list of them ({@code "(" fetch-att *(SP fetch-att) ")"}).
     *
     * @param r a reader at the attributes
     * @return the attributes
     */
    public static List<FetchAttribute> attributes(ImapReader r) {
        if (r.tryByte('(')) {
            ArrayList<FetchAttribute> out = new ArrayList<>(8);
            do {
                if (out.size() >= r.limits.maxListItems()) {
                    throw org.imap4j.codec.ImapProtocolException.limit("maxListItems", out.size() + 1L,
                            r.limits.maxListItems());
                }
                out.add(fetchAtt(r));
            } while (r.trySp() && r.peek() != ')');
            r.expect(')');
            return EnvelopeParser.freeze(out);
        }
        if (r.tryWord("ALL")) {
            return List.of(FetchAttribute.Macro.ALL);
        }
        if (r.tryWord("FAST")) {
            return List.of(FetchAttribute.Macro.FAST);
        }
        if (r.tryWord("FULL")) {
            return List.of(FetchAttribute.Macro.FULL);
        }
        return List.of(fetchAtt(r));
    }

    /**
     * {@code fetch-att = "ENVELOPE" / "FLAGS" / "INTERNALDATE" / "RFC822" [".HEADER" / ".SIZE" / ".TEXT"] / "BODY"
     * ["STRUCTURE"] / "UID" / "BODY" section [partial] / "BODY.PEEK" section [partial] / "BINARY" [".PEEK"]
     * section-binary [partial] / "BINARY.SIZE" section-binary} plus the extension keywords.
     *
     * @param r the reader
     * @return the attribute
     */
    public static FetchAttribute fetchAtt(ImapReader r) {
        int s = r.mark();
        int e = nameEnd(r);
        if (e == s) {
            throw r.error("fetch-att");
        }
        int code = code(r, s, e);
        r.seek(e);
        boolean bracket = r.peek() == '[';
        switch (code) {
            case BODY:
            case BODY_PEEK:
                if (bracket) {
                    Section sec = section(r);
                    return new FetchAttribute.BodySection(sec, code == BODY_PEEK, partial(r));
                }
                if (code == BODY_PEEK) {
                    throw r.error("section after BODY.PEEK");
                }
                return FetchAttribute.Item.BODY;
            case BINARY:
            case BINARY_PEEK: {
                if (!bracket) {
                    throw r.error("section-binary");
                }
                List<Integer> part = sectionBinary(r);
                return new FetchAttribute.Binary(part, code == BINARY_PEEK, partial(r));
            }
            case BINARY_SIZE:
                if (!bracket) {
                    throw r.error("section-binary");
                }
                return new FetchAttribute.BinarySize(sectionBinary(r));
            default:
                break;
        }
        if (bracket) {
            throw r.error("a known fetch-att before '['");
        }
        if (code == PREVIEW && r.peek() == ' ' && r.peek(1) == '(') {
            // "PREVIEW" [SP "(" preview-mod *(SP preview-mod) ")"] (RFC 8970 section 6)
            r.sp();
            r.expect('(');
            List<String> mods = new ArrayList<>(2);
            do {
                mods.add(r.atom().toUpperCase(java.util.Locale.ROOT));
            } while (r.tryByte(' '));
            r.expect(')');
            return new FetchAttribute.Preview(mods);
        }
        if (code >= 0) {
            return ITEMS[code];
        }
        r.seek(s);
        String atom = r.atom();
        try {
            return new FetchAttribute.Other(atom);
        } catch (ImapValidationException ex) {
            throw r.errorAt("fetch-att (" + ex.getMessage() + ")", s);
        }
    }

    /** {@code partial = "<" number64 "." nz-number64 ">"}, if present. */
    private static FetchAttribute.Partial partial(ImapReader r) {
        if (!r.tryByte('<')) {
            return null;
        }
        long off = EnvelopeParser.number64(r);
        r.expect('.');
        int s = r.mark();
        long len = EnvelopeParser.number64(r);
        if (len == 0) {
            throw r.errorAt("nz-number64", s);
        }
        r.expect('>');
        return new FetchAttribute.Partial(off, len);
    }
}
