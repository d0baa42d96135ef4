package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.session.testing.HostileServer;
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
        try (HostileServer server = HostileServer.start(peer -> {
            // the greeting's CR LF split over two reads: the trace still shows one line end, not an escaped CR
            peer.send(("* OK [CAPABILITY IMAP4rev1] hello " + EVIL + "\r").getBytes(StandardCharsets.UTF_8));
            Thread.sleep(200);
            peer.send("\n");
            while (true) {
                TaggedCommand t = peer.readCommand();
                String tag = t.tag().value();
                if (t.command() instanceof Command.Select) {
                    peer.send((tag + " NO [ALERT] " + EVIL + "\r\n").getBytes(StandardCharsets.UTF_8));
                } else if (t.command() instanceof Command.Noop) {
                    peer.send(("* BYE " + EVIL + "\r\n").getBytes(StandardCharsets.UTF_8));
                    return;
                } else {
                    peer.send(tag + " OK done\r\n");
                }
            }
        }); ImapClient c = ScriptedImap.client(server, transport)
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
