package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.CommandArbitraries;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.response.AclEntry;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/** The ACL rules of RFC 4314 (AclParser, AclEncoder): its examples both ways, and round trips. */
class AclGrammarTest {

    private static void command(String line, Command c) {
        int sp = line.indexOf(' ');
        Tag tag = Tag.of(line.substring(0, sp));
        assertEquals(line + "\r\n", new String(ImapCodec.encodeCommandBytes(tag, c), StandardCharsets.UTF_8));
        assertEquals(new TaggedCommand(tag, c), ImapCodec.decodeCommand((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static void response(String line, Untagged u) {
        assertEquals(u, ImapCodec.decodeResponse((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals(line + "\r\n", new String(ImapCodec.encodeResponse(u), StandardCharsets.UTF_8));
    }

    @Test
    void commandsOfTheRfc() {
        MailboxName inbox = MailboxName.INBOX;
        command("A001 GETACL INBOX", new Command.GetAcl(inbox));
        command("A002 SETACL INBOX Fred rwipslxetad", new Command.SetAcl(inbox, "Fred", Command.StoreMode.REPLACE,
                "rwipslxetad"));
        command("A003 SETACL INBOX Fred +k", new Command.SetAcl(inbox, "Fred", Command.StoreMode.ADD, "k"));
        command("A004 SETACL INBOX -Fred -x", new Command.SetAcl(inbox, "-Fred", Command.StoreMode.REMOVE, "x"));
        command("A005 SETACL INBOX anyone \"\"", new Command.SetAcl(inbox, "anyone", Command.StoreMode.REPLACE, ""));
        command("A006 DELETEACL INBOX Fred", new Command.DeleteAcl(inbox, "Fred"));
        command("a LISTRIGHTS ~/Mail/saved smith", new Command.ListRights(MailboxName.of("~/Mail/saved"), "smith"));
        command("A007 MYRIGHTS INBOX", new Command.MyRights(inbox));
        command("A008 GETACL \"Sent Items\"", new Command.GetAcl(MailboxName.of("Sent Items")));
        // command names are case-insensitive, as the RFC's own examples write them
        assertEquals(new Command.GetAcl(MailboxName.INBOX),
                ImapCodec.decodeCommand("B001 getacl INBOX\r\n".getBytes(StandardCharsets.US_ASCII)).command());
        assertEquals(new Command.DeleteAcl(MailboxName.INBOX, "Fred"),
                ImapCodec.decodeCommand("B002 DeleteAcl INBOX Fred\r\n".getBytes(StandardCharsets.US_ASCII)).command());
    }

    @Test
    void responsesOfTheRfc() {
        response("* ACL INBOX Fred rwipsldexta", new Untagged.Acl(MailboxName.INBOX,
                List.of(new AclEntry("Fred", "rwipsldexta"))));
        response("* ACL INBOX", new Untagged.Acl(MailboxName.INBOX, List.of()));
        response("* ACL Shared Fred lrs -Fred w anyone \"\"", new Untagged.Acl(MailboxName.of("Shared"),
                List.of(new AclEntry("Fred", "lrs"), new AclEntry("-Fred", "w"), new AclEntry("anyone", ""))));
        response("* LISTRIGHTS ~/Mail/saved smith la r swicdkxte", new Untagged.ListRights(
                MailboxName.of("~/Mail/saved"), "smith", "la", List.of("r", "swicdkxte")));
        response("* LISTRIGHTS archive.imap anyone \"\" l r s w i p k x t e c d a 0 1 2 3 4 5 6 7 8 9",
                new Untagged.ListRights(MailboxName.of("archive.imap"), "anyone", "", List.of("l", "r", "s", "w",
                        "i", "p", "k", "x", "t", "e", "c", "d", "a", "0", "1", "2", "3", "4", "5", "6", "7", "8",
                        "9")));
        response("* MYRIGHTS INBOX rwiptsldaex", new Untagged.MyRights(MailboxName.INBOX, "rwiptsldaex"));
        response("* ACL INBOX Fred rwipslxetad -Fred wetd $team w", new Untagged.Acl(MailboxName.INBOX, List.of(
                new AclEntry("Fred", "rwipslxetad"), new AclEntry("-Fred", "wetd"), new AclEntry("$team", "w"))));
        Untagged.MyRights my = new Untagged.MyRights(MailboxName.INBOX, "lr");
        assertTrue(my.has('r'));
        assertFalse(my.has('i'));
    }

    @Test
    void identifiersAndMailboxesNeedingQuotesOrLiterals() {
        command("A1 SETACL \"a b\" \"John Doe\" +lr", new Command.SetAcl(MailboxName.of("a b"), "John Doe",
                Command.StoreMode.ADD, "lr"));
        response("* MYRIGHTS &AOQ- lr", new Untagged.MyRights(MailboxName.of("\u00e4"), "lr"));
    }

    @Test
    void rightsThatAreNotLettersOrDigitsAreRefusedWhenSending() {
        assertThrows(ImapValidationException.class,
                () -> new Command.SetAcl(MailboxName.INBOX, "Fred", Command.StoreMode.ADD, "+lr"));
        assertThrows(ImapValidationException.class,
                () -> new Command.SetAcl(MailboxName.INBOX, "Fred", Command.StoreMode.REPLACE, "l r"));
        assertThrows(ImapValidationException.class,
                () -> new Command.DeleteAcl(MailboxName.INBOX, "a\0b"));
    }

    @Test
    void aResponseMissingItsRightsIsAnError() {
        assertThrows(org.imap4j.codec.ImapProtocolException.class,
                () -> ImapCodec.decodeResponse("* MYRIGHTS INBOX\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(org.imap4j.codec.ImapProtocolException.class,
                () -> ImapCodec.decodeResponse("* ACL INBOX Fred\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Provide
    Arbitrary<Command> aclCommands() {
        Arbitrary<MailboxName> mb = CommandArbitraries.mailbox();
        Arbitrary<String> id = CommandArbitraries.text();
        return Arbitraries.oneOf(
                Combinators.combine(mb, id, Arbitraries.of(Command.StoreMode.class),
                        Arbitraries.strings().withChars("lrswipkxtea0189").ofMaxLength(8)).as(Command.SetAcl::new),
                Combinators.combine(mb, id).as(Command.DeleteAcl::new),
                mb.map(Command.GetAcl::new),
                Combinators.combine(mb, id).as(Command.ListRights::new),
                mb.map(Command.MyRights::new));
    }

    @Property(tries = 300)
    void commandsRoundTrip(@ForAll("aclCommands") Command c) {
        Tag tag = Tag.of("T1");
        assertEquals(new TaggedCommand(tag, c), ImapCodec.decodeCommand(ImapCodec.encodeCommandBytes(tag, c)));
    }

    @Provide
    Arbitrary<Untagged> aclResponses() {
        Arbitrary<MailboxName> mb = ResponseProperties.mailbox();
        Arbitrary<String> s = ResponseProperties.anyString();
        return Arbitraries.oneOf(
                Combinators.combine(mb, Combinators.combine(s, s).as(AclEntry::new).list().ofMaxSize(4))
                        .as(Untagged.Acl::new),
                Combinators.combine(mb, s, s, s.list().ofMaxSize(4)).as(Untagged.ListRights::new),
                Combinators.combine(mb, s).as(Untagged.MyRights::new));
    }

    @Property(tries = 300)
    void responsesRoundTripAndReencodeStably(@ForAll("aclResponses") Untagged u) {
        byte[] wire = ImapCodec.encodeResponse(u);
        Response back = ImapCodec.decodeResponse(wire);
        assertEquals(u, back);
        assertEquals(new String(wire, StandardCharsets.UTF_8),
                new String(ImapCodec.encodeResponse(back), StandardCharsets.UTF_8));
    }
}
