package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.SyncState;
import org.imap4j.session.SyncStateStore;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * iCloud announces QRESYNC but answers {@code ENABLE QRESYNC} without an ENABLED response and is reported to send
 * malformed VANISHED responses (quirk corpus case {@code icloud-qresync-unreliable}, from the public reports): a
 * {@link MailboxWatch} with a stored state resynchronises a server detected as iCloud by CONDSTORE instead, and says
 * so as a QUIRK fallback; the same watch against the same server without iCloud's capability uses QRESYNC.
 */
class ICloudQresyncQuirkTest {
    private static final String KEY = "icloud-test";

    private static ScriptedImapServer server(boolean icloud) throws Exception {
        List<String> caps = new ArrayList<>(List.of("IMAP4rev1", "IDLE", "UIDPLUS", "ENABLE", "CONDSTORE", "QRESYNC"));
        if (icloud) {
            caps.add("XAPPLEPUSHSERVICE");
        }
        List<Capability> typed = caps.stream().map(Capability::of).toList();
        ImapScript script = ImapScript.create()
                .greeting(new Untagged.StatusResponse(Condition.OK, new ResponseCode.Capabilities(typed), "ready"))
                .capabilities(caps.toArray(String[]::new))
                .handler(x -> {
                    if (x.command() instanceof Command.Select) {
                        x.send(new Untagged.Exists(2),
                                new Untagged.StatusResponse(Condition.OK, new ResponseCode.UidValidity(5), "v"),
                                new Untagged.StatusResponse(Condition.OK, new ResponseCode.UidNext(3), "n"),
                                new Untagged.StatusResponse(Condition.OK, new ResponseCode.HighestModSeq(10), "m"));
                        x.ok(new ResponseCode.Simple(ResponseCode.Kind.READ_WRITE), "selected");
                        return true;
                    }
                    return false; // ENABLE, FETCH, SEARCH, IDLE, LOGOUT: the default answers
                });
        return ScriptedImapServer.start(script);
    }

    private static Command.Select select(ScriptedImapServer server) {
        for (TaggedCommand t : server.received()) {
            if (t.command() instanceof Command.Select s) {
                return s;
            }
        }
        return null;
    }

    private static Command.Select watchOnce(ScriptedImapServer server, ImapClientConfig.Transport t,
            List<Fallback> seen) throws Exception {
        SyncStateStore store = SyncStateStore.inMemory();
        TreeMap<Long, Set<Flag>> known = new TreeMap<>();
        known.put(1L, Set.of(Flag.SEEN));
        known.put(2L, Set.of());
        store.save(KEY, new SyncState("INBOX", 5, 3, 9, known));
        ImapClientConfig config = ImapClient.builder(server.host()).port(server.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(t).readTimeout(Duration.ofSeconds(10))
                .listener(new MailboxListener() {
                    @Override
                    public void fallback(Fallback f) {
                        seen.add(f);
                    }
                }).build();
        try (MailboxWatch w = MailboxWatch.builder(config, SessionAuthenticator.login("alice", Secret.of("pw")))
                .store(store).storeKey(KEY).start()) {
            assertTrue(w.awaitConnected(Duration.ofSeconds(20)), "connected");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (select(server) == null && System.nanoTime() < end) {
                Thread.sleep(10);
            }
        }
        return select(server);
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void iCloudIsResynchronisedByCondstoreAndTheQuirkIsReported(ImapClientConfig.Transport t) throws Exception {
        List<Fallback> seen = new CopyOnWriteArrayList<>();
        try (ScriptedImapServer server = server(true)) {
            Command.Select s = watchOnce(server, t, seen);
            assertNotNull(s, "a SELECT was sent");
            assertNull(s.qresync(), "no QRESYNC parameters for iCloud: " + s);
            assertTrue(s.condstore(), "CONDSTORE instead: " + s);
            assertTrue(seen.stream().anyMatch(f -> f.kind() == Fallback.Kind.QUIRK
                    && f.detail().contains("icloud-qresync-unreliable")), seen.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void anotherServerWithQresyncIsResynchronisedByIt(ImapClientConfig.Transport t) throws Exception {
        List<Fallback> seen = new CopyOnWriteArrayList<>();
        try (ScriptedImapServer server = server(false)) {
            Command.Select s = watchOnce(server, t, seen);
            assertNotNull(s, "a SELECT was sent");
            assertNotNull(s.qresync(), "QRESYNC parameters from the stored state: " + s);
            assertEquals(5, s.qresync().uidValidity());
            assertEquals(List.of(), seen, "nothing worked around");
        }
    }
}
