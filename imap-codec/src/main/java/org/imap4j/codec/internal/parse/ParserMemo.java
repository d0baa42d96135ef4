package org.imap4j.codec.internal.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.fetch.Address;
import org.imap4j.codec.fetch.BodyStructure;

/**
 * The values one decoder has just built and may hand out again: recent strings (address names, mailboxes, hosts,
 * parameter values), whole plain addresses, one-mailbox address lists, plain parameter lists and keyword flags.
 * Correspondents, charsets and keywords repeat across a mailbox's messages, so a repeated one costs no new object
 * (BENCHMARKS.md, "address parts from a recent-strings memo" and the passes after it).
 *
 * <p>Each {@link org.imap4j.codec.ImapEngine}, {@link org.imap4j.codec.ResponseDecoder} and
 * {@link org.imap4j.codec.CommandDecoder} owns one, and it is reached only through the {@link ImapReader}s that owner
 * creates, so two connections share nothing and nothing outlives its connection. It is driven by one owner at a time,
 * like the engine, and needs no lock. Every memo is bounded and allocated on first use (an idle connection pays
 * nothing); a hit is confirmed by every byte, or by the identity of strings that came from this memo, so a memo never
 * changes a result: the one visible effect is that equal values may be the same object.
 */
public final class ParserMemo {
    /** Slots of {@link #strings}; values longer than {@link #MAX_STRING} bytes are never memoised. */
    private static final int STRINGS = 4096;
    /** The longest value the string memo keeps. */
    static final int MAX_STRING = 64;
    private static final int ADDRESSES = 2048;
    private static final int MAILBOXES = 1024;
    private static final int PARAMS = 512;
    private static final int KEYWORDS = 64;

    private final boolean on;
    private String[] strings;
    /**
     * The {@link EnvelopeParser#hash} of the value in each {@link #strings} slot, so that a slot holding another value
     * is passed over without comparing characters.
     */
    private int[] stringHashes;
    private SeenAddress[] addresses;
    private Object[] mailboxes;
    /** Whole plain parameter lists by the hash of their bytes ({@link #plainParams}), and those hashes. */
    private Object[] paramBytes;
    private java.time.LocalDate lastDay;
    private int lastDayKey;
    private int[] paramBytesHash;
    private Flag[] keywords;
    /** The last few distinct FLAGS items, most recent first. */
    private org.imap4j.codec.fetch.FetchItem.Flags[] flagItems;

    /** A memo for one engine or decoder; its tables are allocated when first used. */
    public ParserMemo() {
        this(true);
    }

    private ParserMemo(boolean on) {
        this.on = on;
    }

    /**
     * A memo that keeps nothing, for one-shot parses ({@link org.imap4j.codec.ImapCodec}), where nothing repeats.
     *
     * @return a new memo that never hits and allocates no table
     */
    public static ParserMemo off() {
        return new ParserMemo(false);
    }

    /**
     * The ISO-8859-1 string of {@code b[s, s + n)}, shared with an earlier equal one if this memo holds it.
     *
     * @param h the value's {@link EnvelopeParser#hash}
     */
    String string(byte[] b, int s, int n, int h) {
        if (!on) {
            return new String(b, s, n, StandardCharsets.ISO_8859_1);
        }
        String[] t = strings;
        if (t == null) {
            t = strings = new String[STRINGS];
            stringHashes = new int[STRINGS];
        }
        int i = h & (STRINGS - 1);
        String c = t[i];
        if (c != null && stringHashes[i] == h && c.length() == n) {
            int k = 0;
            while (k < n && c.charAt(k) == (b[s + k] & 0xff)) {
                k++;
            }
            if (k == n) {
                return c;
            }
        }
        String v = new String(b, s, n, StandardCharsets.ISO_8859_1);
        t[i] = v;
        stringHashes[i] = h;
        return v;
    }

    /**
     * The one-element address list parsed earlier from exactly the bytes {@code b[s, e)}, or null.
     *
     * @param h the bytes' {@link EnvelopeParser#hash}
     */
    List<Address> address(byte[] b, int s, int e, int h) {
        SeenAddress[] t = addresses;
        if (t == null) {
            return null;
        }
        SeenAddress c = t[h & (ADDRESSES - 1)];
        if (c != null && c.hash == h && c.bytes.length == e - s && Arrays.equals(c.bytes, 0, e - s, b, s, e)) {
            return c.list;
        }
        return null;
    }

    /** Remembers that the bytes {@code b[s, e)}, of hash {@code h}, parse to {@code list}. */
    void address(byte[] b, int s, int e, int h, List<Address> list) {
        if (!on) {
            return;
        }
        SeenAddress[] t = addresses;
        if (t == null) {
            t = addresses = new SeenAddress[ADDRESSES];
        }
        t[h & (ADDRESSES - 1)] = new SeenAddress(h, Arrays.copyOfRange(b, s, e), list);
    }

    /**
     * A one-element list of the mailbox {@code (name adl mailbox host)}, shared with earlier envelopes if it can. The
     * parts come from {@link #string}, so a repeated correspondent's parts are the same instances and a hit is
     * confirmed by identity.
     */
    @SuppressWarnings("unchecked")
    List<Address> mailboxList(String name, String adl, String mailbox, String host) {
        if (!on || host.length() > MAX_STRING || mailbox != null && mailbox.length() > MAX_STRING) {
            // Longer parts never come from the string memo, so they cannot hit.
            return List.of(new Address.Mailbox(name, adl, mailbox, host));
        }
        Object[] t = mailboxes;
        if (t == null) {
            t = mailboxes = new Object[MAILBOXES];
        }
        int h = (mailbox == null ? 0 : mailbox.hashCode()) * 31 + host.hashCode();
        h ^= h >>> 16;
        int i = h & (MAILBOXES - 1);
        Object o = t[i];
        if (o != null) {
            List<Address> l = (List<Address>) o;
            Address.Mailbox m = (Address.Mailbox) l.get(0);
            if (m.host() == host && m.mailbox() == mailbox && m.name() == name && m.adl() == adl) {
                return l;
            }
        }
        List<Address> l = List.of(new Address.Mailbox(name, adl, mailbox, host));
        t[i] = l;
        return l;
    }


    /**
     * The parameter list parsed earlier from exactly the bytes {@code b[s, e)}, or null. Only lists in the plain form
     * ({@code ("name" "value" ...)}: escape-free ASCII quoted strings, single spaces) are kept, and a hit is confirmed
     * by comparing every name and value with the bytes at their places, so no copy of the bytes is kept.
     *
     * @param h the hash {@code BodyStructureParser} computed while checking the bytes' form
     */
    @SuppressWarnings("unchecked")
    List<BodyStructure.Param> plainParams(byte[] b, int s, int e, int h) {
        Object[] t = paramBytes;
        if (t == null) {
            return null;
        }
        int i = h & (PARAMS - 1);
        Object o = t[i];
        if (o == null || paramBytesHash[i] != h) {
            return null;
        }
        List<BodyStructure.Param> l = (List<BodyStructure.Param>) o;
        int p = s + 1;
        for (int k = 0, n = l.size(); k < n; k++) {
            if (k > 0) {
                if (p >= e || b[p] != ' ') {
                    return null;
                }
                p++;
            }
            BodyStructure.Param param = l.get(k);
            p = quotedAt(b, p, e, param.name());
            if (p < 0 || p >= e || b[p] != ' ') {
                return null;
            }
            p = quotedAt(b, p + 1, e, param.value());
            if (p < 0) {
                return null;
            }
        }
        return p == e - 1 && b[p] == ')' ? l : null;
    }

    /** The index after {@code "v"} if those bytes stand at {@code p}, else -1. */
    private static int quotedAt(byte[] b, int p, int e, String v) {
        int n = v.length();
        if (p + n + 2 > e || b[p] != '"' || b[p + n + 1] != '"') {
            return -1;
        }
        for (int k = 0; k < n; k++) {
            if ((b[p + 1 + k] & 0xff) != v.charAt(k)) {
                return -1;
            }
        }
        return p + n + 2;
    }

    /** Remembers that plain parameter-list bytes of hash {@code h} parse to {@code list}; keeps no bytes. */
    void plainParams(int h, List<BodyStructure.Param> list) {
        if (!on) {
            return;
        }
        Object[] t = paramBytes;
        if (t == null) {
            t = paramBytes = new Object[PARAMS];
            paramBytesHash = new int[PARAMS];
        }
        int i = h & (PARAMS - 1);
        t[i] = list;
        paramBytesHash[i] = h;
    }

    /**
     * The {@link java.time.LocalDate} of the last INTERNALDATE's day if it is this one, else a new one remembered in
     * its place; null from a memo that is off, or for a day that does not exist (left to the caller's check).
     */
    java.time.LocalDate day(int year, int month, int day) {
        if (!on) {
            return null;
        }
        int key = year << 9 | month << 5 | day;
        java.time.LocalDate d = lastDay;
        if (d != null && lastDayKey == key) {
            return d;
        }
        d = DateTimeParser.localDate(year, month, day);
        if (d == null) {
            return null;
        }
        lastDay = d;
        lastDayKey = key;
        return d;
    }

    /** @return whether this memo keeps values (false for {@link #off()}) */
    boolean on() {
        return on;
    }

    /**
     * The keyword last stored under {@code hash}, or null; the caller confirms it byte for byte (keywords are
     * case-sensitive).
     */
    Flag keyword(int hash) {
        Flag[] t = keywords;
        return t == null ? null : t[hash & (KEYWORDS - 1)];
    }

    /** Remembers a keyword (validated by {@code Flag.of}) under {@code hash}. */
    void keyword(int hash, Flag f) {
        if (!on) {
            return;
        }
        Flag[] t = keywords;
        if (t == null) {
            t = keywords = new Flag[KEYWORDS];
        }
        t[hash & (KEYWORDS - 1)] = f;
    }

    /** One {@link #addresses} entry: the address's bytes and its parsed one-element list. */
    private static final class SeenAddress {
        final int hash;
        final byte[] bytes;
        final List<Address> list;

        SeenAddress(int hash, byte[] bytes, List<Address> list) {
            this.hash = hash;
            this.bytes = bytes;
            this.list = list;
        }
    }

    /**
     * A recent FLAGS item whose flags are, one for one, the same instances as {@code a[o, o + n)} (system flags and
     * memoised keywords are shared instances, so a match by identity is exact); null if none.
     *
     * @param a the flags just read
     * @param o where they start
     * @param n how many
     * @return the item, or null
     */
    org.imap4j.codec.fetch.FetchItem.Flags flags(Object[] a, int o, int n) {
        org.imap4j.codec.fetch.FetchItem.Flags[] t = flagItems;
        if (t == null || n > 4) {
            return null;
        }
        for (org.imap4j.codec.fetch.FetchItem.Flags item : t) {
            if (item == null) {
                return null;
            }
            List<Flag> f = item.flags();
            if (f.size() == n && sameElements(f, a, o, n)) {
                return item;
            }
        }
        return null;
    }

    private static boolean sameElements(List<Flag> f, Object[] a, int o, int n) {
        for (int k = 0; k < n; k++) {
            if (f.get(k) != a[o + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Remembers a FLAGS item of up to four flags (evicting the oldest of four).
     *
     * @param item the item just built
     */
    void flags(org.imap4j.codec.fetch.FetchItem.Flags item) {
        if (!on || item.flags().size() > 4) {
            return;
        }
        org.imap4j.codec.fetch.FetchItem.Flags[] t = flagItems;
        if (t == null) {
            t = flagItems = new org.imap4j.codec.fetch.FetchItem.Flags[4];
        }
        System.arraycopy(t, 0, t, 1, t.length - 1);
        t[0] = item;
    }
}
