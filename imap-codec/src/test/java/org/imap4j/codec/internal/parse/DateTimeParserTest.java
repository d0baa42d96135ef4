package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.imap4j.codec.internal.parse.FetchParserTest.encode;
import static org.imap4j.codec.internal.parse.FetchParserTest.parse;
import static org.imap4j.codec.internal.parse.FetchParserTest.reader;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.CommandArbitraries;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.command.Wire;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.fetch.Address;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.codec.fetch.Envelope;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.internal.encode.DateTimeEncoder;
import org.imap4j.codec.internal.encode.FetchEncoder;
import org.imap4j.codec.internal.encode.ImapWriter;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.IdParam;
import org.imap4j.codec.response.ListExtendedItem;
import org.imap4j.codec.response.MailboxAttribute;
import org.imap4j.codec.response.MessageThread;
import org.imap4j.codec.response.NamespaceDescriptor;
import org.imap4j.codec.response.QuotaResource;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.StatusItem;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/**
 * {@code date-time} and {@code date} (RFC 9051 section 9): one reader, {@link DateTimeParser}, for FETCH's
 * INTERNALDATE and SAVEDATE, APPEND's date-time and SEARCH's dates; one writer, {@link DateTimeEncoder}.
 */
class DateTimeParserTest {

    @Test
    void internalDateForms() {
        OffsetDateTime d = OffsetDateTime.of(1996, 7, 7, 2, 44, 25, 0, ZoneOffset.ofHours(-7));
        assertEquals(List.of(new FetchItem.InternalDate(d)), parse("(INTERNALDATE \" 7-Jul-1996 02:44:25 -0700\")"));
        assertEquals(List.of(new FetchItem.InternalDate(d)), parse("(INTERNALDATE \"07-jul-1996 02:44:25 -0700\")"));
        assertEquals(List.of(new FetchItem.InternalDate(d)), parse("(INTERNALDATE \"7-Jul-1996 02:44:25 -0700\")"));
        assertThrows(ImapProtocolException.class, () -> parse("(INTERNALDATE \"31-Feb-1996 02:44:25 -0700\")"));
        assertThrows(ImapProtocolException.class, () -> parse("(INTERNALDATE \"17-Jux-1996 02:44:25 -0700\")"));
        assertThrows(ImapProtocolException.class, () -> parse("(INTERNALDATE \"17-Jul-1996 02:44:25 -0700)"));
    }

    static ImapReader reader(String s) {
        byte[] b = (s + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return new ImapReader(b, 0, b.length, new int[0], CodecLimits.defaults(), Quirk.defaults());
    }

    @Test
    void rfc9051Examples() {
        OffsetDateTime t = OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7));
        assertEquals(t, DateTimeParser.dateTime(reader("\"17-Jul-1996 02:44:25 -0700\"")));
        assertEquals("17-Jul-1996 02:44:25 -0700", DateTimeEncoder.dateTime(t));
        // APPEND's date-time (RFC 9051 section 6.3.12) is read by the same parser
        Command.Append a = (Command.Append) Wire.parse(
                "A003 APPEND saved-messages (\\Seen) \"17-Jul-1996 02:44:25 -0700\" {3+}\r\nabc\r\n").command();
        assertEquals(t, a.messages().get(0).internalDate());
        // SEARCH's date (RFC 9051 section 6.4.4): "SINCE 1-Feb-1994"
        assertEquals(LocalDate.of(1994, 2, 1), DateTimeParser.date(reader("1-Feb-1994")));
        assertEquals("1-Feb-1994", DateTimeEncoder.date(LocalDate.of(1994, 2, 1)));
    }

    @Test
    void dateEdgeCases() {
        assertEquals(LocalDate.of(1994, 2, 1), DateTimeParser.date(reader("\"1-Feb-1994\"")));
        assertEquals(LocalDate.of(1994, 2, 1), DateTimeParser.date(reader("01-fEB-1994")));
        ImapReader r = reader("5-Mar-2000 FLAGGED");
        assertEquals(LocalDate.of(2000, 3, 5), DateTimeParser.date(r));
        assertEquals(' ', r.peek());
        for (String bad : new String[] {"31-Feb-1994", "1-Foo-1994", "1-Feb-94", "\"1-Feb-1994", "-Feb-1994",
            "123-Feb-1994", ""}) {
            assertThrows(ImapProtocolException.class, () -> DateTimeParser.date(reader(bad)), bad);
        }
    }

    @Test
    void dateTimeEdgeCases() {
        // a zone of -0000 and the widest offsets
        assertEquals(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                DateTimeParser.dateTime(reader("\"01-Jan-2000 00:00:00 -0000\"")));
        assertEquals(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutes(-18, 0)),
                DateTimeParser.dateTime(reader("\"01-Jan-2000 00:00:00 -1800\"")));
        for (String bad : new String[] {"\"01-Jan-2000 24:00:00 +0000\"", "\"01-Jan-2000 00:00:00 0000\"",
            "\"01-Jan-2000 00:00:00 +1900\"", "01-Jan-2000 00:00:00 +0000", "\"01-Jan-2000 00:00 +0000\""}) {
            assertThrows(ImapProtocolException.class, () -> DateTimeParser.dateTime(reader(bad)), bad);
        }
        // the encoder refuses what date-time cannot say
        assertThrows(org.imap4j.codec.ImapValidationException.class, () -> DateTimeEncoder.dateTime(
                OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 5, ZoneOffset.UTC)));
    }

    @Provide
    Arbitrary<OffsetDateTime> dateTimes() {
        return FetchRoundTripProperties.dateTime();
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Combinators.combine(Arbitraries.integers().between(0, 9999), Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(1, 28)).as(LocalDate::of);
    }

    @Property(tries = 500)
    void dateTimeRoundTrips(@ForAll("dateTimes") OffsetDateTime t) {
        ImapWriter w = new ImapWriter(EncodeOptions.DEFAULT, true);
        DateTimeEncoder.dateTime(w, t);
        byte[] body = w.toBytes();
        byte[] b = java.util.Arrays.copyOf(body, body.length + 2);
        b[body.length] = '\r';
        b[body.length + 1] = '\n';
        ImapReader r = new ImapReader(b, 0, b.length, new int[0], CodecLimits.defaults(), Quirk.none());
        assertEquals(t, DateTimeParser.dateTime(r));
        r.crlf();
    }

    @Property(tries = 500)
    void dateRoundTrips(@ForAll("dates") LocalDate d) {
        ImapReader r = reader(DateTimeEncoder.date(d));
        assertEquals(d, DateTimeParser.date(r));
        r.crlf();
    }
}
