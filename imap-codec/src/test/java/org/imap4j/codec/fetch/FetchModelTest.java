package org.imap4j.codec.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import org.imap4j.codec.ImapValidationException;
import org.junit.jupiter.api.Test;

class FetchModelTest {
    private static final BodyStructure.Fields FIELDS = new BodyStructure.Fields(List.of(), null, null, "7BIT", 1);

    @Test
    void itemsValidateTheirRanges() {
        assertThrows(ImapValidationException.class, () -> new FetchItem.Uid(0));
        assertThrows(ImapValidationException.class, () -> new FetchItem.Uid(1L << 32));
        assertEquals(0xFFFF_FFFFL, new FetchItem.Uid(0xFFFF_FFFFL).uid());
        assertThrows(ImapValidationException.class, () -> new FetchItem.Rfc822Size(-1));
        assertThrows(ImapValidationException.class, () -> new FetchItem.ModSeq(-1));
        assertThrows(ImapValidationException.class, () -> new FetchItem.EmailId(""));
        assertThrows(ImapValidationException.class, () -> new FetchItem.EmailId("a b"));
        assertThrows(ImapValidationException.class, () -> new FetchItem.ThreadId("x".repeat(256)));
        assertThrows(ImapValidationException.class, () -> new FetchItem.InternalDate(
                OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 1, ZoneOffset.UTC)));
        assertThrows(ImapValidationException.class, () -> new FetchItem.InternalDate(
                OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.ofTotalSeconds(30))));
        assertThrows(ImapValidationException.class, () -> new FetchItem.Binary(List.of(0), OptionalLong.empty(),
                BodyData.NIL));
        assertThrows(ImapValidationException.class, () -> new FetchItem.Other("A B",
                org.imap4j.codec.core.ImapValue.NIL));
        assertThrows(ImapValidationException.class, () -> new FetchItem.GmailLabels(List.of("a\0")));
    }

    @Test
    void bodyStructureShapesAreUnambiguous() {
        assertThrows(ImapValidationException.class, () -> new BodyStructure.Basic("text", "plain", FIELDS, null));
        assertThrows(ImapValidationException.class, () -> new BodyStructure.Basic("MESSAGE", "rfc822", FIELDS, null));
        assertThrows(ImapValidationException.class, () -> new BodyStructure.Multipart(List.of(), "MIXED", null));
        assertThrows(ImapValidationException.class, () -> new BodyStructure.Text("PLAIN", FIELDS, -1, null));
        assertThrows(ImapValidationException.class, () -> new BodyStructure.Fields(List.of(), null, null, "7BIT", -1));
        new BodyStructure.Basic("MESSAGE", "delivery-status", FIELDS, null);
    }

    @Test
    void addressesSeparateMailboxesFromGroups() {
        assertThrows(ImapValidationException.class, () -> new Address.Mailbox("n", null, "m", null));
        assertThrows(NullPointerException.class, () -> new Address.Group(null, List.of()));
        assertEquals(List.of(), new Address.Group("g", List.of()).members());
    }

    @Test
    void macrosExpand() {
        assertEquals(List.of(FetchAttribute.Item.FLAGS, FetchAttribute.Item.INTERNALDATE,
                FetchAttribute.Item.RFC822_SIZE, FetchAttribute.Item.ENVELOPE, FetchAttribute.Item.BODY),
                FetchAttribute.Macro.FULL.expansion());
        assertEquals(3, FetchAttribute.Macro.FAST.expansion().size());
    }
}
