package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/** URLAUTH (RFC 4467): the RFC's examples both ways. */
class UrlAuthGrammarTest {
    private static final String RUMP = "imap://joe@example.com/INBOX/;uid=20/;section=1.2;urlauth=submit+fred";
    private static final String FULL = RUMP + ":internal:91354a473744909de610943775f92038";

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void command(String line, Command c) {
        Tag tag = Tag.of(line.substring(0, line.indexOf(' ')));
        assertEquals(line + "\r\n", new String(ImapCodec.encodeCommandBytes(tag, c), StandardCharsets.UTF_8));
        assertEquals(c, ImapCodec.decodeCommand(b(line + "\r\n")).command());
    }

    private static void response(String wire, Response r) {
        assertEquals(r, ImapCodec.decodeResponse(b(wire)));
        assertEquals(wire, new String(ImapCodec.encodeResponse(r), StandardCharsets.UTF_8));
    }

    @Test
    void commands() {
        command("a GENURLAUTH \"" + RUMP + "\" INTERNAL", new Command.GenUrlAuth(List.of(
                new Command.UrlAuthRequest(RUMP, "INTERNAL"))));
        command("b GENURLAUTH \"imap://joe@example.com/INBOX/;uid=20;urlauth=anonymous\" INTERNAL "
                + "\"imap://joe@example.com/Drafts/;uid=3;urlauth=authuser\" INTERNAL", new Command.GenUrlAuth(List.of(
                new Command.UrlAuthRequest("imap://joe@example.com/INBOX/;uid=20;urlauth=anonymous", "INTERNAL"),
                new Command.UrlAuthRequest("imap://joe@example.com/Drafts/;uid=3;urlauth=authuser", "INTERNAL"))));
        command("c RESETKEY", new Command.ResetKey(null, List.of()));
        command("d RESETKEY INBOX", new Command.ResetKey(MailboxName.INBOX, List.of()));
        command("e RESETKEY Drafts INTERNAL", new Command.ResetKey(MailboxName.of("Drafts"), List.of("INTERNAL")));
        command("f URLFETCH \"" + FULL + "\"", new Command.UrlFetch(List.of(FULL)));
        assertThrows(ImapValidationException.class, () -> new Command.UrlAuthRequest(RUMP, "IN TERNAL"));
        assertThrows(ImapValidationException.class, () -> new Command.GenUrlAuth(List.of()));
        assertThrows(ImapValidationException.class, () -> new Command.ResetKey(null, List.of("INTERNAL")));
        assertThrows(ImapProtocolException.class, () -> ImapCodec.decodeCommand(b("a GENURLAUTH\r\n")));
        assertThrows(ImapProtocolException.class, () -> ImapCodec.decodeCommand(b("a GENURLAUTH \"x\"\r\n")));
    }

    @Test
    void responses() {
        response("* GENURLAUTH \"" + FULL + "\"\r\n", new Untagged.GenUrlAuth(List.of(FULL)));
        String u1 = "imap://a@b/INBOX/;uid=1;urlauth=anonymous:internal:00";
        String u2 = "imap://a@b/INBOX/;uid=2;urlauth=anonymous:internal:00";
        response("* URLFETCH \"" + u1 + "\" {5}\r\nhello\r\n", new Untagged.UrlFetch(List.of(
                new Untagged.UrlData(u1, Bytes.utf8("hello")))));
        assertEquals(new Untagged.UrlFetch(List.of(new Untagged.UrlData(u1, null), new Untagged.UrlData(u2,
                Bytes.utf8("hi")))), ImapCodec.decodeResponse(b("* URLFETCH \"" + u1 + "\" NIL \"" + u2 + "\" \"hi\"\r\n")));
        response("a33 OK [URLMECH INTERNAL XSAMPLE=P34OKhO7VEkCbsiYY8rGEg==] done\r\n", new Tagged(Tag.of("a33"),
                Condition.OK, new ResponseCode.UrlMech(List.of("INTERNAL", "XSAMPLE=P34OKhO7VEkCbsiYY8rGEg==")), "done"));
        response("* OK [URLMECH INTERNAL] Ok\r\n", new Untagged.StatusResponse(Condition.OK,
                new ResponseCode.UrlMech(List.of("INTERNAL")), "Ok"));
        assertThrows(ImapProtocolException.class, () -> ImapCodec.decodeResponse(b("* URLFETCH \"" + u1 + "\"\r\n")));
    }
}
