package org.imap4j.client.auth;

import java.text.Normalizer;
import org.imap4j.codec.ImapAuthenticationException;

/**
 * SASLprep (RFC 4013), the stringprep profile (RFC 3454) that SCRAM applies to user names and passwords
 * (RFC 5802 section 2.2), for query strings: unassigned code points are allowed.
 *
 * <p>The steps, in the order of RFC 3454 section 3: map non-ASCII spaces (table C.1.2) to SPACE and remove the
 * characters commonly mapped to nothing (table B.1); normalise with NFKC; refuse the prohibited characters of tables
 * C.1.2 and C.2.1 to C.9; check bidirectional text (RFC 3454 section 6).
 *
 * <p>Known deviation: the JDK's {@link Normalizer} and {@link Character#getDirectionality} follow a newer Unicode
 * than the 3.2 that stringprep fixes, so characters assigned or changed since then may normalise or classify
 * differently. Every character that Unicode 3.2 already had and that appears in the RFC's tables behaves as written.
 */
final class SaslPrep {
    private SaslPrep() {
    }

    /**
     * Prepares a string.
     *
     * @param value the string
     * @param what  what it is ("username", "password"), for the error message; the value itself is never shown
     * @return the prepared string
     * @throws ImapAuthenticationException if a prohibited character remains or the bidi rules fail, naming the
     *     index (in code points of the prepared string) but not the character
     */
    static String prepare(String value, String what) {
        StringBuilder mapped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (mappedToNothing(cp)) {
                continue;
            }
            if (nonAsciiSpace(cp)) {
                mapped.append(' ');
            } else {
                mapped.appendCodePoint(cp);
            }
        }
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);

        boolean hasRandAL = false;
        boolean hasL = false;
        int index = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < normalized.length(); index++) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            String table = prohibitedTable(cp);
            if (table != null) {
                throw new ImapAuthenticationException("SASLprep: the " + what + " contains a prohibited character ("
                        + table + ") at index " + index, null);
            }
            byte dir = Character.getDirectionality(cp);
            if (dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                hasRandAL = true;
            } else if (dir == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
                hasL = true;
            }
            if (first < 0) {
                first = cp;
            }
            last = cp;
        }
        if (hasRandAL) {
            if (hasL) {
                throw new ImapAuthenticationException("SASLprep: the " + what
                        + " mixes right-to-left and left-to-right characters (RFC 3454 section 6, rule 2)", null);
            }
            if (!isRandAL(first) || !isRandAL(last)) {
                throw new ImapAuthenticationException("SASLprep: the " + what
                        + " contains right-to-left characters but does not start and end with one"
                        + " (RFC 3454 section 6, rule 3)", null);
            }
        }
        return normalized;
    }

    private static boolean isRandAL(int cp) {
        byte dir = Character.getDirectionality(cp);
        return dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    /** RFC 3454 table B.1: commonly mapped to nothing. */
    static boolean mappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0xFEFF;
    }

    /** RFC 3454 table C.1.2: non-ASCII space characters. */
    static boolean nonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** @return the name of the RFC 3454 table that prohibits {@code cp}, or {@code null} if it is allowed */
    static String prohibitedTable(int cp) {
        if (nonAsciiSpace(cp)) {
            return "non-ASCII space, RFC 3454 C.1.2";
        }
        if (cp < 0x20 || cp == 0x7F) {
            return "ASCII control character, RFC 3454 C.2.1";
        }
        if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C
                || cp == 0x200D || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063)
                || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFC)
                || (cp >= 0x1D173 && cp <= 0x1D17A)) {
            return "non-ASCII control character, RFC 3454 C.2.2";
        }
        if ((cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) || (cp >= 0x100000 && cp <= 0x10FFFD)) {
            return "private use, RFC 3454 C.3";
        }
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            return "non-character code point, RFC 3454 C.4";
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            return "surrogate code, RFC 3454 C.5";
        }
        if (cp >= 0xFFF9 && cp <= 0xFFFD) {
            return "inappropriate for plain text, RFC 3454 C.6";
        }
        if (cp >= 0x2FF0 && cp <= 0x2FFB) {
            return "inappropriate for canonical representation, RFC 3454 C.7";
        }
        if (cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)) {
            return "change display properties or deprecated, RFC 3454 C.8";
        }
        if (cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F)) {
            return "tagging character, RFC 3454 C.9";
        }
        return null;
    }
}
