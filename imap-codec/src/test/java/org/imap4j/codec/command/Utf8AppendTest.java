package org.imap4j.codec.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.internal.encode.CommandEncoder;
import org.junit.jupiter.api.Test;

/**
 * The {@code UTF8 (~{n})} form of APPEND (RFC 9755 section 4, {@code append-data =/ "UTF8" SP "(" literal8 ")"}):
 * encoded byte for byte, parsed back by the server half, and refused with a plain literal inside.
 */
class Utf8AppendTest {
    private static final String MESSAGE = "Subject: Gr\u00fc\u00dfe\r\nFrom: j\u00f6rg@example.org\r\n\r\nHallo\r\n";

    @Test
    void utf8FormWrapsALiteral8InParentheses() {
        Bytes data = Bytes.utf8(MESSAGE);
        Command c = new Command.Append(MailboxName.of("Drafts"),
                List.of(new Command.AppendMessage(List.of(Flag.DRAFT), null, data, false).asUtf8()));
        List<Fragment> fs = CommandEncoder.encode(Tag.of("A1"), c, EncodeOptions.DEFAULT);
        assertEquals(List.of(
                new Fragment.Line(Bytes.utf8("A1 APPEND Drafts (\\Draft) UTF8 (~{" + data.size() + "}\r\n")),
                new Fragment.Literal(data, Fragment.LiteralMode.SYNC),
                new Fragment.Line(Bytes.utf8(")\r\n"))), fs);
        assertEquals(new TaggedCommand(Tag.of("A1"), c), Wire.parse(Wire.join(fs)));
    }

    @Test
    void theFourArgumentMessageIsNotUtf8AndRoundTripsAsBefore() {
        Command.AppendMessage m = new Command.AppendMessage(List.of(), null, Bytes.utf8("x\r\n"), true);
        assertEquals(false, m.utf8());
        Command c = new Command.Append(MailboxName.INBOX, List.of(m));
        String wire = Wire.text(Wire.encode("A2", c, EncodeOptions.DEFAULT));
        assertTrue(wire.startsWith("A2 APPEND INBOX ~{3}\r\n"), wire);
        assertEquals(new TaggedCommand(Tag.of("A2"), c), Wire.parse(Wire.encode("A2", c, EncodeOptions.DEFAULT)));
    }

    @Test
    void theServerHalfRefusesAPlainLiteralInTheUtf8Form() {
        assertThrows(ImapProtocolException.class, () -> Wire.parse("A3 APPEND INBOX UTF8 ({3}\r\nx\r\n)\r\n"));
        assertThrows(ImapProtocolException.class, () -> Wire.parse("A3 APPEND INBOX UTF8 (~{3}\r\nx\r\n\r\n"));
    }
}
