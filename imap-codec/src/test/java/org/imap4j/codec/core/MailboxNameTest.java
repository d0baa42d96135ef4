package org.imap4j.codec.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imap4j.codec.ImapValidationException;
import org.junit.jupiter.api.Test;

class MailboxNameTest {
    @Test
    void rfc3501Example() {
        // RFC 3501 section 5.1.3.
        assertEquals("~peter/mail/台北/日本語", MailboxName.fromModifiedUtf7("~peter/mail/&U,BTFw-/&ZeVnLIqe-").name());
        assertEquals("~peter/mail/&U,BTFw-/&ZeVnLIqe-", MailboxName.of("~peter/mail/台北/日本語").toModifiedUtf7());
        assertEquals("Entw&APw-rfe", MailboxName.of("Entwürfe").toModifiedUtf7());
        assertEquals("日本語", MailboxName.fromModifiedUtf7("&ZeVnLIqe-").name());
    }

    @Test
    void ampersand() {
        assertEquals("&", MailboxName.fromModifiedUtf7("&-").name());
        assertEquals("&-", MailboxName.of("&").toModifiedUtf7());
        assertEquals("a&-b&-&-", MailboxName.of("a&b&&").toModifiedUtf7());
        assertEquals("Tom & Jerry", MailboxName.fromModifiedUtf7("Tom &- Jerry").name());
    }

    @Test
    void astralAndControlCharacters() {
        String s = "\ud83d\ude00\t";
        String wire = MailboxName.of(s).toModifiedUtf7();
        assertEquals("&2D3eAAAJ-", wire);
        assertEquals(s, MailboxName.fromModifiedUtf7(wire).name());
    }

    @Test
    void strictDecoding() {
        String[] bad = {
            "&U,BTFw", // unterminated shift
            "&ZeVnLIqe", // unterminated
            "&U,BTFx-", // 36 bits for two characters: the last 4 (padding) must be zero
            "&AGE-", // encodes the printable "a"
            "&ACY-", // encodes "&", which must be "&-"
            "&AOQ-&APY-", // two adjacent shifts: canonical is one shift "&AOQA9g-"
            "&Z-", // too few bits for a character
            "&2D0-", // an unpaired high surrogate
            "&AAA-", // NUL
            "&AA0-", // CR
            "&=-", // not modified base64
            "&U/BTFw-", // '/' is standard base64, not modified
            "caf\u00e9", // raw 8-bit
            "a\tb", // raw control character
            "a\u007fb",
        };
        for (String b : bad) {
            assertThrows(ImapValidationException.class, () -> MailboxName.fromModifiedUtf7(b), b);
        }
        assertEquals("äö", MailboxName.fromModifiedUtf7("&AOQA9g-").name());
    }

    @Test
    void inbox() {
        assertEquals("INBOX", MailboxName.of("inbox").name());
        assertEquals(MailboxName.INBOX, MailboxName.of("InBoX"));
        assertTrue(MailboxName.fromModifiedUtf7("inbox").isInbox());
        assertFalse(MailboxName.of("INBOX/sub").isInbox());
        assertEquals("inbox/Sub", MailboxName.of("inbox/Sub").name());
        assertFalse(MailboxName.of("INBOXX").isInbox());
        assertThrows(ImapValidationException.class, () -> MailboxName.fromModifiedUtf7("inBOX/x&AGE-"));
    }

    @Test
    void refusesLineBreaksNulAndBrokenSurrogates() {
        for (String b : new String[] {"a\rb", "a\nb", "a\0b", "\ud800", "a\udc00b", "\ud800\ud800"}) {
            assertThrows(ImapValidationException.class, () -> MailboxName.of(b), b);
        }
        assertThrows(NullPointerException.class, () -> MailboxName.of(null));
        assertEquals("x", MailboxName.of("x").toString());
        assertSame("INBOX", MailboxName.INBOX.name());
    }
}
