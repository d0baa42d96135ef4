package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.MetadataEntry;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.MailboxAttribute;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LIST-METADATA (RFC 9590) in the client, against a scripted server answering as the RFC's example does (neither
 * Dovecot 2.3 nor Cyrus 3.6 here advertises LIST-METADATA): each LIST response followed by the METADATA of that
 * mailbox, read into its {@link ListEntry}; refused before sending when the server lacks the capability.
 */
class ListMetadataScriptedTest {
    private static final String COLOR = "/shared/vendor/cmu/cyrus-imapd/color";

    private static Untagged.MailboxList list(MailboxAttribute.Known attribute, String name) {
        return new Untagged.MailboxList(false, List.of(attribute), ".", MailboxName.of(name), List.of());
    }

    private static ScriptedImapServer server(String caps) throws Exception {
        List<Capability> capabilities = new ArrayList<>();
        for (String cap : ("IMAP4rev1 LIST-EXTENDED" + caps).split(" ")) {
            capabilities.add(Capability.of(cap));
        }
        return HandlerScripts.start(x -> {
            if (x.command() instanceof Command.Login) {
                x.ok(new ResponseCode.Capabilities(capabilities), "in");
            } else if (x.command() instanceof Command.ListMailboxes) {
                // each LIST response followed by that mailbox's METADATA, as in RFC 9590's example
                x.send(list(MailboxAttribute.Known.HAS_NO_CHILDREN, "INBOX"),
                        new Untagged.Metadata(MailboxName.INBOX, List.of(MetadataEntry.of(COLOR, "#ff0000"),
                                MetadataEntry.of("/private/comment", "mine"))),
                        list(MailboxAttribute.Known.HAS_CHILDREN, "Work"),
                        new Untagged.Metadata(MailboxName.of("Work"), List.of(MetadataEntry.of(COLOR, null),
                                MetadataEntry.of("/private/comment", null))),
                        list(MailboxAttribute.Known.HAS_NO_CHILDREN, "Work.Old"));
                x.ok("done");
            } else {
                return false;
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
        try (ScriptedImapServer server = server(" METADATA LIST-METADATA");
                ImapClient c = HandlerScripts.client(server, transport).enableImap4rev2(false).connect()) {
            c.login("alice", "secret");
            List<ListEntry> l = c.listWithMetadata("", "*", COLOR, "/private/comment");
            assertTrue(server.received().stream().anyMatch(t -> t.command() instanceof Command.ListMailboxes m
                    && m.reference().equals(MailboxName.of("")) && m.patterns().equals(List.of("*"))
                    && m.returnMetadata().equals(List.of(COLOR, "/private/comment"))),
                    () -> "LIST \"\" * RETURN (METADATA (...)): " + server.received());
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
        try (ScriptedImapServer server = server(" METADATA");
                ImapClient c = HandlerScripts.client(server, transport).enableImap4rev2(false).connect()) {
            c.login("alice", "secret");
            int before = server.received().size();
            assertThrows(ImapCapabilityException.class, () -> c.listWithMetadata("", "*", COLOR));
            assertEquals(before, server.received().size(), "nothing sent");
        }
    }
}
