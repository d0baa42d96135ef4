package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * UIDONLY (RFC 9586) on the pulled ({@link FetchStream}) and sink ({@link BodySink}) FETCH paths, against a scripted
 * server answering {@code * uid UIDFETCH} as RFC 9586 section 3.3 shows: a small body (parsed in memory) and a large
 * one (streamed as it arrives, bound to its UID from the text before the literal) both reach the caller under their
 * UIDs, with no unbound-body warning.
 */
class UidOnlyStreamingTest {

    /** Above the client's streaming threshold set below (64 bytes): streamed as it arrives. */
    private static final String LARGE = "Subject: large\r\n\r\n" + "L".repeat(300) + "\r\n";
    /** Below it: parsed with its response. */
    private static final String SMALL = "Subject: small\r\n\r\nhi\r\n";

    private static ScriptedImapServer server() throws Exception {
        return HandlerScripts.start(x -> {
            Command c = x.command();
            if (c instanceof Command.Login) {
                x.ok(new ResponseCode.Capabilities(List.of(Capability.of("IMAP4rev1"), Capability.of("UIDPLUS"),
                        Capability.of("ENABLE"), Capability.of("UIDONLY"))), "in");
            } else if (c instanceof Command.Enable) {
                x.send(new Untagged.Enabled(List.of(Capability.of("UIDONLY"))));
                x.ok("enabled");
            } else if (c instanceof Command.Fetch f && f.uid()) {
                // raw on purpose: the first body comes with no UID item before it, so the number before UIDFETCH
                // is the only UID it has (RFC 9586 section 3.3) -- the bytes this test is about
                x.sendRaw("* 25996 UIDFETCH (BODY[] {" + LARGE.length() + "}\r\n" + LARGE + ")\r\n"
                        + "* 25997 UIDFETCH (UID 25997 BODY[] {" + SMALL.length() + "}\r\n" + SMALL + ")\r\n");
                x.ok("done");
            } else {
                return false;
            }
            return true;
        });
    }

    private static ImapClient connect(ScriptedImapServer server, ImapClientConfig.Transport transport) {
        ImapClient c = HandlerScripts.client(server, transport).enableImap4rev2(false).streamLiteralsAbove(64)
                .connect();
        c.login("alice", "secret");
        assertTrue(c.enableUidOnly());
        c.select(MailboxName.INBOX);
        return c;
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void pulledFetchReadsUidFetchResponses(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = server(); ImapClient c = connect(server, transport)) {
            Map<Long, String> bodies = new TreeMap<>();
            List<Long> responses = new CopyOnWriteArrayList<>();
            FetchStream s = c.fetchStream(SequenceSet.range(25996, 25997), ProgressListener.NONE,
                    new FetchAttribute.BodySection(Section.whole(), true, null));
            try (s) {
                for (FetchStream.Part p : s) {
                    if (p instanceof FetchStream.Body b) {
                        assertTrue(b.bound(), "bound to its UID: " + b);
                        bodies.put(b.uid().orElseThrow(),
                                new String(b.content().readAllBytes(), StandardCharsets.ISO_8859_1));
                    } else if (p instanceof FetchStream.Response r) {
                        responses.add(r.result().uid().orElseThrow());
                    }
                }
            }
            assertEquals(Map.of(25996L, LARGE, 25997L, SMALL), bodies);
            assertEquals(List.of(25996L, 25997L), responses);
            assertEquals(List.of(), s.warnings());

            FetchResults all = c.fetchStream(SequenceSet.range(25996, 25997), ProgressListener.NONE,
                    new FetchAttribute.BodySection(Section.whole(), true, null)).collect();
            assertEquals(2, all.size(), all::toString);
            assertEquals(LARGE, new String(all.get(25996L).message().orElseThrow().toByteArray(),
                    StandardCharsets.ISO_8859_1));
            assertEquals(SMALL, new String(all.get(25997L).message().orElseThrow().toByteArray(),
                    StandardCharsets.ISO_8859_1));
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void sinkFetchReadsUidFetchResponses(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = server(); ImapClient c = connect(server, transport)) {
            Map<Long, ByteArrayOutputStream> bodies = new ConcurrentHashMap<>();
            FetchResults r = c.fetchMessages(SequenceSet.range(25996, 25997),
                    (uid, seq, size) -> bodies.computeIfAbsent(uid, u -> new ByteArrayOutputStream()));
            assertEquals(LARGE, bodies.get(25996L).toString(StandardCharsets.ISO_8859_1));
            assertEquals(SMALL, bodies.get(25997L).toString(StandardCharsets.ISO_8859_1));
            assertEquals(2, bodies.size(), bodies::toString);
            assertEquals(2, r.size(), r::toString);
            assertEquals(25996L, r.get(25996L).uid().orElseThrow());
            assertEquals(List.of(), r.warnings());
            assertTrue(server.received().stream().anyMatch(t -> t.command() instanceof Command.Fetch f && f.uid()
                    && f.set().equals(SequenceSet.range(25996, 25997))), () -> server.received().toString());
        }
    }
}
