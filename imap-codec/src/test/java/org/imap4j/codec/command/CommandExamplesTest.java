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
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.internal.encode.CommandEncoder;
import org.junit.jupiter.api.Test;

/**
 * Client commands printed in RFC 3501 / RFC 9051 (section 6 and the section 8 sample session) and in the extension
 * RFCs, encoded byte-exact and parsed back by the server half.
 */
class CommandExamplesTest {
    private static final EncodeOptions DEF = EncodeOptions.DEFAULT;

    private static MailboxName mb(String s) {
        return MailboxName.of(s);
    }

    @Test
    void anyState() {
        rfc("abcd CAPABILITY", new Command.Capability());
        rfc("a002 NOOP", new Command.Noop());
        rfc("A023 LOGOUT", new Command.Logout());
    }

    @Test
    void notAuthenticated() {
        rfc("a001 STARTTLS", new Command.StartTls());
        rfc("A001 AUTHENTICATE GSSAPI", new Command.Authenticate("GSSAPI", null));
        rfc("A001 AUTHENTICATE PLAIN dGVzdAB0ZXN0AHRlc3Q=", new Command.Authenticate("PLAIN",
                Bytes.of("test\0test\0test".getBytes(StandardCharsets.US_ASCII))));
        rfc("A002 AUTHENTICATE EXTERNAL =", new Command.Authenticate("EXTERNAL", Bytes.empty()));
        rfc("a002 LOGIN SMITH SESAME", new Command.Login("SMITH", Secret.of("SESAME")));
        rfc("a001 LOGIN SMITH SESAME", new Command.Login("SMITH", Secret.of("SESAME")));
    }

    @Test
    void loginNeverShowsPassword() {
        Command c = new Command.Login("fred", Secret.of("hunter2"));
        assertFalse(c.toString().contains("hunter2"));
        Command a = new Command.Authenticate("PLAIN", Bytes.utf8("\0fred\0hunter2"));
        assertFalse(a.toString().contains("hunter2"));
        assertEquals("a LOGIN fred \"p w\\\"x\"\r\n",
                Wire.text(Wire.encode("a", new Command.Login("fred", Secret.of("p w\"x")), DEF)));
    }

    @Test
    void selectExamine() {
        rfc("A142 SELECT INBOX", Command.Select.of(MailboxName.INBOX));
        rfc("A932 EXAMINE blurdybloop", Command.Examine.of(mb("blurdybloop")));
        rfc("A02 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))",
                new Command.Select(MailboxName.INBOX, false, new Command.Qresync(67890007L, 20050715194045000L,
                        SequenceSet.parse("41,43:211,214:541"), null, null)));
        rfc("B02 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9500 "
                        + "12500,15000,18000,19000)))",
                new Command.Select(MailboxName.INBOX, false, new Command.Qresync(67890007L, 90060115194045000L,
                        SequenceSet.parse("1:29997"), SequenceSet.parse("5000,7500,9000,9500"),
                        SequenceSet.parse("12500,15000,18000,19000"))));
    }

    @Test
    void mailboxCommands() {
        rfc("A003 CREATE owatagusiam/", Command.Create.of(mb("owatagusiam/")));
        rfc("A004 CREATE owatagusiam/blurdybloop", Command.Create.of(mb("owatagusiam/blurdybloop")));
        rfc("t1 CREATE \"Important Messages\" (USE (\\Important))",
                new Command.Create(mb("Important Messages"), List.of("\\Important")));
        rfc("A682 DELETE blurdybloop", new Command.Delete(mb("blurdybloop")));
        rfc("A683 RENAME blurdybloop sarasoop", new Command.Rename(mb("blurdybloop"), mb("sarasoop")));
        rfc("A002 SUBSCRIBE #news.comp.mail.mime", new Command.Subscribe(mb("#news.comp.mail.mime")));
        rfc("A002 UNSUBSCRIBE #news.comp.mail.mime", new Command.Unsubscribe(mb("#news.comp.mail.mime")));
        rfc("A042 STATUS blurdybloop (UIDNEXT MESSAGES)", new Command.Status(mb("blurdybloop"),
                List.of(StatusAttribute.UIDNEXT, StatusAttribute.MESSAGES)));
        rfc("A043 STATUS INBOX (HIGHESTMODSEQ SIZE DELETED APPENDLIMIT MAILBOXID)", new Command.Status(
                MailboxName.INBOX, List.of(StatusAttribute.HIGHESTMODSEQ, StatusAttribute.SIZE,
                StatusAttribute.DELETED, StatusAttribute.APPENDLIMIT, StatusAttribute.MAILBOXID)));
        rfc("A001 NAMESPACE", new Command.Namespace());
        // RFC 3501 quotes "#news."; an atom is equally valid and is what astring picks.
        rfc("A002 LSUB #news. comp.mail.*", new Command.Lsub(mb("#news."), "comp.mail.*"));
    }

    @Test
    void list() {
        rfc("A682 LIST \"\" *", Command.ListMailboxes.of("", "*"));
        rfc("A101 LIST \"\" \"\"", Command.ListMailboxes.of("", ""));
        rfc("A102 LIST #news.comp.mail.misc \"\"", Command.ListMailboxes.of("#news.comp.mail.misc", ""));
        rfc("A202 LIST ~/Mail/ %", Command.ListMailboxes.of("~/Mail/", "%"));
        rfc("A04 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" % RETURN (CHILDREN)", new Command.ListMailboxes(
                List.of(Command.ListSelect.SUBSCRIBED, Command.ListSelect.RECURSIVEMATCH), mb(""), List.of("%"),
                List.of(Command.ListReturn.CHILDREN), List.of()));
        rfc("A01 LIST \"\" % RETURN (STATUS (MESSAGES UNSEEN))", new Command.ListMailboxes(List.of(), mb(""),
                List.of("%"), List.of(), List.of(StatusAttribute.MESSAGES, StatusAttribute.UNSEEN)));
        rfc("t3 LIST (SPECIAL-USE) \"\" * RETURN (SPECIAL-USE SUBSCRIBED)", new Command.ListMailboxes(
                List.of(Command.ListSelect.SPECIAL_USE), mb(""), List.of("*"),
                List.of(Command.ListReturn.SPECIAL_USE, Command.ListReturn.SUBSCRIBED), List.of()));
        rfc("A05 LIST \"\" (INBOX Drafts Sent/%)", new Command.ListMailboxes(List.of(), mb(""),
                List.of("INBOX", "Drafts", "Sent/%"), List.of(), List.of()));
        rfc("A06 LIST \"\" &ZeVnLIqe-/%", Command.ListMailboxes.of("", "日本語/%"));
    }

    @Test
    void literalMinusOnlyUpTo4096Bytes() {
        EncodeOptions minus = new EncodeOptions(EncodeOptions.LiteralSupport.LITERAL_MINUS, false);
        Bytes small = Bytes.utf8("x".repeat(4096));
        Bytes big = Bytes.utf8("x".repeat(4097));
        List<Fragment> a = CommandEncoder.encode(Tag.of("A1"), new Command.Append(MailboxName.INBOX,
                List.of(Command.AppendMessage.of(small))), minus);
        assertEquals(1, a.size());
        assertTrue(((Fragment.Line) a.get(0)).data().latin1().startsWith("A1 APPEND INBOX {4096+}\r\nxxx"));
        List<Fragment> b = CommandEncoder.encode(Tag.of("A2"), new Command.Append(MailboxName.INBOX,
                List.of(Command.AppendMessage.of(big))), minus);
        assertEquals(List.of(new Fragment.Line(Bytes.utf8("A2 APPEND INBOX {4097}\r\n")),
                new Fragment.Literal(big, Fragment.LiteralMode.SYNC), new Fragment.Line(Bytes.utf8("\r\n"))), b);
    }

    @Test
    void selectedState() {
        rfc("FXXZ CHECK", new Command.Check());
        rfc("A341 CLOSE", new Command.Close());
        rfc("A342 UNSELECT", new Command.Unselect());
        rfc("A202 EXPUNGE", new Command.Expunge());
        rfc("A1 UID EXPUNGE 3000:3002", new Command.UidExpunge(SequenceSet.range(3000, 3002)));
        rfc("A003 COPY 2:4 MEETING", new Command.Copy(SequenceSet.range(2, 4), mb("MEETING"), false));
        rfc("a UID MOVE 42:69 foo", new Command.Move(SequenceSet.range(42, 69), mb("foo"), true));
        rfc("a MOVE 1:3 Archive", new Command.Move(SequenceSet.range(1, 3), mb("Archive"), false));
        rfc("A001 IDLE", new Command.Idle());
        assertEquals("DONE\r\n", new String(CommandEncoder.done(), StandardCharsets.US_ASCII));
    }

    @Test
    void search() {
        rfc("A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"", Command.Search.of(SearchKey.and(
                SearchKey.flagged(), SearchKey.since(LocalDate.of(1994, 2, 1)),
                SearchKey.not(SearchKey.from("Smith"))), false));
        rfc("A283 SEARCH TEXT \"string not in mailbox\"",
                Command.Search.of(SearchKey.text("string not in mailbox"), false));
        rfc("A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"", new Command.Search(null,
                SearchKey.and(SearchKey.flagged(), SearchKey.since(LocalDate.of(1994, 2, 1)),
                        SearchKey.not(SearchKey.from("Smith"))),
                List.of(Command.SearchReturn.MIN, Command.SearchReturn.COUNT), false));
        rfc("A301 SEARCH RETURN () UNDELETED", new Command.Search(null, SearchKey.undeleted(), List.of(), false));
        rfc("A302 UID SEARCH RETURN (SAVE) OR SEEN (DELETED UID 1:5,9) 2:*", new Command.Search(null,
                SearchKey.and(SearchKey.or(SearchKey.seen(), SearchKey.and(SearchKey.deleted(),
                        SearchKey.uid(SequenceSet.parse("1:5,9")))), SearchKey.sequence(SequenceSet.parse("2:*"))),
                List.of(Command.SearchReturn.SAVE), true));
        rfc("a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338", Command.Search.of(
                new SearchKey.ModSeq("/flags/\\draft", SearchKey.EntryType.ALL, 620162338L), false));
        rfc("t SEARCH MODSEQ 720162338 LARGER 50000 OLDER 3600 YOUNGER 60", Command.Search.of(SearchKey.and(
                SearchKey.modSeq(720162338L), SearchKey.larger(50000), SearchKey.older(3600),
                SearchKey.younger(60)), false));
        rfc("a SEARCH X-GM-RAW \"has:attachment in:unread\"",
                Command.Search.of(SearchKey.gmailRaw("has:attachment in:unread"), false));
        rfc("a SEARCH X-GM-MSGID 1278455344230334865 X-GM-THRID 1266894439832287888 X-GM-LABELS \"\\\\Inbox\"",
                Command.Search.of(SearchKey.and(new SearchKey.NumberKey(SearchKey.NumberField.X_GM_MSGID,
                        1278455344230334865L), new SearchKey.NumberKey(SearchKey.NumberField.X_GM_THRID,
                        1266894439832287888L), new SearchKey.Text(SearchKey.TextField.X_GM_LABELS, "\\Inbox")),
                        false));
        rfc("a SEARCH EMAILID M6d99ac3275bb4e THREADID T64b478a75b7ea9",
                Command.Search.of(SearchKey.and(new SearchKey.ObjectId(SearchKey.ObjectIdField.EMAILID,
                        "M6d99ac3275bb4e"), new SearchKey.ObjectId(SearchKey.ObjectIdField.THREADID,
                        "T64b478a75b7ea9")), false));
        rfc("a SEARCH SAVEDBEFORE 24-Mar-2017 SAVEDATESUPPORTED HEADER Message-ID \"<x@y>\" KEYWORD $Junk "
                + "UNKEYWORD $Seen SENTON 5-Mar-2000", Command.Search.of(SearchKey.and(
                new SearchKey.DateKey(SearchKey.DateField.SAVEDBEFORE, LocalDate.of(2017, 3, 24)),
                SearchKey.Simple.SAVEDATESUPPORTED, SearchKey.header("Message-ID", "<x@y>"),
                SearchKey.keyword("$Junk"), SearchKey.unkeyword("$Seen"),
                new SearchKey.DateKey(SearchKey.DateField.SENTON, LocalDate.of(2000, 3, 5))), false));
    }

    @Test
    void searchAddsCharsetAndLiteralForNonAscii() {
        Command c = Command.Search.of(SearchKey.text("отпуск"), false);
        List<Fragment> fs = CommandEncoder.encode(Tag.of("A284"), c, DEF);
        assertEquals(List.of(new Fragment.Line(Bytes.utf8("A284 SEARCH CHARSET UTF-8 TEXT {12}\r\n")),
                new Fragment.Literal(Bytes.utf8("отпуск"), Fragment.LiteralMode.SYNC),
                new Fragment.Line(Bytes.utf8("\r\n"))), fs);
        assertEquals(new Command.Search("UTF-8", SearchKey.text("отпуск"), null, false),
                Wire.parse(Wire.join(fs)).command());
        assertEquals("A284 SEARCH TEXT \"отпуск\"\r\n", Wire.text(Wire.encode("A284", c,
                new EncodeOptions(EncodeOptions.LiteralSupport.LITERAL_PLUS, true))));
        assertEquals("A285 SEARCH CHARSET UTF-8 TEXT {6+}\r\nmot\u00f6r\r\n",
                Wire.text(Wire.encode("A285", new Command.Search("UTF-8", SearchKey.text("mot\u00f6r"), null,
                        false), new EncodeOptions(EncodeOptions.LiteralSupport.LITERAL_MINUS, false))));
    }

    @Test
    void sortAndThread() {
        rfc("A283 SORT (SUBJECT REVERSE DATE) UTF-8 ALL", new Command.Sort(List.of(
                new Command.SortCriterion(false, Command.SortKey.SUBJECT),
                new Command.SortCriterion(true, Command.SortKey.DATE)), "UTF-8", SearchKey.all(), false));
        rfc("A285 SORT (SUBJECT) US-ASCII TEXT \"not in mailbox\"", new Command.Sort(List.of(
                new Command.SortCriterion(false, Command.SortKey.SUBJECT)), "US-ASCII",
                SearchKey.text("not in mailbox"), false));
        rfc("A284 THREAD ORDEREDSUBJECT US-ASCII TEXT \"gewp\"",
                new Command.Thread("ORDEREDSUBJECT", "US-ASCII", SearchKey.text("gewp"), false));
        rfc("A286 UID THREAD REFERENCES UTF-8 SINCE 5-Mar-2000",
                new Command.Thread("REFERENCES", "UTF-8", SearchKey.since(LocalDate.of(2000, 3, 5)), true));
    }

    @Test
    void extensions() {
        rfc("t2 ENABLE QRESYNC UTF8=ACCEPT", new Command.Enable(List.of("QRESYNC", "UTF8=ACCEPT")));
        rfc("a023 ID (\"name\" \"sodr\" \"version\" \"19.34\" \"vendor\" \"Pink Floyd Music Limited\")",
                new Command.Id(List.of(new Command.IdField("name", "sodr"), new Command.IdField("version", "19.34"),
                        new Command.IdField("vendor", "Pink Floyd Music Limited"))));
        rfc("a023 ID (\"name\" \"sodr\" \"version\" \"19.34\")", new Command.Id(List.of(
                new Command.IdField("name", "sodr"), new Command.IdField("version", "19.34"))));
        rfc("a024 ID (\"os\" NIL)", new Command.Id(List.of(new Command.IdField("os", null))));
        rfc("a025 ID NIL", new Command.Id(List.of()));
        rfc("a COMPRESS DEFLATE", Command.Compress.DEFLATE);
        rfc("G0001 GETQUOTA \"!partition/sda4\"", new Command.GetQuota("!partition/sda4"));
        rfc("A003 GETQUOTAROOT INBOX", new Command.GetQuotaRoot(MailboxName.INBOX));
        rfc("S0000 SETQUOTA \"#user/alice\" (STORAGE 510)", new Command.SetQuota("#user/alice",
                List.of(new Command.QuotaLimit("STORAGE", 510))));
        rfc("S0001 SETQUOTA \"\" ()", new Command.SetQuota("", List.of()));
    }

    @Test
    void parserRejectsGarbage() {
        // a command name the codec does not know is read as an extension command (the escape hatch's server half)
        assertEquals(new Command.Extension("FOO"), Wire.parse("a FOO\r\n").command());
        for (String bad : List.of("a FOO (\r\n", "a FOO {\r\n", "a UID NOOP\r\n", "a SELECT\r\n", "a SEARCH\r\n",
                "a SEARCH FROM\r\n", "a SEARCH SINCE 31-Feb-2000\r\n", "a STORE 0 FLAGS ()\r\n",
                "a STATUS x (BOGUS)\r\n", "a AUTHENTICATE PLAIN ***\r\n", "+ NOOP\r\n", "a NOOP x\r\n",
                "a SEARCH ((((ALL))\r\n")) {
            assertThrows(ImapProtocolException.class, () -> Wire.parse(bad), bad);
        }
        StringBuilder deep = new StringBuilder("a SEARCH ");
        for (int i = 0; i < 500; i++) {
            deep.append("NOT ");
        }
        deep.append("ALL\r\n");
        ImapProtocolException e = assertThrows(ImapProtocolException.class, () -> Wire.parse(deep.toString()));
        assertEquals("maxNestingDepth", e.limit());
    }

    @Test
    void validation() {
        assertThrows(ImapValidationException.class, () -> new Command.Status(MailboxName.INBOX, List.of()));
        assertThrows(ImapValidationException.class, () -> new Command.Enable(List.of("a b")));
        assertThrows(ImapValidationException.class, () -> new SearchKey.And(List.of(SearchKey.all())));
        assertThrows(ImapValidationException.class, () -> SearchKey.from("a\0b"));
        assertThrows(ImapValidationException.class, () -> new Command.Login("a\0", Secret.of("x")));
        assertThrows(ImapValidationException.class, () -> new Command.Create(MailboxName.INBOX, List.of("Drafts")));
        // Only type-neutral FETCH checks here: the FetchAttribute types arrive with the fetch branch.
        assertThrows(ImapValidationException.class, () -> new Command.Fetch(SequenceSet.of(1), List.of(), false,
                null, false));
        assertThrows(ImapValidationException.class, () -> SearchKey.older(0));
        assertThrows(ImapValidationException.class, () -> new Command.Append(MailboxName.INBOX, List.of()));
        assertTrue(SearchKey.and(SearchKey.all()) == SearchKey.all());
    }
}
