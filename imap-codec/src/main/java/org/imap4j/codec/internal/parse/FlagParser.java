package org.imap4j.codec.internal.parse;

import static org.imap4j.codec.internal.parse.ParseSupport.checkCount;
import static org.imap4j.codec.internal.parse.ParseSupport.closeOrSp;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.core.Flag;

/**
 * Flag lists, for both directions (FLAGS and PERMANENTFLAGS responses, STORE and APPEND commands); FETCH's FLAGS item
 * keeps its allocation-free reader in {@link FetchParser} (it is on the hot path and memoizes common flags).
 *
 * <pre>
 * flag-list       = "(" [flag *(SP flag)] ")"
 * flag            = "\Answered" / "\Flagged" / "\Deleted" / "\Seen" / "\Draft" / flag-keyword / flag-extension
 * flag-keyword    = "$MDNSent" / "$Forwarded" / "$Junk" / "$NotJunk" / "$Phishing" / atom
 * flag-extension  = "\" atom
 * flag-perm       = flag / "\*"
 * </pre>
 */
final class FlagParser {
    private FlagParser() {
    }

    /**
     * {@code flag-list = "(" [flag *(SP flag)] ")"} (and {@code \*} of {@code flag-perm}); a space before ")" with
     * {@link org.imap4j.codec.Quirk#EXTRA_SPACES}.
     */
    static List<Flag> flagList(ImapReader r) {
        r.expect('(');
        List<Flag> out = new ArrayList<>();
        if (r.tryByte(')')) {
            return out;
        }
        while (true) {
            checkCount(r, out.size());
            out.add(flag(r));
            if (closeOrSp(r)) {
                return out;
            }
        }
    }

    /** {@code flag-perm = flag / "\*"}: one flag, of a flag list or on its own (STORE without parentheses). */
    static Flag flag(ImapReader r) {
        return Flag.of(r.flag());
    }
}
