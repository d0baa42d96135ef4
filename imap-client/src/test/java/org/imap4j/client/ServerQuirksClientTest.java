package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.session.testing.HostileServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 14 items 3 and 16 end to end, on both transports: the documented server deviations (Domino, Zoho, Yandex,
 * Exchange) and a malformed response code reach the caller's results instead of being dropped.
 */
class ServerQuirksClientTest {

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void deviationsReachTheResults(ImapClientConfig.Transport transport) throws Exception {
        try (HostileServer server = HostileServer.start(peer -> {
            peer.send("* OK [CAPABILITY IMAP4rev1 UIDPLUS MOVE] ready\r\n");
            while (true) {
                TaggedCommand t = peer.readCommand();
                String tag = t.tag().value();
                if (t.command() instanceof Command.Login) {
                    // a malformed code on the tagged completion (Outlook 365, net-imap #597)
                    peer.send(tag + " OK [Error=\"x y\" Proxy=a:1:SSL] LOGIN completed.\r\n");
                } else if (t.command() instanceof Command.Select) {
                    peer.send("* 3 EXISTS\r\n* OK [A [B] c] odd\r\n" + tag + " OK [READ-WRITE] selected\r\n");
                } else if (t.command() instanceof Command.Fetch) {
                    peer.send("* 1 FETCH (UID 5 (FLAGS (\\Seen)))\r\n"          // Domino
                            + "* 2 FETCH (UID 6 MODSEQ (-1) FLAGS (\\Seen))\r\n" // Zoho
                            + "* 3 FETCH (UID 7 FLAGS () BODY[2] )\r\n"          // Yandex
                            + tag + " OK done\r\n");
                } else if (t.command() instanceof Command.Move) {
                    peer.send("[COPYUID 14 5:6 50:51] \r\n* 1 EXPUNGE\r\n* 1 EXPUNGE\r\n" // Exchange
                            + tag + " OK MOVE completed.\r\n");
                } else if (t.command() instanceof Command.Logout) {
                    peer.send("* BYE bye\r\n" + tag + " OK done\r\n");
                    return;
                } else {
                    peer.send(tag + " OK done\r\n");
                }
            }
        })) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (ImapClient c = ScriptedImap.client(server, transport).readTimeout(Duration.ofSeconds(10))
                        .connect()) {
                    c.login("u", "p");
                    c.select("INBOX");
                    Map<Long, FetchResult> got = c.fetch(SequenceSet.range(5, 7), FetchAttribute.Item.UID,
                            FetchAttribute.Item.FLAGS);
                    assertEquals(3, got.size(), got.toString());
                    assertEquals(Optional.of(List.of(Flag.SEEN)), got.get(5L).flags());
                    assertEquals(Optional.of(List.of(Flag.SEEN)), got.get(6L).flags());
                    assertEquals(OptionalLong.empty(), got.get(6L).modSeq());
                    assertTrue(got.get(7L).items().stream().anyMatch(i -> i instanceof FetchItem.BodySection),
                            got.get(7L).toString());
                    CopyResult moved = c.move(SequenceSet.range(5, 6), MailboxName.of("Archive"));
                    assertEquals(OptionalLong.of(14), moved.uidValidity());
                    assertEquals(Map.of(5L, 50L, 6L, 51L), moved.mapping());
                    assertInstanceOf(CopyResult.class, moved);
                }
            });
            assertEquals(List.of(), server.errors());
        }
    }
}
