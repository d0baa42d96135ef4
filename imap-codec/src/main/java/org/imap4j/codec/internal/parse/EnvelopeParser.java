package org.imap4j.codec.internal.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.fetch.Address;
import org.imap4j.codec.fetch.Envelope;

/**
 * Parses {@code envelope} and its address lists (RFC 3501 section 7.4.2, RFC 9051 sections 7.5.2 and 9), and holds the
 * fast string readers the FETCH parsers share.
 */
public final class EnvelopeParser {
    static final java.lang.invoke.VarHandle LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    /** Declared before the static block below, whose {@link #hash} calls read it. */
    private static final java.lang.invoke.VarHandle INT =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** Common protocol strings (MIME types, encodings, parameter names), handed out without allocating. */
    private static final String[] INTERNED = new String[1024];
    /** The ISO-8859-1 bytes of each {@link #INTERNED} entry, compared only once the full hash matched. */
    private static final byte[][] INTERNED_BYTES = new byte[1024][];
    /**
     * The full {@link #hash} of each {@link #INTERNED} entry: a probe that meets a different value (the common case
     * for parameter values and names that are not in the table) is settled by one int comparison, where comparing
     * bytes first cost a fifth of the typed parse's CPU (BENCHMARKS.md, 2026-11-25).
     */
    private static final int[] INTERNED_HASH = new int[1024];

    static {
        String[] common = {"TEXT", "PLAIN", "HTML", "7BIT", "8BIT", "BASE64", "QUOTED-PRINTABLE", "BINARY", "CHARSET",
            "UTF-8", "US-ASCII", "ISO-8859-1", "ISO-8859-15", "WINDOWS-1252", "MIXED", "ALTERNATIVE", "RELATED",
            "APPLICATION", "IMAGE", "AUDIO", "VIDEO", "MESSAGE", "RFC822", "GLOBAL", "NAME", "FILENAME", "ATTACHMENT",
            "INLINE", "BOUNDARY", "FORMAT", "FLOWED", "DELSP", "YES", "NO", "OCTET-STREAM", "PDF", "JPEG", "PNG", "GIF",
            "SIGNED", "REPORT", "DELIVERY-STATUS", "CALENDAR", "ENRICHED", "MULTIPART", "PKCS7-SIGNATURE",
            "PGP-SIGNATURE", "TYPE", "PROTOCOL", "MICALG", "METHOD", "REPORT-TYPE", "EN", "EN-US", "DE", "FR"};
        for (String c : common) {
            put(c);
            put(c.toLowerCase(java.util.Locale.ROOT));
            if (c.length() > 1) {
                put(c.charAt(0) + c.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    private EnvelopeParser() {
    }

    private static void put(String value) {
        // Interned so that a parsed value is also the same instance as a literal in code.
        String s = value.intern();
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int h = hash(b, 0, b.length);
        int i = h & (INTERNED.length - 1);
        while (INTERNED[i] != null) {
            if (INTERNED[i].equals(s)) {
                return;
            }
            i = (i + 1) & (INTERNED.length - 1);
        }
        INTERNED[i] = s;
        INTERNED_BYTES[i] = b;
        INTERNED_HASH[i] = h;
    }

    /**
     * A hash of every byte and the length, read eight bytes at a time (the last word overlapping the previous one)
     * so that a probe can reject a different value without touching its bytes; a byte-at-a-time multiply chain cost
     * a quarter of the parse's CPU. Short values (under eight bytes) are read as two overlapping ints or three bytes.
     */
    static int hash(byte[] b, int s, int e) {
        int n = e - s;
        long h = n * 0x9E3779B97F4A7C15L;
        if (n >= 8) {
            int i = s;
            for (; i + 8 <= e; i += 8) {
                h = (h ^ (long) LONG.get(b, i)) * 0xC2B2AE3D27D4EB4FL;
            }
            if (i < e) {
                h = (h ^ (long) LONG.get(b, e - 8)) * 0xC2B2AE3D27D4EB4FL;
            }
        } else if (n >= 4) {
            long w = ((int) INT.get(b, s) & 0xFFFFFFFFL) << 32 | ((int) INT.get(b, e - 4) & 0xFFFFFFFFL);
            h = (h ^ w) * 0xC2B2AE3D27D4EB4FL;
        } else if (n > 0) {
            long w = (b[s] & 0xff) << 16 | (b[s + (n >> 1)] & 0xff) << 8 | (b[e - 1] & 0xff);
            h = (h ^ w) * 0xC2B2AE3D27D4EB4FL;
        }
        h ^= h >>> 29;
        h *= 0x165667B19E3779F9L;
        return (int) (h ^ (h >>> 32));
    }

    /** Whether {@code c} holds the bytes {@code b[s, s + c.length)}; eight bytes at a time, then the rest. */
    private static boolean sameBytes(byte[] c, byte[] b, int s) {
        int n = c.length;
        int k = 0;
        for (; k + 8 <= n; k += 8) {
            if ((long) LONG.get(c, k) != (long) LONG.get(b, s + k)) {
                return false;
            }
        }
        for (; k < n; k++) {
            if (c[k] != b[s + k]) {
                return false;
            }
        }
        return true;
    }

    /** An address part or short parameter value through the reader's memo; longer values are never memoised. */
    private static String recent(ParserMemo memo, byte[] b, int s, int e) {
        int n = e - s;
        if (n == 0) {
            return "";
        }
        if (n > ParserMemo.MAX_STRING) {
            return new String(b, s, n, StandardCharsets.ISO_8859_1);
        }
        return memo.string(b, s, n, hash(b, s, e));
    }

    /**
     * A common protocol string from {@link #INTERNED}; any other value of up to 24 bytes goes through the reader's
     * {@link ParserMemo}, since parameter values (file names, charsets in other spellings) repeat across messages.
     */
    static String intern(ParserMemo memo, byte[] b, int s, int e) {
        int n = e - s;
        if (n == 0) {
            return "";
        }
        if (n <= 24) {
            int h = hash(b, s, e);
            int i = h & (INTERNED.length - 1);
            byte[] c;
            while ((c = INTERNED_BYTES[i]) != null) {
                if (INTERNED_HASH[i] == h && c.length == n && sameBytes(c, b, s)) {
                    return INTERNED[i];
                }
                i = (i + 1) & (INTERNED.length - 1);
            }
            return memo.string(b, s, n, h);
        }
        return new String(b, s, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * The index of the first byte at or after {@code i} that may end a plain quoted string ('"', '\\', a control
     * byte or an 8-bit byte), or {@code end}: eight bytes at a time, then one at a time.
     */
    static int special(byte[] b, int i, int end) {
        while (i + 8 <= end) {
            long t = specials((long) LONG.get(b, i));
            if (t != 0) {
                // Borrows only produce false hits above a true one, so the lowest flagged byte is exact.
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
            i += 8;
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '"' || c == '\\' || c < 0x20) {
                return i;
            }
        }
        return end;
    }

    /**
     * The high bit of each byte of the little-endian word {@code w} that may end a plain quoted string ('"', '\\', a
     * control byte or an 8-bit byte), plus possibly false hits above the lowest true one (borrows only run upwards),
     * so the lowest set bit is exact.
     */
    static long specials(long w) {
        long q = w ^ 0x2222222222222222L;
        long bs = w ^ 0x5C5C5C5C5C5C5C5CL;
        return ((w - 0x2020202020202020L) | w | ((q - ONES) & ~q) | ((bs - ONES) & ~bs)) & HIGHS;
    }

    private static final long MIX = 0xC2B2AE3D27D4EB4FL;

    /**
     * Scans plain quoted-string content from {@code p}, as {@link #special} does, and mixes it into the running hash
     * {@code h} in the same pass: each whole word read, then the content's bytes in the last word with the content's
     * length. Equal content gives the same hash wherever it stands, unless the scan ran into {@code max} (a caller's
     * bound short of the frame's end), which changes only how the last bytes are mixed. Used for plain parameter lists;
     * for plain addresses it measured no faster than a scan and then {@link #hash} of the whole address.
     *
     * @return the index of the first byte at or after {@code p} that may end plain content, or {@code max}, in the
     *     low 32 bits; the new hash in the high 32 bits
     */
    static long scanMix(byte[] b, int p, int max, int h) {
        int a = p;
        long x = h;
        while (p + 8 <= max) {
            long w = (long) LONG.get(b, p);
            long t = specials(w);
            if (t != 0) {
                int z = Long.numberOfTrailingZeros(t) & ~7;
                p += z >>> 3;
                // The content bytes of this word (none when the special byte comes first).
                long kept = z == 0 ? 0 : w & (-1L >>> (64 - z));
                return mixed(p, x ^ kept ^ ((long) (p - a) << 56));
            }
            x = (x ^ w) * MIX;
            p += 8;
        }
        int q = special(b, p, max);
        for (; p < q; p++) {
            x = (x ^ (b[p] & 0xff)) * MIX;
        }
        return mixed(q, x ^ ((long) (q - a) << 56));
    }

    private static long mixed(int p, long x) {
        x *= MIX;
        return (long) (int) (x ^ (x >>> 32)) << 32 | p;
    }

    /**
     * Reads a quoted string with the fast path for plain ASCII without escapes, else via the reader.
     *
     * @param intern whether to share common values
     */
    private static String quoted(ImapReader r, boolean intern) {
        return quoted(r, intern, false);
    }

    private static String quoted(ImapReader r, boolean intern, boolean recent) {
        byte[] b = r.buffer();
        int s = r.mark() + 1;
        int end = r.end();
        int i = special(b, s, end);
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                r.seek(i + 1);
                return intern ? intern(r.memo(), b, s, i) : recent ? recent(r.memo(), b, s, i)
                        : i == s ? "" : new String(b, s, i - s, StandardCharsets.ISO_8859_1);
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
        }
        return r.quoted();
    }

    /**
     * Rejects a literal announcement of more than 18 digits before {@link ImapReader#literalSpan()} reads it: that
     * method lets a 20-digit size wrap around to a negative number.
     *
     * @param r a reader at "{" or "~{"
     */
    static void guardLiteral(ImapReader r) {
        if (r.peek() != '{' && r.peek() != '~') {
            return;
        }
        byte[] b = r.buffer();
        int p = r.mark();
        int end = r.end();
        if (p < end && b[p] == '~') {
            p++;
        }
        p++;
        int s = p;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        if (p - s > 18) {
            throw r.errorAt("literal size out of range", s);
        }
    }

    /** An address part: an nstring that repeats across messages, read through the reader's {@link ParserMemo}. */
    private static String addressPart(ImapReader r) {
        if (r.peek() == '"') {
            return quoted(r, false, true);
        }
        return nstring(r, false);
    }

    /**
     * {@code nstring = string / nil}, decoded.
     *
     * @param r      the reader
     * @param intern whether to share common values
     * @return the string, or null for NIL
     */
    static String nstring(ImapReader r, boolean intern) {
        int c = r.peek();
        if (c == '"') {
            return quoted(r, intern);
        }
        if (c == '{' || c == '~') {
            guardLiteral(r);
            return r.string();
        }
        if (r.tryNil()) {
            return null;
        }
        throw r.error("string or NIL");
    }

    /**
     * {@code string = quoted / literal}; with {@code Quirk.NIL_AS_EMPTY_STRING}, NIL reads as "".
     *
     * @param r      the reader
     * @param intern whether to share common values
     * @return the string
     */
    static String string(ImapReader r, boolean intern) {
        int c = r.peek();
        if (c == '"') {
            return quoted(r, intern);
        }
        if (c == '{' || c == '~') {
            guardLiteral(r);
            return r.string();
        }
        if (r.nilAsEmpty() && r.tryNil()) {
            return "";
        }
        throw r.error("string");
    }

    /**
     * {@code number64} (0..2^63-1), range-checked: {@link ImapReader#number64()}, the one reader of the rule; kept
     * under this name for the FETCH item readers that call it.
     *
     * @param r the reader
     * @return the number
     */
    static long number64(ImapReader r) {
        return r.number64();
    }

    /**
     * Returns an immutable list of the first {@code n} elements of a scratch array, as {@link #freeze(ArrayList)}
     * does (one copy up to ten elements); the caller guarantees the elements' type.
     */
    @SuppressWarnings("unchecked")
    static <T> List<T> freeze(Object[] a, int n) {
        return freeze(a, 0, n);
    }

    /** {@link #freeze(Object[], int)} of the {@code n} elements from {@code a[o]}. */
    @SuppressWarnings("unchecked")
    static <T> List<T> freeze(Object[] a, int o, int n) {
        switch (n) {
            case 0:
                return List.of();
            case 1:
                return List.of((T) a[o]);
            case 2:
                return List.of((T) a[o], (T) a[o + 1]);
            case 3:
                return List.of((T) a[o], (T) a[o + 1], (T) a[o + 2]);
            case 4:
                return List.of((T) a[o], (T) a[o + 1], (T) a[o + 2], (T) a[o + 3]);
            case 5:
                return List.of((T) a[o], (T) a[o + 1], (T) a[o + 2], (T) a[o + 3], (T) a[o + 4]);
            case 6:
                return List.of((T) a[o], (T) a[o + 1], (T) a[o + 2], (T) a[o + 3], (T) a[o + 4], (T) a[o + 5]);
            case 7:
                return List.of((T) a[o], (T) a[o + 1], (T) a[o + 2], (T) a[o + 3], (T) a[o + 4], (T) a[o + 5],
                        (T) a[o + 6]);
            case 8:
                return List.of((T) a[o], (T) a[o + 1], (T) a[o + 2], (T) a[o + 3], (T) a[o + 4], (T) a[o + 5],
                        (T) a[o + 6], (T) a[o + 7]);
            default:
                return (List<T>) List.of(java.util.Arrays.copyOfRange(a, o, o + n));
        }
    }

    /**
     * Returns an immutable copy of a scratch list. Up to ten elements go through the fixed-arity {@code List.of}
     * overloads, which adopt their argument array (one copy, where {@code List.copyOf} of an {@code ArrayList} makes
     * two: {@code toArray} and the defensive copy in {@code List.of(E...)}). The result is a JDK immutable list, which
     * the records' {@code List.copyOf} returns as is, so a parsed list is never copied again.
     */
    static <T> List<T> freeze(ArrayList<T> l) {
        switch (l.size()) {
            case 0:
                return List.of();
            case 1:
                return List.of(l.get(0));
            case 2:
                return List.of(l.get(0), l.get(1));
            case 3:
                return List.of(l.get(0), l.get(1), l.get(2));
            case 4:
                return List.of(l.get(0), l.get(1), l.get(2), l.get(3));
            case 5:
                return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4));
            case 6:
                return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5));
            case 7:
                return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.get(6));
            case 8:
                return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.get(6), l.get(7));
            case 9:
                return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.get(6), l.get(7),
                        l.get(8));
            case 10:
                return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.get(6), l.get(7),
                        l.get(8), l.get(9));
            default:
                return List.copyOf(l);
        }
    }

    /**
     * {@code envelope = "(" env-date SP env-subject SP env-from SP env-sender SP env-reply-to SP env-to SP env-cc SP
     * env-bcc SP env-in-reply-to SP env-message-id ")"}.
     *
     * @param r a reader at the opening parenthesis
     * @return the envelope
     */
    public static Envelope envelope(ImapReader r) {
        r.expect('(');
        String date = nstring(r, false);
        r.sp();
        String subject = nstring(r, false);
        r.sp();
        int fromStart = r.mark();
        List<Address> from = addressList(r);
        int fromEnd = r.mark();
        r.sp();
        // Servers usually repeat From as Sender and Reply-To: reuse the parsed list when the bytes are identical.
        List<Address> sender = sameBytes(r, fromStart, fromEnd) ? from : addressList(r);
        r.sp();
        List<Address> replyTo = sameBytes(r, fromStart, fromEnd) ? from : addressList(r);
        r.sp();
        List<Address> to = addressList(r);
        r.sp();
        List<Address> cc = addressList(r);
        r.sp();
        List<Address> bcc = addressList(r);
        r.sp();
        String inReplyTo = nstring(r, false);
        r.sp();
        String messageId = nstring(r, false);
        if (r.extraSpaces()) {
            while (r.peek() == ' ') {
                r.seek(r.mark() + 1);
            }
        }
        r.expect(')');
        return new Envelope(date, subject, from, sender, replyTo, to, cc, bcc, inReplyTo, messageId);
    }

    /**
     * Consumes the bytes at the cursor if they equal {@code [s, e)} and hold no literal (whose payload may have been
     * streamed out, so equal bytes would not mean equal values).
     */
    private static boolean sameBytes(ImapReader r, int s, int e) {
        byte[] b = r.buffer();
        int p = r.mark();
        int n = e - s;
        if (n <= 3 || p + n > r.end() || !java.util.Arrays.equals(b, s, e, b, p, p + n)) {
            return false;
        }
        for (int i = s; i < e; i++) {
            if (b[i] == '{') {
                return false;
            }
        }
        r.seek(p + n);
        return true;
    }

    /**
     * {@code env-from = "(" 1*address ")" / nil} (and the other address lists): folds the group markers into
     * {@link Address.Group}s. A group left open at the end of the list is closed there; a stray end marker is
     * dropped, since it carries no data.
     *
     * @param r the reader
     * @return the entries, empty for NIL
     */
    public static List<Address> addressList(ImapReader r) {
        if (r.peek() != '(') {
            if (r.tryNil()) {
                return List.of();
            }
            throw r.error("address list or NIL");
        }
        r.seek(r.mark() + 1);
        // Quirk.SPACES_BETWEEN_ADDRESSES has no reader accessor; EXTRA_SPACES (on in the same default set) stands in.
        boolean spaces = r.extraSpaces();
        // Most lists hold one address: it stays in a local, and the scratch stack is used only from a second entry.
        Address first = null;
        // The memo's one-element list holding first, when first is a mailbox from mailboxList.
        List<Address> firstList = null;
        int mark = r.scratchMark();
        String groupName = null;
        ArrayList<Address.Mailbox> members = null;
        while (true) {
            if (spaces) {
                while (r.peek() == ' ') {
                    r.seek(r.mark() + 1);
                }
            }
            if (r.peek() == ')') {
                r.seek(r.mark() + 1);
                break;
            }
            List<Address> quick = members == null ? plainMailbox(r) : null;
            if (quick != null) {
                if (first == null) {
                    firstList = quick;
                }
                first = r.listAdd(mark, first, quick.get(0));
                continue;
            }
            r.expect('(');
            String name = addressPart(r);
            r.sp();
            String adl = addressPart(r);
            r.sp();
            String mailbox = addressPart(r);
            r.sp();
            String host = addressPart(r);
            r.expect(')');
            Address done = null;
            if (host != null) {
                List<Address> one = r.memo().mailboxList(name, adl, mailbox, host);
                Address.Mailbox m = (Address.Mailbox) one.get(0);
                if (members != null) {
                    members.add(m);
                } else {
                    done = m;
                    if (first == null) {
                        firstList = one;
                    }
                }
            } else if (mailbox != null) {
                if (members != null) {
                    done = new Address.Group(groupName, freeze(members));
                }
                groupName = mailbox;
                members = new ArrayList<>(2);
            } else if (members != null) {
                done = new Address.Group(groupName, freeze(members));
                members = null;
            }
            if (done != null) {
                first = r.listAdd(mark, first, done);
            }
        }
        if (members != null) {
            first = r.listAdd(mark, first, new Address.Group(groupName, freeze(members)));
        }
        return r.listFreeze(mark, first, firstList);
    }

    /**
     * Reads an address in its plainest form, {@code "(" part SP part SP part SP part ")"} where each part is NIL or a
     * quoted string of printable ASCII without escapes and the host is not NIL, as a one-element list; anything else
     * (a literal, an escape, 8-bit bytes, extra spaces, group syntax) returns null with the cursor unmoved, for the
     * general path. Such bytes parse the same under every quirk set, which is what lets their value be shared.
     */
    private static List<Address> plainMailbox(ImapReader r) {
        byte[] b = r.buffer();
        int s = r.mark();
        int end = r.end();
        if (s >= end || b[s] != '(') {
            return null;
        }
        int p = s + 1;
        // Start (inclusive) and end (exclusive) of each part's content; start -1 for NIL.
        int s0 = 0;
        int e0 = 0;
        int s1 = 0;
        int e1 = 0;
        int s2 = 0;
        int e2 = 0;
        int s3 = 0;
        int e3 = 0;
        for (int k = 0; k < 4; k++) {
            if (k > 0) {
                if (p >= end || b[p] != ' ') {
                    return null;
                }
                p++;
            }
            int ps;
            int pe;
            if (p < end && b[p] == '"') {
                ps = ++p;
                p = special(b, p, end);
                if (p >= end || b[p] != '"') {
                    // An escape, a control byte or an 8-bit byte: the general path decides.
                    return null;
                }
                pe = p++;
            } else if (p + 3 <= end && b[p] == 'N' && b[p + 1] == 'I' && b[p + 2] == 'L') {
                ps = -1;
                pe = -1;
                p += 3;
            } else {
                return null;
            }
            if (k == 0) {
                s0 = ps;
                e0 = pe;
            } else if (k == 1) {
                s1 = ps;
                e1 = pe;
            } else if (k == 2) {
                s2 = ps;
                e2 = pe;
            } else {
                s3 = ps;
                e3 = pe;
            }
        }
        if (p >= end || b[p] != ')' || s3 < 0) {
            return null;
        }
        p++;
        // A correspondent who writes again is found with one hash and one comparison of the bytes, instead of four
        // strings read and looked up one by one.
        ParserMemo memo = r.memo();
        int h = hash(b, s, p);
        List<Address> seen = memo.address(b, s, p, h);
        if (seen != null) {
            r.seek(p);
            return seen;
        }
        String name = s0 < 0 ? null : recent(memo, b, s0, e0);
        String adl = s1 < 0 ? null : recent(memo, b, s1, e1);
        String mailbox = s2 < 0 ? null : recent(memo, b, s2, e2);
        String host = recent(memo, b, s3, e3);
        List<Address> list = List.of(new Address.Mailbox(name, adl, mailbox, host));
        memo.address(b, s, p, h, list);
        r.seek(p);
        return list;
    }
}
