package org.imap4j.codec.internal.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.EncodeOptions.LiteralSupport;
import org.imap4j.codec.command.Fragment;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.junit.jupiter.api.Test;

class ImapWriterTest {
    private static final EncodeOptions PLUS = new EncodeOptions(LiteralSupport.LITERAL_PLUS, false);
    private static final EncodeOptions MINUS = new EncodeOptions(LiteralSupport.LITERAL_MINUS, false);
    private static final EncodeOptions UTF8 = new EncodeOptions(LiteralSupport.SYNC_ONLY, true);

    private static ImapWriter client() {
        return new ImapWriter(EncodeOptions.DEFAULT, false);
    }

    private static byte[] outBytes(ImapWriter w) {
        return w.toBytes();
    }

    private static String out(ImapWriter w) {
        return new String(w.toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void astringChoosesAtomQuotedOrLiteral() {
        assertEquals("INBOX", out(client().astring("INBOX")));
        assertEquals("a]b", out(client().astring("a]b")));
        assertEquals("\"NIL\"", out(client().astring("NIL")));
        assertEquals("\"nil\"", out(client().astring("nil")));
        assertEquals("\"\"", out(client().astring("")));
        assertEquals("\"a b\"", out(client().astring("a b")));
        assertEquals("\"a\\\"b\\\\c\"", out(client().astring("a\"b\\c")));
        assertEquals("\"{5}\"", out(client().astring("{5}")));
        assertEquals("\"(x)\"", out(client().astring("(x)")));
        assertEquals("\"%*\"", out(client().astring("%*")));
        assertEquals("{4}\r\na\r\nb", out(client().astring("a\r\nb")));
        assertEquals("{1}\r\n\n", out(client().astring("\n")));
        assertEquals("{5}\r\ncaf\u00e9", out(client().astring("café")));
        assertEquals("\"café\"", out(new ImapWriter(UTF8, false).astring("café")));
        assertEquals("{1025}\r\n" + "a ".repeat(512) + "a", out(client().astring("a ".repeat(512) + "a")));
        assertThrows(ImapValidationException.class, () -> client().astring("a\0b"));
        assertThrows(ImapValidationException.class, () -> client().string("\ud800x"));
        assertEquals("{4}\r\n\ud83d\ude00", out(client().string("\ud83d\ude00")));
    }

    @Test
    void syncLiteralSplitsFragments() {
        ImapWriter w = client();
        w.raw("A1 LOGIN ").astring("us er").sp().astring("p\r\nw").crlf();
        List<Fragment> f = w.fragments();
        assertEquals(List.of(new Fragment.Line(Bytes.utf8("A1 LOGIN \"us er\" {4}\r\n")),
                new Fragment.Literal(Bytes.utf8("p\r\nw"), Fragment.LiteralMode.SYNC),
                new Fragment.Line(Bytes.utf8("\r\n"))), f);
        assertEquals(List.of(), w.fragments());
    }

    @Test
    void literalModes() {
        // 8-bit text needs a literal but holds no line break: non-synchronizing with LITERAL+ / LITERAL- (<= 4096)
        assertEquals("A {4+}\r\np\u00e9w\r\n".replace("\u00e9", "\u00c3\u00a9"),
                new String(outBytes(new ImapWriter(PLUS, false).raw("A ").string("p\u00e9w").crlf()),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(1, new ImapWriter(PLUS, false).raw("A ").string("p\u00e9w").crlf().fragments().size());
        String big = "\u00e9".repeat(2048);
        assertEquals(1, new ImapWriter(MINUS, false).raw("A ").string(big).crlf().fragments().size());
        List<Fragment> minus = new ImapWriter(MINUS, false).raw("A ").string(big + "y").crlf().fragments();
        assertEquals(3, minus.size(), "LITERAL- allows non-synchronizing literals up to 4096 bytes only");
        assertEquals(new Fragment.Line(Bytes.utf8("A {4097}\r\n")), minus.get(0));
        assertEquals(Fragment.LiteralMode.SYNC, ((Fragment.Literal) minus.get(1)).mode());
    }

    @Test
    void aStringWithALineBreakIsAlwaysSynchronizing() {
        // a server that refuses the command before reading a {n+} literal would run its lines as commands
        List<Fragment> plus = new ImapWriter(PLUS, false).raw("A ").string("p\r\nw").crlf().fragments();
        assertEquals(List.of(new Fragment.Line(Bytes.utf8("A {4}\r\n")),
                new Fragment.Literal(Bytes.utf8("p\r\nw"), Fragment.LiteralMode.SYNC),
                new Fragment.Line(Bytes.utf8("\r\n"))), plus);
        List<Fragment> message = new ImapWriter(PLUS, false).raw("A ").messageLiteral(Bytes.utf8("p\r\nw"), false)
                .crlf().fragments();
        assertEquals(1, message.size(), "message content (APPEND) still goes non-synchronizing");
    }

    @Test
    void binaryLiteralAndNul() {
        Bytes b = Bytes.of(new byte[] {0, 1, 2});
        assertEquals("~{3}\r\n\0\1\2", out(client().literal(b, true)));
        assertEquals("~{3+}\r\n\0\1\2", out(new ImapWriter(PLUS, false).literal(b, true)));
        assertThrows(ImapValidationException.class, () -> client().literal(b, false));
    }

    @Test
    void serverSideWritesLiteralsInline() {
        ImapWriter w = new ImapWriter(EncodeOptions.DEFAULT, true);
        w.raw("* 1 FETCH (BODY[] ").string("a\r\nb").raw(')').crlf();
        List<Fragment> f = w.fragments();
        assertEquals(List.of(new Fragment.Line(Bytes.utf8("* 1 FETCH (BODY[] {4}\r\na\r\nb)\r\n"))), f);
    }

    @Test
    void scalarsAndValidation() {
        assertEquals("0 4294967295 \\Seen NIL \"x\"", out(client().number(0).sp().number(4294967295L).sp()
                .raw("\\Seen").sp().nstring(null).sp().nstring("x")));
        assertThrows(ImapValidationException.class, () -> client().number(-1));
        assertEquals("FLAGS", out(client().atom("FLAGS")));
        assertThrows(ImapValidationException.class, () -> client().atom("a b"));
        assertThrows(ImapValidationException.class, () -> client().atom(""));
        assertEquals("\"a b\"", out(client().quoted("a b")));
        assertThrows(ImapValidationException.class, () -> client().quoted("a\rb"));
        assertThrows(ImapValidationException.class, () -> client().quoted("é"));
        assertEquals("\"é\"", out(new ImapWriter(UTF8, false).quoted("é")));
        assertEquals(EncodeOptions.DEFAULT, client().options());
    }

    @Test
    void mailboxes() {
        assertEquals("INBOX", out(client().mailbox(MailboxName.of("inbox"))));
        assertEquals("~peter/mail/&U,BTFw-/&ZeVnLIqe-", out(client().mailbox(MailboxName.of("~peter/mail/台北/日本語"))));
        assertEquals("\"~peter/mail/台北/日本語\"", out(new ImapWriter(UTF8, false).mailbox(
                MailboxName.of("~peter/mail/台北/日本語"))));
        assertEquals("\"a b\"", out(client().mailbox(MailboxName.of("a b"))));
        assertEquals("\"NIL\"", out(client().mailbox(MailboxName.of("NIL"))));
        assertEquals("Entw&APw-rfe/%", out(client().listMailbox("Entwürfe/%")));
        assertEquals("*", out(client().listMailbox("*")));
        assertEquals("\"a b*\"", out(client().listMailbox("a b*")));
    }
}
