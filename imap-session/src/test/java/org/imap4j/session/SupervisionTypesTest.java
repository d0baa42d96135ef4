package org.imap4j.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeMap;
import org.imap4j.codec.core.Flag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's policy and sync-state store, without a server. */
class SupervisionTypesTest {
    @Test
    void backOffGrowsIsBoundedJitteredAndLongerWhenTheServerIsBusy() {
        ReconnectPolicy p = ReconnectPolicy.defaults();
        assertEquals(Duration.ofSeconds(1), p.delay(1, false, 0));
        assertEquals(Duration.ofSeconds(8), p.delay(4, false, 0));
        assertEquals(Duration.ofMinutes(5), p.delay(40, false, 0), "bounded");
        assertEquals(Duration.ofMillis(500), p.delay(1, false, 1), "at most half taken off by jitter");
        assertTrue(p.delay(1, true, 0).compareTo(Duration.ofMinutes(1)) >= 0, "a busy server waits at least 1 min");
        assertTrue(p.mayRetry(1_000_000), "forever by default");
        ReconnectPolicy three = new ReconnectPolicy(Duration.ZERO, Duration.ofSeconds(1), 2, 0, Duration.ZERO, 3, 0);
        assertTrue(three.mayRetry(2));
        assertFalse(three.mayRetry(3));
        assertThrows(IllegalArgumentException.class, () -> p.delay(0, false, 0));
    }

    @Test
    void stateDropsRecentAndIsImmutable() {
        TreeMap<Long, Set<Flag>> m = new TreeMap<>();
        m.put(4L, Set.of(Flag.SEEN, Flag.RECENT));
        SyncState s = new SyncState("INBOX", 7, 5, 0, m);
        assertEquals(Set.of(Flag.SEEN), s.messages().get(4L));
        assertThrows(UnsupportedOperationException.class, () -> s.messages().put(9L, Set.of()));
    }

    @Test
    void theFileStoreRoundTripsAndReplacesWhole(@TempDir Path dir) throws Exception {
        SyncStateStore store = SyncStateStore.files(dir);
        String key = "alice@imap.example.org:993/Sent Items/ünï";
        assertTrue(store.load(key).isEmpty());
        TreeMap<Long, Set<Flag>> m = new TreeMap<>();
        m.put(3L, Set.of(Flag.SEEN, Flag.of("$Label1")));
        m.put(10L, Set.of());
        SyncState s = new SyncState("Sent Items/ünï", 1234567, 11, 99, m);
        store.save(key, s);
        assertEquals(s, SyncStateStore.files(dir).load(key).orElseThrow(), "a new store reads what was saved");
        store.save(key, new SyncState("Sent Items/ünï", 1234567, 12, 100, new TreeMap<>()));
        assertTrue(store.load(key).orElseThrow().messages().isEmpty(), "replaced whole");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        store.remove(key);
        assertTrue(store.load(key).isEmpty());
    }

    @Test
    void aTornFileIsAnErrorNotAnEmptyState(@TempDir Path dir) throws Exception {
        SyncStateStore store = SyncStateStore.files(dir);
        store.save("k", new SyncState("INBOX", 1, 2, 3, new TreeMap<>()));
        try (var files = Files.list(dir)) {
            Path f = files.findFirst().orElseThrow();
            Files.writeString(f, "imap4j-sync-state 1\nmailbox INB", StandardCharsets.UTF_8);
        }
        assertThrows(UncheckedIOException.class, () -> store.load("k"));
    }

    @Test
    void theMemoryStoreKeepsStatesPerKey() {
        SyncStateStore store = SyncStateStore.inMemory();
        SyncState s = new SyncState("INBOX", 1, 2, 3, new TreeMap<>());
        store.save("a", s);
        assertEquals(s, store.load("a").orElseThrow());
        assertTrue(store.load("b").isEmpty());
    }
}
