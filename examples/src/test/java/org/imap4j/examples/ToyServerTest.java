package org.imap4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.SelectResult;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.response.Condition;
import org.imap4j.session.TlsMode;
import org.junit.jupiter.api.Test;

/** imap4j's own client talks to the toy server built on the codec's server half. */
class ToyServerTest {
    // not an atom, and not ASCII: the client sends it as a synchronizing literal, so the toy must say "+ go ahead"
    private static final String PASSWORD = "pässwörd with spaces";

    @Test
    void theClientLogsInWithALiteralSelectsAndGetsBadForWhatTheToyDoesNotKnow() throws IOException {
        try (ToyServer server = ToyServer.start("alice", Secret.of(PASSWORD), 3);
                ImapClient client = connect(server)) {
            client.login("alice", Secret.of(PASSWORD));
            SelectResult inbox = client.select(MailboxName.INBOX);
            assertEquals(3, inbox.exists());
            assertEquals(4, inbox.uidNext().getAsLong());
            assertEquals(false, inbox.readOnly());
            assertEquals(true, client.examine(MailboxName.INBOX).readOnly());

            ImapCommandException bad = assertThrows(ImapCommandException.class,
                    () -> client.create(MailboxName.of("Archive")));
            assertEquals(Condition.BAD, bad.status());
            client.noop();   // the connection goes on after the BAD
            ImapCommandException missing = assertThrows(ImapCommandException.class,
                    () -> client.select(MailboxName.of("Nope")));
            assertEquals(Condition.NO, missing.status());
            client.logout();

            List<String> names = server.received().stream().map(s -> s.substring(s.indexOf(' ') + 1)).toList();
            assertTrue(names.containsAll(List.of("LOGIN", "SELECT", "EXAMINE", "CREATE", "NOOP", "LOGOUT")), names.toString());
        }
    }

    @Test
    void aWrongPasswordIsRefused() throws IOException {
        try (ToyServer server = ToyServer.start("alice", Secret.of(PASSWORD), 3);
                ImapClient client = connect(server)) {
            assertThrows(ImapAuthenticationException.class, () -> client.login("alice", Secret.of("guess")));
            assertThrows(ImapCommandException.class, () -> client.select(MailboxName.INBOX),
                    "not authenticated: BAD");
        }
    }

    private static ImapClient connect(ToyServer server) {
        // cleartext to loopback: the password over a plain connection must be allowed explicitly
        ImapClientConfig.Builder b = ImapClient.builder("127.0.0.1").port(server.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true);
        return b.connect();
    }
}
