package org.imap4j.codec.internal.encode;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.EncodeOptions;

/**
 * Writes dates and date-times, for both directions (APPEND's date-time and SEARCH's dates in commands, INTERNALDATE and
 * SAVEDATE in FETCH responses): the one writer of these rules, the inverse of
 * {@link org.imap4j.codec.internal.parse.DateTimeParser}.
 *
 * <pre>
 * date-time      = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
 * date-day-fixed = (SP DIGIT) / 2DIGIT        ; written as 2DIGIT
 * date-text      = date-day "-" date-month "-" date-year
 * date-day       = 1*2DIGIT                   ; written without a leading zero
 * </pre>
 */
public final class DateTimeEncoder {
    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private DateTimeEncoder() {
    }

    /**
     * Formats {@code date-text}.
     *
     * @param d a date (year 0-9999)
     * @return {@code date-text = date-day "-" date-month "-" date-year}, e.g. {@code 1-Feb-1994}
     */
    public static String date(LocalDate d) {
        StringBuilder sb = new StringBuilder(11);
        sb.append(d.getDayOfMonth()).append('-').append(MONTHS[d.getMonthValue() - 1]).append('-');
        int y = d.getYear();
        sb.append((char) ('0' + y / 1000)).append((char) ('0' + y / 100 % 10)).append((char) ('0' + y / 10 % 10))
                .append((char) ('0' + y % 10));
        return sb.toString();
    }

    /**
     * Formats {@code date-time} without its quotes (for tests and messages).
     *
     * @param t a date-time (whole seconds and minutes of offset, year 0-9999)
     * @return e.g. {@code 17-Jul-1996 02:44:25 -0700} (RFC 9051 section 9)
     */
    public static String dateTime(OffsetDateTime t) {
        ImapWriter w = new ImapWriter(EncodeOptions.DEFAULT, false);
        dateTime(w, t);
        String quoted = new String(w.toBytes(), StandardCharsets.US_ASCII);
        return quoted.substring(1, quoted.length() - 1);
    }

    /**
     * Writes {@code date-time}, e.g. {@code "17-Jul-1996 02:44:25 -0700"} (RFC 9051 section 9), with a two-digit day.
     *
     * @param w the writer
     * @param d the date (whole seconds, whole-minute offset, year 0-9999)
     * @throws ImapValidationException if the value has no {@code date-time} form
     */
    public static void dateTime(ImapWriter w, OffsetDateTime d) {
        int off = d.getOffset().getTotalSeconds();
        if (d.getNano() != 0 || off % 60 != 0 || d.getYear() < 0 || d.getYear() > 9999) {
            throw new ImapValidationException("not expressible as date-time: " + d);
        }
        w.raw('"');
        two(w, d.getDayOfMonth());
        w.raw('-').raw(MONTHS[d.getMonthValue() - 1]).raw('-');
        int y = d.getYear();
        two(w, y / 100);
        two(w, y % 100);
        w.sp();
        two(w, d.getHour());
        w.raw(':');
        two(w, d.getMinute());
        w.raw(':');
        two(w, d.getSecond());
        w.sp().raw(off < 0 ? '-' : '+');
        int m = Math.abs(off) / 60;
        two(w, m / 60);
        two(w, m % 60);
        w.raw('"');
    }

    private static void two(ImapWriter w, int v) {
        w.raw('0' + v / 10).raw('0' + v % 10);
    }
}
