package org.imap4j.codec.internal.ascii;

/**
 * Character classes of the IMAP grammar (RFC 9051 section 9) as lookup tables, and escaping for error messages.
 */
public final class Ascii {
    /** {@code ATOM-CHAR}: any CHAR except atom-specials. */
    public static final int ATOM = 1;
    /** {@code ASTRING-CHAR = ATOM-CHAR / resp-specials}. */
    public static final int ASTRING = 2;
    /** {@code list-char = ATOM-CHAR / list-wildcards / resp-specials}. */
    public static final int LIST = 4;
    /** {@code tag}: any ASTRING-CHAR except "+". */
    public static final int TAG = 8;
    /** {@code TEXT-CHAR}: any CHAR (1-127) except CR and LF; 8-bit bytes are let through for UTF-8 text. */
    public static final int TEXT = 16;
    /** Characters that may appear in a quoted string without escaping: TEXT-CHAR except quoted-specials. */
    public static final int QUOTED_PLAIN = 32;
    /** Digits 0-9. */
    public static final int DIGIT = 64;

    private static final byte[] CLASS = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            int k = 0;
            boolean ctl = c < 0x20 || c == 0x7f;
            boolean is8bit = c >= 0x80;
            boolean atomSpecial = c == '(' || c == ')' || c == '{' || c == ' ' || ctl || c == '%' || c == '*'
                    || c == '"' || c == '\\' || c == ']';
            if (!atomSpecial && !is8bit) {
                k |= ATOM | ASTRING | LIST;
                if (c != '+') {
                    k |= TAG;
                }
            }
            if (c == ']') {
                k |= ASTRING | LIST | TAG;
            }
            if (c == '%' || c == '*') {
                k |= LIST;
            }
            if (c != 0 && c != '\r' && c != '\n') {
                k |= TEXT;
                if (c != '"' && c != '\\') {
                    k |= QUOTED_PLAIN;
                }
            }
            if (c >= '0' && c <= '9') {
                k |= DIGIT;
            }
            CLASS[c] = (byte) k;
        }
    }

    private Ascii() {
    }

    /**
     * @param b   a byte
     * @param cls one of the class constants
     * @return whether the byte is in the class
     */
    public static boolean is(int b, int cls) {
        return (CLASS[b & 0xff] & cls) != 0;
    }

    /**
     * @param s   a string
     * @param cls one of the class constants
     * @return whether {@code s} is non-empty and all its characters are in the class
     */
    public static boolean all(CharSequence s, int cls) {
        if (s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xff || !is(c, cls)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param c an ASCII letter or any other byte
     * @return the byte upper-cased if it is an ASCII lower-case letter
     */
    public static int upper(int c) {
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    }

    /**
     * Escapes bytes for an error message: printable ASCII as is, everything else as {@code \r}, {@code \n} or
     * {@code \xNN}.
     *
     * @param data  the bytes
     * @param from  first index
     * @param to    end index (exclusive)
     * @return the escaped text
     */
    public static String escape(byte[] data, int from, int to) {
        StringBuilder sb = new StringBuilder(Math.max(0, to - from) + 8);
        for (int i = from; i < to; i++) {
            int c = data[i] & 0xff;
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\\') {
                sb.append("\\\\");
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        return sb.toString();
    }

    /**
     * An escaped excerpt of at most 40 bytes before and 40 after {@code index}, with a caret marking the index.
     *
     * @param data  the bytes
     * @param from  first valid index
     * @param index the index to show
     * @param to    end of valid data (exclusive)
     * @return the excerpt
     */
    public static String excerpt(byte[] data, int from, int index, int to) {
        int a = Math.max(from, index - 40);
        int b = Math.min(to, index + 40);
        int i = Math.min(Math.max(index, a), b);
        return (a > from ? "..." : "") + escape(data, a, i) + "^" + escape(data, i, b) + (b < to ? "..." : "");
    }
}
