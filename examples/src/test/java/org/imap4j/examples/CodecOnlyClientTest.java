package org.imap4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.core.Secret;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.Test;

class CodecOnlyClientTest {
    @Test
    void logsInSelectsAndFetchesEveryEnvelopeWithOnlyTheEngine() throws IOException {
        try (GreenMailServer gm = GreenMailServer.start()) {
            gm.deliver("From: a@example.org\r\nSubject: one\r\n\r\nx\r\n");
            gm.deliver("From: b@example.org\r\nSubject: two\r\n\r\ny\r\n");
            gm.deliver("From: c@example.org\r\nSubject: three\r\n\r\nz\r\n");
            Servers.Output out = new Servers.Output();

            List<String> subjects = CodecOnlyClient.run(gm.host(), gm.imapPort(), GreenMailServer.USER,
                    Secret.of(GreenMailServer.PASSWORD), out.stream);

            assertEquals(List.of("one", "two", "three"), subjects, out.text());
            assertTrue(out.text().startsWith("greeting: "), out.text());
            assertTrue(out.text().contains("3 messages in INBOX"), out.text());
        }
    }

    @Test
    void aRefusedLoginIsTheTypedCommandFailure() {
        try (GreenMailServer gm = GreenMailServer.start()) {
            ImapCommandException e = assertThrows(ImapCommandException.class, () -> CodecOnlyClient.run(gm.host(),
                    gm.imapPort(), GreenMailServer.USER, Secret.of("wrong"), new Servers.Output().stream));
            assertEquals("LOGIN", e.command());
        }
    }
}
