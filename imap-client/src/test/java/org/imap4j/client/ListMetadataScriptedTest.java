package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.MetadataEntry;
import org.imap4j.session.testing.HostileServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LIST-METADATA (RFC 9590) in the client, against a scripted server answering as the RFC's example does (neither
 * Dovecot 2.3 nor Cyrus 3.6 here advertises LIST-METADATA): each LIST response followed by the METADATA of that
 * mailbox, read into its {@link ListEntry}; refused before sending when the server lacks the capability.
 */
class ListMetadataScriptedTest {
    private static final String COLOR = "/shared/vendor/cmu/cyrus-imapd/color";

    private static HostileServer server(List<String> lines, String caps) throws Exception {
        return ScriptedImap.start((peer, tag, verb, line) -> {
            lines.add(line);
            switch (verb) {
                case "LOGIN" -> peer.send(tag + " OK [CAPABILITY IMAP4rev1 LIST-EXTENDED" + caps + "] in\r\n");
                case "LIST" -> peer.send("* LIST (\\HasNoChildren) \".\" INBOX\r\n"
                        + "* METADATA INBOX (" + COLOR + " \"#ff0000\" /private/comment \"mine\")\r\n"
                        + "* LIST (\\HasChildren) \".\" Work\r\n"
                        + "* METADATA Work (" + COLOR + " NIL /private/comment NIL)\r\n"
                        + "* LIST (\\HasNoChildren) \".\" Work.Old\r\n"
                        + tag + " OK done\r\n");
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private static Optional<Bytes> text(String s) {
        return Optional.of(Bytes.of(s.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void eachMailboxGetsItsMetadata(ImapClientConfig.Transport transport) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server(lines, " METADATA LIST-METADATA");
                ImapClient c = ScriptedImap.client(server, transport).enableImap4rev2(false).connect()) {
            c.login("alice", "secret");
            List<ListEntry> l = c.listWithMetadata("", "*", COLOR, "/private/comment");
            assertTrue(lines.stream().anyMatch(x -> x.endsWith(" LIST \"\" * RETURN (METADATA (" + COLOR
                    + " /private/comment))")), lines::toString);
            assertEquals(3, l.size(), l::toString);
            assertEquals(MailboxName.INBOX, l.get(0).mailbox());
            assertEquals(text("#ff0000"), l.get(0).metadata(COLOR));
            assertEquals(text("mine"), l.get(0).metadata("/private/comment"));
            assertEquals(List.of(MetadataEntry.of(COLOR, null), MetadataEntry.of("/private/comment", null)),
                    l.get(1).metadata(), "NIL: no value");
            assertEquals(Optional.empty(), l.get(1).metadata(COLOR));
            assertEquals(List.of(), l.get(2).metadata(), "the server returned nothing for Work.Old");
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void refusedBeforeSendingWithoutTheCapability(ImapClientConfig.Transport transport) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server(lines, " METADATA");
                ImapClient c = ScriptedImap.client(server, transport).enableImap4rev2(false).connect()) {
            c.login("alice", "secret");
            int before = lines.size();
            assertThrows(ImapCapabilityException.class, () -> c.listWithMetadata("", "*", COLOR));
            assertEquals(before, lines.size(), "nothing sent");
        }
    }
}
