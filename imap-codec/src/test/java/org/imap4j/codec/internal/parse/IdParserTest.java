package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.imap4j.codec.internal.parse.ResponseParserTest.exact;
import static org.imap4j.codec.internal.parse.ResponseParserTest.leaf;
import static org.imap4j.codec.internal.parse.ResponseParserTest.longs;
import static org.imap4j.codec.internal.parse.ResponseParserTest.parse;
import static org.imap4j.codec.internal.parse.ResponseParserTest.simple;
import static org.imap4j.codec.internal.parse.ResponseParserTest.st;
import static org.imap4j.codec.internal.parse.RuleTests.command;
import static org.imap4j.codec.internal.parse.RuleTests.commandRoundTrip;
import static org.imap4j.codec.internal.parse.RuleTests.responseRoundTrip;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.CommandArbitraries;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.command.Wire;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.fetch.Address;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.codec.fetch.Envelope;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.internal.encode.DateTimeEncoder;
import org.imap4j.codec.internal.encode.FetchEncoder;
import org.imap4j.codec.internal.encode.ImapWriter;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.IdParam;
import org.imap4j.codec.response.ListExtendedItem;
import org.imap4j.codec.response.MailboxAttribute;
import org.imap4j.codec.response.MessageThread;
import org.imap4j.codec.response.NamespaceDescriptor;
import org.imap4j.codec.response.QuotaResource;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.StatusItem;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/** ID (RFC 2971): the command and the response. */
class IdParserTest {

    @Test
    void idResponse() {
        exact("* ID (\"name\" \"Cyrus\" \"version\" \"1.5\" \"os\" \"sunos\" \"os-version\" \"5.5\" "
                + "\"support-url\" \"mailto:cyrus-bugs+@andrew.cmu.edu\")", new Untagged.Id(List.of(
                new IdParam("name", "Cyrus"), new IdParam("version", "1.5"), new IdParam("os", "sunos"),
                new IdParam("os-version", "5.5"), new IdParam("support-url", "mailto:cyrus-bugs+@andrew.cmu.edu"))));
        exact("* ID NIL", new Untagged.Id(null));
        exact("* ID (\"x\" NIL)", new Untagged.Id(List.of(new IdParam("x", null))));
    }

    @Test
    void commands() {
        // RFC 2971 section 3.1
        assertEquals(new Command.Id(List.of(new Command.IdField("name", "sodr"), new Command.IdField("version",
                "19.34"), new Command.IdField("vendor", "Pink Floyd Music Limited"))),
                command("a023 ID (\"name\" \"sodr\" \"version\" \"19.34\" \"vendor\" \"Pink Floyd Music Limited\")"));
        assertEquals(new Command.Id(List.of()), Wire.parse("a ID NIL\r\n").command());
        assertThrows(ImapProtocolException.class, () -> Wire.parse("a ID (\"name\")\r\n"));
    }

    @Test
    void edgeCases() {
        assertThrows(ImapProtocolException.class, () -> parse("* ID (\"a\")"));
        assertEquals(new Untagged.Id(List.of()), parse("* ID ()"));
    }

    @Provide
    Arbitrary<Untagged.Id> responses() {
        return Combinators.combine(ResponseProperties.anyString(), ResponseProperties.anyString().injectNull(0.2))
                .as(IdParam::new).list().ofMaxSize(3).injectNull(0.2).map(Untagged.Id::new);
    }

    @Provide
    Arbitrary<Command.Id> idCommands() {
        return Combinators.combine(CommandArbitraries.lineText(), CommandArbitraries.lineText().injectNull(0.2))
                .as(Command.IdField::new).list().ofMaxSize(3).map(Command.Id::new);
    }

    @Property(tries = 300)
    void responseRoundTrips(@ForAll("responses") Untagged.Id x) {
        responseRoundTrip(x);
    }

    @Property(tries = 300)
    void commandRoundTrips(@ForAll("idCommands") Command.Id c) {
        commandRoundTrip(c);
    }
}
