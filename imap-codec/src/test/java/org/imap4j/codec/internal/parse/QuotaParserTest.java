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

/** QUOTA (RFC 9208): GETQUOTA, GETQUOTAROOT, SETQUOTA and the QUOTA and QUOTAROOT responses. */
class QuotaParserTest {

    @Test
    void quota() {
        exact("* QUOTA \"\" (STORAGE 10 512)",
                new Untagged.Quota("", List.of(new QuotaResource("STORAGE", 10, 512))));
        assertEquals(new Untagged.Quota("#user/alice", List.of(new QuotaResource("STORAGE", 54, 111),
                new QuotaResource("MESSAGE", 42, 1000))), parse("* QUOTA \"#user/alice\" (STORAGE 54 111 MESSAGE 42 1000)"));
        exact("* QUOTA x (STORAGE 9223372036854775807 9223372036854775807)", new Untagged.Quota("x",
                List.of(new QuotaResource("STORAGE", Long.MAX_VALUE, Long.MAX_VALUE))));
        exact("* QUOTAROOT INBOX \"\"", new Untagged.QuotaRoot(MailboxName.INBOX, List.of("")));
        exact("* QUOTAROOT comp.mail.mime", new Untagged.QuotaRoot(MailboxName.of("comp.mail.mime"), List.of()));
    }

    @Test
    void courierQuotaWithoutList() {
        // quirks corpus: courier-quota-without-list (Courier-IMAP 5.0.13)
        assertEquals(new Untagged.Quota("ROOT", List.of()), parse("* QUOTA \"ROOT\""));
    }

    @Test
    void commands() {
        // RFC 9208 sections 4.1.1 to 4.1.3
        assertEquals(new Command.GetQuota("!partition/sda4"), command("G0001 GETQUOTA \"!partition/sda4\""));
        assertEquals(new Command.GetQuotaRoot(MailboxName.INBOX), command("A003 GETQUOTAROOT INBOX"));
        assertEquals(new Command.SetQuota("", List.of(new Command.QuotaLimit("STORAGE", 512))),
                command("S0000 SETQUOTA \"\" (STORAGE 512)"));
        assertEquals(new Command.SetQuota("x", List.of()), command("S0001 SETQUOTA \"x\" ()"));
        assertThrows(ImapProtocolException.class, () -> Wire.parse("S1 SETQUOTA x (STORAGE)\r\n"));
    }

    @Provide
    Arbitrary<Untagged.Quota> quotas() {
        return Combinators.combine(ResponseProperties.anyString(), Combinators.combine(ResponseProperties.atom(),
                ResponseProperties.u63(), ResponseProperties.u63()).as(QuotaResource::new).list().ofMaxSize(3))
                .as(Untagged.Quota::new);
    }

    @Provide
    Arbitrary<Untagged.QuotaRoot> roots() {
        return Combinators.combine(ResponseProperties.mailbox(), ResponseProperties.anyString().list().ofMaxSize(3))
                .as(Untagged.QuotaRoot::new);
    }

    @Provide
    Arbitrary<Command.SetQuota> setQuotas() {
        return Combinators.combine(CommandArbitraries.text(), Combinators.combine(CommandArbitraries.atom(),
                Arbitraries.longs().between(0, Long.MAX_VALUE)).as(Command.QuotaLimit::new).list().ofMaxSize(3))
                .as(Command.SetQuota::new);
    }

    @Property(tries = 300)
    void responsesRoundTrip(@ForAll("quotas") Untagged.Quota q, @ForAll("roots") Untagged.QuotaRoot r) {
        responseRoundTrip(q);
        responseRoundTrip(r);
    }

    @Property(tries = 300)
    void setQuotaRoundTrips(@ForAll("setQuotas") Command.SetQuota c) {
        commandRoundTrip(c);
    }
}
