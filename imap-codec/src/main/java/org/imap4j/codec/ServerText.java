package org.imap4j.codec;

/**
 * Makes text that came from a server safe to show: in an exception message, a log line, a trace or a terminal.
 * A server (or anyone who can put bytes into a mailbox name, a subject or a response text) could otherwise forge
 * log lines with CR and LF, or drive a terminal with escape sequences ({@code ESC [ 2 J} clears the screen; the C1
 * control {@code U+009B} is a one-character CSI).
 *
 * <p>{@link #escape(CharSequence)} replaces every character in this table by a visible escape; everything else is
 * kept as is. The library applies it to every message of an {@link ImapException} and to every trace line; typed
 * accessors (such as {@link ImapCommandException#text()}) keep the raw text, so code that needs the exact server
 * text still has it, and must escape it itself before showing it.
 *
 * <table>
 * <caption>What is escaped</caption>
 * <tr><th>characters</th><th>shown as</th></tr>
 * <tr><td>CR, LF, TAB</td><td>{@code \r}, {@code \n}, {@code \t}</td></tr>
 * <tr><td>other C0 controls U+0000..U+001F, DEL U+007F, C1 controls U+0080..U+009F</td><td>{@code \xNN}</td></tr>
 * <tr><td>line and paragraph separators U+2028, U+2029; bidirectional controls U+061C, U+200E, U+200F,
 * U+202A..U+202E, U+2066..U+2069; unpaired surrogates</td><td>{@code \}{@code uNNNN}</td></tr>
 * </table>
 *
 * <p>A backslash is not doubled. This keeps escaping idempotent ({@code escape(escape(s)).equals(escape(s))}), so a
 * message that embeds an already escaped message is not escaped twice; the price is that a server text holding a
 * literal backslash sequence such as {@code \x1b} looks like an escaped control. What matters for safety holds
 * either way: the result contains none of the characters in the table.
 *
 * <pre>{@code
 * String shown = "server said: " + ServerText.escape(e.text());      // safe for a log line or a terminal
 * }</pre>
 */
public final class ServerText {
    private ServerText() {
    }

    /**
     * Escapes every control character (see the table above), CR and LF included.
     *
     * @param text server text, or {@code null}
     * @return the text with every control character escaped ({@code text} itself when there is none; {@code "null"}
     *         for {@code null}, as string concatenation would show it)
     */
    public static String escape(CharSequence text) {
        if (text == null) {
            return "null";
        }
        int n = text.length();
        int first = firstUnsafe(text, 0, n);
        if (first == n) {
            return text.toString();
        }
        StringBuilder sb = new StringBuilder(n + 16);
        sb.append(text, 0, first);
        for (int i = first; i < n; i++) {
            appendEscaped(sb, text, i);
        }
        return sb.toString();
    }

    /**
     * Escapes like {@link #escape(CharSequence)} but keeps each CR LF pair as a real line end, for multi-line text
     * such as a protocol trace: every line shown ends where the protocol's line ended, and no CR, LF or other control
     * character that is not part of a CR LF pair reaches the output unescaped.
     *
     * @param text server text (for example protocol bytes decoded as ISO-8859-1), or {@code null}
     * @return the escaped text
     */
    public static String escapeLines(CharSequence text) {
        if (text == null) {
            return "null";
        }
        int n = text.length();
        StringBuilder sb = null;
        int copied = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                i++;
                continue;
            }
            if (isUnsafe(text, i)) {
                if (sb == null) {
                    sb = new StringBuilder(n + 16);
                }
                sb.append(text, copied, i);
                appendEscaped(sb, text, i);
                copied = i + 1;
            }
        }
        if (sb == null) {
            return text.toString();
        }
        return sb.append(text, copied, n).toString();
    }

    /**
     * @param text some text
     * @return whether {@link #escape(CharSequence)} would change it (it holds a character of the table above)
     */
    public static boolean needsEscaping(CharSequence text) {
        return text != null && firstUnsafe(text, 0, text.length()) < text.length();
    }

    private static int firstUnsafe(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isUnsafe(text, i)) {
                return i;
            }
        }
        return to;
    }

    private static boolean isUnsafe(CharSequence text, int i) {
        char c = text.charAt(i);
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        if (c < 0x61c) {
            return false;
        }
        if (c == 0x61c || c == 0x200e || c == 0x200f || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }

    private static void appendEscaped(StringBuilder sb, CharSequence text, int i) {
        char c = text.charAt(i);
        if (!isUnsafe(text, i)) {
            sb.append(c);
        } else if (c == '\r') {
            sb.append("\\r");
        } else if (c == '\n') {
            sb.append("\\n");
        } else if (c == '\t') {
            sb.append("\\t");
        } else if (c <= 0xff) {
            sb.append("\\x").append(hex(c >> 4)).append(hex(c));
        } else {
            sb.append("\\u").append(hex(c >> 12)).append(hex(c >> 8)).append(hex(c >> 4)).append(hex(c));
        }
    }

    private static char hex(int v) {
        return Character.forDigit(v & 15, 16);
    }
}
