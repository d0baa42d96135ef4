package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import org.imap4j.codec.fetch.Address;
import org.imap4j.codec.fetch.Envelope;
import org.junit.jupiter.api.Test;

class EnvelopesTest {
    @Test
    void decodesSubjectNamesAndDateAndKeepsTheRawValues() {
        Envelope raw = new Envelope("Tue, 1 Jul 2003 10:52:37 +0200", "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= =?UTF-8?B?IQ==?=",
                List.of(Address.Mailbox.of("=?ISO-8859-1?Q?J=F6rg_M=FCller?=", "joerg", "example.de")), List.of(),
                List.of(), List.of(Address.Mailbox.of(null, "bob", "example.org"),
                        new Address.Group("=?UTF-8?Q?T=C3=A9am?=", List.of(Address.Mailbox.of("Ann", "ann", "x.org")))),
                List.of(), List.of(), null, "<1@x>");
        DecodedEnvelope e = Envelopes.decode(raw);
        assertEquals("Grüße!", e.subject());
        assertEquals(OffsetDateTime.parse("2003-07-01T10:52:37+02:00"), e.date());
        assertEquals("Tue, 1 Jul 2003 10:52:37 +0200", e.rawDate());
        assertEquals("Jörg Müller <joerg@example.de>", e.fromText());
        assertEquals(List.of(new DecodedAddress("", "bob@example.org", null),
                new DecodedAddress("Ann", "ann@x.org", "Téam")), e.to());
        assertEquals("bob@example.org, Téam: Ann <ann@x.org>;", Envelopes.format(raw.to()));
        assertEquals("<1@x>", e.messageId());
        assertTrue(e.inReplyTo() == null && e.envelope() == raw);
    }

    @Test
    void anUnparseableDateKeepsItsRawValue() {
        Envelope raw = new Envelope("sometime", null, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), null, null);
        DecodedEnvelope e = Envelopes.decode(raw);
        assertTrue(e.parsedDate().isEmpty());
        assertEquals("sometime", e.rawDate());
        assertEquals("", e.subject());
        assertEquals("", e.fromText());
    }
}
