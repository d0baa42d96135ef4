package org.imap4j.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.SequenceSet;

/**
 * A readable search syntax mapped onto the codec's typed {@link SearchKey} factories. Terms side by side must all
 * match; {@code or A B} matches either, {@code not A} the opposite, parentheses group.
 *
 * <pre>
 * unseen from:smith since:2024-03-01
 * subject:"quarterly report" larger:100k
 * or flagged ( to:bob not seen )
 * header:List-Id:dev uid:100:200 younger:3600
 * </pre>
 *
 * Flag words: {@code all seen unseen flagged unflagged answered unanswered deleted undeleted draft undraft new old
 * recent}. Keys with a value: {@code from to cc bcc subject body text keyword unkeyword header before on since
 * larger smaller older younger uid modseq}.
 */
final class SearchQuery {
    static final String HELP = "search terms: unseen seen flagged unflagged answered unanswered deleted undeleted "
            + "draft undraft new old recent all | from:X to:X cc:X bcc:X subject:X body:X text:X keyword:K "
            + "unkeyword:K header:NAME:VALUE before:DATE on:DATE since:DATE larger:N[k|m] smaller:N[k|m] "
            + "older:SECONDS younger:SECONDS uid:SET modseq:N | not T | or T1 T2 | ( ... )";

    private final List<String> tokens;
    private int pos;

    private SearchQuery(List<String> tokens) {
        this.tokens = tokens;
    }

    /**
     * @param words the query as given on the command line (one or several words)
     * @return the search key; ALL for an empty query
     * @throws UsageException for a term this syntax does not have
     */
    static SearchKey parse(List<String> words) {
        List<String> tokens = new ArrayList<>();
        for (String w : words) {
            tokenize(w, tokens);
        }
        SearchQuery q = new SearchQuery(tokens);
        List<SearchKey> keys = new ArrayList<>();
        while (q.pos < tokens.size()) {
            keys.add(q.term());
        }
        if (keys.isEmpty()) {
            return SearchKey.all();
        }
        return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
    }

    // A word from the shell is one token when it is key:value without quotes ("subject:big report" came quoted).
    private static void tokenize(String word, List<String> out) {
        if (word.indexOf('"') < 0 && word.matches("(?s)^[A-Za-z-]+:.*")) {
            out.add(word);
            return;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && Character.isWhitespace(c)) {
                flush(cur, out);
            } else if (!quoted && (c == '(' || c == ')') && cur.indexOf(":") < 0) {
                flush(cur, out);
                out.add(String.valueOf(c));
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new UsageException("unbalanced quote in search query: " + word);
        }
        flush(cur, out);
    }

    private static void flush(StringBuilder cur, List<String> out) {
        if (cur.length() > 0) {
            out.add(cur.toString());
            cur.setLength(0);
        }
    }

    private SearchKey term() {
        if (pos >= tokens.size()) {
            throw new UsageException("search query ends too early; " + HELP);
        }
        String t = tokens.get(pos++);
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("not")) {
            return SearchKey.not(term());
        }
        if (lower.equals("or")) {
            SearchKey a = term();
            return SearchKey.or(a, term());
        }
        if (t.equals("(")) {
            List<SearchKey> keys = new ArrayList<>();
            while (pos < tokens.size() && !tokens.get(pos).equals(")")) {
                keys.add(term());
            }
            if (pos >= tokens.size()) {
                throw new UsageException("missing ) in search query");
            }
            pos++;
            if (keys.isEmpty()) {
                throw new UsageException("empty ( ) in search query");
            }
            return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
        }
        int colon = t.indexOf(':');
        if (colon < 0) {
            return simple(lower, t);
        }
        String key = lower.substring(0, colon);
        String value = t.substring(colon + 1);
        if (value.isEmpty()) {
            throw new UsageException("search term " + t + " needs a value after the colon");
        }
        switch (key) {
            case "from": return SearchKey.from(value);
            case "to": return SearchKey.to(value);
            case "cc": return SearchKey.cc(value);
            case "bcc": return SearchKey.bcc(value);
            case "subject": return SearchKey.subject(value);
            case "body": return SearchKey.body(value);
            case "text": return SearchKey.text(value);
            case "keyword": return SearchKey.keyword(value);
            case "unkeyword": return SearchKey.unkeyword(value);
            case "header": {
                int c = value.indexOf(':');
                return c < 0 ? SearchKey.header(value, "") : SearchKey.header(value.substring(0, c),
                        value.substring(c + 1));
            }
            case "before": return SearchKey.before(date(t, value));
            case "on": return SearchKey.on(date(t, value));
            case "since": return SearchKey.since(date(t, value));
            case "larger": return SearchKey.larger(size(t, value));
            case "smaller": return SearchKey.smaller(size(t, value));
            case "older": return SearchKey.older(size(t, value));
            case "younger": return SearchKey.younger(size(t, value));
            case "modseq": return SearchKey.modSeq(size(t, value));
            case "uid":
                try {
                    return SearchKey.uid(SequenceSet.parse(value));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("bad UID set in " + t + ": " + e.getMessage());
                }
            default:
                throw new UsageException("unknown search key \"" + key + ":\"; " + HELP);
        }
    }

    private static SearchKey simple(String lower, String original) {
        switch (lower) {
            case "all": return SearchKey.all();
            case "seen": return SearchKey.seen();
            case "unseen": return SearchKey.unseen();
            case "flagged": return SearchKey.flagged();
            case "unflagged": return SearchKey.Simple.UNFLAGGED;
            case "answered": return SearchKey.answered();
            case "unanswered": return SearchKey.Simple.UNANSWERED;
            case "deleted": return SearchKey.deleted();
            case "undeleted": return SearchKey.undeleted();
            case "draft": return SearchKey.draft();
            case "undraft": return SearchKey.Simple.UNDRAFT;
            case "new": return SearchKey.Simple.NEW;
            case "old": return SearchKey.Simple.OLD;
            case "recent": return SearchKey.Simple.RECENT;
            default:
                throw new UsageException("unknown search term \"" + original + "\"; " + HELP);
        }
    }

    private static LocalDate date(String term, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("search term " + term + " needs a date as YYYY-MM-DD");
        }
    }

    private static long size(String term, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        long mult = 1;
        if (v.endsWith("k")) {
            mult = 1024;
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            mult = 1024 * 1024;
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Long.parseLong(v) * mult;
        } catch (NumberFormatException e) {
            throw new UsageException("search term " + term + " needs a number");
        }
    }
}
