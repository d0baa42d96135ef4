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

/** CAPABILITY (RFC 9051 section 7.2.2), ENABLE and ENABLED (RFC 5161). */
class CapabilityParserTest {

    @Test
    void capabilityAndEnabled() {
        Untagged.Capabilities c = (Untagged.Capabilities) parse(
                "* CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI XPIG-LATIN");
        assertEquals(List.of(Capability.Known.IMAP4REV2, Capability.Known.STARTTLS, new Capability.Auth("GSSAPI"),
                new Capability.Other("XPIG-LATIN")), c.capabilities());
        assertTrue(c.has(Capability.Known.STARTTLS));
        assertTrue(c.has(Capability.of("xpig-latin")));
        assertFalse(c.has(Capability.Known.IDLE));
        assertEquals(List.of("GSSAPI"), c.authMechanisms());
        exact("* CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI LOGINDISABLED", new Untagged.Capabilities(List.of(
                Capability.Known.IMAP4REV1, Capability.Known.STARTTLS, new Capability.Auth("GSSAPI"),
                Capability.Known.LOGINDISABLED)));
        exact("* CAPABILITY IMAP4rev1 LITERAL+ LITERAL- IDLE", new Untagged.Capabilities(List.of(
                Capability.Known.IMAP4REV1, Capability.Known.LITERAL_PLUS, Capability.Known.LITERAL_MINUS,
                Capability.Known.IDLE)));
        exact("* ENABLED CONDSTORE QRESYNC",
                new Untagged.Enabled(List.of(Capability.Known.CONDSTORE, Capability.Known.QRESYNC)));
        exact("* ENABLED", new Untagged.Enabled(List.of()));
    }

    @Test
    void enableCommand() {
        // RFC 5161 section 4
        assertEquals(new Command.Enable(List.of("CONDSTORE", "X-GOOD-IDEA")), command("t2 ENABLE CONDSTORE X-GOOD-IDEA"));
        assertThrows(ImapProtocolException.class, () -> Wire.parse("t2 ENABLE\r\n"));
    }

    @Test
    void edgeCases() {
        // a trailing space before CRLF is tolerated with EXTRA_SPACES only; the list stops at "]" inside a code
        assertEquals(new Untagged.Capabilities(List.of(Capability.Known.IMAP4REV1)), parse("* CAPABILITY IMAP4rev1 "));
        assertEquals(new ResponseCode.Capabilities(List.of(Capability.Known.IDLE)),
                ((Untagged.StatusResponse) parse("* OK [CAPABILITY IDLE] x")).code());
        assertThrows(ImapProtocolException.class, () -> parse("* CAPABILITY (x)"));
    }

    @Provide
    Arbitrary<List<Capability>> lists() {
        return ResponseProperties.capability().list().ofMaxSize(6);
    }

    @Property(tries = 300)
    void roundTrips(@ForAll("lists") List<Capability> caps) {
        responseRoundTrip(new Untagged.Capabilities(caps));
        responseRoundTrip(new Untagged.Enabled(caps));
    }
}
