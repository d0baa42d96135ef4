package org.imap4j.codec.internal.parse;

import static org.imap4j.codec.internal.parse.ParseSupport.more;
import static org.imap4j.codec.internal.parse.ParseSupport.checkCount;
import static org.imap4j.codec.internal.parse.ParseSupport.keyword;
import static org.imap4j.codec.internal.parse.ParseSupport.enumOrNull;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.internal.ascii.Ascii;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.PartialRange;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.Untagged;

/**
 * SEARCH, for both directions: the command with its keys and return options, the SEARCH response and the ESEARCH
 * response (RFC 9051 sections 6.4.4 and 7.3.4, RFC 4731, RFC 7162 MODSEQ, RFC 9394 PARTIAL).
 *
 * <pre>
 * search             = "SEARCH" [search-return-opts] SP search-program
 * search-return-opts = SP "RETURN" SP "(" [search-return-opt *(SP search-return-opt)] ")"
 * search-program     = ["CHARSET" SP charset SP] search-key *(SP search-key)
 * search-key         = "ALL" / "ANSWERED" / "BCC" SP astring / "BEFORE" SP date / ... / "NOT" SP search-key /
 *                      "OR" SP search-key SP search-key / "UID" SP sequence-set / sequence-set /
 *                      "(" search-key *(SP search-key) ")"
 * mailbox-data       =/ "SEARCH" *(SP nz-number) [SP search-sort-mod-seq]
 * esearch-response   = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)
 * search-correlator  = SP "(" "TAG" SP tag-string ")"
 * search-return-data = "MIN" SP nz-number / "MAX" SP nz-number / "ALL" SP sequence-set / "COUNT" SP number /
 *                      search-ret-data-ext
 * </pre>
 */
final class SearchParser {
    private SearchParser() {
    }

    /**
     * {@code search = "SEARCH" [search-return-opts] SP search-program},
     * {@code search-program = ["CHARSET" SP charset SP] search-key *(SP search-key)} (RFC 9051, RFC 4731).
     */
    static Command search(ImapReader r, boolean uid) {
        r.sp();
        ReturnOptions ret = null;
        if (r.tryWord("RETURN")) {
            ret = returnOptions(r);
            r.sp();
        }
        String charset = null;
        if (r.tryWord("CHARSET")) {
            r.sp();
            charset = r.astring();
            r.sp();
        }
        return new Command.Search(charset, searchKeys(r), ret == null ? null : ret.options, ret == null ? null
                : ret.partial, uid);
    }

    /** The return options of a SEARCH or SORT: the plain ones and the PARTIAL range, if any. */
    static final class ReturnOptions {
        final List<Command.SearchReturn> options = new ArrayList<>();
        PartialRange partial;
    }

    /**
     * {@code search-return-opts = SP "RETURN" SP "(" [search-return-opt *(SP search-return-opt)] ")"}, after
     * {@code RETURN}; {@code search-return-opt =/ "PARTIAL" SP partial-range} (RFC 9394 section 6).
     */
    static ReturnOptions returnOptions(ImapReader r) {
        r.sp();
        r.expect('(');
        ReturnOptions ret = new ReturnOptions();
        if (r.peek() != ')') {
            do {
                String k = keyword(r);
                if (k.equals("PARTIAL") && ret.partial == null) {
                    r.sp();
                    ret.partial = partialRange(r);
                    continue;
                }
                Command.SearchReturn o = enumOrNull(Command.SearchReturn.class, k);
                if (o == null) {
                    throw r.error("a search return option");
                }
                ret.options.add(o);
            } while (r.tryByte(' '));
        }
        r.expect(')');
        return ret;
    }

    /** {@code partial-range = partial-range-first / partial-range-last} (RFC 9394 section 6). */
    static PartialRange partialRange(ImapReader r) {
        int at = r.mark();
        String range = r.run(Ascii.ATOM, "partial-range");
        try {
            return PartialRange.parse(range);
        } catch (ImapValidationException e) {
            throw r.errorAt("partial-range", at);
        }
    }

    /** {@code search-key *(SP search-key)} up to the line end: one key, or an {@link SearchKey.And} of several. */
    static SearchKey searchKeys(ImapReader r) {
        int depth = r.limits.maxNestingDepth();
        SearchKey first = searchKey(r, depth);
        if (r.peek() != ' ') {
            return first;
        }
        List<SearchKey> keys = new ArrayList<>();
        keys.add(first);
        while (r.peek() == ' ') {
            r.sp();
            if (r.atLineEnd()) {
                break;
            }
            keys.add(searchKey(r, depth));
        }
        return keys.size() == 1 ? first : new SearchKey.And(keys);
    }

    /** {@code search-key} (RFC 9051 section 9 and the extensions listed on {@link SearchKey}). */
    static SearchKey searchKey(ImapReader r, int depth) {
        if (depth <= 0) {
            throw ImapProtocolException.limit("maxNestingDepth", r.limits.maxNestingDepth() + 1L,
                    r.limits.maxNestingDepth());
        }
        int c = r.peek();
        if (c == '(') {
            r.expect('(');
            List<SearchKey> keys = new ArrayList<>();
            do {
                keys.add(searchKey(r, depth - 1));
            } while (r.tryByte(' '));
            r.expect(')');
            return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
        }
        if (c == '*' || c == '$' || (c >= '0' && c <= '9')) {
            return new SearchKey.Sequence(SequenceSetParser.sequenceSet(r));
        }
        int at = r.mark();
        String k = keyword(r);
        for (SearchKey.Simple s : SearchKey.Simple.values()) {
            if (s.wire().equals(k)) {
                return s;
            }
        }
        for (SearchKey.TextField f : SearchKey.TextField.values()) {
            if (f.wire().equals(k)) {
                r.sp();
                return new SearchKey.Text(f, r.astring());
            }
        }
        for (SearchKey.DateField f : SearchKey.DateField.values()) {
            if (f.wire().equals(k)) {
                r.sp();
                return new SearchKey.DateKey(f, DateTimeParser.date(r));
            }
        }
        for (SearchKey.NumberField f : SearchKey.NumberField.values()) {
            if (f.wire().equals(k)) {
                r.sp();
                return new SearchKey.NumberKey(f, r.number64());
            }
        }
        switch (k) {
            case "HEADER": {
                r.sp();
                String name = r.astring();
                r.sp();
                return new SearchKey.Header(name, r.astring());
            }
            case "KEYWORD":
            case "UNKEYWORD":
                r.sp();
                return new SearchKey.Keyword(r.atom(), k.equals("UNKEYWORD"));
            case "EMAILID":
            case "THREADID":
                r.sp();
                return new SearchKey.ObjectId(SearchKey.ObjectIdField.valueOf(k), r.atom());
            case "MODSEQ": {
                r.sp();
                if (r.atString()) {
                    String entry = r.string();
                    r.sp();
                    String t = keyword(r);
                    SearchKey.EntryType type = null;
                    for (SearchKey.EntryType e : SearchKey.EntryType.values()) {
                        if (e.name().equals(t)) {
                            type = e;
                        }
                    }
                    if (type == null) {
                        throw r.error("priv, shared or all");
                    }
                    r.sp();
                    return new SearchKey.ModSeq(entry, type, r.number64());
                }
                return new SearchKey.ModSeq(null, null, r.number64());
            }
            case "UID":
                r.sp();
                return new SearchKey.Uid(SequenceSetParser.sequenceSet(r));
            case "NOT":
                r.sp();
                return new SearchKey.Not(searchKey(r, depth - 1));
            case "OR": {
                r.sp();
                SearchKey a = searchKey(r, depth - 1);
                r.sp();
                return new SearchKey.Or(a, searchKey(r, depth - 1));
            }
            default:
                r.reset(at);
                throw r.error("a search key");
        }
    }

    /**
     * {@code *(SP nz-number) [SP search-sort-mod-seq]}; {@code search-sort-mod-seq = "(" "MODSEQ" SP
     * mod-sequence-value ")"} (RFC 7162): the tail of SEARCH and SORT.
     *
     * @return the mod-sequence, or {@code null}
     */
    static Long numbersAndModSeq(ImapReader r, List<Long> out) {
        while (more(r)) {
            if (r.peek() == '(') {
                r.expect('(');
                r.word("MODSEQ");
                r.sp();
                long m = r.number64();
                r.expect(')');
                return m;
            }
            checkCount(r, out.size());
            out.add(r.nzNumber());
        }
        return null;
    }

    /**
     * {@code esearch-response = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)};
     * {@code search-correlator = SP "(" "TAG" SP tag-string ")"} (RFC 4731, RFC 9051).
     */
    static Untagged esearch(ImapReader r) {
        String tag = null;
        boolean uid = false;
        boolean any = more(r);
        if (any && r.peek() == '(') {
            r.expect('(');
            r.word("TAG");
            r.sp();
            tag = r.astring();
            r.expect(')');
            any = more(r);
        }
        if (any && r.tryWord("UID")) {
            uid = true;
            any = more(r);
        }
        List<ESearchItem> items = new ArrayList<>();
        while (any) {
            checkCount(r, items.size());
            items.add(searchReturnData(r));
            any = more(r);
        }
        return new Untagged.ESearch(tag, uid, items);
    }

    /**
     * {@code search-return-data = "MIN" SP nz-number / "MAX" SP nz-number / "ALL" SP sequence-set / "COUNT" SP
     * number / "MODSEQ" SP mod-sequence-value / search-ret-data-ext}.
     */
    static ESearchItem searchReturnData(ImapReader r) {
        String name = r.name();
        r.sp();
        switch (name) {
            case "MIN":
                return new ESearchItem.Min(r.nzNumber());
            case "MAX":
                return new ESearchItem.Max(r.nzNumber());
            case "COUNT":
                return new ESearchItem.Count(r.number());
            case "ALL":
                return new ESearchItem.All(SequenceSetParser.reportedSet(r));
            case "MODSEQ":
                return new ESearchItem.ModSeq(r.number64());
            case "PARTIAL": {
                // "PARTIAL" SP "(" partial-range SP partial-results ")"; partial-results = sequence-set / "NIL"
                r.expect('(');
                PartialRange pr = partialRange(r);
                r.sp();
                SequenceSet results = r.tryNil() ? null : SequenceSetParser.reportedSet(r);
                r.expect(')');
                return new ESearchItem.Partial(pr, results);
            }
            case "ADDTO":
                return new ESearchItem.AddTo(contextChanges(r));
            case "REMOVEFROM":
                return new ESearchItem.RemoveFrom(contextChanges(r));
            default:
                return new ESearchItem.Other(name, r.value());
        }
    }

    /**
     * {@code "(" context-position SP sequence-set *(SP context-position SP sequence-set) ")"} (RFC 5267 section 4.4),
     * after {@code ADDTO} or {@code REMOVEFROM} and its space.
     */
    private static List<ESearchItem.ContextUpdate> contextChanges(ImapReader r) {
        r.expect('(');
        List<ESearchItem.ContextUpdate> updates = new ArrayList<>();
        do {
            checkCount(r, updates.size());
            long position = r.number();
            r.sp();
            updates.add(new ESearchItem.ContextUpdate(position, SequenceSetParser.reportedSet(r)));
        } while (r.tryByte(' '));
        r.expect(')');
        return updates;
    }

    /** {@code mailbox-data =/ "SEARCH" *(SP nz-number) [SP search-sort-mod-seq]}, after the name. */
    static Untagged searchResponse(ImapReader r) {
        List<Long> nums = new ArrayList<>();
        Long modSeq = numbersAndModSeq(r, nums);
        return new Untagged.Search(nums, modSeq);
    }
}
