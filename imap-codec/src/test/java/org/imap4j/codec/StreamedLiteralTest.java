package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.fetch.LiteralBinding;
import org.imap4j.codec.fetch.Section;
import org.junit.jupiter.api.Test;

/**
 * Streamed literals bound in place (the message and body item read from the text before the literal), chunks that
 * stay valid after later calls (handed out without a copy), and APPEND payloads the caller supplies.
 */
class StreamedLiteralTest {

    private static ImapEngine engine(String capabilities) {
        ImapEngine e = new ImapEngine(EngineConfig.defaults()
                .withLimits(CodecLimits.defaults().withLiteralStreamThreshold(16)));
        e.receive(ascii("* OK [CAPABILITY IMAP4rev1" + capabilities + "] ready\r\n"));
        while (e.next() != null) {
            // greeting
        }
        return e;
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static List<EngineEvent> drain(ImapEngine e) {
        List<EngineEvent> out = new ArrayList<>();
        for (EngineEvent ev; (ev = e.next()) != null; ) {
            out.add(ev);
        }
        return out;
    }

    private static List<EngineEvent.LiteralStarted> starts(List<EngineEvent> all) {
        List<EngineEvent.LiteralStarted> s = new ArrayList<>();
        for (EngineEvent ev : all) {
            if (ev instanceof EngineEvent.LiteralStarted ls) {
                s.add(ls);
            }
        }
        return s;
    }

    private static ImapEngine fetching() {
        ImapEngine e = engine("");
        e.submit(new Command.Noop());
        while (e.pollOutput() != null) {
            // on the wire
        }
        return e;
    }

    @Test
    void bindsTheLiteralToItsMessageSectionAndOrigin() {
        ImapEngine e = fetching();
        String body = "x".repeat(40);
        e.receive(ascii("* 12 FETCH (UID 7 BODY[1.2]<0> {40}\r\n" + body + ")\r\n"));
        LiteralBinding b = starts(drain(e)).get(0).binding();
        assertEquals(12, b.seq());
        assertEquals(OptionalLong.of(7), b.uid());
        FetchItem.BodySection s = assertInstanceOf(FetchItem.BodySection.class, b.item());
        assertEquals(Section.ofPart(1, 2), s.section());
        assertEquals(OptionalLong.of(0), s.origin());
        assertEquals(new BodyData.Streamed(40, false), s.data());
        assertEquals(40, b.size());
    }

    @Test
    void aUidFetchLiteralBindsToItsUidAsTheMessage() {
        // RFC 9586 section 3.3: under UIDONLY the number before UIDFETCH is the UID (no sequence number is sent)
        ImapEngine e = fetching();
        String body = "z".repeat(30);
        e.receive(ascii("* 25996 UIDFETCH (FLAGS (\\Seen) BODY[] {30}\r\n" + body + ")\r\n"));
        LiteralBinding b = starts(drain(e)).get(0).binding();
        assertEquals(25996, b.seq());
        assertEquals(OptionalLong.of(25996), b.uid());
        assertEquals(new BodyData.Streamed(30, false),
                assertInstanceOf(FetchItem.BodySection.class, b.item()).data());
    }

    @Test
    void uidAfterTheBodyIsNotKnownYetAndBinaryAndRfc822Bind() {
        ImapEngine e = fetching();
        String body = "y".repeat(20);
        e.receive(ascii("* 3 FETCH (FLAGS (\\Seen) RFC822 {20}\r\n" + body + " UID 9)\r\n"
                + "* 4 FETCH (UID 10 BINARY[2] ~{20}\r\n" + body + ")\r\n"));
        List<EngineEvent.LiteralStarted> s = starts(drain(e));
        assertEquals(3, s.get(0).binding().seq());
        assertEquals(OptionalLong.empty(), s.get(0).binding().uid());
        assertInstanceOf(FetchItem.Rfc822.class, s.get(0).binding().item());
        FetchItem.Binary bin = assertInstanceOf(FetchItem.Binary.class, s.get(1).binding().item());
        assertEquals(List.of(2), bin.part());
        assertEquals(new BodyData.Streamed(20, true), bin.data());
        assertEquals(OptionalLong.of(10), s.get(1).binding().uid());
    }

    @Test
    void aSecondStreamedLiteralOfOneResponseBindsToItsOwnSection() {
        ImapEngine e = fetching();
        String a = "a".repeat(30);
        String b = "b".repeat(25);
        e.receive(ascii("* 5 FETCH (UID 1 BODY[1] {30}\r\n" + a + " BODY[HEADER.FIELDS (UID)] {25}\r\n" + b
                + ")\r\n"));
        List<EngineEvent.LiteralStarted> s = starts(drain(e));
        assertEquals(2, s.size());
        assertEquals(Section.ofPart(1), ((FetchItem.BodySection) s.get(0).binding().item()).section());
        FetchItem.BodySection second = (FetchItem.BodySection) s.get(1).binding().item();
        assertEquals(25, ((BodyData.Streamed) second.data()).size());
        assertEquals(Section.headerFields("UID"), second.section());
        assertEquals(OptionalLong.of(1), s.get(1).binding().uid());
    }

    private static OptionalLong uidBefore(String prefix, Quirk... quirks) {
        EngineConfig cfg = EngineConfig.defaults()
                .withLimits(CodecLimits.defaults().withLiteralStreamThreshold(16));
        if (quirks.length > 0) {
            cfg = cfg.withQuirks(java.util.EnumSet.copyOf(List.of(quirks)));
        }
        ImapEngine e = new ImapEngine(cfg);
        e.receive(ascii("* OK ready\r\n"));
        drain(e);
        e.submit(new Command.Noop());
        while (e.pollOutput() != null) {
            // on the wire
        }
        e.receive(ascii(prefix + "{20}\r\n" + "q".repeat(20) + ")\r\n"));
        LiteralBinding b = starts(drain(e)).get(0).binding();
        return b == null ? null : b.uid();
    }

    // moved here from the client's SinkFetchOpTest: the UID before a streamed body is now read by the codec's own
    // FETCH parser, so it follows exactly the rules the whole response is parsed by
    @Test
    void theUidItemBeforeTheBodyIsFoundAndLookalikesAreNot() {
        assertEquals(OptionalLong.of(4827313), uidBefore("* 12 FETCH (UID 4827313 BODY[] "));
        assertEquals(OptionalLong.of(7), uidBefore("* 1 FETCH (FLAGS (\\Seen) uid 7 BODY[] ",
                Quirk.CASE_INSENSITIVE_NAMES), "items are case-insensitive where the parser reads them so");
        assertEquals(OptionalLong.empty(), uidBefore("* 3 FETCH (BODY[HEADER.FIELDS (UID 9)] "), "in a section");
        assertEquals(OptionalLong.empty(),
                uidBefore("* 3 FETCH (ENVELOPE (NIL \"UID 9\" NIL NIL NIL NIL NIL NIL NIL NIL) BODY[] "));
        assertEquals(OptionalLong.empty(), uidBefore("* 3 FETCH (X-TEXT {5}\r\nUID 9 BODY[] "),
                "inside a literal's payload");
        assertEquals(OptionalLong.empty(), uidBefore("* 3 FETCH (BODY[] "), "the server sent the UID after the body");
        assertEquals(OptionalLong.empty(), uidBefore("* 3 FETCH (XUID 9 BODY[] "), "another item ending in UID");
        assertEquals(OptionalLong.of(21), uidBefore("* 3 FETCH (X-TEXT {5}\r\nUID 9 UID 21 BODY[] "),
                "after a literal, the real item");
    }

    @Test
    void unreadableTextBeforeTheLiteralLeavesItUnboundNotGuessed() {
        ImapEngine e = fetching();
        String p = "p".repeat(20);
        e.receive(ascii("* 6 FETCH (UID x7 BODY[] {20}\r\n" + p + ")\r\n"
                + "* LIST () \"/\" {20}\r\n" + p + "\r\n"));
        List<EngineEvent> all = drain(e);
        List<EngineEvent.LiteralStarted> s = starts(all);
        assertEquals(2, s.size());
        assertNull(s.get(0).binding());
        assertEquals(false, s.get(0).bound());
        assertNull(s.get(1).binding());
        // the bodies were still delivered, chunk by chunk
        long chunked = all.stream().filter(ev -> ev instanceof EngineEvent.LiteralChunk)
                .mapToLong(ev -> ((EngineEvent.LiteralChunk) ev).chunk().remaining()).sum();
        assertEquals(40, chunked);
    }

    @Test
    void chunksStayValidAfterLaterCallsLargeAndSmall() {
        ImapEngine e = fetching();
        byte[] body = new byte[200_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        byte[] head = ("* 1 FETCH (UID 2 BODY[] {" + body.length + "}\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ")\r\n".getBytes(StandardCharsets.US_ASCII);
        List<ByteBuffer> kept = new ArrayList<>();
        e.receive(ByteBuffer.wrap(head));
        drain(e);
        // feeds of mixed sizes (some under, some over the 8 KiB below which a chunk is copied out)
        int[] sizes = {100, 30_000, 7, 65_536, 5000, 20_000};
        int at = 0;
        for (int k = 0; at < body.length; k++) {
            int n = Math.min(sizes[k % sizes.length], body.length - at);
            e.receive(ByteBuffer.wrap(body, at, n));
            at += n;
            for (EngineEvent ev : drain(e)) {
                if (ev instanceof EngineEvent.LiteralChunk c) {
                    assertTrue(c.chunk().hasArray(), "given away with its array, to be copied once from it");
                    kept.add(c.chunk()); // not copied: read only after every later call
                }
            }
        }
        e.receive(ByteBuffer.wrap(tail));
        List<EngineEvent> rest = drain(e);
        assertInstanceOf(EngineEvent.Data.class, rest.get(rest.size() - 1));
        e.receive(ascii("* 2 FETCH (UID 3 BODY[] {40}\r\n" + "z".repeat(40) + ")\r\n"));
        drain(e);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (ByteBuffer b : kept) {
            byte[] a = new byte[b.remaining()];
            b.duplicate().get(a);
            got.writeBytes(a);
        }
        assertArrayEquals(body, got.toByteArray());
    }

    // ---------------------------------------------------------------- supplied APPEND payloads

    private static String poll(ImapEngine e) {
        StringBuilder sb = new StringBuilder();
        for (ByteBuffer b; (b = e.pollOutput()) != null; ) {
            sb.append(StandardCharsets.ISO_8859_1.decode(b));
        }
        return sb.toString();
    }

    private static Command.Append append(long size) {
        return new Command.Append(MailboxName.of("INBOX"),
                List.of(Command.AppendMessage.supplied(List.of(), null, size, false)));
    }

    @Test
    void aSuppliedPayloadWaitsForTheContinuationAndIsCountedNotCopied() {
        ImapEngine e = engine("");
        CommandHandle h = e.submit(append(10));
        assertEquals("A1 APPEND INBOX {10}\r\n", poll(e));
        assertEquals(0, e.pendingSupplied(), "a synchronizing literal waits for +");
        e.receive(ascii("+ go ahead\r\n"));
        drain(e);
        assertEquals(10, e.pendingSupplied());
        assertEquals(h, e.pendingSuppliedOwner());
        assertNull(e.pollOutput(), "the caller writes the payload itself");
        e.supplied(4);
        assertEquals(6, e.pendingSupplied());
        assertThrows(IllegalStateException.class, () -> e.supplied(7));
        e.supplied(6);
        assertEquals(0, e.pendingSupplied());
        assertEquals("\r\n", poll(e));
        e.receive(ascii("A1 OK [APPENDUID 1 5] done\r\n"));
        EngineEvent.Completed c = (EngineEvent.Completed) drain(e).get(0);
        assertEquals(h, c.handle());
    }

    @Test
    void literalPlusAndLiteralMinusChooseTheAnnouncement() {
        ImapEngine plus = engine(" LITERAL+");
        plus.submit(append(100_000));
        assertEquals("A1 APPEND INBOX {100000+}\r\n", poll(plus));
        assertEquals(100_000, plus.pendingSupplied());

        ImapEngine minus = engine(" LITERAL-");
        minus.submit(append(4096));
        assertEquals("A1 APPEND INBOX {4096+}\r\n", poll(minus));
        assertEquals(4096, minus.pendingSupplied());
        minus.supplied(4096);
        assertEquals("\r\n", poll(minus));
        minus.submit(append(4097));
        assertEquals("A2 APPEND INBOX {4097}\r\n", poll(minus), "LITERAL- allows at most 4096 bytes unsynchronized");
        assertEquals(0, minus.pendingSupplied());
    }

    @Test
    void anAnswerBeforeTheSuppliedPayloadWasWrittenFailsTheConnection() {
        ImapEngine e = engine(" LITERAL+");
        e.submit(append(50));
        poll(e);
        e.supplied(10);
        e.receive(ascii("A1 OK done\r\n"));
        List<EngineEvent> ev = drain(e);
        assertInstanceOf(EngineEvent.CommandFailed.class, ev.get(0));
        assertEquals(ConnectionState.FAILED, e.state());
    }

    @Test
    void aRefusalInsteadOfTheContinuationDropsTheSuppliedPayload() {
        ImapEngine e = engine("");
        e.submit(append(50));
        poll(e);
        e.receive(ascii("A1 NO [TOOBIG] too big\r\n"));
        drain(e);
        assertEquals(0, e.pendingSupplied());
        assertNull(e.pollOutput());
        assertEquals(ConnectionState.NOT_AUTHENTICATED, e.state());
    }
}
