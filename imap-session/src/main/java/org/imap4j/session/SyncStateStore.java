package org.imap4j.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.imap4j.codec.core.Flag;

/**
 * Where a supervised session keeps each mailbox's {@link SyncState}: in memory (the default, for one process's
 * lifetime) or in files (to resume after a restart without losing or repeating events). Keys name an account's
 * mailbox, for example {@code "alice@imap.example.org:993/INBOX"}. Implementations must be safe to call from
 * several threads; a saved state replaces the previous one whole.
 */
public interface SyncStateStore {
    /**
     * @param key the account's mailbox
     * @return the state last saved under it, if any
     */
    Optional<SyncState> load(String key);

    /**
     * @param key   the account's mailbox
     * @param state its state now (replaces the previous one entirely)
     */
    void save(String key, SyncState state);

    /** @param key the account's mailbox, whose state is forgotten */
    void remove(String key);

    /** @return a store that keeps states in this process's memory */
    static SyncStateStore inMemory() {
        ConcurrentHashMap<String, SyncState> map = new ConcurrentHashMap<>();
        return new SyncStateStore() {
            @Override
            public Optional<SyncState> load(String key) {
                return Optional.ofNullable(map.get(key));
            }

            @Override
            public void save(String key, SyncState state) {
                map.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(state, "state"));
            }

            @Override
            public void remove(String key) {
                map.remove(key);
            }
        };
    }

    /**
     * A store of one file per key in {@code directory} (created if missing), written atomically: the new state goes
     * to a temporary file in the same directory, is forced to disk, and replaces the old file by an atomic rename,
     * so a crash leaves the old state or the new one, never a torn file. The format is line-based UTF-8 text.
     *
     * @param directory where the files go
     * @return the store
     */
    static SyncStateStore files(Path directory) {
        return new FileSyncStateStore(directory);
    }
}

/** The file-backed {@link SyncStateStore}. */
final class FileSyncStateStore implements SyncStateStore {
    private static final String MAGIC = "imap4j-sync-state 1";
    private final Path dir;

    FileSyncStateStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "directory");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sync state directory", e);
        }
    }

    private Path file(String key) {
        return dir.resolve(URLEncoder.encode(key, StandardCharsets.UTF_8) + ".state");
    }

    @Override
    public synchronized Optional<SyncState> load(String key) {
        Path f = file(key);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            if (lines.size() < 5 || !lines.get(0).equals(MAGIC)) {
                throw new IOException("not a sync state file (" + f.getFileName() + ")");
            }
            String mailbox = URLDecoder.decode(value(lines.get(1), "mailbox"), StandardCharsets.UTF_8);
            long validity = Long.parseLong(value(lines.get(2), "uidvalidity"));
            long next = Long.parseLong(value(lines.get(3), "uidnext"));
            long modseq = Long.parseLong(value(lines.get(4), "highestmodseq"));
            TreeMap<Long, Set<Flag>> messages = new TreeMap<>();
            for (int i = 5; i < lines.size(); i++) {
                String[] parts = lines.get(i).split(" ");
                if (parts.length == 0 || parts[0].isEmpty()) {
                    continue;
                }
                List<Flag> flags = new ArrayList<>();
                for (int j = 1; j < parts.length; j++) {
                    flags.add(new Flag(parts[j]));
                }
                messages.put(Long.parseLong(parts[0]), Set.copyOf(flags));
            }
            return Optional.of(new SyncState(mailbox, validity, next, modseq, messages));
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot read the sync state " + f.getFileName() + ": "
                    + e.getMessage(), e));
        }
    }

    private static String value(String line, String name) throws IOException {
        if (!line.startsWith(name + " ")) {
            throw new IOException("expected " + name);
        }
        return line.substring(name.length() + 1);
    }

    @Override
    public synchronized void save(String key, SyncState s) {
        StringBuilder sb = new StringBuilder(64 + s.messages().size() * 16);
        sb.append(MAGIC).append('\n');
        sb.append("mailbox ").append(URLEncoder.encode(s.mailbox(), StandardCharsets.UTF_8)).append('\n');
        sb.append("uidvalidity ").append(s.uidValidity()).append('\n');
        sb.append("uidnext ").append(s.uidNext()).append('\n');
        sb.append("highestmodseq ").append(s.highestModSeq()).append('\n');
        s.messages().forEach((uid, flags) -> {
            sb.append(uid);
            // flags are atoms (no space, RFC 9051 flag-keyword) or system flags
            flags.stream().map(Flag::value).sorted().forEach(v -> sb.append(' ').append(v));
            sb.append('\n');
        });
        Path target = file(key);
        try {
            Path tmp = Files.createTempFile(dir, ".sync-", ".tmp");
            try {
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                        java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                    ch.force(true);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the sync state " + target.getFileName(), e);
        }
    }

    @Override
    public synchronized void remove(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the sync state", e);
        }
    }
}
