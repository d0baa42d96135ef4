package org.imap4j.codec.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.Tag;
import org.junit.jupiter.api.Test;

class ResponseTypesTest {
    @Test
    void capabilitiesAreTyped() {
        assertSame(Capability.Known.IMAP4REV1, Capability.of("imap4rev1"));
        assertSame(Capability.Known.LITERAL_PLUS, Capability.of("LITERAL+"));
        assertEquals(new Capability.Auth("PLAIN"), Capability.of("auth=plain"));
        assertEquals(new Capability.Other("XYZ"), Capability.of("XYZ"));
        List<Capability> caps = List.of(Capability.Known.IDLE, Capability.of("AUTH=XOAUTH2"), Capability.of("AUTH=PLAIN"));
        assertTrue(Capability.has(caps, Capability.Known.IDLE));
        assertEquals(List.of("XOAUTH2", "PLAIN"), Capability.authMechanisms(caps));
        assertThrows(ImapValidationException.class, () -> Capability.of("a b"));
    }

    @Test
    void invalidValuesCannotBeBuilt() {
        assertThrows(ImapValidationException.class, () -> new Tagged(Tag.of("a"), Condition.BYE, null, ""));
        assertThrows(ImapValidationException.class, () -> new Tagged(Tag.of("a"), Condition.OK, null, "x\r\ny"));
        assertThrows(ImapValidationException.class, () -> new ResponseCode.UidNext(0));
        assertThrows(ImapValidationException.class, () -> new ResponseCode.Other("X", "a]b"));
        assertThrows(ImapValidationException.class, () -> new MessageThread(List.of(1L),
                List.of(new MessageThread(List.of(2L), List.of()))));
        assertThrows(ImapValidationException.class, () -> new Untagged.MailboxList(false, List.of(), "//",
                org.imap4j.codec.core.MailboxName.of("x"), List.of()));
        assertThrows(ImapValidationException.class, () -> new StatusItem.MailboxId("a b"));
    }

    @Test
    void commandExceptionCarriesTheCompletion() {
        Tagged t = new Tagged(Tag.of("A2"), Condition.NO, new ResponseCode.Simple(ResponseCode.Kind.TRYCREATE), "no mbox");
        ImapCommandException e = ImapCommandException.of(t, "COPY");
        assertEquals(Condition.NO, e.status());
        assertEquals(new ResponseCode.Simple(ResponseCode.Kind.TRYCREATE), e.code());
        assertEquals("no mbox", e.text());
        assertEquals("COPY", e.command());
        assertEquals("COPY failed: NO [TRYCREATE] no mbox", e.getMessage());
    }
}
