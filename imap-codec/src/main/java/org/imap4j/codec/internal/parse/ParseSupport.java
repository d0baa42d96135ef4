package org.imap4j.codec.internal.parse;

import org.imap4j.codec.ImapProtocolException;
import java.util.Locale;

/**
 * The list helpers every grammar file shares: {@code *(SP x)} tails, the {@code maxListItems} bound, the close-or-SP
 * step of a parenthesized list, and case-insensitive keywords. No grammar rule lives here.
 */
final class ParseSupport {
    private ParseSupport() {
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

    /** After a list element: consumes {@code ")"} (true) or SP (false); a space before ")" with EXTRA_SPACES. */
    static boolean closeOrSp(ImapReader r) {
        if (r.tryByte(')')) {
            return true;
        }
        r.sp();
        return r.extraSpaces() && r.tryByte(')');
    }

    static String keyword(ImapReader r) {
        return r.atom().toUpperCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
