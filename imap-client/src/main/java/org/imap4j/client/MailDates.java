package org.imap4j.client;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A lenient parser for the {@code Date:} header (RFC 5322 section 3.3, with the obsolete forms of section 4.3 and
 * what real mail carries). JDK only.
 *
 * <p>Accepted: an optional day name (ignored, even when it does not match the date); the day, month name (English,
 * any case, full names too) and year in either order {@code 1 Jan 2024} or {@code Jan 1 2024}; two-digit years
 * ({@code 00}-{@code 49} are 20xx, {@code 50}-{@code 99} 19xx) and three-digit years (+1900); a time with or without
 * seconds, with {@code .} as separator too; a zone as {@code +hhmm}, {@code +hh:mm}, {@code UT}/{@code GMT}/{@code Z},
 * the US names ({@code EST}, {@code PDT}, ...) or a military letter (taken as {@code +0000}, as RFC 5322 says), or no
 * zone at all ({@code +0000}); comments in parentheses and stray commas and dots.
 *
 * <pre>{@code
 * MailDates.parse("Tue, 1 Jul 2003 10:52:37 +0200").orElseThrow()  // 2003-07-01T10:52:37+02:00
 * MailDates.parse("1 Jul 03 10:52 EDT (Eastern)").orElseThrow()    // 2003-07-01T10:52-04:00
 * }</pre>
 */
public final class MailDates {
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final Map<String, Integer> ZONES = Map.ofEntries(Map.entry("ut", 0), Map.entry("utc", 0),
            Map.entry("gmt", 0), Map.entry("z", 0), Map.entry("est", -5), Map.entry("edt", -4), Map.entry("cst", -6),
            Map.entry("cdt", -5), Map.entry("mst", -7), Map.entry("mdt", -6), Map.entry("pst", -8),
            Map.entry("pdt", -7));

    private MailDates() {
    }

    /**
     * Parses a Date header value.
     *
     * @param raw the header value as sent, possibly {@code null}
     * @return the date, or empty when it has no recognisable day, month, year and time
     */
    public static Optional<OffsetDateTime> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        List<String> tokens = tokens(raw);
        Integer day = null;
        Integer month = null;
        Integer year = null;
        int[] time = null;
        ZoneOffset zone = null;
        for (String t : tokens) {
            String lower = t.toLowerCase(Locale.ROOT);
            if (time == null && t.indexOf(':') > 0 && Character.isDigit(t.charAt(0))) {
                time = time(t);
                if (time == null) {
                    return Optional.empty();
                }
            } else if ((t.startsWith("+") || t.startsWith("-")) && t.length() > 1) {
                zone = zone == null ? numericZone(t) : zone;
            } else if (isDigits(t)) {
                int v = Integer.parseInt(t.length() > 6 ? "9999999" : t);
                if (day == null && t.length() <= 2 && year == null && month == null) {
                    day = v;
                } else if (day == null && month != null && t.length() <= 2 && year == null) {
                    day = v;
                } else if (year == null) {
                    year = t.length() <= 2 ? (v < 50 ? 2000 + v : 1900 + v) : t.length() == 3 ? 1900 + v : v;
                } else {
                    return Optional.empty();
                }
            } else if (lower.length() >= 3 && month == null && MONTHS.contains(lower.substring(0, 3))
                    && (lower.length() == 3 || isMonthName(lower))) {
                month = MONTHS.indexOf(lower.substring(0, 3)) + 1;
            } else if (ZONES.containsKey(lower)) {
                zone = zone == null ? ZoneOffset.ofHours(ZONES.get(lower)) : zone;
            } else if (lower.length() == 1 && Character.isLetter(lower.charAt(0)) && lower.charAt(0) != 'j') {
                // military zones: RFC 5322 section 4.3 says to read them as -0000, their meaning was never agreed
                zone = zone == null ? ZoneOffset.UTC : zone;
            }
            // anything else (a day name, "at", a time-zone name in words) carries nothing we need
        }
        if (day == null || month == null || year == null || time == null) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.of(year, month, day);
            return Optional.of(OffsetDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), time[0],
                    time[1], time[2], 0, zone == null ? ZoneOffset.UTC : zone));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isMonthName(String lower) {
        for (String full : List.of("january", "february", "march", "april", "june", "july", "august", "september",
                "sept", "october", "november", "december")) {
            if (full.equals(lower)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> tokens(String raw) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int comment = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '(') {
                comment++;
            } else if (c == ')' && comment > 0) {
                comment--;
            } else if (comment > 0) {
                continue;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == '-' && isDateDash(raw, i)) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
            if (c == '(' || c == ')') {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        // a trailing dot or a day name's dot ("Tue.", "10.") carries nothing; a zone glued to the time is split off
        List<String> split = new ArrayList<>();
        for (String t : out) {
            t = t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
            int sign = Math.max(t.indexOf('+'), t.indexOf('-'));
            if (sign > 0 && t.indexOf(':') > 0 && t.indexOf(':') < sign) {
                split.add(t.substring(0, sign));
                split.add(t.substring(sign));
            } else {
                split.add(t);
            }
        }
        out = split;
        out.removeIf(String::isEmpty);
        return out;
    }

    /** A dash between letters/digits of a date ({@code 1-Jan-2024}) separates; one that starts a zone does not. */
    private static boolean isDateDash(String raw, int i) {
        return i > 0 && Character.isLetterOrDigit(raw.charAt(i - 1)) && i + 1 < raw.length()
                && Character.isLetterOrDigit(raw.charAt(i + 1)) && raw.lastIndexOf(':', i) < 0;
    }

    private static int[] time(String t) {
        String[] p = t.split("[:.]", -1);
        if (p.length < 2 || p.length > 3) {
            return null;
        }
        int[] v = new int[3];
        for (int i = 0; i < p.length; i++) {
            if (!isDigits(p[i]) || p[i].length() > 2) {
                return null;
            }
            v[i] = Integer.parseInt(p[i]);
        }
        // a leap second (60) is legal in RFC 5322; java.time has none, so it becomes :59
        v[2] = Math.min(v[2], 59);
        return v[0] < 24 && v[1] < 60 ? v : null;
    }

    private static ZoneOffset numericZone(String t) {
        String digits = t.substring(1).replace(":", "");
        if (!isDigits(digits) || digits.length() != 4 && digits.length() != 2) {
            return null;
        }
        int hh = Integer.parseInt(digits.substring(0, 2));
        int mm = digits.length() == 4 ? Integer.parseInt(digits.substring(2)) : 0;
        if (hh > 18 || mm > 59) {
            return null;
        }
        int sign = t.charAt(0) == '-' ? -1 : 1;
        try {
            return ZoneOffset.ofHoursMinutes(sign * hh, sign * mm);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
