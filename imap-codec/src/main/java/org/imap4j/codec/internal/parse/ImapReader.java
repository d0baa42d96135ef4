package org.imap4j.codec.internal.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * A cursor over one framed response (or command) in the framer's buffer, with one method per lexical rule of RFC 9051
 * section 9. Every typed parser is built from these. All errors are {@link ImapProtocolException}s that show the
 * offset and the bytes around it.
 *
 * <p>The frame ends in CRLF; literal payloads lie inside it, right after their {@code {n}CRLF}, except those the
 * framer streamed out (see {@link #isStreamedHere()}).
 */
public final class ImapReader {
    private byte[] buf;
    private int start;
    private int end;
    private int[] streamed;
    /** The limits in force. */
    public final CodecLimits limits;
    private final boolean extraSpaces;
    private final boolean latin1Fallback;
    private final boolean caseInsensitive;
    private final boolean nilAsEmpty;
    private final boolean looseAtoms;
    private final boolean missingSpaceAfterOrigin;
    private final boolean bareDisposition;
    private final boolean unescapedQuotes;
    private final boolean parenthesizedFetchItems;
    private final boolean negativeModSeq;
    private final boolean missingSectionData;
    private final boolean bareResponseCodeLine;
    private final boolean salvageFetchItems;
    private final ParserMemo memo;
    private int pos;
    private boolean strictStrings;

    /**
     * @param buf      the buffer
     * @param start    the frame's first byte
     * @param end      the frame's end (exclusive, after the final LF)
     * @param streamed offsets (relative to {@code start}) where a literal payload was streamed out
     * @param limits   limits to enforce
     * @param quirks   tolerated deviations
     */
    public ImapReader(byte[] buf, int start, int end, int[] streamed, CodecLimits limits, Set<Quirk> quirks) {
        this(buf, start, end, streamed, limits, quirks, ParserMemo.off());
    }

    /**
     * @param buf      the buffer
     * @param start    the frame's first byte
     * @param end      the frame's end (exclusive, after the final LF)
     * @param streamed offsets (relative to {@code start}) where a literal payload was streamed out
     * @param limits   limits to enforce
     * @param quirks   tolerated deviations
     * @param memo     the memo of the engine or decoder that owns this frame
     */
    public ImapReader(byte[] buf, int start, int end, int[] streamed, CodecLimits limits, Set<Quirk> quirks,
            ParserMemo memo) {
        this.buf = buf;
        this.memo = memo;
        this.start = start;
        this.end = end;
        this.streamed = streamed;
        this.limits = limits;
        this.pos = start;
        this.extraSpaces = quirks.contains(Quirk.EXTRA_SPACES);
        this.latin1Fallback = quirks.contains(Quirk.LATIN1_FALLBACK);
        this.caseInsensitive = quirks.contains(Quirk.CASE_INSENSITIVE_NAMES);
        this.nilAsEmpty = quirks.contains(Quirk.NIL_AS_EMPTY_STRING);
        this.looseAtoms = quirks.contains(Quirk.LOOSE_ATOMS);
        this.missingSpaceAfterOrigin = quirks.contains(Quirk.MISSING_SPACE_AFTER_ORIGIN);
        this.bareDisposition = quirks.contains(Quirk.BARE_DISPOSITION);
        this.unescapedQuotes = quirks.contains(Quirk.UNESCAPED_MAILBOX_QUOTES);
        this.parenthesizedFetchItems = quirks.contains(Quirk.PARENTHESIZED_FETCH_ITEMS);
        this.negativeModSeq = quirks.contains(Quirk.NEGATIVE_MODSEQ);
        this.missingSectionData = quirks.contains(Quirk.MISSING_SECTION_DATA);
        this.bareResponseCodeLine = quirks.contains(Quirk.BARE_RESPONSE_CODE_LINE);
        this.salvageFetchItems = quirks.contains(Quirk.SALVAGE_FETCH_ITEMS);
    }

    /**
     * Points this reader at the next frame, as if it had just been constructed over it with the same limits, quirks
     * and memo: a decoder reads its frames one after another and reuses one reader (no parsed value keeps a
     * reference to its reader, and a reader is never shared between threads: it belongs to one decoder or engine).
     *
     * @param buf      the buffer
     * @param start    the frame's first byte
     * @param end      the frame's end (exclusive, after the final LF)
     * @param streamed offsets (relative to {@code start}) where a literal payload was streamed out
     * @return this reader
     */
    public ImapReader reset(byte[] buf, int start, int end, int[] streamed) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.streamed = streamed;
        this.pos = start;
        this.strictStrings = false;
        this.lenientQuoted = false;
        this.litStart = 0;
        this.litEnd = 0;
        this.litSize = 0;
        this.litBinary = false;
        if (scratchTop > 0) {
            // A frame that failed half-way left elements behind.
            java.util.Arrays.fill(scratch, 0, scratchTop, null);
            scratchTop = 0;
        }
        return this;
    }

    /**
     * A stack of list elements under construction, shared by the list readers of one frame (nested lists push above
     * their parent's elements and pop back to it): kept by a reused reader, so building a list costs only its final
     * immutable copy.
     */
    private Object[] scratch;
    private int scratchTop;

    /** @return where the list about to be read starts on the scratch stack, for {@link #freezeSince} */
    int scratchMark() {
        return scratchTop;
    }

    /** Drops what the lists of an abandoned read (one a caller recovers from) left above {@code mark}. */
    void dropScratch(int mark) {
        if (scratchTop > mark) {
            java.util.Arrays.fill(scratch, mark, scratchTop, null);
            scratchTop = mark;
        }
    }

    /** @return the scratch stack's array (elements from a {@link #scratchMark()} on), to compare, not to keep */
    Object[] scratchArray() {
        return scratch;
    }

    /** Pushes one element of the list being read. */
    void push(Object element) {
        Object[] a = scratch;
        if (a == null) {
            a = scratch = new Object[16];
        } else if (scratchTop == a.length) {
            a = scratch = java.util.Arrays.copyOf(a, a.length * 2);
        }
        a[scratchTop++] = element;
    }

    /**
     * Pops the elements pushed since {@code mark} into an immutable list, in order.
     *
     * @param mark what {@link #scratchMark()} returned before the first push
     * @param <T>  the element type (the caller pushed only such elements)
     * @return the immutable list
     */
    <T> List<T> freezeSince(int mark) {
        int n = scratchTop - mark;
        if (n == 0) {
            return List.of();
        }
        List<T> l = EnvelopeParser.freeze(scratch, mark, n);
        java.util.Arrays.fill(scratch, mark, scratchTop, null);
        scratchTop = mark;
        return l;
    }

    /**
     * Adds an element to the list started at {@code mark}, keeping a first element in the caller's local and using the
     * scratch stack only from a second one (most lists hold one element): {@code first = r.listAdd(mark, first, e)}.
     *
     * @param mark    what {@link #scratchMark()} returned before the list
     * @param first   the list's first element, null while the list is empty
     * @param element the element read
     * @param <T>     the element type
     * @return the list's first element
     */
    <T> T listAdd(int mark, T first, T element) {
        if (first == null) {
            return element;
        }
        if (scratchTop == mark) {
            push(first);
        }
        push(element);
        return first;
    }

    /**
     * The immutable list that {@link #listAdd} calls built: empty, one element, or the elements pushed since
     * {@code mark}, which are popped.
     *
     * @param mark  what {@link #scratchMark()} returned before the list
     * @param first the list's first element, null for an empty list
     * @param <T>   the element type
     * @return the immutable list
     */
    <T> List<T> listFreeze(int mark, T first) {
        return listFreeze(mark, first, null);
    }

    /**
     * {@link #listFreeze(int, Object)}, answering a list of the first element alone with {@code single} when the
     * caller holds one already (a memo's shared one-element list).
     *
     * @param mark   what {@link #scratchMark()} returned before the list
     * @param first  the list's first element, null for an empty list
     * @param single an immutable list of {@code first} alone, or null
     * @param <T>    the element type
     * @return the immutable list
     */
    <T> List<T> listFreeze(int mark, T first, List<T> single) {
        if (scratchTop != mark) {
            return freezeSince(mark);
        }
        if (first == null) {
            return List.of();
        }
        return single != null ? single : List.of(first);
    }

    private int[] spans;

    /** @return a scratch array of string spans, for the plain parameter-list scan; contents are the caller's */
    int[] spans() {
        int[] a = spans;
        if (a == null) {
            a = spans = new int[BodyStructureParser.PLAIN_SPANS];
        }
        return a;
    }

    /**
     * Lets go of the frame's buffer once the frame is parsed, so that a reader kept for the next frame never holds a
     * buffer its framer has released; {@link #reset} points it at a frame again.
     */
    public void detach() {
        this.buf = NO_BYTES;
        this.start = 0;
        this.end = 0;
        this.pos = 0;
        this.streamed = NO_OFFSETS;
    }

    private static final byte[] NO_BYTES = new byte[0];
    private static final int[] NO_OFFSETS = new int[0];

    /** @return the memo of values recently built by this reader's owner */
    ParserMemo memo() {
        return memo;
    }

    /** @return whether {@link Quirk#PARENTHESIZED_FETCH_ITEMS} is on */
    public boolean parenthesizedFetchItems() {
        return parenthesizedFetchItems;
    }

    /** @return whether {@link Quirk#NEGATIVE_MODSEQ} is on */
    public boolean negativeModSeq() {
        return negativeModSeq;
    }

    /** @return whether {@link Quirk#MISSING_SECTION_DATA} is on */
    public boolean missingSectionData() {
        return missingSectionData;
    }

    /** @return whether {@link Quirk#BARE_RESPONSE_CODE_LINE} is on */
    public boolean bareResponseCodeLine() {
        return bareResponseCodeLine;
    }

    /** @return whether {@link Quirk#SALVAGE_FETCH_ITEMS} is on */
    public boolean salvageFetchItems() {
        return salvageFetchItems;
    }

    /** @return whether {@link Quirk#UNESCAPED_MAILBOX_QUOTES} is on */
    public boolean unescapedMailboxQuotes() {
        return unescapedQuotes;
    }

    /** @return whether {@link Quirk#BARE_DISPOSITION} is on */
    public boolean bareDisposition() {
        return bareDisposition;
    }

    /** @return whether {@link Quirk#MISSING_SPACE_AFTER_ORIGIN} is on */
    public boolean missingSpaceAfterOrigin() {
        return missingSpaceAfterOrigin;
    }

    /**
     * Refuses NUL inside literal strings ({@code CHAR8 = %x01-ff}). The server half (command parsing) is strict, so
     * that everything it accepts is a command the client half can write; the response side stays tolerant.
     */
    public void strictStrings() {
        strictStrings = true;
    }

    /** @return whether {@link Quirk#NIL_AS_EMPTY_STRING} is on */
    public boolean nilAsEmpty() {
        return nilAsEmpty;
    }

    /** @return whether {@link Quirk#EXTRA_SPACES} is on */
    public boolean extraSpaces() {
        return extraSpaces;
    }

    // ---- position ----

    /** @return the current position (for {@link #reset}) */
    public int mark() {
        return pos;
    }

    /** @param mark a value of {@link #mark()} */
    public void reset(int mark) {
        pos = mark;
    }

    /** @return the offset of the cursor from the frame's start */
    public int offset() {
        return pos - start;
    }

    /** @return the next byte (0-255) without consuming it, or -1 at the end */
    public int peek() {
        return pos < end ? buf[pos] & 0xff : -1;
    }

    /**
     * @param ahead how far ahead
     * @return the byte there, or -1
     */
    public int peek(int ahead) {
        return pos + ahead < end ? buf[pos + ahead] & 0xff : -1;
    }

    /** @return the buffer (for parsers that scan bytes themselves) */
    public byte[] buffer() {
        return buf;
    }

    /** @return the frame's end */
    public int end() {
        return end;
    }

    /** @param p a new position within the frame */
    public void seek(int p) {
        pos = p;
    }

    // ---- errors ----

    /**
     * @param expected what the grammar wanted at the cursor
     * @return an exception showing the cursor's surroundings
     */
    public ImapProtocolException error(String expected) {
        return ImapProtocolException.at("expected " + expected, buf, start, Math.min(pos, end), end);
    }

    /**
     * @param message what is wrong
     * @param at      a buffer position
     * @return an exception showing {@code at}'s surroundings
     */
    public ImapProtocolException errorAt(String message, int at) {
        return ImapProtocolException.at(message, buf, start, Math.min(at, end), end);
    }

    // ---- separators ----

    /** @return whether the cursor is at the final CRLF (or bare LF) */
    public boolean atLineEnd() {
        int c = peek();
        return c == '\r' && peek(1) == '\n' || c == '\n';
    }

    /** Consumes the final line end; with {@link Quirk#EXTRA_SPACES} trailing spaces before it are skipped. */
    public void crlf() {
        if (extraSpaces) {
            while (peek() == ' ') {
                pos++;
            }
        }
        if (peek() == '\r' && peek(1) == '\n') {
            pos += 2;
        } else if (peek() == '\n') {
            pos++;
        } else {
            throw error("CRLF");
        }
        if (pos != end) {
            throw error("end of response after CRLF");
        }
    }

    /** Consumes one SP (more than one with {@link Quirk#EXTRA_SPACES}). */
    public void sp() {
        if (peek() != ' ') {
            throw error("SP");
        }
        pos++;
        if (extraSpaces) {
            while (peek() == ' ') {
                pos++;
            }
        }
    }

    /** @return whether a space was consumed (as {@link #sp()}) */
    public boolean trySp() {
        if (peek() != ' ') {
            return false;
        }
        sp();
        return true;
    }

    /**
     * @param c the byte expected
     * @throws ImapProtocolException if it is not next
     */
    public void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    /**
     * @param c a byte
     * @return whether it was next (and consumed)
     */
    public boolean tryByte(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * Consumes {@code word} (upper-case ASCII) if it is next, matched case-insensitively when
     * {@link Quirk#CASE_INSENSITIVE_NAMES} is on, and followed by a byte that cannot continue an atom.
     *
     * @param word the upper-case keyword
     * @return whether it was consumed
     */
    public boolean tryWord(String word) {
        int n = word.length();
        if (pos + n > end) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int c = buf[pos + i] & 0xff;
            int w = word.charAt(i);
            if (c != w && !(caseInsensitive && Ascii.upper(c) == w)) {
                return false;
            }
        }
        int after = pos + n < end ? buf[pos + n] & 0xff : -1;
        if (after >= 0 && Ascii.is(after, Ascii.ATOM) && !isBoundaryChar(word, after)) {
            return false;
        }
        pos += n;
        return true;
    }

    private static boolean isBoundaryChar(String word, int after) {
        char last = word.charAt(word.length() - 1);
        return last == '[' || last == '.' || after == '[' || after == '<' || after == '.';
    }

    /**
     * @param word an upper-case keyword
     * @throws ImapProtocolException if it is not next
     */
    public void word(String word) {
        if (!tryWord(word)) {
            throw error(word);
        }
    }

    /** @return whether {@code NIL} was consumed */
    public boolean tryNil() {
        // Unlike keywords such as BODY, NIL is never followed by '[', '<' or '.': "NIL.x" is an atom, not NIL.
        // The three bytes are compared directly (tryWord's loop over a String showed in the profile: a body
        // structure holds six or more NILs a part).
        int p = pos;
        if (p + 3 > end) {
            return false;
        }
        int a = buf[p];
        int b = buf[p + 1];
        int c = buf[p + 2];
        if ((a != 'N' || b != 'I' || c != 'L')
                && (!caseInsensitive || (a | 0x20) != 'n' || (b | 0x20) != 'i' || (c | 0x20) != 'l')) {
            return false;
        }
        if (p + 3 < end && Ascii.is(buf[p + 3] & 0xff, Ascii.ATOM)) {
            return false;
        }
        pos = p + 3;
        return true;
    }

    // ---- numbers ----

    private long digits(long max, String rule) {
        int s = pos;
        long v = 0;
        // Digits that cannot reach max (9 for a 32-bit number, 18 for number64) skip the range check.
        int safe = Math.min(end, s + (max >= 999_999_999_999_999_999L ? 18 : max >= 999_999_999L ? 9 : 0));
        while (pos < safe) {
            int c = buf[pos];
            if (c < '0' || c > '9') {
                break;
            }
            v = v * 10 + (c - '0');
            pos++;
        }
        while (pos < end) {
            int c = buf[pos];
            if (c < '0' || c > '9') {
                break;
            }
            // Checked before multiplying so that a long run of digits cannot overflow into a valid-looking value.
            if (v > (max - (c - '0')) / 10) {
                throw errorAt(rule + " out of range (max " + max + ")", s);
            }
            v = v * 10 + (c - '0');
            pos++;
        }
        if (pos == s) {
            throw error(rule);
        }
        return v;
    }

    /** @return {@code number} (RFC 9051: 32-bit unsigned) */
    public long number() {
        return digits(0xFFFF_FFFFL, "number");
    }

    /** @return {@code nz-number}: 1..2^32-1 */
    public long nzNumber() {
        int s = pos;
        long v = number();
        if (v == 0) {
            throw errorAt("nz-number must not be 0", s);
        }
        return v;
    }

    /** @return {@code number64}: 0..2^63-1 (mod-sequence values, sizes in RFC 9051) */
    public long number64() {
        return digits(Long.MAX_VALUE, "number64");
    }

    /** @return whether the next byte is a digit */
    public boolean atDigit() {
        int c = peek();
        return c >= '0' && c <= '9';
    }

    // ---- atoms ----

    /** @return {@code atom = 1*ATOM-CHAR} */
    public String atom() {
        int s = pos;
        int cls = looseAtoms ? Ascii.ASTRING : Ascii.ATOM;
        while (pos < end && Ascii.is(buf[pos], cls)) {
            pos++;
        }
        if (pos == s) {
            throw error("atom");
        }
        return new String(buf, s, pos - s, StandardCharsets.ISO_8859_1);
    }

    /**
     * @return the upper-cased atom at the cursor, e.g. a response or item name; with
     *     {@link Quirk#CASE_INSENSITIVE_NAMES} off the atom must already be upper case to match typed names
     */
    public String name() {
        String a = atom();
        return caseInsensitive ? upperAscii(a) : a;
    }

    private static String upperAscii(String a) {
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return a.toUpperCase(java.util.Locale.ROOT);
            }
        }
        return a;
    }

    /**
     * Reads bytes of one class.
     *
     * @param cls  an {@link Ascii} class
     * @param rule the rule's name for errors
     * @return the bytes as text
     */
    public String run(int cls, String rule) {
        int s = pos;
        while (pos < end && Ascii.is(buf[pos], cls)) {
            pos++;
        }
        if (pos == s) {
            throw error(rule);
        }
        return new String(buf, s, pos - s, StandardCharsets.ISO_8859_1);
    }

    /** @return {@code flag = "\" atom / atom}, or {@code \*} */
    public String flag() {
        int s = pos;
        if (tryByte('\\')) {
            if (tryByte('*')) {
                return "\\*";
            }
            atom();
            return new String(buf, s, pos - s, StandardCharsets.ISO_8859_1);
        }
        return atom();
    }

    // ---- strings ----

    /** @return whether the cursor is at a string (quoted or literal) */
    public boolean atString() {
        int c = peek();
        return c == '"' || c == '{' || (c == '~' && peek(1) == '{');
    }

    /** @return {@code astring = 1*ASTRING-CHAR / string}, decoded */
    public String astring() {
        if (atString()) {
            return string();
        }
        return run(Ascii.ASTRING, "astring");
    }

    /** @return {@code string = quoted / literal}, decoded as UTF-8 */
    public String string() {
        int c = peek();
        if (c == '"') {
            return quoted();
        }
        if (c == '{' || c == '~') {
            if (!literalSpan()) {
                throw error("string (a streamed literal cannot be read as text)");
            }
            if (strictStrings) {
                for (int i = litStart; i < litEnd; i++) {
                    if (buf[i] == 0) {
                        throw errorAt("NUL in a string literal (CHAR8 = %x01-ff)", i);
                    }
                }
            }
            return decodeText(litStart, litEnd, true);
        }
        throw error("string");
    }

    /** @return {@code nstring = string / NIL}: the decoded string, or {@code null} for NIL */
    public String nstring() {
        if (atString()) {
            return string();
        }
        if (tryNil()) {
            return null;
        }
        throw error("string or NIL");
    }

    /**
     * With {@link Quirk#NIL_AS_EMPTY_STRING}, reads a string or NIL (as ""); otherwise a string.
     *
     * @return the string
     */
    public String stringOrQuirkNil() {
        if (nilAsEmpty && tryNil()) {
            return "";
        }
        return string();
    }

    /**
     * @return {@code quoted = DQUOTE *QUOTED-CHAR DQUOTE}, unescaped and decoded: UTF-8 strictly (invalid or overlong
     *     UTF-8 is a typed error, or ISO-8859-1 byte for byte with {@link Quirk#LATIN1_FALLBACK}; never U+FFFD); CR,
     *     LF and NUL are a typed error
     */
    public String quoted() {
        expect('"');
        int s = pos;
        boolean simple = true;
        while (true) {
            if (pos >= end) {
                throw errorAt("unterminated quoted string", s - 1);
            }
            int c = buf[pos] & 0xff;
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                simple = false;
                pos++;
                int e = peek();
                if (e != '"' && e != '\\') {
                    throw error("'\"' or '\\' after '\\' in quoted string");
                }
            } else if (c >= 0x80) {
                simple = false;
            } else if (c == '\r' || c == '\n' || c == 0) {
                throw error("QUOTED-CHAR (CR, LF and NUL are not allowed in a quoted string)");
            }
            pos++;
        }
        int e = pos;
        pos++;
        if (simple) {
            return new String(buf, s, e - s, StandardCharsets.ISO_8859_1);
        }
        byte[] raw = new byte[e - s];
        int n = 0;
        for (int i = s; i < e; i++) {
            byte b = buf[i];
            if (b == '\\') {
                i++;
                b = buf[i];
            }
            raw[n++] = b;
        }
        return decodeUtf8(raw, 0, n, s, lenientQuoted);
    }

    private boolean lenientQuoted;

    /**
     * Checks and decodes the raw content of a quoted string read by a caller's own scan (a quirk's re-read), with the
     * same rules as {@link #quoted()}: CR, LF and NUL are a typed error; bytes that are not valid UTF-8 (including
     * overlong forms and surrogates) are a typed error, or with {@link Quirk#LATIN1_FALLBACK} read byte for byte as
     * ISO-8859-1. Never a U+FFFD replacement: no byte is lost or changed silently.
     *
     * @param from the first content byte in {@link #buffer()}
     * @param to   the end of the content (exclusive)
     * @return the text
     * @throws ImapProtocolException if the bytes break those rules
     */
    public String quotedContent(int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            byte c = buf[i];
            if (c == '\r' || c == '\n' || c == 0) {
                throw errorAt("QUOTED-CHAR (CR, LF and NUL are not allowed in a quoted string)", i);
            }
            if (c < 0) {
                ascii = false;
            }
        }
        if (ascii) {
            return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
        }
        return decodeUtf8(buf, from, to - from, from, false);
    }

    /**
     * {@link #quoted()} where bytes that are not UTF-8 are read as ISO-8859-1 instead of failing: for names that are
     * ASCII by definition (charsets), so that junk there never turns a typed value into a lossy untyped one.
     *
     * @return the string
     */
    public String quotedLenient() {
        lenientQuoted = true;
        try {
            return quoted();
        } finally {
            lenientQuoted = false;
        }
    }

    /**
     * Decodes bytes as UTF-8. Invalid UTF-8 is an error in a quoted string (unless {@link Quirk#LATIN1_FALLBACK});
     * in a literal, where 8-bit data is legal and servers pass raw header bytes, it falls back to ISO-8859-1 so that
     * no byte is lost.
     */
    private String decodeText(int from, int to, boolean literal) {
        byte[] b = buf;
        int i = from;
        // Eight bytes at a time: a literal subject is a few hundred bytes, nearly always ASCII.
        for (; i + 8 <= to; i += 8) {
            if (((long) LONG.get(b, i) & 0x8080808080808080L) != 0) {
                return decodeUtf8(b, from, to - from, from, literal);
            }
        }
        for (; i < to; i++) {
            if (b[i] < 0) {
                return decodeUtf8(b, from, to - from, from, literal);
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static final java.lang.invoke.VarHandle LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private String decodeUtf8(byte[] b, int off, int len, int at, boolean lenient) {
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, len));
            return cb.toString();
        } catch (CharacterCodingException e) {
            if (lenient || latin1Fallback) {
                return new String(b, off, len, StandardCharsets.ISO_8859_1);
            }
            throw errorAt("invalid UTF-8 in quoted string", at);
        }
    }

    private int litStart;
    private int litEnd;
    private long litSize;
    private boolean litBinary;

    /** @return where the payload of the literal read by {@link #literalSpan()} starts in {@link #buffer()} */
    public int litStart() {
        return litStart;
    }

    /** @return where that payload ends (exclusive) */
    public int litEnd() {
        return litEnd;
    }

    /** @return that literal's announced size (also when streamed out) */
    public long litSize() {
        return litSize;
    }

    /** @return whether that literal was announced as {@code ~{n}} */
    public boolean litBinary() {
        return litBinary;
    }

    /**
     * Reads a literal's announcement and skips its payload, which is then at {@code [litStart(), litEnd())}.
     *
     * @return {@code true} if the payload is in the frame, {@code false} if it was streamed out (only
     *     {@link #litSize()} and {@link #litBinary()} are then valid)
     */
    public boolean literalSpan() {
        boolean binary = tryByte('~');
        expect('{');
        int s = pos;
        long n = digits(Long.MAX_VALUE / 4, "literal size");
        if (peek() == '+' || peek() == '-') {
            pos++;
        }
        expect('}');
        if (tryByte('\r')) {
            expect('\n');
        } else if (!tryByte('\n')) {
            throw error("CRLF after literal announcement");
        }
        litSize = n;
        litBinary = binary;
        if (isStreamedHere()) {
            return false;
        }
        if (n > end - pos) {
            throw errorAt("literal of " + n + " bytes exceeds the frame", s);
        }
        litStart = pos;
        pos += (int) n;
        litEnd = pos;
        return true;
    }

    /** @return whether the payload of the literal just announced was streamed out by the framer */
    public boolean isStreamedHere() {
        int rel = pos - start;
        if (streamed.length == 0) {
            return false;
        }
        for (int o : streamed) {
            if (o == rel) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return a literal as a value: {@link ImapValue.Literal}, or {@link ImapValue.StreamedLiteral} if its payload
     *     was streamed out
     */
    public ImapValue literal() {
        if (!literalSpan()) {
            return new ImapValue.StreamedLiteral(litSize, litBinary);
        }
        return new ImapValue.Literal(Bytes.copyOf(buf, litStart, litEnd - litStart), litBinary);
    }

    /**
     * @return {@code nstring} as a value: {@link ImapValue.Quoted}, a literal value, or {@link ImapValue#NIL}
     */
    public ImapValue nstringValue() {
        int c = peek();
        if (c == '"') {
            return new ImapValue.Quoted(quoted());
        }
        if (c == '{' || c == '~') {
            return literal();
        }
        if (tryNil()) {
            return ImapValue.NIL;
        }
        throw error("string or NIL");
    }

    /**
     * @return {@code text = 1*TEXT-CHAR}: the rest of the line up to CRLF (possibly empty), decoded as UTF-8 with
     *     ISO-8859-1 fallback
     */
    public String text() {
        int s = pos;
        while (pos < end) {
            int c = buf[pos];
            if (c == '\r' || c == '\n') {
                break;
            }
            if (c == 0) {
                throw error("TEXT-CHAR (NUL is not allowed)");
            }
            pos++;
        }
        return decodeText(s, pos, true);
    }

    // ---- generic values ----

    /**
     * Reads one generic value (the nested-parentheses parser): an atom (with any bracketed part), a number, a string,
     * NIL, or a parenthesised list of values. It is iterative, so nesting costs heap bounded by
     * {@link CodecLimits#maxNestingDepth()}, never stack.
     *
     * @return the value
     */
    public ImapValue value() {
        ArrayList<ArrayList<ImapValue>> stack = null;
        while (true) {
            ImapValue v;
            int c = peek();
            if (c == '(') {
                pos++;
                if (stack == null) {
                    stack = new ArrayList<>();
                }
                if (stack.size() >= limits.maxNestingDepth()) {
                    throw ImapProtocolException.limit("maxNestingDepth", stack.size() + 1L, limits.maxNestingDepth());
                }
                stack.add(new ArrayList<>());
                skipListSpaces();
                if (peek() != ')') {
                    continue;
                }
                pos++;
                v = new ImapValue.ValueList(stack.remove(stack.size() - 1));
            } else {
                v = scalar();
            }
            while (true) {
                if (stack == null || stack.isEmpty()) {
                    return v;
                }
                ArrayList<ImapValue> top = stack.get(stack.size() - 1);
                if (top.size() >= limits.maxListItems()) {
                    throw ImapProtocolException.limit("maxListItems", top.size() + 1L, limits.maxListItems());
                }
                top.add(v);
                skipListSpaces();
                if (peek() == ')') {
                    pos++;
                    v = new ImapValue.ValueList(stack.remove(stack.size() - 1));
                    continue;
                }
                break;
            }
        }
    }

    private void skipListSpaces() {
        while (peek() == ' ') {
            pos++;
        }
    }

    private ImapValue scalar() {
        int c = peek();
        if (c == '"') {
            return new ImapValue.Quoted(quoted());
        }
        if (c == '{' || (c == '~' && peek(1) == '{')) {
            return literal();
        }
        if (c >= '0' && c <= '9') {
            int m = pos;
            while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
                pos++;
            }
            int after = peek();
            // a number ends where an atom would: at SP, a parenthesis, a quote, a literal, a control byte or the end
            // (so that "2(" is Num 2 then a list, the same value its re-encoding "2 (" parses to)
            if (pos - m <= 19 && (after == -1 || after == ' ' || after == ')' || after == '(' || after == '"'
                    || after == '{' || after < 0x20 || after == 0x7f)) {
                // Up to 2^63-1 (19 digits, e.g. a mod-sequence); a larger run of digits is kept as an atom.
                long v = 0;
                boolean fits = true;
                for (int i = m; i < pos && fits; i++) {
                    int d = buf[i] - '0';
                    fits = v <= (Long.MAX_VALUE - d) / 10;
                    v = v * 10 + d;
                }
                if (fits) {
                    return new ImapValue.Num(v);
                }
            }
            pos = m;
        }
        int s = pos;
        if (tryNil()) {
            return ImapValue.NIL;
        }
        while (pos < end) {
            int b = buf[pos] & 0xff;
            if (b == '[') {
                skipBracket();
                continue;
            }
            if (b == ' ' || b == '(' || b == ')' || b == '"' || b == '{' || b < 0x20 || b == 0x7f) {
                break;
            }
            pos++;
        }
        if (pos == s) {
            throw error("a value (atom, number, string, NIL or list)");
        }
        return new ImapValue.Atom(decodeText(s, pos, true));
    }

    /** Skips {@code [ ... ]}, which may hold spaces and parenthesised lists, but no line end. */
    private void skipBracket() {
        int s = pos;
        int depth = 0;
        while (pos < end) {
            int b = buf[pos];
            if (b == '\r' || b == '\n') {
                break;
            }
            pos++;
            if (b == '[') {
                depth++;
            } else if (b == ']') {
                if (--depth == 0) {
                    return;
                }
            }
        }
        throw errorAt("unterminated '['", s);
    }
}
