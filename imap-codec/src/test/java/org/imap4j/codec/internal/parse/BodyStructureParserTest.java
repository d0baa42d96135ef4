package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.imap4j.codec.internal.parse.FetchParserTest.encode;
import static org.imap4j.codec.internal.parse.FetchParserTest.parse;
import static org.imap4j.codec.internal.parse.FetchParserTest.reader;
import static org.imap4j.codec.internal.parse.FetchParserTest.MULTIPART;

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

/** {@code body} / BODYSTRUCTURE (RFC 9051 section 9): single parts, multiparts, extensions, nesting, quirks. */
class BodyStructureParserTest {

    @Test
    void exchangeBareDisposition() {
        String att = "(BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 1 NIL"
                + " \"inline\" NIL NIL))";
        FetchItem.BodyStructureItem b = (FetchItem.BodyStructureItem) parse(att).get(0);
        assertTrue(b.structure().toString().contains("Disposition[type=inline, params=[]]"), b.toString());
        byte[] strict = (att + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ImapReader r = reader(strict, java.util.EnumSet.noneOf(Quirk.class));
        org.junit.jupiter.api.Assertions.assertThrows(org.imap4j.codec.ImapProtocolException.class,
                () -> FetchParser.msgAtt(r), "without the quirk the grammar's (type params) is required");
        String description = att.replace("\"inline\"", "\"S/MIME Encrypted Message\"");
        org.junit.jupiter.api.Assertions.assertThrows(org.imap4j.codec.ImapProtocolException.class,
                () -> parse(description), "only a MIME token can be a bare disposition");
    }

    @Test
    void realisticMultipartMixedWithMessageAndExtensions() {
        List<FetchItem> items = parse(MULTIPART);
        BodyStructure.Multipart m = (BodyStructure.Multipart) ((FetchItem.BodyStructureItem) items.get(0)).structure();
        assertEquals("mixed", m.subtype());
        assertEquals(new BodyStructure.MultipartExtension(List.of(new BodyStructure.Param("boundary", "outer")), null,
                List.of("en"), null, List.of()), m.extension());
        assertEquals(3, m.parts().size());
        BodyStructure.Text t = (BodyStructure.Text) m.parts().get(0);
        assertEquals(List.of(new BodyStructure.Param("charset", "utf-8"), new BodyStructure.Param("format", "flowed")),
                t.fields().params());
        assertEquals(40, t.lines());
        assertEquals(new BodyStructure.SinglePartExtension(null, null, List.of(), null, List.of()), t.extension());
        BodyStructure.Message msg = (BodyStructure.Message) m.parts().get(1);
        assertEquals("<id@x>", msg.fields().id());
        assertEquals("inner", msg.envelope().subject());
        assertEquals(120, msg.lines());
        assertEquals(new BodyStructure.SinglePartExtension("md5sum", new BodyStructure.Disposition("inline",
                List.of()), List.of("en", "de"), "http://x/loc", List.of(new ImapValue.Num(42),
                new ImapValue.ValueList(List.of(new ImapValue.Quoted("ext"),
                        new ImapValue.ValueList(List.of(new ImapValue.Num(1), ImapValue.NIL)))))), msg.extension());
        BodyStructure.Multipart inner = (BodyStructure.Multipart) msg.body();
        BodyStructure.Basic pdf = (BodyStructure.Basic) inner.parts().get(1);
        assertEquals(new BodyStructure.Disposition("ATTACHMENT", List.of(new BodyStructure.Param("FILENAME",
                "a.pdf"))), pdf.extension().disposition());
        BodyStructure.Basic png = (BodyStructure.Basic) m.parts().get(2);
        assertNull(png.extension());
        assertEquals(List.of(), png.fields().params());
        assertEquals(items, parse(encode(items)));
        // Common MIME values are shared, not allocated per message.
        assertSame("utf-8", t.fields().params().get(0).value());
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        String leaf = "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)";
        String s = "(".repeat(99) + leaf + " \"MIXED\")".repeat(99);
        List<FetchItem> items = parse("(BODYSTRUCTURE " + s + ")");
        assertInstanceOf(BodyStructure.Multipart.class, ((FetchItem.BodyStructureItem) items.get(0)).structure());
    }

    @Test
    void exchangeNilBodyFieldsWithQuirkOnly() {
        String s = "(BODY (\"text\" \"plain\" NIL NIL NIL NIL 0 0))";
        BodyStructure.Text t = (BodyStructure.Text) ((FetchItem.BodyStructureItem) parse(s).get(0)).structure();
        assertEquals("", t.fields().encoding());
        assertEquals("plain", t.subtype());
        byte[] b = (s + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThrows(ImapProtocolException.class, () -> FetchParser.msgAtt(reader(b, Quirk.none())));
    }

    @Provide
    Arbitrary<BodyStructure> bodies() {
        return FetchRoundTripProperties.body(3);
    }

    @Property(tries = 300)
    void roundTrips(@ForAll("bodies") BodyStructure b, @ForAll boolean extensible) {
        List<FetchItem> items = List.of(new FetchItem.BodyStructureItem(b, extensible));
        assertEquals(items, parse(encode(items)));
    }
}
