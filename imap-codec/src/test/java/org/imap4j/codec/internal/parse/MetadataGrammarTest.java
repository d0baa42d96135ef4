package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.Fragment;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.MetadataEntry;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/** The METADATA rules of RFC 5464 (MetadataParser, MetadataEncoder): its examples both ways, and round trips. */
class MetadataGrammarTest {
    private static final MailboxName SERVER = MailboxName.of("");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void command(String line, Command c) {
        Tag tag = Tag.of(line.substring(0, line.indexOf(' ')));
        assertEquals(line + "\r\n", new String(ImapCodec.encodeCommandBytes(tag, c), StandardCharsets.UTF_8));
        assertEquals(new TaggedCommand(tag, c), ImapCodec.decodeCommand(b(line + "\r\n")));
    }

    private static void response(String wire, Response u) {
        assertEquals(u, ImapCodec.decodeResponse(b(wire)));
        assertEquals(wire, new String(ImapCodec.encodeResponse(u), StandardCharsets.UTF_8));
    }

    @Test
    void getMetadataOfTheRfc() {
        command("a GETMETADATA \"\" /shared/comment", new Command.GetMetadata(SERVER, List.of("/shared/comment"),
                null, null));
        command("a GETMETADATA INBOX (/shared/comment /private/comment)", new Command.GetMetadata(MailboxName.INBOX,
                List.of("/shared/comment", "/private/comment"), null, null));
        command("a GETMETADATA (MAXSIZE 1024) INBOX /private/comment", new Command.GetMetadata(MailboxName.INBOX,
                List.of("/private/comment"), 1024L, null));
        command("a GETMETADATA (DEPTH 1) INBOX /private/filters/values", new Command.GetMetadata(MailboxName.INBOX,
                List.of("/private/filters/values"), null, Command.MetadataDepth.ONE));
        command("a GETMETADATA (MAXSIZE 0 DEPTH infinity) INBOX /shared", new Command.GetMetadata(MailboxName.INBOX,
                List.of("/shared"), 0L, Command.MetadataDepth.INFINITY));
        // the server half reads the options in either order, and DEPTH case-insensitively
        assertEquals(new Command.GetMetadata(MailboxName.INBOX, List.of("/shared"), 5L, Command.MetadataDepth.INFINITY),
                ImapCodec.decodeCommand(b("a GETMETADATA (DEPTH INFINITY MAXSIZE 5) INBOX /shared\r\n")).command());
    }

    @Test
    void setMetadataOfTheRfc() {
        command("a SETMETADATA INBOX (/private/comment \"My new comment\")", new Command.SetMetadata(
                MailboxName.INBOX, List.of(MetadataEntry.of("/private/comment", "My new comment"))));
        command("a SETMETADATA INBOX (/private/comment NIL)", new Command.SetMetadata(MailboxName.INBOX,
                List.of(MetadataEntry.of("/private/comment", null))));
        command("a SETMETADATA \"\" (/shared/comment \"Shared comment\" /shared/admin \"mailto:a@example.org\")",
                new Command.SetMetadata(SERVER, List.of(MetadataEntry.of("/shared/comment", "Shared comment"),
                        MetadataEntry.of("/shared/admin", "mailto:a@example.org"))));
    }

    @Test
    void aValueWithLineBreaksOrNulGoesAsALiteral() {
        Command.SetMetadata two = new Command.SetMetadata(MailboxName.INBOX,
                List.of(MetadataEntry.of("/private/comment", "My new comment across\r\ntwo lines.")));
        List<Fragment> fs = ImapCodec.encodeCommand(Tag.of("a"), two, EncodeOptions.DEFAULT);
        assertEquals("a SETMETADATA INBOX (/private/comment {33}\r\n",
                ((Fragment.Line) fs.get(0)).data().utf8(), "a synchronizing literal");
        String whole = "a SETMETADATA INBOX (/private/comment {33}\r\nMy new comment across\r\ntwo lines.)\r\n";
        assertEquals(two, ImapCodec.decodeCommand(b(whole)).command());
        Untagged.Metadata bin = new Untagged.Metadata(MailboxName.INBOX,
                List.of(new MetadataEntry("/shared/vendor/x/blob", Bytes.of(new byte[] {1, 0, 2}))));
        response("* METADATA INBOX (/shared/vendor/x/blob ~{3}\r\n\1\0\2)\r\n", bin);
    }

    @Test
    void responsesOfTheRfc() {
        response("* METADATA \"\" (/shared/comment \"Shared comment\")\r\n", new Untagged.Metadata(SERVER,
                List.of(MetadataEntry.of("/shared/comment", "Shared comment"))));
        response("* METADATA INBOX (/shared/comment \"Shared comment\" /private/comment \"My own comment\")\r\n",
                new Untagged.Metadata(MailboxName.INBOX, List.of(MetadataEntry.of("/shared/comment", "Shared comment"),
                        MetadataEntry.of("/private/comment", "My own comment"))));
        response("* METADATA INBOX (/private/comment NIL)\r\n", new Untagged.Metadata(MailboxName.INBOX,
                List.of(MetadataEntry.of("/private/comment", null))));
        response("* METADATA INBOX /shared/comment /private/comment\r\n", new Untagged.MetadataChanged(
                MailboxName.INBOX, List.of("/shared/comment", "/private/comment")));
        response("a OK [METADATA LONGENTRIES 2199] GETMETADATA complete\r\n", new Tagged(Tag.of("a"), Condition.OK,
                new ResponseCode.Metadata(ResponseCode.MetadataProblem.LONGENTRIES, 2199L), "GETMETADATA complete"));
        response("a NO [METADATA MAXSIZE 1024] Annotation too large\r\n", new Tagged(Tag.of("a"), Condition.NO,
                new ResponseCode.Metadata(ResponseCode.MetadataProblem.MAXSIZE, 1024L), "Annotation too large"));
        response("a NO [METADATA TOOMANY] Too many annotations\r\n", new Tagged(Tag.of("a"), Condition.NO,
                new ResponseCode.Metadata(ResponseCode.MetadataProblem.TOOMANY, null), "Too many annotations"));
        response("a NO [METADATA NOPRIVATE] Private annotations not supported\r\n", new Tagged(Tag.of("a"),
                Condition.NO, new ResponseCode.Metadata(ResponseCode.MetadataProblem.NOPRIVATE, null),
                "Private annotations not supported"));
    }

    @Test
    void malformedCodesDegradeAndMalformedResponsesFail() {
        Tagged t = (Tagged) ImapCodec.decodeResponse(b("a NO [METADATA TOOBIG] x\r\n"));
        assertEquals(new ResponseCode.Other("METADATA", "TOOBIG"), t.code(), "an unknown METADATA code is kept");
        assertThrows(ImapProtocolException.class, () -> ImapCodec.decodeResponse(b("* METADATA INBOX\r\n")));
        assertThrows(ImapProtocolException.class,
                () -> ImapCodec.decodeResponse(b("* METADATA INBOX (/shared/comment)\r\n")));
    }

    @Test
    void entryNamesAClientSendsAreChecked() {
        for (String bad : List.of("comment", "/shared/*", "/private/a%", "/shared//x", "/shared/", "/other/x",
                "/shared/a\tb")) {
            assertThrows(ImapValidationException.class, () -> new Command.GetMetadata(MailboxName.INBOX,
                    List.of(bad), null, null), bad);
        }
        assertThrows(ImapValidationException.class, () -> new Command.GetMetadata(MailboxName.INBOX, List.of(),
                null, null));
        assertThrows(ImapValidationException.class, () -> new ResponseCode.Metadata(
                ResponseCode.MetadataProblem.TOOMANY, 3L));
    }

    @Provide
    Arbitrary<Command> metadataCommands() {
        Arbitrary<String> name = Arbitraries.of("/private", "/shared", "/private/comment", "/shared/vendor/x y",
                "/shared/\u00e4", "/private/a\"b");
        Arbitrary<Bytes> value = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20).map(Bytes::utf8),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(Bytes::of)).injectNull(0.2);
        Arbitrary<MailboxName> mb = Arbitraries.of(MailboxName.INBOX, SERVER, MailboxName.of("a b"));
        return Arbitraries.oneOf(
                Combinators.combine(mb, name.list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.5),
                        Arbitraries.of(Command.MetadataDepth.class).injectNull(0.5)).as(Command.GetMetadata::new),
                Combinators.combine(mb, Combinators.combine(name, value).as(MetadataEntry::new).list().ofMinSize(1)
                        .ofMaxSize(3)).as(Command.SetMetadata::new));
    }

    @Property(tries = 300)
    void commandsRoundTrip(@ForAll("metadataCommands") Command c) {
        Tag tag = Tag.of("T1");
        assertEquals(new TaggedCommand(tag, c), ImapCodec.decodeCommand(ImapCodec.encodeCommandBytes(tag, c)));
        if (c instanceof Command.SetMetadata s) {
            Untagged.Metadata m = new Untagged.Metadata(s.mailbox(), s.entries());
            assertEquals(m, ImapCodec.decodeResponse(ImapCodec.encodeResponse(m)));
        }
    }
}
