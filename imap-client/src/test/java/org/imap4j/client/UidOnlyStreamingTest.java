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
import org.imap4j.session.testing.HostileServer;
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

    private static HostileServer server(List<String> lines) throws Exception {
        return ScriptedImap.start((peer, tag, verb, line) -> {
            lines.add(line);
            switch (verb) {
                case "LOGIN" -> peer.send(tag + " OK [CAPABILITY IMAP4rev1 UIDPLUS ENABLE UIDONLY] in\r\n");
                case "ENABLE" -> peer.send("* ENABLED UIDONLY\r\n" + tag + " OK enabled\r\n");
                case "UID" -> {
                    if (line.contains(" FETCH ")) {
                        // no UID item before the first body: the number before UIDFETCH is the UID (RFC 9586 3.3)
                        peer.send("* 25996 UIDFETCH (BODY[] {" + LARGE.length() + "}\r\n" + LARGE + ")\r\n"
                                + "* 25997 UIDFETCH (UID 25997 BODY[] {" + SMALL.length() + "}\r\n" + SMALL + ")\r\n"
                                + tag + " OK done\r\n");
                    } else {
                        peer.send(tag + " OK done\r\n");
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private static ImapClient connect(HostileServer server, ImapClientConfig.Transport transport) {
        ImapClient c = ScriptedImap.client(server, transport).enableImap4rev2(false).streamLiteralsAbove(64)
                .connect();
        c.login("alice", "secret");
        assertTrue(c.enableUidOnly());
        c.select(MailboxName.INBOX);
        return c;
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void pulledFetchReadsUidFetchResponses(ImapClientConfig.Transport transport) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server(lines); ImapClient c = connect(server, transport)) {
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
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server(lines); ImapClient c = connect(server, transport)) {
            Map<Long, ByteArrayOutputStream> bodies = new ConcurrentHashMap<>();
            FetchResults r = c.fetchMessages(SequenceSet.range(25996, 25997),
                    (uid, seq, size) -> bodies.computeIfAbsent(uid, u -> new ByteArrayOutputStream()));
            assertEquals(LARGE, bodies.get(25996L).toString(StandardCharsets.ISO_8859_1));
            assertEquals(SMALL, bodies.get(25997L).toString(StandardCharsets.ISO_8859_1));
            assertEquals(2, bodies.size(), bodies::toString);
            assertEquals(2, r.size(), r::toString);
            assertEquals(25996L, r.get(25996L).uid().orElseThrow());
            assertEquals(List.of(), r.warnings());
            assertTrue(lines.stream().anyMatch(l -> l.contains("UID FETCH 25996:25997")), lines::toString);
        }
    }
}
