package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imap4j.codec.CommandHandle;
import org.imap4j.codec.EngineConfig;
import org.imap4j.codec.EngineEvent;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapEngine;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Argument;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.CommandArbitraries;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.Fragment;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/** The raw-command escape hatch: typed arguments that cannot inject, both directions, and routing of its data. */
class ExtensionCommandTest {

    private static String wire(Command c) {
        return new String(ImapCodec.encodeCommandBytes(Tag.of("a1"), c), StandardCharsets.UTF_8);
    }

    @Test
    void argumentsAreWrittenByTheirRule() {
        Command c = new Command.Extension("XAPPLEPUSHSERVICE", List.of(Argument.atom("aps-version"),
                Argument.number(2), Argument.string("aps-account-id"), Argument.string("0715A26B-CA09"),
                Argument.list(Argument.string("INBOX"), Argument.string("Sent Items")),
                Argument.sequence(SequenceSet.parse("1:5,7:*")), Argument.nil()), Set.of("XAPPLEPUSHSERVICE"));
        String w = wire(c);
        assertEquals("a1 XAPPLEPUSHSERVICE aps-version 2 \"aps-account-id\" \"0715A26B-CA09\" (\"INBOX\" "
                + "\"Sent Items\") 1:5,7:* NIL\r\n", w);
        assertEquals(c.getClass(), ImapCodec.decodeCommand(w.getBytes(StandardCharsets.UTF_8)).command().getClass());
    }

    @Test
    void aStringCannotEndTheCommandLine() {
        // the classic injection: CR LF inside a string argument followed by a second command
        Command c = new Command.Extension("XFOO", Argument.string("x\r\nA2 DELETE INBOX"));
        List<Fragment> fs = ImapCodec.encodeCommand(Tag.of("A1"), c, EncodeOptions.DEFAULT);
        assertEquals("A1 XFOO {18}\r\n", ((Fragment.Line) fs.get(0)).data().utf8(),
                "the text goes as a synchronizing literal: data, not a line");
        assertInstanceOf(Fragment.Literal.class, fs.get(1));
        assertThrows(ImapValidationException.class, () -> Argument.string("a\0b"));
        assertThrows(ImapValidationException.class, () -> Argument.atom("a b"));
        assertThrows(ImapValidationException.class, () -> Argument.atom("x\r\nA2"));
        assertThrows(ImapValidationException.class, () -> new Command.Extension("X FOO"));
        assertThrows(ImapValidationException.class, () -> Argument.number(-1));
        // octets with NUL only as literal8
        assertTrue(wire(new Command.Extension("XBIN", new Argument.Binary(Bytes.of(new byte[] {0, 1}))))
                .startsWith("a1 XBIN ~{2}\r\n"));
    }

    @Test
    void theServerHalfReadsUnknownCommandsAsTypedArguments() {
        Command.Extension x = (Command.Extension) ImapCodec.decodeCommand(("a XFOO atom 12 1:3,5 \"q s\" {3}\r\n"
                + "a\nb (NIL ()) ~{1}\r\n\0\r\n").getBytes(StandardCharsets.ISO_8859_1)).command();
        assertEquals("XFOO", x.name());
        assertEquals(List.of(Argument.atom("atom"), Argument.number(12), Argument.sequence(SequenceSet.parse("1:3,5")),
                Argument.string("q s"), Argument.string("a\nb"), Argument.list(Argument.nil(), Argument.list()),
                new Argument.Binary(Bytes.of(new byte[] {0}))), x.arguments());
    }

    @Test
    void itsUntaggedDataIsRoutedToIt() {
        ImapEngine engine = new ImapEngine(EngineConfig.defaults());
        engine.receive(ByteBuffer.wrap("* OK ready\r\n".getBytes(StandardCharsets.US_ASCII)));
        while (engine.next() != null) {
            continue;
        }
        CommandHandle h = engine.submit(new Command.Extension("XLIST2", List.of(Argument.string("")),
                Set.of("xlist2", "XCOUNT")));
        while (engine.pollOutput() != null) {
            continue;
        }
        engine.receive(ByteBuffer.wrap(("* XLIST2 (\\HasNoChildren) \"/\" INBOX\r\n* 4 XCOUNT\r\n* XOTHER 1\r\n"
                + "A1 OK done\r\n").getBytes(StandardCharsets.US_ASCII)));
        List<EngineEvent> ev = new ArrayList<>();
        for (EngineEvent e; (e = engine.next()) != null; ) {
            ev.add(e);
        }
        assertSame(h, ((EngineEvent.Data) ev.get(0)).handle());
        assertInstanceOf(Untagged.Unknown.class, ((EngineEvent.Data) ev.get(0)).response());
        assertSame(h, ((EngineEvent.Data) ev.get(1)).handle(), "* n NAME by the name after the number");
        assertNull(((EngineEvent.Data) ev.get(2)).handle(), "a response it does not collect is unsolicited");
        assertSame(h, ((EngineEvent.Completed) ev.get(3)).handle());
        assertFalse(new Command.Extension("X").collects("X"));
    }

    @Provide
    Arbitrary<Argument> arguments() {
        Arbitrary<Argument> leaf = Arbitraries.oneOf(
                CommandArbitraries.atom().filter(a -> !a.chars().allMatch(ch -> ch >= '0' && ch <= '9' || ch == ':'
                        || ch == ',') && !a.equalsIgnoreCase("NIL")).map(Argument::atom),
                CommandArbitraries.text().map(Argument::string),
                Arbitraries.longs().between(0, 999_999_999_999_999_999L).map(Argument::number),
                CommandArbitraries.sequenceSet().filter(s -> s.toString().contains(":") || s.toString().contains(",")
                        || s.toString().contains("*")).map(Argument::sequence),
                Arbitraries.just(Argument.nil()),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(6).map(b -> new Argument.Binary(Bytes.of(b))));
        return Arbitraries.recursive(() -> leaf, a -> a.list().ofMaxSize(3).map(l -> new Argument.ListOf(l)), 0, 2);
    }

    @Property(tries = 300)
    void typedArgumentsRoundTrip(@ForAll("arguments") Argument a) {
        Command.Extension c = new Command.Extension("XTEST", List.of(a), Set.of());
        assertEquals(c, ImapCodec.decodeCommand(ImapCodec.encodeCommandBytes(Tag.of("t"), c)).command());
    }
}
