package org.imap4j.codec.command;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.SequenceSet;

/**
 * A typed SEARCH criterion ({@code search-key}, RFC 9051 section 6.4.4 and RFC 3501 section 6.4.4), with the
 * extensions MODSEQ (RFC 7162), OLDER/YOUNGER (RFC 5032), SAVEDBEFORE/SAVEDON/SAVEDSINCE/SAVEDATESUPPORTED
 * (RFC 8514), EMAILID/THREADID (RFC 8474) and Gmail's X-GM-RAW, X-GM-MSGID, X-GM-THRID and X-GM-LABELS.
 *
 * <pre>{@code
 * SearchKey k = SearchKey.and(SearchKey.flagged(), SearchKey.since(LocalDate.of(1994, 2, 1)),
 *         SearchKey.not(SearchKey.from("Smith")));   // FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"
 * }</pre>
 */
public sealed interface SearchKey {

    /** Criteria that take no argument. */
    enum Simple implements SearchKey {
        /** {@code ALL}. */
        ALL("ALL"),
        /** {@code ANSWERED}. */
        ANSWERED("ANSWERED"),
        /** {@code DELETED}. */
        DELETED("DELETED"),
        /** {@code DRAFT}. */
        DRAFT("DRAFT"),
        /** {@code FLAGGED}. */
        FLAGGED("FLAGGED"),
        /** {@code NEW} (IMAP4rev1). */
        NEW("NEW"),
        /** {@code OLD} (IMAP4rev1). */
        OLD("OLD"),
        /** {@code RECENT} (IMAP4rev1). */
        RECENT("RECENT"),
        /** {@code SEEN}. */
        SEEN("SEEN"),
        /** {@code UNANSWERED}. */
        UNANSWERED("UNANSWERED"),
        /** {@code UNDELETED}. */
        UNDELETED("UNDELETED"),
        /** {@code UNDRAFT}. */
        UNDRAFT("UNDRAFT"),
        /** {@code UNFLAGGED}. */
        UNFLAGGED("UNFLAGGED"),
        /** {@code UNSEEN}. */
        UNSEEN("UNSEEN"),
        /** {@code SAVEDATESUPPORTED} (RFC 8514). */
        SAVEDATESUPPORTED("SAVEDATESUPPORTED");

        private final String wire;

        Simple(String wire) {
            this.wire = wire;
        }

        /** @return the keyword on the wire */
        public String wire() {
            return wire;
        }
    }

    /** Criteria that match a string in a header or the body. */
    enum TextField {
        /** {@code BCC}. */
        BCC("BCC"),
        /** {@code BODY}. */
        BODY("BODY"),
        /** {@code CC}. */
        CC("CC"),
        /** {@code FROM}. */
        FROM("FROM"),
        /** {@code SUBJECT}. */
        SUBJECT("SUBJECT"),
        /** {@code TEXT}. */
        TEXT("TEXT"),
        /** {@code TO}. */
        TO("TO"),
        /** {@code X-GM-RAW}: Gmail search syntax. */
        X_GM_RAW("X-GM-RAW"),
        /** {@code X-GM-LABELS}: a Gmail label. */
        X_GM_LABELS("X-GM-LABELS");

        private final String wire;

        TextField(String wire) {
            this.wire = wire;
        }

        /** @return the keyword on the wire */
        public String wire() {
            return wire;
        }
    }

    /** Criteria that compare a date. */
    enum DateField {
        /** {@code BEFORE} (internal date). */
        BEFORE("BEFORE"),
        /** {@code ON}. */
        ON("ON"),
        /** {@code SINCE}. */
        SINCE("SINCE"),
        /** {@code SENTBEFORE} (Date: header). */
        SENTBEFORE("SENTBEFORE"),
        /** {@code SENTON}. */
        SENTON("SENTON"),
        /** {@code SENTSINCE}. */
        SENTSINCE("SENTSINCE"),
        /** {@code SAVEDBEFORE} (RFC 8514). */
        SAVEDBEFORE("SAVEDBEFORE"),
        /** {@code SAVEDON} (RFC 8514). */
        SAVEDON("SAVEDON"),
        /** {@code SAVEDSINCE} (RFC 8514). */
        SAVEDSINCE("SAVEDSINCE");

        private final String wire;

        DateField(String wire) {
            this.wire = wire;
        }

        /** @return the keyword on the wire */
        public String wire() {
            return wire;
        }
    }

    /** Criteria that compare a number. */
    enum NumberField {
        /** {@code LARGER} (RFC 9051: number64). */
        LARGER("LARGER", 0),
        /** {@code SMALLER}. */
        SMALLER("SMALLER", 0),
        /** {@code OLDER} seconds (RFC 5032). */
        OLDER("OLDER", 1),
        /** {@code YOUNGER} seconds (RFC 5032). */
        YOUNGER("YOUNGER", 1),
        /** {@code X-GM-MSGID}. */
        X_GM_MSGID("X-GM-MSGID", 0),
        /** {@code X-GM-THRID}. */
        X_GM_THRID("X-GM-THRID", 0);

        private final String wire;
        private final long min;

        NumberField(String wire, long min) {
            this.wire = wire;
            this.min = min;
        }

        /** @return the keyword on the wire */
        public String wire() {
            return wire;
        }

        long max() {
            return min == 1 ? 0xFFFF_FFFFL : Long.MAX_VALUE;
        }

        long min() {
            return min;
        }
    }

    /** Object-id criteria (RFC 8474 section 6). */
    enum ObjectIdField {
        /** {@code EMAILID}. */
        EMAILID,
        /** {@code THREADID}. */
        THREADID
    }

    /** The entry type of a MODSEQ criterion (RFC 7162 section 3.1.5). */
    enum EntryType {
        /** {@code priv}. */
        PRIV("priv"),
        /** {@code shared}. */
        SHARED("shared"),
        /** {@code all}. */
        ALL("all");

        private final String wire;

        EntryType(String wire) {
            this.wire = wire;
        }

        /** @return the keyword on the wire */
        public String wire() {
            return wire;
        }
    }

    /**
     * A string criterion such as {@code FROM "Smith"}.
     *
     * @param field the criterion
     * @param value the string (any text without NUL)
     */
    record Text(TextField field, String value) implements SearchKey {
        /**
         * Refuses NUL.
         *
         * @param field the criterion
         * @param value the string (any text without NUL)
         */
        public Text {
            Objects.requireNonNull(field, "field");
            Validate.noNul(value, "search string");
        }
    }

    /**
     * {@code HEADER field-name string}.
     *
     * @param name  the header field name
     * @param value the string ({@code ""} matches any message with the field)
     */
    record Header(String name, String value) implements SearchKey {
        /**
         * Refuses NUL.
         *
         * @param name  the header field name
         * @param value the string ({@code ""} matches any message with the field)
         */
        public Header {
            Validate.noNul(name, "header name");
            Validate.noNul(value, "search string");
        }
    }

    /**
     * {@code KEYWORD flag} or {@code UNKEYWORD flag}.
     *
     * @param keyword the keyword (an atom)
     * @param negated whether UNKEYWORD
     */
    record Keyword(String keyword, boolean negated) implements SearchKey {
        /**
         * Validates the keyword.
         *
         * @param keyword the keyword (an atom)
         * @param negated whether UNKEYWORD
         */
        public Keyword {
            Validate.atom(keyword, "keyword");
        }
    }

    /**
     * A date criterion such as {@code SINCE 1-Feb-1994}.
     *
     * @param field the criterion
     * @param date  the date (year 1..9999)
     */
    record DateKey(DateField field, LocalDate date) implements SearchKey {
        /**
         * Validates the year.
         *
         * @param field the criterion
         * @param date  the date (year 1..9999)
         */
        public DateKey {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(date, "date");
            if (date.getYear() < 1 || date.getYear() > 9999) {
                throw new ImapValidationException("date year must have 4 digits: " + date);
            }
        }
    }

    /**
     * A number criterion such as {@code LARGER 1000}.
     *
     * @param field the criterion
     * @param value the number
     */
    record NumberKey(NumberField field, long value) implements SearchKey {
        /**
         * Validates the range.
         *
         * @param field the criterion
         * @param value the number
         */
        public NumberKey {
            Objects.requireNonNull(field, "field");
            if (value < field.min() || value > field.max()) {
                throw new ImapValidationException(field.wire() + " out of range: " + value);
            }
        }
    }

    /**
     * {@code EMAILID id} / {@code THREADID id} (RFC 8474).
     *
     * @param field the criterion
     * @param id    the object id: 1..255 of {@code A-Z a-z 0-9 _ -}
     */
    record ObjectId(ObjectIdField field, String id) implements SearchKey {
        /**
         * Validates the id.
         *
         * @param field the criterion
         * @param id    the object id: 1..255 of {@code A-Z a-z 0-9 _ -}
         */
        public ObjectId {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(id, "id");
            if (id.isEmpty() || id.length() > 255) {
                throw new ImapValidationException("objectid must have 1..255 characters");
            }
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
                        || c == '-';
                if (!ok) {
                    throw new ImapValidationException("objectid character " + Validate.shown(String.valueOf(c))
                            + " at index " + i);
                }
            }
        }
    }

    /**
     * {@code MODSEQ ["entry-name" entry-type] modseq} (RFC 7162 section 3.1.5).
     *
     * @param entryName the entry name such as {@code /flags/\Seen}, or {@code null}
     * @param entryType the entry type, given exactly when {@code entryName} is
     * @param modSeq    the mod-sequence value
     */
    record ModSeq(String entryName, EntryType entryType, long modSeq) implements SearchKey {
        /**
         * Validates the pairing and the number.
         *
         * @param entryName the entry name such as {@code /flags/\Seen}, or {@code null}
         * @param entryType the entry type, given exactly when {@code entryName} is
         * @param modSeq    the mod-sequence value
         */
        public ModSeq {
            if ((entryName == null) != (entryType == null)) {
                throw new ImapValidationException("MODSEQ entry name and type go together");
            }
            if (entryName != null) {
                Validate.noNul(entryName, "entry name");
            }
            Validate.nonNegative(modSeq, "mod-sequence");
        }
    }

    /**
     * {@code UID set}.
     *
     * @param set the UIDs
     */
    record Uid(SequenceSet set) implements SearchKey {
        /**
         * Requires a set.
         *
         * @param set the UIDs
         */
        public Uid {
            Objects.requireNonNull(set, "set");
        }
    }

    /**
     * A message sequence set as a criterion.
     *
     * @param set the sequence numbers
     */
    record Sequence(SequenceSet set) implements SearchKey {
        /**
         * Requires a set.
         *
         * @param set the sequence numbers
         */
        public Sequence {
            Objects.requireNonNull(set, "set");
        }
    }

    /**
     * {@code NOT key}.
     *
     * @param key the negated criterion
     */
    record Not(SearchKey key) implements SearchKey {
        /**
         * Requires a key.
         *
         * @param key the negated criterion
         */
        public Not {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * {@code OR key1 key2}.
     *
     * @param left  one criterion
     * @param right the other
     */
    record Or(SearchKey left, SearchKey right) implements SearchKey {
        /**
         * Requires both keys.
         *
         * @param left  one criterion
         * @param right the other
         */
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /**
     * All of several criteria: juxtaposed at the top level, a parenthesised list inside another key.
     *
     * @param keys two or more criteria
     */
    record And(List<SearchKey> keys) implements SearchKey {
        /**
         * Requires at least two keys.
         *
         * @param keys two or more criteria
         */
        public And {
            keys = Validate.list(keys, "keys");
            if (keys.size() < 2) {
                throw new ImapValidationException("AND needs at least two keys; use the key itself");
            }
        }
    }

    // ---- factories ----

    /**
     * All messages in the mailbox ({@code ALL}).
     *
     * @return the criterion
     */
    static SearchKey all() {
        return Simple.ALL;
    }

    /**
     * Messages with the \Answered flag ({@code ANSWERED}).
     *
     * @return the criterion
     */
    static SearchKey answered() {
        return Simple.ANSWERED;
    }

    /**
     * Messages with the \Deleted flag ({@code DELETED}).
     *
     * @return the criterion
     */
    static SearchKey deleted() {
        return Simple.DELETED;
    }

    /**
     * Messages with the \Draft flag ({@code DRAFT}).
     *
     * @return the criterion
     */
    static SearchKey draft() {
        return Simple.DRAFT;
    }

    /**
     * Messages with the \Flagged flag ({@code FLAGGED}).
     *
     * @return the criterion
     */
    static SearchKey flagged() {
        return Simple.FLAGGED;
    }

    /**
     * Messages with the \Seen flag ({@code SEEN}).
     *
     * @return the criterion
     */
    static SearchKey seen() {
        return Simple.SEEN;
    }

    /**
     * Messages without the \Seen flag ({@code UNSEEN}).
     *
     * @return the criterion
     */
    static SearchKey unseen() {
        return Simple.UNSEEN;
    }

    /**
     * Messages without the \Deleted flag ({@code UNDELETED}).
     *
     * @return the criterion
     */
    static SearchKey undeleted() {
        return Simple.UNDELETED;
    }

    /**
     * Messages whose envelope From field contains {@code s} ({@code FROM s}; a substring match, case-insensitive for
     * ASCII).
     *
     * @param s the text to look for; non-ASCII text is sent as UTF-8 (with CHARSET UTF-8 unless UTF8=ACCEPT is on)
     * @return the criterion
     */
    static SearchKey from(String s) {
        return new Text(TextField.FROM, s);
    }

    /**
     * Messages whose envelope To field contains {@code s} ({@code TO s}; a substring match, case-insensitive for
     * ASCII).
     *
     * @param s the text to look for; non-ASCII text is sent as UTF-8 (with CHARSET UTF-8 unless UTF8=ACCEPT is on)
     * @return the criterion
     */
    static SearchKey to(String s) {
        return new Text(TextField.TO, s);
    }

    /**
     * Messages whose envelope Cc field contains {@code s} ({@code CC s}; a substring match, case-insensitive for
     * ASCII).
     *
     * @param s the text to look for; non-ASCII text is sent as UTF-8 (with CHARSET UTF-8 unless UTF8=ACCEPT is on)
     * @return the criterion
     */
    static SearchKey cc(String s) {
        return new Text(TextField.CC, s);
    }

    /**
     * Messages whose envelope Bcc field contains {@code s} ({@code BCC s}; a substring match, case-insensitive for
     * ASCII).
     *
     * @param s the text to look for; non-ASCII text is sent as UTF-8 (with CHARSET UTF-8 unless UTF8=ACCEPT is on)
     * @return the criterion
     */
    static SearchKey bcc(String s) {
        return new Text(TextField.BCC, s);
    }

    /**
     * Messages whose envelope Subject field contains {@code s} ({@code SUBJECT s}; a substring match, case-insensitive
     * for ASCII).
     *
     * @param s the text to look for; non-ASCII text is sent as UTF-8 (with CHARSET UTF-8 unless UTF8=ACCEPT is on)
     * @return the criterion
     */
    static SearchKey subject(String s) {
        return new Text(TextField.SUBJECT, s);
    }

    /**
     * Messages whose body (not the header) contains {@code s} ({@code BODY s}; a substring match, case-insensitive for
     * ASCII).
     *
     * @param s the text to look for; non-ASCII text is sent as UTF-8 (with CHARSET UTF-8 unless UTF8=ACCEPT is on)
     * @return the criterion
     */
    static SearchKey body(String s) {
        return new Text(TextField.BODY, s);
    }

    /**
     * Messages whose header or body contains {@code s} ({@code TEXT s}; a substring match, case-insensitive for ASCII).
     *
     * @param s the text to look for; non-ASCII text is sent as UTF-8 (with CHARSET UTF-8 unless UTF8=ACCEPT is on)
     * @return the criterion
     */
    static SearchKey text(String s) {
        return new Text(TextField.TEXT, s);
    }

    /**
     * Messages with the header field {@code name} whose value contains {@code value} ({@code HEADER name value}).
     *
     * @param name  the header field name, e.g. {@code List-Id}
     * @param value the text to look for; {@code ""} matches every message that has the field
     * @return the criterion
     */
    static SearchKey header(String name, String value) {
        return new Header(name, value);
    }

    /**
     * Messages with the keyword set ({@code KEYWORD keyword}).
     *
     * @param keyword the keyword, an atom such as {@code $Forwarded}
     * @return the criterion
     */
    static SearchKey keyword(String keyword) {
        return new Keyword(keyword, false);
    }

    /**
     * Messages without the keyword ({@code UNKEYWORD keyword}).
     *
     * @param keyword the keyword, an atom such as {@code $Junk}
     * @return the criterion
     */
    static SearchKey unkeyword(String keyword) {
        return new Keyword(keyword, true);
    }

    /**
     * Messages whose internal date (its day, disregarding time and time zone) is earlier than {@code d} ({@code BEFORE
     * d}).
     *
     * @param d the date
     * @return the criterion
     */
    static SearchKey before(LocalDate d) {
        return new DateKey(DateField.BEFORE, d);
    }

    /**
     * Messages whose internal date falls on {@code d} ({@code ON d}).
     *
     * @param d the date
     * @return the criterion
     */
    static SearchKey on(LocalDate d) {
        return new DateKey(DateField.ON, d);
    }

    /**
     * Messages whose internal date is {@code d} or later ({@code SINCE d}).
     *
     * @param d the date
     * @return the criterion
     */
    static SearchKey since(LocalDate d) {
        return new DateKey(DateField.SINCE, d);
    }

    /**
     * Messages larger than {@code n} octets ({@code LARGER n}, by RFC822.SIZE).
     *
     * @param n the size in octets
     * @return the criterion
     */
    static SearchKey larger(long n) {
        return new NumberKey(NumberField.LARGER, n);
    }

    /**
     * Messages smaller than {@code n} octets ({@code SMALLER n}, by RFC822.SIZE).
     *
     * @param n the size in octets
     * @return the criterion
     */
    static SearchKey smaller(long n) {
        return new NumberKey(NumberField.SMALLER, n);
    }

    /**
     * Messages whose internal date is more than {@code seconds} ago ({@code OLDER seconds}, RFC 5032 WITHIN).
     *
     * @param seconds the age in seconds
     * @return the criterion
     */
    static SearchKey older(long seconds) {
        return new NumberKey(NumberField.OLDER, seconds);
    }

    /**
     * Messages whose internal date is at most {@code seconds} ago ({@code YOUNGER seconds}, RFC 5032 WITHIN).
     *
     * @param seconds the age in seconds
     * @return the criterion
     */
    static SearchKey younger(long seconds) {
        return new NumberKey(NumberField.YOUNGER, seconds);
    }

    /**
     * Messages whose mod-sequence is {@code modSeq} or higher ({@code MODSEQ modSeq}, RFC 7162 CONDSTORE).
     *
     * @param modSeq the lowest mod-sequence to match
     * @return the criterion
     */
    static SearchKey modSeq(long modSeq) {
        return new ModSeq(null, null, modSeq);
    }

    /**
     * Messages matching a Gmail search ({@code X-GM-RAW query}; Gmail's X-GM-EXT-1 only).
     *
     * @param query the query in Gmail's web search syntax, e.g. {@code has:attachment in:unread}
     * @return the criterion
     */
    static SearchKey gmailRaw(String query) {
        return new Text(TextField.X_GM_RAW, query);
    }

    /**
     * Messages with these UIDs ({@code UID set}).
     *
     * @param set the UIDs
     * @return the criterion
     */
    static SearchKey uid(SequenceSet set) {
        return new Uid(set);
    }

    /**
     * Messages with these sequence numbers (the set itself as a search key).
     *
     * @param set the sequence numbers
     * @return the criterion
     */
    static SearchKey sequence(SequenceSet set) {
        return new Sequence(set);
    }

    /**
     * Messages that do not match {@code key} ({@code NOT key}).
     *
     * @param key the criterion to negate
     * @return the criterion
     */
    static SearchKey not(SearchKey key) {
        return new Not(key);
    }

    /**
     * Messages that match either criterion ({@code OR a b}).
     *
     * @param a one criterion
     * @param b the other
     * @return the criterion
     */
    static SearchKey or(SearchKey a, SearchKey b) {
        return new Or(a, b);
    }

    /**
     * Messages that match every criterion (IMAP's implicit AND: the keys side by side).
     *
     * @param keys one or more criteria
     * @return the one key itself when given one, else their conjunction
     */
    static SearchKey and(SearchKey... keys) {
        if (keys.length == 1) {
            return Objects.requireNonNull(keys[0], "key");
        }
        return new And(Arrays.asList(keys));
    }

    /** @return whether this criterion holds a non-ASCII string (so it needs a CHARSET without UTF8=ACCEPT) */
    default boolean hasNonAscii() {
        if (this instanceof Text t) {
            return nonAscii(t.value());
        } else if (this instanceof Header h) {
            return nonAscii(h.name()) || nonAscii(h.value());
        } else if (this instanceof ModSeq m) {
            return m.entryName() != null && nonAscii(m.entryName());
        } else if (this instanceof Not n) {
            return n.key().hasNonAscii();
        } else if (this instanceof Or o) {
            return o.left().hasNonAscii() || o.right().hasNonAscii();
        } else if (this instanceof And a) {
            for (SearchKey k : a.keys()) {
                if (k.hasNonAscii()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean nonAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return true;
            }
        }
        return false;
    }
}
