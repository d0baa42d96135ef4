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

/** NAMESPACE (RFC 9051 section 7.3.5, RFC 2342). */
class NamespaceParserTest {

    @Test
    void namespaceResponses() {
        NamespaceDescriptor root = new NamespaceDescriptor("", "/", List.of());
        exact("* NAMESPACE ((\"\" \"/\")) NIL NIL", new Untagged.Namespace(List.of(root), null, null));
        exact("* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) NIL", new Untagged.Namespace(List.of(root),
                List.of(new NamespaceDescriptor("~", "/", List.of())), null));
        exact("* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" \"/\")(\"#public/\" \"/\")"
                + "(\"#ftp/\" \"/\")(\"#news.\" \".\"))", new Untagged.Namespace(List.of(root),
                List.of(new NamespaceDescriptor("~", "/", List.of())), List.of(
                new NamespaceDescriptor("#shared/", "/", List.of()), new NamespaceDescriptor("#public/", "/", List.of()),
                new NamespaceDescriptor("#ftp/", "/", List.of()), new NamespaceDescriptor("#news.", ".", List.of()))));
        exact("* NAMESPACE ((\"\" \"/\" \"X-PARAM\" (\"FLAG1\" \"FLAG2\"))) NIL NIL", new Untagged.Namespace(
                List.of(new NamespaceDescriptor("", "/", List.of(new NamespaceDescriptor.Extension("X-PARAM",
                        List.of("FLAG1", "FLAG2"))))), null, null));
        exact("* NAMESPACE ((\"\" NIL)) NIL NIL",
                new Untagged.Namespace(List.of(new NamespaceDescriptor("", null, List.of())), null, null));
    }

    @Test
    void edgeCases() {
        assertThrows(ImapProtocolException.class, () -> parse("* NAMESPACE () NIL NIL"));
        assertThrows(ImapProtocolException.class, () -> parse("* NAMESPACE ((\"\" \"//\")) NIL NIL"));
        assertThrows(ImapProtocolException.class, () -> parse("* NAMESPACE ((\"\" \"/\")) NIL"));
        // EXTRA_SPACES: a space between descriptors
        assertEquals(new Untagged.Namespace(List.of(new NamespaceDescriptor("", "/", List.of()),
                new NamespaceDescriptor("x.", ".", List.of())), null, null),
                parse("* NAMESPACE ((\"\" \"/\") (\"x.\" \".\")) NIL NIL"));
    }

    @Provide
    Arbitrary<Untagged.Namespace> responses() {
        Arbitrary<List<NamespaceDescriptor>> one = ResponseProperties.namespaceDescr().list().ofMinSize(1).ofMaxSize(2)
                .injectNull(0.3);
        return Combinators.combine(one, one, one).as(Untagged.Namespace::new);
    }

    @Property(tries = 300)
    void responseRoundTrips(@ForAll("responses") Untagged.Namespace x) {
        responseRoundTrip(x);
    }
}
