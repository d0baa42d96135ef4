package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.Responses;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Server text with terminal escapes, forged line ends, NUL and C1 controls reaches exception messages and the trace
 * only escaped, on both transports (issue 14 item 13); the typed accessor keeps the raw text.
 */
@Timeout(60)
class ServerTextEscapingTest {
    /** ESC[2J (clear screen), an OSC title sequence ending in BEL, U+009B (CSI), U+0085 (NEL), DEL, TAB. */
    private static final String EVIL = "\u001b[2J\u001b]0;pwned\u0007 go \u009b31m \u0085 away\u007f\tx";

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void noByeAndTraceAreEscaped(ImapClientConfig.Transport transport) throws Exception {
        List<String> trace = new CopyOnWriteArrayList<>();
        // the greeting's CR LF split over two reads (raw: bytes in pieces): the trace still shows one line end, not an
        // escaped CR
        ImapScript script = ImapScript.create()
                .greetingRaw(Duration.ofMillis(200), "* OK [CAPABILITY IMAP4rev1] hello " + EVIL + "\r", "\n")
                .handler(x -> {
                    if (x.command() instanceof Command.Select) {
                        x.no(new ResponseCode.Simple(ResponseCode.Kind.ALERT), EVIL);
                    } else if (x.command() instanceof Command.Noop) {
                        x.send(Responses.bye(EVIL));
                        x.close();
                    } else {
                        x.ok("done");
                    }
                    return true;
                });
        try (ScriptedImapServer server = ScriptedImapServer.start(script);
                ImapClient c = HandlerScripts.client(server, transport)
                .trace((direction, text) -> trace.add(text)).connect()) {
            ImapCommandException no = assertThrows(ImapCommandException.class,
                    () -> c.select(MailboxName.of("Evil")));
            assertClean(no.getMessage());
            assertClean(no.toString());
            assertEquals(EVIL, no.text(), "the typed accessor keeps the raw text");
            assertTrue(no.getMessage().contains("\\x1b[2J"), no.getMessage());

            ImapException bye = assertThrows(ImapException.class, () -> {
                c.noop();
                c.noop();
            });
            for (Throwable t = bye; t != null; t = t.getCause()) {
                assertClean(String.valueOf(t.getMessage()));
            }
        }
        String all = String.join("", trace);
        assertTrue(all.contains("\\x1b[2J"), all);
        assertClean(all.replace("\r\n", ""));
        assertTrue(all.contains("\\tx\r\n") && !all.contains("\\r"), all);
    }

    private static void assertClean(String shown) {
        for (int i = 0; i < shown.length(); i++) {
            char ch = shown.charAt(i);
            assertTrue(!(ch < 0x20 || (ch >= 0x7f && ch <= 0x9f)),
                    "control character U+" + Integer.toHexString(ch) + " at " + i + " in: " + shown);
        }
    }
}
