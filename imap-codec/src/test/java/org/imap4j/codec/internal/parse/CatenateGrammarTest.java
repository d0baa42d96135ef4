package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.Command.CatenatePart;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.junit.jupiter.api.Test;

/** CATENATE (RFC 4469): the RFC's example command both ways, BADURL, and what the grammar refuses. */
class CatenateGrammarTest {
    private static final String BOUNDARY = "--------------030308070208000400050907";
    private static final String U = "/Drafts;UIDVALIDITY=385759045/;UID=20/;section=";

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 4469 section 5, the example: the header and two parts of a draft, joined by new boundary lines. */
    @Test
    void theRfcExampleBothWays() {
        String open = "\r\n" + BOUNDARY + "\r\n";
        String close = "\r\n" + BOUNDARY + "--\r\n";
        String wire = "A003 APPEND Drafts (\\Seen \\Draft $MDNSent) CATENATE (URL \"" + U + "HEADER\" TEXT {42}\r\n"
                + open + " URL \"" + U + "1.MIME\" URL \"" + U + "1\" TEXT {42}\r\n" + open + " URL \"" + U
                + "3.MIME\" URL \"" + U + "3\" TEXT {44}\r\n" + close + ")\r\n";
        Command c = new Command.Catenate(MailboxName.of("Drafts"), List.of(new Command.CatenateMessage(
                List.of(Flag.SEEN, Flag.DRAFT, Flag.of("$MDNSent")), null, List.of(
                        new CatenatePart.Url(U + "HEADER"), CatenatePart.Text.of(open),
                        new CatenatePart.Url(U + "1.MIME"), new CatenatePart.Url(U + "1"), CatenatePart.Text.of(open),
                        new CatenatePart.Url(U + "3.MIME"), new CatenatePart.Url(U + "3"),
                        CatenatePart.Text.of(close)))));
        assertEquals(wire, new String(ImapCodec.encodeCommandBytes(Tag.of("A003"), c), StandardCharsets.UTF_8));
        assertEquals(c, ImapCodec.decodeCommand(b(wire)).command());
    }

    @Test
    void dateBinaryTextNonSynchronizingLiteralsAndMultiappend() {
        OffsetDateTime when = OffsetDateTime.of(2026, 12, 6, 20, 1, 2, 0, ZoneOffset.ofHours(1));
        Command c = ImapCodec.decodeCommand(b("t1 APPEND INBOX \"06-Dec-2026 20:01:02 +0100\" CATENATE (TEXT ~{3+}\r\n"
                + "a\0b) CATENATE (url imap://h/INBOX;UIDVALIDITY=9/;UID=1 text {2+}\r\nhi)\r\n")).command();
        assertEquals(new Command.Catenate(MailboxName.INBOX, List.of(
                new Command.CatenateMessage(List.of(), when, List.of(new CatenatePart.Text(
                        Bytes.of(new byte[] {'a', 0, 'b'}), true))),
                new Command.CatenateMessage(List.of(), null, List.of(
                        new CatenatePart.Url("imap://h/INBOX;UIDVALIDITY=9/;UID=1"), CatenatePart.Text.of("hi"))))),
                c);
        String back = new String(ImapCodec.encodeCommandBytes(Tag.of("t1"), c), StandardCharsets.UTF_8);
        assertTrue(back.startsWith("t1 APPEND INBOX \"06-Dec-2026 20:01:02 +0100\" CATENATE (TEXT ~{3}\r\n"), back);
    }

    @Test
    void badUrlResponseCode() {
        String wire = "A003 NO [BADURL " + U + "1] No such part\r\n";
        assertEquals(new Tagged(Tag.of("A003"), Condition.NO, new ResponseCode.BadUrl(U + "1"),
                "No such part"), ImapCodec.decodeResponse(b(wire)));
    }

    @Test
    void whatTheGrammarAndTheRecordsRefuse() {
        assertThrows(ImapProtocolException.class, () -> ImapCodec.decodeCommand(b("a APPEND x CATENATE ()\r\n")));
        assertThrows(ImapProtocolException.class, () -> ImapCodec.decodeCommand(b("a APPEND x CATENATE (FOO 1)\r\n")));
        assertThrows(ImapProtocolException.class, () -> ImapCodec.decodeCommand(
                b("a APPEND x CATENATE (URL \"/a\") {1}\r\nz\r\n")), "CATENATE and a plain message mixed");
        assertThrows(ImapProtocolException.class, () -> ImapCodec.decodeCommand(
                b("a APPEND x CATENATE (TEXT {1}\r\n\0)\r\n")));
        assertThrows(ImapValidationException.class, () -> new CatenatePart.Url("/a\r\nb"));
        assertThrows(ImapValidationException.class, () -> new CatenatePart.Url(""));
        assertThrows(ImapValidationException.class, () -> new CatenatePart.Text(Bytes.of(new byte[] {0}), false));
        assertThrows(ImapValidationException.class, () -> new Command.CatenateMessage(List.of(), null, List.of()));
        assertThrows(ImapValidationException.class, () -> new Command.Catenate(MailboxName.INBOX, List.of()));
    }
}
