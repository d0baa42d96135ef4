package org.imap4j.codec.internal.parse;

import static org.imap4j.codec.internal.parse.ParseSupport.more;
import static org.imap4j.codec.internal.parse.ParseSupport.checkCount;
import static org.imap4j.codec.internal.parse.ParseSupport.keyword;
import static org.imap4j.codec.internal.parse.ParseSupport.enumOrNull;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.response.MessageThread;
import org.imap4j.codec.response.Untagged;

/**
 * THREAD and SORT, for both directions (RFC 5256; MODSEQ of the SORT response, RFC 7162).
 *
 * <pre>
 * sort            = ["UID" SP] "SORT" SP sort-criteria SP search-criteria
 * sort-criteria   = "(" sort-criterion *(SP sort-criterion) ")"
 * sort-criterion  = ["REVERSE" SP] sort-key
 * thread          = ["UID" SP] "THREAD" SP thread-alg SP search-criteria
 * sort-data       = "SORT" *(SP nz-number) [SP search-sort-mod-seq]
 * thread-data     = "THREAD" [SP 1*thread-list]
 * thread-list     = "(" (thread-members / thread-nested) ")"
 * thread-members  = nz-number *(SP nz-number) [SP thread-nested]
 * thread-nested   = 2*thread-list
 * </pre>
 */
final class ThreadParser {
    private ThreadParser() {
    }

    /** {@code thread-data = "THREAD" [SP 1*thread-list]} (RFC 5256). */
    static Untagged threadData(ImapReader r) {
        List<MessageThread> out = new ArrayList<>();
        if (more(r)) {
            do {
                checkCount(r, out.size());
                out.add(threadList(r));
            } while (r.peek() == '(');
        }
        return new Untagged.Threads(out);
    }

    static final class OpenThread {
        final List<Long> messages = new ArrayList<>(4);
        final List<MessageThread> children = new ArrayList<>(2);
    }

    /**
     * {@code thread-list = "(" (thread-members / thread-nested) ")"}; {@code thread-members = nz-number
     * *(SP nz-number) [SP thread-nested]}; {@code thread-nested = 2*thread-list}. Iterative, with an explicit stack
     * bounded by {@code maxNestingDepth}, so hostile nesting costs neither stack nor unbounded heap.
     */
    static MessageThread threadList(ImapReader r) {
        int max = r.limits.maxNestingDepth();
        List<OpenThread> stack = new ArrayList<>();
        r.expect('(');
        stack.add(new OpenThread());
        boolean open = true;
        while (true) {
            if (open) {
                OpenThread top = stack.get(stack.size() - 1);
                if (r.atDigit()) {
                    top.messages.add(r.nzNumber());
                    while (r.peek() == ' ' && r.peek(1) >= '0' && r.peek(1) <= '9') {
                        r.expect(' ');
                        checkCount(r, top.messages.size());
                        top.messages.add(r.nzNumber());
                    }
                    if (r.peek() == ' ') {
                        r.expect(' ');
                        if (r.peek() != '(') {
                            throw r.error("nz-number or thread-list");
                        }
                    } else {
                        open = false;
                        continue;
                    }
                }
                if (r.peek() != '(') {
                    throw r.error("nz-number or thread-list");
                }
                r.expect('(');
                if (stack.size() >= max) {
                    throw ImapProtocolException.limit("maxNestingDepth", stack.size() + 1L, max);
                }
                stack.add(new OpenThread());
                continue;
            }
            r.expect(')');
            OpenThread done = stack.remove(stack.size() - 1);
            MessageThread node = new MessageThread(done.messages, done.children);
            if (stack.isEmpty()) {
                return node;
            }
            OpenThread parent = stack.get(stack.size() - 1);
            checkCount(r, parent.children.size());
            parent.children.add(node);
            if (r.peek() == '(') {
                r.expect('(');
                if (stack.size() >= max) {
                    throw ImapProtocolException.limit("maxNestingDepth", stack.size() + 1L, max);
                }
                stack.add(new OpenThread());
                open = true;
            }
        }
    }

    /** {@code sort = ["UID" SP] "SORT" [search-return-opts] SP sort-criteria SP search-criteria} (RFC 5256, 5267). */
    static Command sort(ImapReader r, boolean uid) {
        r.sp();
        SearchParser.ReturnOptions ret = null;
        if (r.tryWord("RETURN")) {
            // ESORT (RFC 5267 section 3.2): sort =/ ["UID" SP] "SORT" search-return-opts SP sort-criteria ...
            ret = SearchParser.returnOptions(r);
            r.sp();
        }
        r.expect('(');
        List<Command.SortCriterion> criteria = new ArrayList<>();
        do {
            boolean reverse = false;
            String k = keyword(r);
            if (k.equals("REVERSE")) {
                reverse = true;
                r.sp();
                k = keyword(r);
            }
            Command.SortKey key = enumOrNull(Command.SortKey.class, k);
            if (key == null) {
                throw r.error("a sort key");
            }
            criteria.add(new Command.SortCriterion(reverse, key));
        } while (r.tryByte(' '));
        r.expect(')');
        r.sp();
        String charset = r.astring();
        r.sp();
        SearchKey key = SearchParser.searchKeys(r);
        try {
            return new Command.Sort(criteria, charset, key, uid, ret == null ? null : ret.options,
                    ret == null ? null : ret.partial);
        } catch (ImapValidationException e) {
            throw r.error("a sort return option (MIN, MAX, ALL, COUNT, PARTIAL)");
        }
    }

    /** {@code thread = ["UID" SP] "THREAD" SP thread-alg SP search-criteria}, after the name. */
    static Command thread(ImapReader r, boolean uid) {
        r.sp();
        String alg = r.atom();
        r.sp();
        String charset = r.astring();
        r.sp();
        return new Command.Thread(alg, charset, SearchParser.searchKeys(r), uid);
    }

    /** {@code sort-data = "SORT" *(SP nz-number) [SP search-sort-mod-seq]}, after the name. */
    static Untagged sortResponse(ImapReader r) {
        List<Long> nums = new ArrayList<>();
        Long modSeq = SearchParser.numbersAndModSeq(r, nums);
        return new Untagged.Sort(nums, modSeq);
    }
}
