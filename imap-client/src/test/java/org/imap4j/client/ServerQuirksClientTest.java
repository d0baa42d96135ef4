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
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.ScriptedImapServer;
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
        // Raw bytes for each deviation: the test is about what a server sends that the codec would not write.
        try (ScriptedImapServer server = ScriptedImapServer.start(ImapScript.create()
                .greeting("IMAP4rev1", "UIDPLUS", "MOVE")
                .handler(x -> {
                    String tag = x.tag().value();
                    if (x.command() instanceof Command.Login) {
                        // a malformed code on the tagged completion (Outlook 365, net-imap #597)
                        x.sendRaw(tag + " OK [Error=\"x y\" Proxy=a:1:SSL] LOGIN completed.\r\n");
                    } else if (x.command() instanceof Command.Select) {
                        x.send(new Untagged.Exists(3));
                        x.sendRaw("* OK [A [B] c] odd\r\n");
                        x.ok(new ResponseCode.Simple(ResponseCode.Kind.READ_WRITE), "selected");
                    } else if (x.command() instanceof Command.Fetch) {
                        x.sendRaw("* 1 FETCH (UID 5 (FLAGS (\\Seen)))\r\n"          // Domino
                                + "* 2 FETCH (UID 6 MODSEQ (-1) FLAGS (\\Seen))\r\n" // Zoho
                                + "* 3 FETCH (UID 7 FLAGS () BODY[2] )\r\n");        // Yandex
                        x.ok("done");
                    } else if (x.command() instanceof Command.Move) {
                        x.sendRaw("[COPYUID 14 5:6 50:51] \r\n");                    // Exchange
                        x.send(new Untagged.Expunge(1), new Untagged.Expunge(1));
                        x.ok("MOVE completed.");
                    } else {
                        return false; // LOGOUT: BYE and OK; anything else: OK
                    }
                    return true;
                }))) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (ImapClient c = HandlerScripts.client(server, transport).readTimeout(Duration.ofSeconds(10))
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
            assertEquals(List.of(), server.problems());
        }
    }
}
