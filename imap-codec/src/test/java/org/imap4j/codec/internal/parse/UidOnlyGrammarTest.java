package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.CommandHandle;
import org.imap4j.codec.EngineConfig;
import org.imap4j.codec.EngineEvent;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapEngine;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/** The UIDFETCH response of UIDONLY (RFC 9586) both ways, and its routing to UID FETCH only. */
class UidOnlyGrammarTest {

    @Test
    void uidFetchBothWays() {
        String wire = "* 25996 UIDFETCH (FLAGS (\\Seen))\r\n";
        Untagged.UidFetch f = new Untagged.UidFetch(25996, List.of(new FetchItem.Flags(List.of(Flag.SEEN))));
        assertEquals(f, ImapCodec.decodeResponse(wire.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(wire, new String(ImapCodec.encodeResponse(f), StandardCharsets.US_ASCII));
    }

    @Test
    void routedToTheUidFetchThatAskedForIt() {
        ImapEngine engine = new ImapEngine(EngineConfig.defaults());
        engine.receive(ByteBuffer.wrap("* PREAUTH ready\r\n".getBytes(StandardCharsets.US_ASCII)));
        while (engine.next() != null) {
            continue;
        }
        CommandHandle h = engine.submit(new Command.Fetch(SequenceSet.parse("25996:*"),
                List.of(FetchAttribute.Item.FLAGS), true, null, false));
        while (engine.pollOutput() != null) {
            continue;
        }
        engine.receive(ByteBuffer.wrap("* 25996 UIDFETCH (FLAGS (\\Seen))\r\n* VANISHED 25997:26002\r\nA1 OK done\r\n"
                .getBytes(StandardCharsets.US_ASCII)));
        List<EngineEvent> ev = new ArrayList<>();
        for (EngineEvent e; (e = engine.next()) != null; ) {
            ev.add(e);
        }
        assertSame(h, ((EngineEvent.Data) ev.get(0)).handle());
        assertSame(h, ((EngineEvent.Data) ev.get(1)).handle(), "VANISHED during a FETCH goes to it, as before");
        assertSame(h, ((EngineEvent.Completed) ev.get(2)).handle());
        CommandHandle noop = engine.submit(new Command.Noop());
        while (engine.pollOutput() != null) {
            continue;
        }
        engine.receive(ByteBuffer.wrap("* 7 UIDFETCH (FLAGS ())\r\nA2 OK done\r\n".getBytes(StandardCharsets.US_ASCII)));
        EngineEvent.Data pushed = (EngineEvent.Data) engine.next();
        assertNull(pushed.handle(), "a flag change under NOOP is unsolicited");
        assertSame(noop, ((EngineEvent.Completed) engine.next()).handle());
    }
}
