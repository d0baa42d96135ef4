package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.command.Command;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streamed bodies are put where the codec bound them (the message and body item read from the text before each
 * literal), never paired with messages by arrival order: a body whose response is then unreadable, or whose text
 * before it cannot be read, must not end up in the next message's result (issue 15 item 6). Both transports.
 */
class StreamedBodyBindingTest {
    private static final String A = "A".repeat(300);
    private static final String B = "B".repeat(200);

    // raw: the FETCH responses are malformed on purpose (garbage after a body, an unreadable origin), which the
    // codec would never write
    private static ScriptedImapServer answering(String fetchResponses) throws java.io.IOException {
        return HandlerScripts.start(x -> {
            if (!(x.command() instanceof Command.Fetch)) {
                return false;
            }
            x.sendRaw(fetchResponses);
            x.ok("fetched");
            return true;
        });
    }

    private static ImapClient client(ScriptedImapServer s, ImapClientConfig.Transport t) {
        ImapClient c = HandlerScripts.client(s, t).streamLiteralsAbove(64).connect();
        c.login("u", "p");
        c.select(MailboxName.of("INBOX"));
        return c;
    }

    private static String body(FetchResult r) {
        for (FetchItem i : r.items()) {
            if (i instanceof FetchItem.BodySection b && b.data() instanceof BodyData.InMemory m) {
                return m.bytes().utf8();
            }
        }
        return null;
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aBodyWhoseResponseIsUnreadableIsNotGivenToTheNextMessage(ImapClientConfig.Transport t) throws Exception {
        // message 1's text before its body is fine (bound to seq 1), but the rest of its response is garbage
        try (ScriptedImapServer s = answering("* 1 FETCH (UID 5 BODY[] {300}\r\n" + A + " ((( garbage\r\n"
                + "* 2 FETCH (UID 6 BODY[] {200}\r\n" + B + ")\r\n");
                ImapClient c = client(s, t)) {
            FetchResults r = c.fetchMessage(SequenceSet.of(5, 6));
            assertEquals(B, body(r.get(6L)), "message 6 has its own body, not the one that arrived first");
            assertEquals(null, r.get(5L));
            assertTrue(r.warnings().stream().anyMatch(w -> w.kind() == ResponseWarning.Kind.UNREADABLE_RESPONSE));
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void anUnboundBodyIsReportedAndNeverPaired(ImapClientConfig.Transport t) throws Exception {
        // message 1's origin cannot be read: nobody can say whose body this is
        try (ScriptedImapServer s = answering("* 1 FETCH (UID 5 BODY[]<x> {300}\r\n" + A + ")\r\n"
                + "* 2 FETCH (UID 6 BODY[] {200}\r\n" + B + ")\r\n");
                ImapClient c = client(s, t)) {
            FetchResults r = c.fetchMessage(SequenceSet.of(5, 6));
            assertEquals(B, body(r.get(6L)));
            assertTrue(r.warnings().stream().anyMatch(w -> w.kind() == ResponseWarning.Kind.UNBOUND_BODY),
                    r.warnings().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aSinkGetsEachBodyUnderItsOwnUidAndNoStreamForAnUnboundOne(ImapClientConfig.Transport t)
            throws Exception {
        try (ScriptedImapServer s = answering("* 1 FETCH (UID 5 BODY[]<x> {300}\r\n" + A + ")\r\n"
                + "* 2 FETCH (UID 6 BODY[] {200}\r\n" + B + ")\r\n"
                + "* 3 FETCH (BODY[] {300}\r\n" + A + " UID 7)\r\n");
                ImapClient c = client(s, t)) {
            Map<String, ByteArrayOutputStream> got = new HashMap<>();
            FetchResults r = c.fetchMessages(SequenceSet.of(5, 7), (uid, seq, size) -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                got.put(uid + "/" + seq, out);
                return (OutputStream) out;
            });
            assertEquals(Map.of("6/2", B, "-1/3", A), Map.of("6/2", got.get("6/2").toString(),
                    "-1/3", got.get("-1/3").toString()), "the UID sent after the body is not known yet");
            assertEquals(2, got.size(), "no stream for the unbound body: " + got.keySet());
            assertTrue(r.warnings().stream().anyMatch(w -> w.kind() == ResponseWarning.Kind.UNBOUND_BODY));
        }
    }
}
