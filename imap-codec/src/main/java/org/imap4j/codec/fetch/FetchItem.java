package org.imap4j.codec.fetch;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.ImapValue;

/**
 * One item of a FETCH response's {@code msg-att} (RFC 3501 section 7.4.2, RFC 9051 section 7.5.2, and extensions),
 * one record per item kind, with {@link Other} keeping any item the codec does not know.
 *
 * <pre>{@code
 * for (FetchItem item : fetch.items()) {
 *     if (item instanceof FetchItem.Uid u) { ... u.uid() ... }
 * }
 * }</pre>
 */
public sealed interface FetchItem
        permits FetchItem.Uid, FetchItem.Flags, FetchItem.InternalDate, FetchItem.Rfc822Size, FetchItem.EnvelopeItem,
        FetchItem.BodyStructureItem, FetchItem.Body, FetchItem.BinarySize,
        FetchItem.ModSeq, FetchItem.EmailId, FetchItem.ThreadId, FetchItem.Preview, FetchItem.SaveDate,
        FetchItem.GmailMessageId,
        FetchItem.GmailThreadId, FetchItem.GmailLabels, FetchItem.Other, FetchItem.Unreadable {

    /**
     * An item that carries message data: {@code BODY[...]}, {@code BINARY[...]}, {@code RFC822},
     * {@code RFC822.HEADER}, {@code RFC822.TEXT}. Whatever the item, its bytes are {@link #data()}:
     *
     * <pre>{@code
     * if (item instanceof FetchItem.Body b && b.data() instanceof BodyData.InMemory m) { ... m.bytes() ... }
     * }</pre>
     */
    sealed interface Body extends FetchItem permits BodySection, Binary, Rfc822, Rfc822Header, Rfc822Text {
        /** @return the item's data: in memory, streamed to a sink, or NIL */
        BodyData data();
    }

    /**
     * {@code "UID" SP uniqueid}.
     *
     * @param uid the UID, 1..2^32-1
     */
    record Uid(long uid) implements FetchItem {
        /**
         * Requires a valid UID.
         *
         * @param uid the UID, 1..2^32-1
         */
        public Uid {
            if (uid < 1 || uid > 0xFFFF_FFFFL) {
                throw new ImapValidationException("UID out of range 1..4294967295: " + uid);
            }
        }
    }

    /**
     * {@code "FLAGS" SP "(" [flag-fetch *(SP flag-fetch)] ")"}.
     *
     * @param flags the flags, in order
     */
    record Flags(List<Flag> flags) implements FetchItem {
        /**
         * Copies the flags.
         *
         * @param flags the flags, in order
         */
        public Flags {
            flags = List.copyOf(flags);
        }
    }

    /**
     * {@code "INTERNALDATE" SP date-time}: a value with one component, {@link #date()}, equal to another when their
     * dates are equal (as {@link OffsetDateTime#equals} says), as a record would be.
     *
     * <p>The parser keeps the date's seven fields packed in one {@code long} and builds the {@link OffsetDateTime} on
     * the first call of {@link #date()}, so a FETCH whose internal date is never read costs no {@code java.time}
     * objects. The result is cached in a plain field. That is safe without a lock: the packed fields are final,
     * {@link OffsetDateTime} is immutable with only final fields (so a reference read through a race still shows a
     * complete object), and every thread that finds the cache empty builds an equal value from the same final
     * fields. Two threads may therefore briefly get two equal instances; nothing else can be observed.
     */
    final class InternalDate implements FetchItem {
        private final long packed;
        /**
         * The {@link OffsetDateTime} once built; before that null, or the day as a {@link java.time.LocalDate} shared
         * with other items of the same day ({@link #of(java.time.LocalDate, int, int, int, int)}), immutable like
         * the date-time, so a racy read sees either a complete value or null, and each is handled.
         */
        private Object date;

        /**
         * Requires a date that {@code date-time} can express.
         *
         * @param date the internal date (whole seconds, offset in whole minutes, year 0-9999)
         */
        public InternalDate(OffsetDateTime date) {
            checkDateTime(date);
            this.packed = pack(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), date.getHour(),
                    date.getMinute(), date.getSecond(), date.getOffset().getTotalSeconds() / 60);
            this.date = date;
        }

        private InternalDate(long packed) {
            this.packed = packed;
        }

        private InternalDate(long packed, java.time.LocalDate day) {
            this.packed = packed;
            this.date = day;
        }

        /**
         * {@link #of(int, int, int, int, int, int, int)} with the day given as a {@link java.time.LocalDate}, which
         * the item keeps and reuses when {@link #date()} is first called: a parser reading many dates of one day
         * hands the same {@code LocalDate} to all of them, so each date read builds one object fewer.
         *
         * @param day           the day, in the years 0-9999
         * @param hour          the hour, 0-23
         * @param minute        the minute, 0-59
         * @param second        the second, 0-59
         * @param offsetMinutes the zone offset in minutes, -18:00 to +18:00
         * @return the item
         * @throws ImapValidationException if a field is out of its range
         */
        public static InternalDate of(java.time.LocalDate day, int hour, int minute, int second, int offsetMinutes) {
            int year = day.getYear();
            int month = day.getMonthValue();
            int dom = day.getDayOfMonth();
            if (year < 0 || year > 9999 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                    || second > 59 || offsetMinutes < -18 * 60 || offsetMinutes > 18 * 60) {
                throw new ImapValidationException("not a valid date-time: " + day + " " + hour + ":" + minute + ":"
                        + second + " offset " + offsetMinutes + " min");
            }
            return new InternalDate(pack(year, month, dom, hour, minute, second, offsetMinutes), day);
        }

        /**
         * The internal date from its fields as {@code date-time} writes them, checked at once and turned into an
         * {@link OffsetDateTime} only when {@link #date()} is first called.
         *
         * @param year          the year, 0-9999
         * @param month         the month, 1-12
         * @param day           the day of the month, valid for that month and year
         * @param hour          the hour, 0-23
         * @param minute        the minute, 0-59
         * @param second        the second, 0-59
         * @param offsetMinutes the zone offset in minutes, -18:00 to +18:00
         * @return the item
         * @throws ImapValidationException if a field is out of its range or the day does not exist
         */
        public static InternalDate of(int year, int month, int day, int hour, int minute, int second,
                int offsetMinutes) {
            if (year < 0 || year > 9999 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)
                    || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
                    || offsetMinutes < -18 * 60 || offsetMinutes > 18 * 60) {
                throw new ImapValidationException("not a valid date-time: " + year + "-" + month + "-" + day + " "
                        + hour + ":" + minute + ":" + second + " offset " + offsetMinutes + " min");
            }
            return new InternalDate(pack(year, month, day, hour, minute, second, offsetMinutes));
        }

        private static int monthLength(int year, int month) {
            switch (month) {
                case 2:
                    return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
                case 4:
                case 6:
                case 9:
                case 11:
                    return 30;
                default:
                    return 31;
            }
        }

        /** Year 14 bits, month 4, day 5, hour 5, minute 6, second 6, offset in minutes + 1080 (12 bits). */
        private static long pack(int year, int month, int day, int hour, int minute, int second, int offsetMinutes) {
            return (long) year << 38 | (long) month << 34 | (long) day << 29 | (long) hour << 24 | (long) minute << 18
                    | (long) second << 12 | (offsetMinutes + 1080);
        }

        /**
         * The internal date, built on the first call (see the class description for why that is thread-safe).
         *
         * @return the internal date (whole seconds, offset in whole minutes, year 0-9999)
         */
        public OffsetDateTime date() {
            Object o = date;
            if (o instanceof OffsetDateTime) {
                return (OffsetDateTime) o;
            }
            long p = packed;
            OffsetDateTime d;
            if (o instanceof java.time.LocalDate) {
                d = org.imap4j.codec.internal.parse.DateTimeParser.dateTime((java.time.LocalDate) o,
                        (int) (p >>> 24) & 0x1F, (int) (p >>> 18) & 0x3F, (int) (p >>> 12) & 0x3F,
                        (int) (p & 0xFFF) - 1080);
            } else {
                d = org.imap4j.codec.internal.parse.DateTimeParser.dateTime((int) (p >>> 38), (int) (p >>> 34) & 0xF,
                        (int) (p >>> 29) & 0x1F, (int) (p >>> 24) & 0x1F, (int) (p >>> 18) & 0x3F,
                        (int) (p >>> 12) & 0x3F, (int) (p & 0xFFF) - 1080);
            }
            date = d;
            return d;
        }

        /**
         * @param o another object
         * @return whether {@code o} is an {@code InternalDate} with an equal date
         */
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof InternalDate && ((InternalDate) o).packed == packed;
        }

        /** @return the hash of {@link #date()}, as a record of that one component has */
        @Override
        public int hashCode() {
            return date().hashCode();
        }

        /** @return {@code InternalDate[date=...]}, as the record form wrote it */
        @Override
        public String toString() {
            return "InternalDate[date=" + date() + "]";
        }
    }

    /**
     * {@code "RFC822.SIZE" SP number64}.
     *
     * @param size the message size in octets
     */
    record Rfc822Size(long size) implements FetchItem {
        /**
         * Requires a non-negative size.
         *
         * @param size the message size in octets
         */
        public Rfc822Size {
            if (size < 0) {
                throw new ImapValidationException("negative RFC822.SIZE: " + size);
            }
        }
    }

    /**
     * {@code "ENVELOPE" SP envelope}.
     *
     * @param envelope the envelope
     */
    record EnvelopeItem(Envelope envelope) implements FetchItem {
        /**
         * Requires the envelope.
         *
         * @param envelope the envelope
         */
        public EnvelopeItem {
            Objects.requireNonNull(envelope, "envelope");
        }
    }

    /**
     * {@code "BODYSTRUCTURE" SP body} (extensible) or {@code "BODY" SP body} (non-extensible form).
     *
     * @param structure  the structure
     * @param extensible true for BODYSTRUCTURE, false for BODY
     */
    record BodyStructureItem(BodyStructure structure, boolean extensible) implements FetchItem {
        /**
         * Requires the structure.
         *
         * @param structure  the structure
         * @param extensible true for BODYSTRUCTURE, false for BODY
         */
        public BodyStructureItem {
            Objects.requireNonNull(structure, "structure");
        }
    }

    /**
     * {@code "BODY" section ["<" number ">"] SP nstring}.
     *
     * @param section the section
     * @param origin  the first octet's offset when the request was partial
     * @param data    the content
     */
    record BodySection(Section section, OptionalLong origin, BodyData data) implements Body {
        /**
         * Requires all parts; a present origin is non-negative.
         *
         * @param section the section
         * @param origin  the first octet's offset when the request was partial
         * @param data    the content
         */
        public BodySection {
            Objects.requireNonNull(section, "section");
            checkOrigin(origin);
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * {@code "BINARY" section-binary ["<" number ">"] SP (nstring / literal8)} (RFC 3516).
     *
     * @param part   the part path, empty for the whole message
     * @param origin the origin when the request was partial
     * @param data   the decoded content
     */
    record Binary(List<Integer> part, OptionalLong origin, BodyData data) implements Body {
        /**
         * Validates the part path.
         *
         * @param part   the part path, empty for the whole message
         * @param origin the origin when the request was partial
         * @param data   the decoded content
         */
        public Binary {
            part = checkPart(part);
            checkOrigin(origin);
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * {@code "BINARY.SIZE" section-binary SP number} (RFC 3516).
     *
     * @param part the part path
     * @param size the decoded size
     */
    record BinarySize(List<Integer> part, long size) implements FetchItem {
        /**
         * Validates the part path and size.
         *
         * @param part the part path
         * @param size the decoded size
         */
        public BinarySize {
            part = checkPart(part);
            if (size < 0) {
                throw new ImapValidationException("negative BINARY.SIZE: " + size);
            }
        }
    }

    /**
     * {@code "MODSEQ" SP "(" permsg-modsequence ")"} (RFC 7162 section 7).
     *
     * @param modSeq the mod-sequence, 0..2^63-1
     */
    record ModSeq(long modSeq) implements FetchItem {
        /**
         * Requires a non-negative value.
         *
         * @param modSeq the mod-sequence, 0..2^63-1
         */
        public ModSeq {
            if (modSeq < 0) {
                throw new ImapValidationException("negative MODSEQ: " + modSeq);
            }
        }
    }

    /**
     * {@code "EMAILID" SP "(" objectid ")"} (RFC 8474 section 7).
     *
     * @param id the object id
     */
    record EmailId(String id) implements FetchItem {
        /**
         * Validates {@code objectid}.
         *
         * @param id the object id
         */
        public EmailId {
            checkObjectId(id);
        }
    }

    /**
     * {@code "THREADID" SP ("(" objectid ")" / nil)} (RFC 8474 section 7).
     *
     * @param id the object id, or null for NIL
     */
    record ThreadId(String id) implements FetchItem {
        /**
         * Validates {@code objectid} when present.
         *
         * @param id the object id, or null for NIL
         */
        public ThreadId {
            if (id != null) {
                checkObjectId(id);
            }
        }
    }

    /**
     * {@code "PREVIEW" SP nstring} (RFC 8970 section 6).
     *
     * @param text the preview, or null for NIL
     */
    record Preview(String text) implements FetchItem {
    }

    /**
     * {@code "SAVEDATE" SP (date-time / nil)} (RFC 8514 section 4).
     *
     * @param date the save date, or null for NIL
     */
    record SaveDate(OffsetDateTime date) implements FetchItem {
        /**
         * Requires a date that {@code date-time} can express, when present.
         *
         * @param date the save date, or null for NIL
         */
        public SaveDate {
            if (date != null) {
                checkDateTime(date);
            }
        }
    }

    /**
     * {@code "RFC822" SP nstring} (RFC 3501; obsolete in RFC 9051).
     *
     * @param data the whole message
     */
    record Rfc822(BodyData data) implements Body {
        /**
         * Requires the data.
         *
         * @param data the whole message
         */
        public Rfc822 {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * {@code "RFC822.HEADER" SP nstring}.
     *
     * @param data the header
     */
    record Rfc822Header(BodyData data) implements Body {
        /**
         * Requires the data.
         *
         * @param data the header
         */
        public Rfc822Header {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * {@code "RFC822.TEXT" SP nstring}.
     *
     * @param data the body text
     */
    record Rfc822Text(BodyData data) implements Body {
        /**
         * Requires the data.
         *
         * @param data the body text
         */
        public Rfc822Text {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * Gmail's {@code X-GM-MSGID SP number}: an unsigned 64-bit id, held in a {@code long} (read it with
     * {@link Long#toUnsignedString(long)} / {@link Long#compareUnsigned(long, long)}).
     *
     * @param id the id, as unsigned 64 bits
     */
    record GmailMessageId(long id) implements FetchItem {
    }

    /**
     * Gmail's {@code X-GM-THRID SP number}: an unsigned 64-bit id held in a {@code long}.
     *
     * @param id the id, as unsigned 64 bits
     */
    record GmailThreadId(long id) implements FetchItem {
    }

    /**
     * Gmail's {@code X-GM-LABELS SP "(" [label *(SP label)] ")"}: labels are astrings or system names such as
     * {@code \Inbox}.
     *
     * @param labels the labels, in order
     */
    record GmailLabels(List<String> labels) implements FetchItem {
        /**
         * Copies the labels and rejects NUL.
         *
         * @param labels the labels, in order
         */
        public GmailLabels {
            labels = List.copyOf(labels);
            for (String l : labels) {
                if (l.indexOf('\0') >= 0) {
                    throw new ImapValidationException("NUL in X-GM-LABELS label");
                }
            }
        }
    }

    /**
     * An item the codec does not know, kept whole.
     *
     * @param name  the item's name as sent (with any section)
     * @param value its value
     */
    record Other(String name, ImapValue value) implements FetchItem {
        /**
         * Requires a name that is printable ASCII without spaces outside brackets, and a value.
         *
         * @param name  the item's name as sent (with any section)
         * @param value its value
         */
        public Other {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty() || name.charAt(0) == '[') {
                throw new ImapValidationException("invalid FETCH item name: \"" + name + "\"");
            }
            int depth = 0;
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                }
                if (c < 0x20 || c >= 0x7f || (depth == 0 && (c == ' ' || c == '(' || c == ')' || c == '"'
                        || c == '{'))) {
                    throw new ImapValidationException("invalid character at index " + i + " of FETCH item name \""
                            + name + "\"");
                }
            }
        }
    }

    /**
     * An item the parser could not read, kept as the bytes received, so that one bad item does not cost the message
     * its other items (a malformed {@code MODSEQ} does not lose the {@code UID} and {@code FLAGS} beside it). The
     * parser produces it only with {@link org.imap4j.codec.Quirk#SALVAGE_FETCH_ITEMS} (on by default) and only when
     * the item's extent is still clear (its name, then one value with balanced parentheses, strings and literals);
     * otherwise the whole response is an {@code ImapProtocolException} as before. A client should surface it as a
     * warning (the data is missing), or fail the command in a strict mode. The bytes are raw: show them escaped.
     *
     * @param name the item's name as far as it could be read (with any section), possibly empty
     * @param raw  the item's bytes as received: name, separator and value (a streamed literal's payload excluded)
     */
    record Unreadable(String name, org.imap4j.codec.core.Bytes raw) implements FetchItem {
        /**
         * Requires both parts.
         *
         * @param name the item's name as far as it could be read (with any section), possibly empty
         * @param raw  the item's bytes as received: name, separator and value (a streamed literal's payload excluded)
         */
        public Unreadable {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(raw, "raw");
        }
    }

    private static void checkDateTime(OffsetDateTime date) {
        Objects.requireNonNull(date, "date");
        if (date.getNano() != 0 || date.getOffset().getTotalSeconds() % 60 != 0 || date.getYear() < 0
                || date.getYear() > 9999) {
            throw new ImapValidationException("date-time needs whole seconds, a whole-minute offset and a 4-digit "
                    + "year: " + date);
        }
    }

    private static void checkOrigin(OptionalLong origin) {
        Objects.requireNonNull(origin, "origin");
        if (origin.isPresent() && origin.getAsLong() < 0) {
            throw new ImapValidationException("negative origin: " + origin.getAsLong());
        }
    }

    private static List<Integer> checkPart(List<Integer> part) {
        List<Integer> copy = List.copyOf(part);
        for (Integer p : copy) {
            if (p < 1) {
                throw new ImapValidationException("part number must be >= 1: " + copy);
            }
        }
        return copy;
    }

    /**
     * Checks {@code objectid = 1*255(ALPHA / DIGIT / "_" / "-")} (RFC 8474 section 7).
     *
     * @param id the id
     * @throws ImapValidationException if it is not one
     */
    private static void checkObjectId(String id) {
        Objects.requireNonNull(id, "objectid");
        if (id.isEmpty() || id.length() > 255) {
            throw new ImapValidationException("objectid must have 1-255 characters: \"" + id + "\"");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                throw new ImapValidationException("invalid character at index " + i + " of objectid \"" + id + "\"");
            }
        }
    }
}
