package org.imap4j.codec.internal.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.fetch.FetchItem;

/**
 * Dates and date-times, for both directions (INTERNALDATE and SAVEDATE of FETCH, APPEND's date-time, SEARCH's dates):
 * the one reader of these rules, by hand, straight from the reader's buffer (no formatter: this is on the FETCH hot
 * path).
 *
 * <pre>
 * date-time      = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
 * date-day-fixed = (SP DIGIT) / 2DIGIT
 * date-month     = "Jan" / "Feb" / "Mar" / "Apr" / "May" / "Jun" / "Jul" / "Aug" / "Sep" / "Oct" / "Nov" / "Dec"
 * date-year      = 4DIGIT
 * time           = 2DIGIT ":" 2DIGIT ":" 2DIGIT
 * zone           = ("+" / "-") 4DIGIT
 * date           = date-text / DQUOTE date-text DQUOTE
 * date-text      = date-day "-" date-month "-" date-year
 * date-day       = 1*2DIGIT
 * </pre>
 */
public final class DateTimeParser {
    /** Three-letter month names, packed as lower-case ASCII into an int, in calendar order. */
    private static final int[] MONTHS = new int[12];

    static {
        String names = "janfebmaraprmayjunjulaugsepoctnovdec";
        for (int i = 0; i < 12; i++) {
            MONTHS[i] = names.charAt(3 * i) << 16 | names.charAt(3 * i + 1) << 8 | names.charAt(3 * i + 2);
        }
    }

    private DateTimeParser() {
    }

    /**
     * {@code date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE} (RFC 9051 section
     * 9), e.g. {@code "17-Jul-1996 02:44:25 -0700"}. A one-digit day may be written {@code SP DIGIT} (the grammar) or,
     * as some servers do, a bare digit.
     *
     * @param r a reader at the opening quote
     * @return the date
     */
    public static OffsetDateTime dateTime(ImapReader r) {
        int s = r.mark();
        long f = scan(r);
        try {
            OffsetDateTime t = OffsetDateTime.of(year(f), month(f), day(f), hour(f), minute(f), second(f), 0,
                    zone(offsetMinutes(f) * 60));
            r.seek(s + length(f));
            return t;
        } catch (DateTimeException e) {
            throw r.errorAt("a valid date-time (" + e.getMessage() + ")", s);
        }
    }

    /**
     * The date-time of checked fields, as {@link #dateTime(ImapReader)} builds it (for a value decoded on first
     * access).
     *
     * @param year          the year
     * @param month         the month, 1-12
     * @param day           the day of the month
     * @param hour          the hour
     * @param minute        the minute
     * @param second        the second
     * @param offsetMinutes the zone offset in minutes
     * @return the date-time
     */
    public static OffsetDateTime dateTime(int year, int month, int day, int hour, int minute, int second,
            int offsetMinutes) {
        return OffsetDateTime.of(year, month, day, hour, minute, second, 0, zone(offsetMinutes * 60));
    }

    /**
     * The day, or null if it does not exist (February 30th).
     *
     * @param year  the year
     * @param month the month, 1-12
     * @param day   the day of the month
     * @return the day, or null
     */
    static java.time.LocalDate localDate(int year, int month, int day) {
        try {
            return java.time.LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /**
     * {@link #dateTime(int, int, int, int, int, int, int)} on a given (shared) day.
     *
     * @param day           the day
     * @param hour          the hour
     * @param minute        the minute
     * @param second        the second
     * @param offsetMinutes the zone offset in minutes
     * @return the date-time
     */
    public static OffsetDateTime dateTime(java.time.LocalDate day, int hour, int minute, int second,
            int offsetMinutes) {
        return OffsetDateTime.of(java.time.LocalDateTime.of(day, java.time.LocalTime.of(hour, minute, second)),
                zone(offsetMinutes * 60));
    }

    /**
     * {@link #dateTime} as FETCH's INTERNALDATE item, checked as strictly but with the {@link OffsetDateTime} left to
     * be built when the item's date is first read.
     *
     * @param r a reader at the opening quote
     * @return the item
     */
    public static FetchItem.InternalDate internalDate(ImapReader r) {
        int s = r.mark();
        long f = scan(r);
        try {
            // Consecutive messages mostly arrived on the same day: the connection's memo shares that day's LocalDate.
            java.time.LocalDate day = r.memo().day(year(f), month(f), day(f));
            FetchItem.InternalDate d = day == null
                    ? FetchItem.InternalDate.of(year(f), month(f), day(f), hour(f), minute(f), second(f),
                            offsetMinutes(f))
                    : FetchItem.InternalDate.of(day, hour(f), minute(f), second(f), offsetMinutes(f));
            r.seek(s + length(f));
            return d;
        } catch (ImapValidationException e) {
            throw r.errorAt("a valid date-time (" + e.getMessage() + ")", s);
        }
    }

    /*
     * The fields of a date-time as scan() returns them, each wide enough for any value its digits can write (the
     * ranges are checked by the caller): length 2 bits (minus 26), year 14, month 4, day 7, hour 7, minute 7,
     * second 7, offset in minutes plus 8192, 14 bits.
     */

    private static int length(long f) {
        return (int) (f >>> 62) + 26;
    }

    private static int year(long f) {
        return (int) (f >>> 48) & 0x3FFF;
    }

    private static int month(long f) {
        return (int) (f >>> 44) & 0xF;
    }

    private static int day(long f) {
        return (int) (f >>> 37) & 0x7F;
    }

    private static int hour(long f) {
        return (int) (f >>> 30) & 0x7F;
    }

    private static int minute(long f) {
        return (int) (f >>> 23) & 0x7F;
    }

    private static int second(long f) {
        return (int) (f >>> 16) & 0x7F;
    }

    private static int offsetMinutes(long f) {
        return (int) (f & 0x3FFF) - 8192;
    }

    /** The syntax of a date-time at the cursor, its fields packed as described above; the cursor does not move. */
    private static long scan(ImapReader r) {
        byte[] b = r.buffer();
        int s = r.mark();
        int end = r.end();
        int p = s;
        if (p >= end || b[p] != '"') {
            throw r.error("date-time");
        }
        p++;
        int day;
        if (p + 1 < end && b[p] == ' ' && isDigit(b[p + 1])) {
            day = b[p + 1] - '0';
            p += 2;
        } else if (p + 1 < end && isDigit(b[p]) && isDigit(b[p + 1])) {
            day = (b[p] - '0') * 10 + b[p + 1] - '0';
            p += 2;
        } else if (p < end && isDigit(b[p])) {
            day = b[p] - '0';
            p++;
        } else {
            throw r.errorAt("date-day-fixed in date-time", p);
        }
        // The remainder has a fixed width: "-Mon-yyyy hh:mm:ss +zzzz" then DQUOTE.
        if (p + 25 > end) {
            throw r.errorAt("complete date-time", s);
        }
        if (b[p] != '-' || b[p + 4] != '-' || b[p + 9] != ' ' || b[p + 12] != ':' || b[p + 15] != ':'
                || b[p + 18] != ' ' || b[p + 24] != '"') {
            throw r.errorAt("date-time \"dd-Mon-yyyy hh:mm:ss +zzzz\"", s);
        }
        int month = month(b, p + 1);
        if (month == 0) {
            throw r.errorAt("date-month (Jan..Dec)", p + 1);
        }
        int year = digits(r, b, p + 5, 4);
        int hour = digits(r, b, p + 10, 2);
        int minute = digits(r, b, p + 13, 2);
        int second = digits(r, b, p + 16, 2);
        int sign = b[p + 19];
        if (sign != '+' && sign != '-') {
            throw r.errorAt("zone sign", p + 19);
        }
        int zh = digits(r, b, p + 20, 2);
        int zm = digits(r, b, p + 22, 2);
        int offset = (zh * 60 + zm) * (sign == '-' ? -1 : 1);
        long length = p + 25 - s - 26;
        return length << 62 | (long) year << 48 | (long) month << 44 | (long) day << 37 | (long) hour << 30
                | (long) minute << 23 | (long) second << 16 | (offset + 8192);
    }

    /**
     * Offsets by quarter hour from -18:00 to +18:00, made once when the class loads and never written again (the
     * codec keeps no mutable static state): {@code ZoneOffset.ofTotalSeconds} looks its cache up in a
     * {@code ConcurrentHashMap} with a boxed key on every call.
     */
    private static final ZoneOffset[] ZONES = quarterHours();

    private static ZoneOffset[] quarterHours() {
        ZoneOffset[] z = new ZoneOffset[145];
        for (int i = 0; i < z.length; i++) {
            z[i] = ZoneOffset.ofTotalSeconds((i - 72) * 900);
        }
        return z;
    }

    /**
     * @param seconds an offset in seconds
     * @return the offset, shared for whole quarter hours
     */
    public static ZoneOffset zone(int seconds) {
        if (seconds % 900 != 0 || seconds < -18 * 3600 || seconds > 18 * 3600) {
            return ZoneOffset.ofTotalSeconds(seconds);
        }
        return ZONES[seconds / 900 + 72];
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int digits(ImapReader r, byte[] b, int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            if (!isDigit(b[i])) {
                throw r.errorAt("DIGIT in date-time", i);
            }
            v = v * 10 + b[i] - '0';
        }
        return v;
    }

    /**
     * {@code date = date-text / DQUOTE date-text DQUOTE}, {@code date-text = date-day "-" date-month "-" date-year}
     * (SEARCH's BEFORE, ON, SINCE, SENTBEFORE, SENTON, SENTSINCE).
     *
     * @param r a reader at the date or its opening quote
     * @return the date
     */
    static LocalDate date(ImapReader r) {
        byte[] b = r.buffer();
        int s = r.mark();
        int end = r.end();
        int p = s;
        boolean quoted = p < end && b[p] == '"';
        if (quoted) {
            p++;
        }
        if (p >= end || !isDigit(b[p])) {
            throw r.errorAt("date-day in date", p);
        }
        int day = b[p++] - '0';
        if (p < end && isDigit(b[p])) {
            day = day * 10 + b[p++] - '0';
        }
        // "-Mon-yyyy" then, when quoted, DQUOTE
        int rest = quoted ? 10 : 9;
        if (p + rest > end || b[p] != '-' || b[p + 4] != '-' || quoted && b[p + 9] != '"') {
            throw r.errorAt("date \"d-Mon-yyyy\"", s);
        }
        int month = month(b, p + 1);
        if (month == 0) {
            throw r.errorAt("date-month (Jan..Dec)", p + 1);
        }
        int year = digits(r, b, p + 5, 4);
        try {
            LocalDate d = LocalDate.of(year, month, day);
            r.seek(p + rest);
            return d;
        } catch (DateTimeException e) {
            throw r.errorAt("a valid date (" + e.getMessage() + ")", s);
        }
    }

    /** {@code date-month} at {@code at}, case-insensitively: 1 to 12, or 0. */
    private static int month(byte[] b, int at) {
        int key = (b[at] | 0x20) << 16 | (b[at + 1] | 0x20) << 8 | (b[at + 2] | 0x20);
        for (int i = 0; i < 12; i++) {
            if (MONTHS[i] == key) {
                return i + 1;
            }
        }
        return 0;
    }
}
