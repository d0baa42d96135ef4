package org.imap4j.codec.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.codec.EngineConfig;
import org.imap4j.codec.ImapEngine;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.MailboxName;
import org.junit.jupiter.api.Test;

/**
 * Capabilities are typed and canonical (issue 15 item 7): every atom with a typed form parses to it in any case, an
 * {@link Capability.Other} never holds one, and the checks of the engine and of STATUS compare typed values.
 */
class CapabilityTest {

    @Test
    void everyTypedFormIsReadInAnyCase() {
        assertSame(Capability.Known.LITERAL_PLUS, Capability.of("literal+"));
        assertSame(Capability.Known.QUOTA_RES_STORAGE, Capability.of("Quota=Res-Storage"));
        assertEquals(new Capability.AppendLimit(1000), Capability.of("appendlimit=1000"));
        assertEquals("APPENDLIMIT=1000", Capability.of("APPENDLIMIT=1000").wire());
        assertSame(Capability.Known.APPENDLIMIT, Capability.of("APPENDLIMIT"));
        assertEquals(new Capability.AppendLimit(Long.MAX_VALUE), Capability.of("APPENDLIMIT=9223372036854775807"));
        // Not a number64: kept as sent.
        assertEquals(new Capability.Other("APPENDLIMIT=9223372036854775808"),
                Capability.of("APPENDLIMIT=9223372036854775808"));
        assertEquals(new Capability.Other("APPENDLIMIT=x"), Capability.of("APPENDLIMIT=x"));
        assertThrows(ImapValidationException.class, () -> new Capability.AppendLimit(-1));
    }

    @Test
    void anOtherNeverHoldsATypedCapability() {
        assertThrows(ImapValidationException.class, () -> new Capability.Other("IDLE"));
        assertThrows(ImapValidationException.class, () -> new Capability.Other("literal+"));
        assertThrows(ImapValidationException.class, () -> new Capability.Other("auth=plain"));
        assertThrows(ImapValidationException.class, () -> new Capability.Other("APPENDLIMIT=5"));
        assertEquals("X-IDLE", new Capability.Other("X-IDLE").atom());
    }

    @Test
    void hasComparesTypedValuesAndOtherAtomsInAnyCase() {
        List<Capability> caps = List.of(Capability.of("idle"), Capability.of("auth=plain"), Capability.of("XYZZY"));
        assertTrue(Capability.has(caps, Capability.Known.IDLE));
        assertTrue(Capability.has(caps, new Capability.Auth("plain")));
        assertTrue(Capability.has(caps, Capability.of("xyzzy")));
        assertFalse(Capability.has(caps, Capability.Known.MOVE));
        assertFalse(Capability.has(List.of(Capability.of("X-IDLE")), Capability.Known.IDLE));
    }

    @Test
    void statusItemsFollowTheTypedCapabilities() {
        assertTrue(StatusAttribute.APPENDLIMIT.offeredBy(List.of(Capability.of("APPENDLIMIT=1000"))));
        assertTrue(StatusAttribute.APPENDLIMIT.offeredBy(List.of(Capability.of("appendlimit"))));
        assertFalse(StatusAttribute.APPENDLIMIT.offeredBy(List.of(Capability.of("APPENDLIMIT=x"))));
        assertTrue(StatusAttribute.DELETED_STORAGE.offeredBy(List.of(Capability.of("quota=res-storage"))));
        assertFalse(StatusAttribute.DELETED_STORAGE.offeredBy(List.of(Capability.of("QUOTA"))));
        assertTrue(StatusAttribute.SIZE.offeredBy(List.of(Capability.of("status=size"))));
        assertTrue(StatusAttribute.RECENT.offeredBy(List.of(Capability.of("imap4rev1"), Capability.of("IMAP4rev2"))));
        assertFalse(StatusAttribute.RECENT.offeredBy(List.of(Capability.of("imap4REV2"))));
    }

    private static ImapEngine greeted(String greeting) {
        ImapEngine e = new ImapEngine(EngineConfig.defaults());
        e.receive(ByteBuffer.wrap(greeting.getBytes(StandardCharsets.US_ASCII)));
        while (e.next() != null) {
            // the greeting
        }
        return e;
    }

    @Test
    void theEngineLearnsLiteralsFromTypedCapabilitiesInAnyCase() {
        assertEquals(EncodeOptions.LiteralSupport.LITERAL_PLUS,
                greeted("* OK [CAPABILITY imap4rev1 literal+] hi\r\n").encodeOptions().literals());
        assertEquals(EncodeOptions.LiteralSupport.LITERAL_MINUS,
                greeted("* OK [CAPABILITY IMAP4rev1 Literal-] hi\r\n").encodeOptions().literals());
        assertEquals(EncodeOptions.LiteralSupport.LITERAL_MINUS,
                greeted("* OK [CAPABILITY imap4REV2] hi\r\n").encodeOptions().literals());
        assertEquals(EncodeOptions.LiteralSupport.SYNC_ONLY,
                greeted("* OK [CAPABILITY IMAP4rev1 X-LITERAL+] hi\r\n").encodeOptions().literals());
    }

    @Test
    void theEngineSwitchesToUtf8MailboxesOnATypedEnabledInAnyCase() {
        ImapEngine e = greeted("* PREAUTH [CAPABILITY IMAP4rev1 ENABLE UTF8=ACCEPT] hi\r\n");
        e.submit(new Command.Enable(List.of("UTF8=ACCEPT")));
        while (e.pollOutput() != null) {
            // written
        }
        e.receive(ByteBuffer.wrap("* ENABLED utf8=accept\r\nA1 OK done\r\n".getBytes(StandardCharsets.US_ASCII)));
        while (e.next() != null) {
            // the ENABLED response and the completion
        }
        assertTrue(e.encodeOptions().utf8Accept());
        e.submit(Command.Select.of(MailboxName.of("Entwürfe")));
        StringBuilder out = new StringBuilder();
        for (ByteBuffer b; (b = e.pollOutput()) != null; ) {
            out.append(StandardCharsets.UTF_8.decode(b));
        }
        assertTrue(out.toString().contains("Entwürfe"), out::toString);
    }
}
