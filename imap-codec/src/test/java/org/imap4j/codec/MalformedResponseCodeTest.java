package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.response.Continuation;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 14 item 3: a malformed response code inside brackets keeps the status and the human text, exposes the
 * bracketed bytes as {@link ResponseCode.Unparsed}, and never turns a tagged completion or an untagged status into a
 * protocol error (decoder and engine).
 */
class MalformedResponseCodeTest {

    private static Response decode(String wire) {
        ResponseDecoder d = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
        byte[] b = wire.getBytes(StandardCharsets.UTF_8);
        d.feed(b, 0, b.length);
        Response r = d.next();
        assertNull(d.next());
        return r;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** bracketed part | raw bytes kept | closed | human text. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "[]                          | ''                      | true  | done",
        "[ ]                         | ' '                     | true  | done",
        "[(x)]                       | (x)                     | true  | done",
        "[\"quoted\"]                | \"quoted\"              | true  | done",
        "[A [B] c]                   | A [B] c                 | true  | done",
        "[[READ-WRITE]]              | [READ-WRITE]            | true  | done",
        "[A [B] c                    | A [B                    | true  | c done",
        "[ALERT                      | ALERT done              | false | ''",
        "[UIDNEXT 5                  | UIDNEXT 5 done          | false | ''",
        "[REFERRAL imap://[::1]/INBOX] | REFERRAL imap://[::1]/INBOX | true | done",
        "[COPYUID 7 1:3 [4:6]]       | COPYUID 7 1:3 [4:6]     | true  | done",
        "[ünïcode]                   | ünïcode                 | true  | done",
    })
    void malformedCodeKeepsStatusTextAndRawBytes(String bracket, String raw, boolean closed, String text) {
        for (String prefix : new String[] {"A1 OK ", "A1 NO ", "A1 BAD ", "* OK ", "* NO ", "* BAD ", "* BYE ",
            "* PREAUTH "}) {
            String wire = prefix + bracket.strip() + " done" + "\r\n";
            Response r = decode(wire);
            ResponseCode code;
            String gotText;
            if (r instanceof Tagged t) {
                assertEquals(prefix.substring(3).strip(), t.status().name(), wire);
                code = t.code();
                gotText = t.text();
            } else {
                Untagged.StatusResponse s = assertInstanceOf(Untagged.StatusResponse.class, r, wire);
                assertEquals(prefix.substring(2).strip(), s.status().name(), wire);
                code = s.code();
                gotText = s.text();
            }
            ResponseCode.Unparsed u = assertInstanceOf(ResponseCode.Unparsed.class, code, wire);
            assertArrayEquals(bytes(raw), u.raw().toByteArray(), wire);
            assertEquals(closed, u.closed(), wire);
            assertEquals(text, gotText, wire);
            // lossless: writing the response again gives the bytes received
            assertArrayEquals(bytes(wire), ImapCodec.encodeResponse(r), wire);
        }
    }

    @Test
    void garbageAfterTheAtomKeepsTheCodeDataAndTextGluedToTheBracketIsText() {
        // known code, data breaking its grammar: kept as Other (as before)
        Tagged t = (Tagged) decode("A1 OK [READ-WRITE x y] done\r\n");
        assertEquals(new ResponseCode.Other("READ-WRITE", "x y"), t.code());
        assertEquals("done", t.text());
        // text glued to the closing bracket
        t = (Tagged) decode("A1 OK [READ-WRITE]done\r\n");
        assertEquals(new ResponseCode.Simple(ResponseCode.Kind.READ_WRITE), t.code());
        assertEquals("done", t.text());
        // a code whose value breaks a record's check (UIDVALIDITY 0) is kept as Other
        Untagged.StatusResponse s = (Untagged.StatusResponse) decode("* OK [UIDVALIDITY 0] x\r\n");
        assertEquals(new ResponseCode.Other("UIDVALIDITY", "0"), s.code());
        // invalid UTF-8 in a malformed code: raw bytes, never U+FFFD
        byte[] wire = {'*', ' ', 'O', 'K', ' ', '[', (byte) 0xC0, (byte) 0xAF, ']', ' ', 'x', '\r', '\n'};
        ResponseDecoder d = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
        d.feed(wire, 0, wire.length);
        s = (Untagged.StatusResponse) d.next();
        ResponseCode.Unparsed u = assertInstanceOf(ResponseCode.Unparsed.class, s.code());
        assertArrayEquals(new byte[] {(byte) 0xC0, (byte) 0xAF}, u.raw().toByteArray());
        assertFalse(u.text().contains("\uFFFD"));
        assertEquals("x", s.text());
    }

    @Test
    void continuationWithMalformedCodeIsKept() {
        Continuation c = (Continuation) decode("+ [A [B]] go ahead\r\n");
        assertEquals(new ResponseCode.Unparsed(Bytes.utf8("A [B]"), true), c.code());
        assertEquals("go ahead", c.text());
    }

    @Test
    void wellFormedCodesAreUnchanged() {
        assertEquals(new ResponseCode.UidNext(5), ((Untagged.StatusResponse) decode("* OK [UIDNEXT 5] x\r\n")).code());
        assertEquals(new ResponseCode.Other("X", "a b"), ((Tagged) decode("A1 OK [X a b] x\r\n")).code());
    }

    // ---- through the engine: the command completes normally ----

    private final ImapEngine engine = new ImapEngine(EngineConfig.defaults());

    private List<EngineEvent> feed(String s) {
        return EngineHarness.feed(engine, s);
    }

    private void drainOutput() {
        EngineHarness.discardOutput(engine);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "OK  | []",
        "OK  | [A [B] c]",
        "NO  | [ALERT",
        "BAD | [(junk)]",
        "OK  | [UIDNEXT 5",
        "NO  | [[NESTED]]",
        "OK  | [COPYUID 1 1:* 2]",
    })
    void engineCompletesTheCommandNormally(String status, String bracket) {
        feed("* OK [CAPABILITY IMAP4rev1] ready\r\n");
        CommandHandle noop = engine.submit(new Command.Noop());
        drainOutput();
        List<EngineEvent> ev = feed("* OK " + bracket + " untagged text\r\nA1 " + status + " " + bracket
                + " done\r\n");
        assertFalse(ev.stream().anyMatch(e -> e instanceof EngineEvent.Malformed
                || e instanceof EngineEvent.CommandFailed || e instanceof EngineEvent.Failed), ev.toString());
        EngineEvent.Completed done = ev.stream().filter(e -> e instanceof EngineEvent.Completed)
                .map(e -> (EngineEvent.Completed) e).findFirst().orElseThrow(() -> new AssertionError(ev));
        assertEquals(noop, done.handle());
        assertEquals(Condition.valueOf(status), done.response().status());
        assertTrue(done.response().code() instanceof ResponseCode.Unparsed
                || done.response().code() instanceof ResponseCode.Other, done.toString());
        assertTrue(ev.stream().anyMatch(e -> e instanceof EngineEvent.Data d
                && d.response() instanceof Untagged.StatusResponse), ev.toString());
        assertEquals(ConnectionState.NOT_AUTHENTICATED, engine.state());
    }
}
