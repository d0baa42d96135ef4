package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class MailDatesTest {
    private static OffsetDateTime p(String s) {
        return MailDates.parse(s).orElseThrow(() -> new AssertionError("not parsed: " + s));
    }

    @Test
    void rfc5322() {
        assertEquals(OffsetDateTime.parse("2003-07-01T10:52:37+02:00"), p("Tue, 1 Jul 2003 10:52:37 +0200"));
        assertEquals(OffsetDateTime.parse("1997-11-21T09:55:06-06:00"), p("Fri, 21 Nov 1997 09:55:06 -0600"));
    }

    @Test
    void obsoleteAndCommonForms() {
        assertEquals(OffsetDateTime.parse("2003-07-01T10:52:00-04:00"), p("1 Jul 03 10:52 EDT (Eastern)"));
        assertEquals(OffsetDateTime.parse("1999-12-31T23:59:59Z"), p("Fri, 31 Dec 99 23:59:59 GMT"));
        assertEquals(OffsetDateTime.parse("2004-02-03T04:05:06Z"), p("Tue,  3 Feb 104 04:05:06 UT"));
        assertEquals(OffsetDateTime.parse("2024-01-05T08:00:00-08:00"), p("Friday, January 5, 2024 08:00:00 PST"));
        assertEquals(OffsetDateTime.parse("2024-01-05T08:00:00+05:30"), p("Jan 5 2024 08:00:00 +05:30"));
        assertEquals(OffsetDateTime.parse("2024-01-05T08:00:00Z"), p("5 Jan 2024 08:00:00"));
        assertEquals(OffsetDateTime.parse("2024-01-05T08:00:00Z"), p("5 Jan 2024 08:00:00 Z"));
        assertEquals(OffsetDateTime.parse("2024-01-05T08:00:00-05:00"), p("5-Jan-2024 08:00:00-0500"));
        assertEquals(OffsetDateTime.parse("2016-12-31T23:59:59Z"), p("Sat, 31 Dec 2016 23:59:60 +0000"));
        // a wrong day name is ignored
        assertEquals(OffsetDateTime.parse("2024-01-05T08:00:00+01:00"), p("Mon, 5 Jan 2024 08:00:00 +0100 (CET)"));
    }

    @Test
    void garbageIsEmpty() {
        assertTrue(MailDates.parse(null).isEmpty());
        assertTrue(MailDates.parse("").isEmpty());
        assertTrue(MailDates.parse("yesterday").isEmpty());
        assertTrue(MailDates.parse("31 Feb 2024 10:00:00 +0000").isEmpty());
        assertTrue(MailDates.parse("1 Jan 2024").isEmpty());
        assertTrue(MailDates.parse("1 Jan 2024 25:00:00").isEmpty());
    }
}
