package org.imap4j.codec.internal.parse;

import static org.imap4j.codec.internal.parse.ParseSupport.checkCount;

import java.nio.charset.StandardCharsets;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.SequenceSet;

/**
 * The sequence set, for both directions: the one lexer of this rule (the command side, the response side and the
 * generic arguments of unknown commands all come here); the text is then read by {@link SequenceSet#parse(String)}.
 *
 * <pre>
 * sequence-set     = (seq-number / seq-range) ["," sequence-set]
 * seq-number       = nz-number / "*"
 * seq-range        = seq-number ":" seq-number
 * seq-last-command = "$"                                   ; RFC 9051 section 6.4.4.1 (SEARCHRES)
 * uid-set          = (uniqueid / uid-range) *("," uid-set)  ; RFC 4315: no "*"
 * known-uids       = sequence-set                          ; RFC 7162, sent by a server: no "*"
 * </pre>
 */
final class SequenceSetParser {
    private SequenceSetParser() {
    }

    /**
     * {@code sequence-set / seq-last-command} as a client sends it (a command's set, a SEARCH key), kept unexpanded;
     * its number of ranges is bounded by {@code maxListItems}.
     *
     * @param r the reader
     * @return the set
     * @throws ImapProtocolException if it is not a sequence set
     */
    static SequenceSet sequenceSet(ImapReader r) {
        return lex(r, true);
    }

    /**
     * A set of numbers a server reports ({@code uid-set} of COPYUID / APPENDUID, {@code known-uids} of VANISHED,
     * {@code sequence-set} of ESEARCH ALL and MODIFIED), kept unexpanded (so {@code 1:4294967295} costs two longs);
     * its number of ranges is bounded by {@code maxListItems}. {@code *} is refused: it names "the largest number in
     * use", which a server reporting numbers knows, and RFC 4315's {@code uid-set} and RFC 7162's {@code known-uids}
     * exclude it.
     *
     * @param r the reader
     * @return the set
     * @throws ImapProtocolException if it is not a set of nz-numbers, or holds {@code *}
     */
    static SequenceSet reportedSet(ImapReader r) {
        int at = r.mark();
        SequenceSet set = lex(r, false);
        if (set.hasStar()) {
            throw r.errorAt("'*' is not allowed in a set of numbers a server reports", at);
        }
        return set;
    }

    /**
     * A word already read as something else (a generic argument) taken as a sequence set when it is one.
     *
     * @param word the word
     * @return the set, or {@code null} when the word is not a sequence set
     */
    static SequenceSet ifSequenceSet(String word) {
        if (word.isEmpty()) {
            return null;
        }
        for (int i = 0; i < word.length(); i++) {
            if (!isSetChar(word.charAt(i), false)) {
                return null;
            }
        }
        try {
            return SequenceSet.parse(word);
        } catch (ImapValidationException e) {
            return null;
        }
    }

    private static boolean isSetChar(int c, boolean dollar) {
        return c >= '0' && c <= '9' || c == ':' || c == ',' || c == '*' || dollar && c == '$';
    }

    /** The bytes of a set (and {@code $} when {@code dollar}), read by {@link SequenceSet#parse(String)}. */
    private static SequenceSet lex(ImapReader r, boolean dollar) {
        byte[] b = r.buffer();
        int s = r.mark();
        int p = s;
        int end = r.end();
        int commas = 0;
        while (p < end && isSetChar(b[p], dollar)) {
            if (b[p] == ',') {
                commas++;
            }
            p++;
        }
        if (p == s) {
            throw r.error("sequence-set");
        }
        checkCount(r, commas);
        try {
            SequenceSet set = SequenceSet.parse(new String(b, s, p - s, StandardCharsets.ISO_8859_1));
            r.seek(p);
            return set;
        } catch (ImapValidationException e) {
            throw r.errorAt("invalid sequence-set: " + e.getMessage(), s);
        }
    }
}
