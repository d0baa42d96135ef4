package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/** REPLACE (RFC 8508) and UNAUTHENTICATE (RFC 8437): the RFCs' examples both ways, and round trips. */
class ReplaceGrammarTest {
    private static final String MSG = "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\nSubject: afternoon meeting 2\r\n"
            + "\r\nHello Joe, could we change that to 4:00pm tomorrow?\r\n";

    private static String wire(Command c) {
        return new String(ImapCodec.encodeCommandBytes(Tag.of("A003"), c), StandardCharsets.UTF_8);
    }

    @Test
    void replaceOfTheRfc() {
        Command.Replace r = new Command.Replace(4, MailboxName.of("Drafts"), new Command.AppendMessage(
                List.of(Flag.SEEN, Flag.DRAFT), null, Bytes.utf8(MSG), false), false);
        String w = wire(r);
        assertEquals("A003 REPLACE 4 Drafts (\\Seen \\Draft) {" + MSG.length() + "}\r\n" + MSG + "\r\n", w);
        assertEquals(new TaggedCommand(Tag.of("A003"), r), ImapCodec.decodeCommand(w.getBytes(StandardCharsets.UTF_8)));

        Command.Replace u = new Command.Replace(2004, MailboxName.of("Drafts"), new Command.AppendMessage(List.of(),
                OffsetDateTime.of(1994, 2, 7, 21, 52, 25, 0, ZoneOffset.ofHours(-8)), Bytes.utf8(MSG), false), true);
        String uw = wire(u);
        assertEquals("A003 UID REPLACE 2004 Drafts \"07-Feb-1994 21:52:25 -0800\" {" + MSG.length() + "}\r\n" + MSG
                + "\r\n", uw);
        assertEquals(u, ImapCodec.decodeCommand(uw.getBytes(StandardCharsets.UTF_8)).command());
    }

    @Test
    void theAppendUidOfAReplaceIsAResponseCode() {
        Untagged.StatusResponse ok = assertInstanceOf(Untagged.StatusResponse.class, ImapCodec.decodeResponse(
                "* OK [APPENDUID 1 2000] Replacement Message ready\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(new ResponseCode.AppendUid(1, SequenceSet.parse("2000")), ok.code());
    }

    @Test
    void unauthenticate() {
        assertEquals("A003 UNAUTHENTICATE\r\n", wire(new Command.Unauthenticate()));
        assertEquals(new Command.Unauthenticate(), ImapCodec.decodeCommand(
                "a UNAUTHENTICATE\r\n".getBytes(StandardCharsets.US_ASCII)).command());
    }

    @Test
    void replaceNeedsAMessageNumber() {
        Command.AppendMessage m = new Command.AppendMessage(List.of(), null, Bytes.utf8("x"), false);
        assertThrows(ImapValidationException.class, () -> new Command.Replace(0, MailboxName.INBOX, m, false));
        assertThrows(org.imap4j.codec.ImapProtocolException.class, () -> ImapCodec.decodeCommand(
                "a REPLACE * INBOX {1}\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Property(tries = 200)
    void replaceRoundTrips(@ForAll @LongRange(min = 1, max = 4294967295L) long n, @ForAll boolean uid,
            @ForAll @StringLength(max = 40) String body) {
        Command.Replace r = new Command.Replace(n, MailboxName.of("Drafts/\u00e4"), new Command.AppendMessage(
                List.of(Flag.SEEN), null, Bytes.utf8(body.replace('\0', ' ')), false), uid);
        assertEquals(r, ImapCodec.decodeCommand(ImapCodec.encodeCommandBytes(Tag.of("t"), r)).command());
    }
}
