package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.imap4j.codec.CommandHandle;
import org.imap4j.codec.EngineConfig;
import org.imap4j.codec.EngineEvent;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapEngine;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.MetadataEntry;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/**
 * LIST-METADATA (RFC 9590), both directions: the {@code METADATA (entries)} LIST return option, alone and with the
 * other return options, and the METADATA responses that follow the LIST responses routed to the LIST that asked.
 */
class ListMetadataGrammarTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void command(String line, Command c) {
        Tag tag = Tag.of(line.substring(0, line.indexOf(' ')));
        assertEquals(line + "\r\n", new String(ImapCodec.encodeCommandBytes(tag, c), StandardCharsets.US_ASCII));
        assertEquals(c, ImapCodec.decodeCommand(b(line + "\r\n")).command());
    }

    private static Command.ListMailboxes list(List<Command.ListReturn> ret, List<StatusAttribute> status,
            List<String> entries) {
        return new Command.ListMailboxes(List.of(), MailboxName.of(""), List.of("*"), ret, status, entries);
    }

    @Test
    void theMetadataReturnOption() {
        // RFC 9590 section 3: the entries asked for with each mailbox listed
        command("A01 LIST \"\" * RETURN (METADATA (/shared/vendor/cmu/cyrus-imapd/color /private/comment))",
                list(List.of(), List.of(), List.of("/shared/vendor/cmu/cyrus-imapd/color", "/private/comment")));
        command("A02 LIST \"\" * RETURN (CHILDREN STATUS (MESSAGES) METADATA (/shared/comment))",
                list(List.of(Command.ListReturn.CHILDREN), List.of(StatusAttribute.MESSAGES),
                        List.of("/shared/comment")));
        command("A03 LIST \"\" * RETURN (METADATA (/shared/comment))",
                list(List.of(), List.of(), List.of("/shared/comment")));
        assertEquals(List.of(), new Command.ListMailboxes(List.of(), MailboxName.of(""), List.of("*"), List.of(),
                List.of()).returnMetadata(), "the five-argument LIST asks for no metadata");
        assertThrows(ImapValidationException.class, () -> list(List.of(), List.of(), List.of("")));
        assertThrows(ImapValidationException.class, () -> list(List.of(), List.of(), List.of("/vendor/x")));
        for (String bad : List.of("a LIST \"\" * RETURN (METADATA ())\r\n", "a LIST \"\" * RETURN (METADATA)\r\n",
                "a LIST \"\" * RETURN (METADATA (/shared/a) METADATA (/shared/b))\r\n")) {
            assertThrows(ImapProtocolException.class, () -> ImapCodec.decodeCommand(b(bad)), bad);
        }
        // the METADATA response itself is RFC 5464's, one per mailbox
        assertEquals(new Untagged.Metadata(MailboxName.INBOX, List.of(MetadataEntry.of(
                "/shared/vendor/cmu/cyrus-imapd/color", "#ff0000"), MetadataEntry.of("/private/comment", null))),
                ImapCodec.decodeResponse(b("* METADATA \"INBOX\" (/shared/vendor/cmu/cyrus-imapd/color \"#ff0000\""
                        + " /private/comment NIL)\r\n")));
    }

    @Property(tries = 200)
    void listMetadataRoundTrip(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String a,
            @ForAll @AlphaChars @StringLength(min = 1, max = 12) String b, @ForAll boolean children) {
        Command.ListMailboxes c = list(children ? List.of(Command.ListReturn.CHILDREN) : List.of(), List.of(),
                List.of("/shared/" + a, "/private/vendor/" + b));
        assertEquals(c, ImapCodec.decodeCommand(ImapCodec.encodeCommandBytes(Tag.of("t1"), c)).command());
    }

    @Test
    void metadataGoesToTheListThatAskedOthersStayUnsolicited() {
        ImapEngine engine = new ImapEngine(EngineConfig.defaults());
        feed(engine, "* OK [CAPABILITY IMAP4rev1 LIST-EXTENDED METADATA LIST-METADATA] ready\r\n");
        CommandHandle login = run(engine, new Command.Login("u", org.imap4j.codec.core.Secret.of("p")));
        feed(engine, login.tag().value() + " OK done\r\n");
        CommandHandle plain = run(engine, Command.ListMailboxes.of("", "*"));
        List<EngineEvent.Data> d = data(feed(engine, "* LIST () \".\" INBOX\r\n"
                + "* METADATA INBOX (/shared/comment \"c\")\r\n" + plain.tag().value() + " OK done\r\n"));
        assertSame(plain, d.get(0).handle());
        assertNull(d.get(1).handle(), "a plain LIST did not ask for METADATA");
        CommandHandle withMeta = run(engine, list(List.of(), List.of(), List.of("/shared/comment")));
        d = data(feed(engine, "* LIST () \".\" INBOX\r\n* METADATA INBOX (/shared/comment \"c\")\r\n"
                + withMeta.tag().value() + " OK done\r\n"));
        assertSame(withMeta, d.get(0).handle());
        assertSame(withMeta, d.get(1).handle());
    }

    private static List<EngineEvent> feed(ImapEngine engine, String s) {
        engine.receive(ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)));
        List<EngineEvent> out = new ArrayList<>();
        for (EngineEvent e; (e = engine.next()) != null; ) {
            out.add(e);
        }
        return out;
    }

    private static CommandHandle run(ImapEngine engine, Command c) {
        CommandHandle h = engine.submit(c);
        while (engine.pollOutput() != null) {
            continue;
        }
        return h;
    }

    private static List<EngineEvent.Data> data(List<EngineEvent> events) {
        List<EngineEvent.Data> d = new ArrayList<>();
        for (EngineEvent e : events) {
            if (e instanceof EngineEvent.Data x) {
                d.add(x);
            }
        }
        return d;
    }
}
