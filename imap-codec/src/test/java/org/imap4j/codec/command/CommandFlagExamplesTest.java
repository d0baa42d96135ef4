package org.imap4j.codec.command;

import static org.imap4j.codec.command.RfcExamples.rfc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.internal.encode.CommandEncoder;
import org.imap4j.codec.internal.encode.DateTimeEncoder;
import org.junit.jupiter.api.Test;

/**
 * RFC examples that carry flags (STORE, APPEND, the section 8 sample session), encoded byte-exact and parsed back.
 */
class CommandFlagExamplesTest {
    private static final EncodeOptions DEF = EncodeOptions.DEFAULT;

    private static MailboxName mb(String s) {
        return MailboxName.of(s);
    }

    @Test
    void store() {
        rfc("A142 SELECT INBOX (CONDSTORE)", new Command.Select(MailboxName.INBOX, true, null));
        rfc("A03 EXAMINE INBOX (CONDSTORE)", new Command.Examine(MailboxName.INBOX, true, null));
        rfc("A003 STORE 2:4 +FLAGS (\\Deleted)", new Command.Store(SequenceSet.range(2, 4),
                Command.StoreMode.ADD, false, List.of(Flag.DELETED), null, false));
        rfc("d105 STORE 7,5,9 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\\Deleted)", new Command.Store(
                SequenceSet.parse("7,5,9"), Command.StoreMode.ADD, true, List.of(Flag.DELETED), 320162338L, false));
        rfc("A004 UID STORE 1:* -FLAGS (\\Seen \\Flagged)", new Command.Store(SequenceSet.parse("1:*"),
                Command.StoreMode.REMOVE, false, List.of(Flag.SEEN, Flag.FLAGGED), null, true));
        rfc("A005 STORE 1 FLAGS ()", new Command.Store(SequenceSet.of(1), Command.StoreMode.REPLACE, false,
                List.of(), null, false));
        rfc("a ENABLE CONDSTORE", new Command.Enable(List.of("CONDSTORE")));
    }

    @Test
    void appendSynchronizingLiteralSplitsFragments() {
        String msg = "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\n"
                + "From: Fred Foobar <foobar@Blurdybloop.COM>\r\n"
                + "Subject: afternoon meeting\r\n"
                + "To: mooch@owatagu.siam.edu\r\n"
                + "Message-Id: <B27397-0100000@Blurdybloop.COM>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n"
                + "\r\n"
                + "Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n";
        Command c = new Command.Append(mb("saved-messages"),
                List.of(new Command.AppendMessage(List.of(Flag.SEEN), null, Bytes.utf8(msg), false)));
        List<Fragment> fs = CommandEncoder.encode(Tag.of("A003"), c, DEF);
        assertEquals(List.of(
                new Fragment.Line(Bytes.utf8("A003 APPEND saved-messages (\\Seen) {310}\r\n")),
                new Fragment.Literal(Bytes.utf8(msg), Fragment.LiteralMode.SYNC),
                new Fragment.Line(Bytes.utf8("\r\n"))), fs);
        assertEquals(new TaggedCommand(Tag.of("A003"), c), Wire.parse(Wire.join(fs)));

        List<Fragment> plus = CommandEncoder.encode(Tag.of("A003"), c,
                new EncodeOptions(EncodeOptions.LiteralSupport.LITERAL_PLUS, false));
        assertEquals(List.of(new Fragment.Line(Bytes.utf8("A003 APPEND saved-messages (\\Seen) {310+}\r\n" + msg
                + "\r\n"))), plus);
    }


    @Test
    void multiAppendWithDatesAndBinary() {
        OffsetDateTime d = OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7));
        Command c = new Command.Append(mb("saved-messages"), List.of(
                new Command.AppendMessage(List.of(), d, Bytes.utf8("ab"), false),
                new Command.AppendMessage(List.of(Flag.SEEN, Flag.of("$Forwarded")), null,
                        Bytes.of(new byte[] {0, 1}), true)));
        List<Fragment> fs = CommandEncoder.encode(Tag.of("A003"), c, DEF);
        assertEquals(List.of(
                new Fragment.Line(Bytes.utf8("A003 APPEND saved-messages \"17-Jul-1996 02:44:25 -0700\" {2}\r\n")),
                new Fragment.Literal(Bytes.utf8("ab"), Fragment.LiteralMode.SYNC),
                new Fragment.Line(Bytes.utf8(" (\\Seen $Forwarded) ~{2}\r\n")),
                new Fragment.Literal(Bytes.of(new byte[] {0, 1}), Fragment.LiteralMode.SYNC),
                new Fragment.Line(Bytes.utf8("\r\n"))), fs);
        assertEquals(new TaggedCommand(Tag.of("A003"), c), Wire.parse(Wire.join(fs)));
        assertEquals("05-Jan-2024 00:00:00 +0530", DateTimeEncoder.dateTime(
                OffsetDateTime.of(2024, 1, 5, 0, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30))));
        assertThrows(ImapValidationException.class, () ->
                new Command.AppendMessage(List.of(), null, Bytes.of(new byte[] {'a', 0}), false));
    }


    @Test
    void sampleSessionParsesLowerCase() {
        // RFC 3501 / RFC 9051 section 8: clients may send keywords in any case.
        assertEquals(new TaggedCommand(Tag.of("a001"), new Command.Login("mrc", Secret.of("secret"))),
                Wire.parse("a001 login mrc secret\r\n"));
        assertEquals(new TaggedCommand(Tag.of("a002"), Command.Select.of(MailboxName.INBOX)),
                Wire.parse("a002 select inbox\r\n"));
        assertEquals(new TaggedCommand(Tag.of("a005"), new Command.Store(SequenceSet.of(12), Command.StoreMode.ADD,
                false, List.of(Flag.DELETED), null, false)), Wire.parse("a005 store 12 +flags \\deleted\r\n"));
        assertEquals(new TaggedCommand(Tag.of("a006"), new Command.Logout()), Wire.parse("a006 logout\r\n"));
        assertEquals("a001 LOGIN mrc secret\r\n",
                Wire.text(Wire.encode("a001", new Command.Login("mrc", Secret.of("secret")), DEF)));
        assertEquals("a005 STORE 12 +FLAGS (\\Deleted)\r\n", Wire.text(Wire.encode("a005", new Command.Store(
                SequenceSet.of(12), Command.StoreMode.ADD, false, List.of(Flag.DELETED), null, false), DEF)));
    }


    @Test
    void gmailLabelStores() {
        // the forms of Google's X-GM-EXT-1 documentation: system labels bare, others as astrings
        rfc("a011 UID STORE 25 +X-GM-LABELS (\\Inbox \"Work stuff\" Receipts)", new Command.StoreGmailLabels(
                SequenceSet.of(25), Command.StoreMode.ADD, false, List.of("\\Inbox", "Work stuff", "Receipts"), true));
        rfc("a012 STORE 1:3 -X-GM-LABELS.SILENT (\\Starred)", new Command.StoreGmailLabels(SequenceSet.range(1, 3),
                Command.StoreMode.REMOVE, true, List.of("\\Starred"), false));
        rfc("a013 UID STORE 7 X-GM-LABELS ()", new Command.StoreGmailLabels(SequenceSet.of(7),
                Command.StoreMode.REPLACE, false, List.of(), true));
        assertThrows(ImapValidationException.class, () -> new Command.StoreGmailLabels(SequenceSet.of(1),
                Command.StoreMode.ADD, false, List.of("a\0b"), true));
    }
}
