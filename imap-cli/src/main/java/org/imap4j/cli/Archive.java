package org.imap4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.imap4j.client.FetchResult;
import org.imap4j.client.ImapClient;
import org.imap4j.client.SelectResult;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.response.Capability;

/**
 * {@code export} and {@code import}: a mailbox to an mbox file (mboxrd quoting) or a Maildir, and back.
 *
 * <p>A state log beside the archive ({@code FILE.imap4j-state} for mbox, {@code DIR/.imap4j-state} for Maildir)
 * makes export incremental and import lossless. It is append-only, one line per fact, flushed after each message:
 * <pre>
 * uidvalidity 1700000000
 * m UID SIZE END-OFFSET INTERNALDATE FLAGS...    one exported message (END-OFFSET: mbox bytes after it)
 * f UID FLAGS...                                   flags changed later (CONDSTORE)
 * modseq 1234                                      HIGHESTMODSEQ when the export ended
 * </pre>
 * A second run fetches only UIDs above the last one logged (same UIDVALIDITY) and, when the server offers CONDSTORE,
 * the flag changes since the logged mod-sequence. An interrupted run leaves at most a torn last line and, for mbox,
 * bytes after the last logged END-OFFSET; the next run ignores the one and truncates the other, so nothing is
 * duplicated. Import restores each message's exact bytes (the logged size undoes the mbox separator), flags and
 * internal date; without a state log it reads Maildir flags from file names.
 */
final class Archive {
    private static final int BATCH = 50;
    private static final String STATE = ".imap4j-state";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean progress;
    private final boolean json;

    Archive(PrintStream out, PrintStream err, boolean progress, boolean json) {
        this.out = out;
        this.err = err;
        this.progress = progress;
        this.json = json;
    }

    /** One exported message as the state log remembers it. */
    private static final class Entry {
        final long uid;
        final long size;
        final long end;
        final String date;
        List<String> flags;

        Entry(long uid, long size, long end, String date, List<String> flags) {
            this.uid = uid;
            this.size = size;
            this.end = end;
            this.date = date;
            this.flags = flags;
        }
    }

    /** The state log, read back. */
    private static final class State {
        long uidValidity;
        long modSeq;
        final Map<Long, Entry> messages = new LinkedHashMap<>();

        long lastUid() {
            long max = 0;
            for (long u : messages.keySet()) {
                max = Math.max(max, u);
            }
            return max;
        }

        long end() {
            long e = 0;
            for (Entry m : messages.values()) {
                e = Math.max(e, m.end);
            }
            return e;
        }
    }

    static boolean isMaildir(Path p, String format) {
        if (format != null) {
            if (!format.equals("mbox") && !format.equals("maildir")) {
                throw new UsageException("--format takes mbox or maildir, not " + format);
            }
            return format.equals("maildir");
        }
        return Files.isDirectory(p) || p.toString().endsWith("/");
    }

    private static Path stateFile(Path dest, boolean maildir) {
        return maildir ? dest.resolve(STATE) : dest.resolveSibling(dest.getFileName() + STATE);
    }

    private static State readState(Path file) throws IOException {
        State s = new State();
        if (!Files.exists(file)) {
            return s;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] w = line.split(" ");
            try {
                if (w[0].equals("uidvalidity") && w.length == 2) {
                    s.uidValidity = Long.parseLong(w[1]);
                } else if (w[0].equals("modseq") && w.length == 2) {
                    s.modSeq = Long.parseLong(w[1]);
                } else if (w[0].equals("m") && w.length >= 5) {
                    List<String> flags = new ArrayList<>(List.of(w).subList(5, w.length));
                    long uid = Long.parseLong(w[1]);
                    s.messages.put(uid, new Entry(uid, Long.parseLong(w[2]), Long.parseLong(w[3]), w[4], flags));
                } else if (w[0].equals("f") && w.length >= 2) {
                    Entry e = s.messages.get(Long.parseLong(w[1]));
                    if (e != null) {
                        e.flags = new ArrayList<>(List.of(w).subList(2, w.length));
                    }
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException torn) {
                // a torn last line from an interrupted run: the message it names is fetched again
            }
        }
        return s;
    }

    void export(ImapClient c, String mailbox, Path dest, String format, long stopAfter) {
        boolean maildir = isMaildir(dest, format);
        try {
            if (maildir) {
                for (String d : List.of("cur", "new", "tmp")) {
                    Files.createDirectories(dest.resolve(d));
                }
            } else if (dest.getParent() != null) {
                Files.createDirectories(dest.toAbsolutePath().getParent());
            }
            Path stateFile = stateFile(dest, maildir);
            State state = readState(stateFile);
            boolean condstore = c.hasCapability(Capability.Known.CONDSTORE) || c.hasCapability(Capability.Known.QRESYNC);
            SelectResult sel = condstore ? c.select(MailboxName.of(mailbox), true, null)
                    : c.select(MailboxName.of(mailbox));
            long validity = sel.uidValidity().orElse(0);
            if (state.uidValidity != 0 && state.uidValidity != validity) {
                throw new UsageException("UIDVALIDITY of " + mailbox + " changed (" + state.uidValidity + " -> "
                        + validity + "): the UIDs in " + stateFile + " mean other messages now; export to a new "
                        + "destination");
            }
            try (var log = Files.newBufferedWriter(stateFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                if (state.uidValidity == 0) {
                    log.write("uidvalidity " + validity + "\n");
                    log.flush();
                }
                int changed = 0;
                if (condstore && state.modSeq > 0 && !state.messages.isEmpty()) {
                    changed = flagChanges(c, state, dest, maildir, log);
                }
                long last = state.lastUid();
                List<Long> uids = new ArrayList<>();
                if (sel.exists() > 0) {
                    for (long u : c.search(SearchKey.uid(SequenceSet.parse((last + 1) + ":*"))).ids()) {
                        if (u > last) {
                            uids.add(u);
                        }
                    }
                }
                long end = state.end();
                FileChannel mbox = null;
                if (!maildir) {
                    mbox = FileChannel.open(dest, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    mbox.truncate(end);
                    mbox.position(end);
                }
                Progress p = progress ? Progress.of(err, "exported", uids.size(), System.console() != null)
                        : Progress.none();
                long bytes = 0;
                int done = 0;
                try {
                    for (int i = 0; i < uids.size(); i += BATCH) {
                        List<Long> batch = uids.subList(i, Math.min(uids.size(), i + BATCH));
                        Map<Long, FetchResult> r = c.fetch(SequenceSet.of(batch), FetchAttribute.Item.FLAGS,
                                FetchAttribute.Item.INTERNALDATE,
                                new FetchAttribute.BodySection(Section.whole(), true, null));
                        for (long uid : batch) {
                            FetchResult m = r.get(uid);
                            if (m == null) {
                                continue;
                            }
                            byte[] msg = m.message().map(Bytes::toByteArray).orElse(new byte[0]);
                            List<String> flags = flagWords(m.flags().orElse(List.of()));
                            String date = m.internalDate().map(OffsetDateTime::toString).orElse("-");
                            if (maildir) {
                                writeMaildir(dest, uid, msg, flags, m.internalDate().orElse(null));
                            } else {
                                mbox.write(java.nio.ByteBuffer.wrap(mboxEntry(msg, m.internalDate().orElse(null),
                                        flags)));
                                mbox.force(false);
                                end = mbox.position();
                            }
                            if (stopAfter > 0 && done >= stopAfter) {
                                // test hook: die like a killed process, after the message was written and before
                                // it was logged, the worst moment for a resume
                                err.println("stopping after " + done + " messages (--stop-after)");
                                err.flush();
                                Runtime.getRuntime().halt(Main.SERVER_REFUSED);
                            }
                            log.write("m " + uid + " " + msg.length + " " + end + " " + date
                                    + (flags.isEmpty() ? "" : " " + String.join(" ", flags)) + "\n");
                            log.flush();
                            bytes += msg.length;
                            done++;
                            p.advance(1, msg.length);
                        }
                    }
                } finally {
                    if (mbox != null) {
                        mbox.close();
                    }
                }
                p.finish();
                // the value from SELECT: changes made while this run fetched are picked up by the next run
                if (condstore && sel.highestModSeq().isPresent()) {
                    log.write("modseq " + sel.highestModSeq().getAsLong() + "\n");
                }
                if (json) {
                    out.println(Json.write(Json.obj("command", "export", "mailbox", mailbox, "destination",
                            dest.toString(), "format", maildir ? "maildir" : "mbox", "exported", done, "bytes", bytes,
                            "archived", state.messages.size() + done, "flagChanges", condstore ? changed : null)));
                    return;
                }
                out.println("exported " + done + " new message" + (done == 1 ? "" : "s") + " (" + Text.bytes(bytes)
                        + ") from " + mailbox + " to " + dest + (maildir ? " (Maildir)" : " (mbox)") + "; "
                        + (state.messages.size() + done) + " in the archive"
                        + (condstore ? ", " + changed + " flag change" + (changed == 1 ? "" : "s") : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("export to " + dest + ": " + e.getMessage(), e);
        }
    }

    private int flagChanges(ImapClient c, State state, Path dest, boolean maildir, java.io.Writer log)
            throws IOException {
        Map<Long, FetchResult> r = c.fetchChangedSince(SequenceSet.range(1, state.lastUid()), state.modSeq,
                FetchAttribute.Item.FLAGS);
        int n = 0;
        for (Map.Entry<Long, FetchResult> e : r.entrySet()) {
            Entry known = state.messages.get(e.getKey());
            if (known == null || e.getValue().flags().isEmpty()) {
                continue;
            }
            List<String> flags = flagWords(e.getValue().flags().get());
            if (flags.equals(known.flags)) {
                continue;
            }
            if (maildir) {
                renameMaildir(dest, known.uid, flags);
            }
            known.flags = flags;
            log.write("f " + known.uid + (flags.isEmpty() ? "" : " " + String.join(" ", flags)) + "\n");
            n++;
        }
        log.flush();
        return n;
    }

    private static List<String> flagWords(List<Flag> flags) {
        List<String> out = new ArrayList<>();
        for (Flag f : flags) {
            if (!f.equals(Flag.RECENT)) {
                out.add(f.value());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- mbox (mboxrd)

    /**
     * One mbox entry: the {@code From } line with the INTERNALDATE (UTC), the flags as mutt and Thunderbird read them
     * ({@code Status: RO} for \\Seen; {@code X-Status:} A answered, F flagged, T draft, D deleted) in LF-ended lines
     * before the message's own CRLF-ended header (so an import with the state log can take them off again exactly),
     * then the message, mboxrd-quoted.
     */
    static byte[] mboxEntry(byte[] msg, OffsetDateTime date, List<String> flags) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(msg.length + 100);
        String when = date == null ? "Thu Jan  1 00:00:00 1970"
                : java.time.format.DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", java.util.Locale.ROOT)
                        .format(date.atZoneSameInstant(java.time.ZoneOffset.UTC));
        b.writeBytes(("From imap4j@localhost " + when + "\n").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(statusLines(flags).getBytes(StandardCharsets.US_ASCII));
        int lineStart = 0;
        for (int i = 0; i <= msg.length; i++) {
            if (i == msg.length || msg[i] == '\n') {
                int end = i == msg.length ? i : i + 1;
                if (isFromLine(msg, lineStart, end)) {
                    b.write('>');
                }
                b.write(msg, lineStart, end - lineStart);
                lineStart = end;
            }
        }
        b.write('\n');
        return b.toByteArray();
    }

    /** The {@code Status:}/{@code X-Status:} lines (LF-ended) for these flags; empty when none applies. */
    static String statusLines(List<String> flags) {
        StringBuilder x = new StringBuilder();
        String[][] letters = {{"\\Answered", "A"}, {"\\Flagged", "F"}, {"\\Draft", "T"}, {"\\Deleted", "D"}};
        for (String[] l : letters) {
            if (flags.stream().anyMatch(f -> f.equalsIgnoreCase(l[0]))) {
                x.append(l[1]);
            }
        }
        boolean seen = flags.stream().anyMatch(f -> f.equalsIgnoreCase("\\Seen"));
        return (seen ? "Status: RO\n" : "") + (x.length() > 0 ? "X-Status: " + x + "\n" : "");
    }

    /**
     * The length of the LF-ended {@code Status:}/{@code X-Status:} lines {@link #mboxEntry} put before a message
     * (a message fetched from a server has CRLF line ends, so its own fields are never taken for them).
     */
    static int statusPrefix(byte[] m) {
        int i = 0;
        while (true) {
            int eol = i;
            while (eol < m.length && m[eol] != '\n') {
                eol++;
            }
            if (eol == m.length || eol == i || m[eol - 1] == '\r') {
                return i;
            }
            String line = new String(m, i, eol - i, StandardCharsets.US_ASCII);
            if (!line.startsWith("Status: ") && !line.startsWith("X-Status: ")) {
                return i;
            }
            i = eol + 1;
        }
    }

    // ">*From " at a line start is quoted with one more '>' (mboxrd), so unquoting is exact.
    private static boolean isFromLine(byte[] b, int start, int end) {
        int i = start;
        while (i < end && b[i] == '>') {
            i++;
        }
        return end - i >= 5 && b[i] == 'F' && b[i + 1] == 'r' && b[i + 2] == 'o' && b[i + 3] == 'm' && b[i + 4] == ' ';
    }

    /**
     * One message of an mbox file, unquoted, without the separator's trailing newline.
     *
     * @param data     the message bytes
     * @param fromLine the {@code From } separator line before it (without its newline)
     * @param offset   the byte offset of the separator in the file, to name the message in reports
     */
    record MboxMessage(byte[] data, String fromLine, long offset) {
    }

    /** @return the messages of an mbox file, unquoted, each without the separator's trailing newline */
    static List<MboxMessage> readMbox(byte[] data) {
        List<MboxMessage> out = new ArrayList<>();
        ByteArrayOutputStream cur = null;
        String fromLine = null;
        long offset = 0;
        int lineStart = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == '\n') {
                int end = i == data.length ? i : i + 1;
                if (end > lineStart) {
                    boolean separator = end - lineStart >= 5 && data[lineStart] == 'F' && data[lineStart + 1] == 'r'
                            && data[lineStart + 2] == 'o' && data[lineStart + 3] == 'm' && data[lineStart + 4] == ' ';
                    if (separator) {
                        if (cur != null) {
                            out.add(new MboxMessage(dropLastNewline(cur.toByteArray()), fromLine, offset));
                        }
                        cur = new ByteArrayOutputStream();
                        fromLine = new String(data, lineStart, i - lineStart, StandardCharsets.ISO_8859_1).strip();
                        offset = lineStart;
                    } else if (cur != null) {
                        int from = isFromLine(data, lineStart, end) && data[lineStart] == '>' ? lineStart + 1
                                : lineStart;
                        cur.write(data, from, end - from);
                    }
                }
                lineStart = end;
            }
        }
        if (cur != null) {
            out.add(new MboxMessage(dropLastNewline(cur.toByteArray()), fromLine, offset));
        }
        return out;
    }

    private static byte[] dropLastNewline(byte[] b) {
        return b.length > 0 && b[b.length - 1] == '\n' ? java.util.Arrays.copyOf(b, b.length - 1) : b;
    }

    // ---------------------------------------------------------------- Maildir

    private static String maildirInfo(List<String> flags) {
        StringBuilder sb = new StringBuilder(":2,");
        String[][] letters = {{"\\Draft", "D"}, {"\\Flagged", "F"}, {"\\Answered", "R"}, {"\\Seen", "S"},
            {"\\Deleted", "T"}};
        for (String[] l : letters) {
            for (String f : flags) {
                if (f.equalsIgnoreCase(l[0])) {
                    sb.append(l[1]);
                }
            }
        }
        return sb.toString();
    }

    private static String maildirBase(long uid) {
        return String.format(java.util.Locale.ROOT, "imap4j-%010d.localhost", uid);
    }

    /** Writes one message; its file's modification time is the INTERNALDATE, as Dovecot keeps it in a Maildir. */
    private static void writeMaildir(Path dir, long uid, byte[] msg, List<String> flags, OffsetDateTime date)
            throws IOException {
        Path tmp = dir.resolve("tmp").resolve(maildirBase(uid));
        Files.write(tmp, msg);
        if (date != null) {
            Files.setLastModifiedTime(tmp, java.nio.file.attribute.FileTime.from(date.toInstant()));
        }
        removeMaildir(dir, uid);
        Files.move(tmp, dir.resolve("cur").resolve(maildirBase(uid) + maildirInfo(flags)),
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static void removeMaildir(Path dir, long uid) throws IOException {
        for (Path p : maildirFiles(dir)) {
            if (p.getFileName().toString().startsWith(maildirBase(uid) + ":")) {
                Files.delete(p);
            }
        }
    }

    private static void renameMaildir(Path dir, long uid, List<String> flags) throws IOException {
        for (Path p : maildirFiles(dir)) {
            if (p.getFileName().toString().startsWith(maildirBase(uid) + ":")) {
                Files.move(p, dir.resolve("cur").resolve(maildirBase(uid) + maildirInfo(flags)),
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private static List<Path> maildirFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String sub : List.of("cur", "new")) {
            Path d = dir.resolve(sub);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(Files::isRegularFile).sorted().forEach(out::add);
                }
            }
        }
        return out;
    }

    private static List<String> flagsFromInfo(String name) {
        List<String> out = new ArrayList<>();
        int i = name.indexOf(":2,");
        if (i < 0) {
            return out;
        }
        for (char ch : name.substring(i + 3).toCharArray()) {
            switch (ch) {
                case 'D': out.add("\\Draft"); break;
                case 'F': out.add("\\Flagged"); break;
                case 'R': out.add("\\Answered"); break;
                case 'S': out.add("\\Seen"); break;
                case 'T': out.add("\\Deleted"); break;
                default: break;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- import

    /** One message to import, with where it came from (for reports), its flags and its INTERNALDATE (or null). */
    private record Source(String where, byte[] data, List<String> flags, OffsetDateTime date) {
    }

    /**
     * Imports an mbox file or a Maildir. Each message is appended with CRLF line ends (bare LF, as Unix mbox files
     * have, is refused by Cyrus and Dovecot), its flags and its date:
     * <ul>
     * <li>from the state log when the archive was written by {@code export} (exact bytes, flags, INTERNALDATE);</li>
     * <li>otherwise flags from the Maildir info suffix ({@code :2,DFRST}) or the mbox {@code Status:} ({@code R}
     * read) and {@code X-Status:} ({@code A} answered, {@code F} flagged, {@code T} draft, {@code D} deleted) header
     * fields, and the date from the mbox {@code From } line or the Maildir file's modification time (the delivery
     * time, as Dovecot uses it), else from the {@code Date:} header field.</li>
     * </ul>
     * An empty message, or one whose first line is not a header field, is skipped and reported with its position, as
     * is one the server refuses; the command then exits non-zero after importing the rest.
     *
     * <p>A re-run does not duplicate: before appending, the target mailbox's messages are listed by Message-ID and
     * INTERNALDATE (to the second), and a source message with the same two (its date found as above) is skipped as
     * already there. A message without a Message-ID matches on INTERNALDATE and RFC822.SIZE instead (its size
     * counted after the CRLF normalisation). Two different messages that agree on these are taken as one. The size
     * is not part of the Message-ID key because servers disagree on it: GreenMail's RFC822.SIZE counts the body
     * only, so there a message without a Message-ID is imported again.
     */
    void importInto(ImapClient c, String mailbox, Path source) {
        if (!Files.exists(source)) {
            throw new UsageException("no such file or directory: " + source);
        }
        boolean maildir = Files.isDirectory(source);
        List<String> skipped = new ArrayList<>();
        try {
            State state = readState(stateFile(source, maildir));
            List<Source> messages = new ArrayList<>();
            List<Entry> entries = new ArrayList<>(state.messages.values());
            if (maildir) {
                for (Path p : maildirFiles(source)) {
                    String name = p.getFileName().toString();
                    byte[] data = Files.readAllBytes(p);
                    Entry e = null;
                    if (name.startsWith("imap4j-")) {
                        try {
                            e = state.messages.get(Long.parseLong(name.substring(7, name.indexOf('.'))));
                        } catch (NumberFormatException | StringIndexOutOfBoundsException ignored) {
                            e = null;
                        }
                    }
                    String where = source.relativize(p).toString();
                    if (e != null) {
                        messages.add(new Source(where, data, e.flags, parseDate(e.date)));
                    } else {
                        OffsetDateTime mtime = Files.getLastModifiedTime(p).toInstant().atOffset(
                                java.time.ZoneOffset.UTC);
                        messages.add(new Source(where, data, flagsFromInfo(name), mtime));
                    }
                }
            } else {
                List<MboxMessage> raw = readMbox(Files.readAllBytes(source));
                for (int i = 0; i < raw.size(); i++) {
                    byte[] m = raw.get(i).data();
                    Entry e = i < entries.size() ? entries.get(i) : null;
                    String where = "message " + (i + 1) + " (byte " + raw.get(i).offset() + ")";
                    int prefix = e != null ? statusPrefix(m) : 0;
                    if (e != null && e.size <= m.length - prefix) {
                        m = java.util.Arrays.copyOfRange(m, prefix, prefix + (int) e.size);
                        messages.add(new Source(where, m, e.flags, parseDate(e.date)));
                    } else {
                        OffsetDateTime date = fromLineDate(raw.get(i).fromLine());
                        messages.add(new Source(where, m, mboxFlags(m), date != null ? date : headerDate(m)));
                    }
                }
            }
            MailboxName box = MailboxName.of(mailbox);
            boolean created = false;
            try {
                c.status(box, org.imap4j.codec.command.StatusAttribute.MESSAGES);
            } catch (ImapCommandException missing) {
                c.create(box);
                created = true;
                if (!json) {
                    out.println("created " + mailbox);
                }
            }
            java.util.Set<String> present = created ? java.util.Set.of() : presentKeys(c, box);
            long total = 0;
            for (Source m : messages) {
                total += m.data().length;
            }
            Progress p = progress ? Progress.of(err, "imported", messages.size(), System.console() != null)
                    : Progress.none();
            int imported = 0;
            int already = 0;
            long bytes = 0;
            for (Source m : messages) {
                String problem = unparsable(m.data());
                if (problem != null) {
                    skipped.add(m.where() + ": " + problem);
                    p.advance(1, m.data().length);
                    continue;
                }
                byte[] data = Commands.crlf(m.data());
                OffsetDateTime date = m.date() != null ? m.date() : headerDate(data);
                if (present.contains(key(messageId(data), data.length, date))) {
                    already++;
                    p.advance(1, m.data().length);
                    continue;
                }
                List<Flag> fl = new ArrayList<>();
                for (String f : m.flags()) {
                    if (!f.equalsIgnoreCase("\\Recent")) {
                        fl.add(Flag.of(f));
                    }
                }
                try {
                    c.append(box, Bytes.of(data), date, fl.toArray(new Flag[0]));
                    imported++;
                    bytes += data.length;
                } catch (ImapCommandException refused) {
                    skipped.add(m.where() + ": the server refused it: " + Text.safe(refused.getMessage()));
                }
                p.advance(1, m.data().length);
            }
            p.finish();
            if (json) {
                out.println(Json.write(Json.obj("command", "import", "mailbox", mailbox, "source",
                        source.toString(), "imported", imported, "bytes", bytes, "alreadyThere", already,
                        "skipped", skipped)));
            } else {
                out.println("imported " + imported + " message" + (imported == 1 ? "" : "s") + " ("
                    + Text.bytes(bytes) + ") from " + source + " into " + mailbox
                    + (already > 0 ? "; " + already + " already there" : "")
                    + (skipped.isEmpty() ? "" : "; " + skipped.size() + " skipped"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("import from " + source + ": " + e.getMessage(), e);
        }
        if (!skipped.isEmpty()) {
            for (String s : skipped) {
                err.println("imap4j: skipped " + s);
            }
            throw new SkippedMessagesException(skipped.size() + " message" + (skipped.size() == 1 ? " was" : "s were")
                    + " skipped (listed above); the others were imported");
        }
    }

    private static OffsetDateTime parseDate(String logged) {
        return logged.equals("-") ? null : OffsetDateTime.parse(logged);
    }

    /** The dedup key of a message: Message-ID, else size; and INTERNALDATE to the second (or empty). */
    private static String key(String messageId, long size, OffsetDateTime date) {
        return (messageId.isEmpty() ? "size " + size : "id " + messageId) + "\u0000"
                + (date == null ? "" : Long.toString(date.toEpochSecond()));
    }

    private static java.util.Set<String> presentKeys(ImapClient c, MailboxName box) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        SelectResult sel = c.examine(box);
        if (sel.exists() == 0) {
            return keys;
        }
        List<Long> uids = c.search(SearchKey.all()).ids();
        for (int i = 0; i < uids.size(); i += Commands.FETCH_BATCH) {
            List<Long> batch = uids.subList(i, Math.min(uids.size(), i + Commands.FETCH_BATCH));
            for (FetchResult m : c.fetch(SequenceSet.of(batch), FetchAttribute.Item.ENVELOPE,
                    FetchAttribute.Item.RFC822_SIZE, FetchAttribute.Item.INTERNALDATE).values()) {
                String id = m.envelope().map(e -> e.messageId() == null ? "" : e.messageId().strip()).orElse("");
                long size = m.size().orElse(-1);
                keys.add(key(id, size, m.internalDate().orElse(null)));
                keys.add(key(id, size, null));
            }
        }
        return keys;
    }

    /** @return why the message cannot be imported, or null: empty, or its first line is no header field */
    static String unparsable(byte[] m) {
        int i = 0;
        while (i < m.length && (m[i] == '\r' || m[i] == '\n' || m[i] == ' ' || m[i] == '\t')) {
            i++;
        }
        if (i == m.length) {
            return "empty message";
        }
        if (i > 0) {
            return "no header fields (starts with a blank line)";
        }
        int colon = -1;
        for (int j = 0; j < m.length && m[j] != '\n'; j++) {
            if (m[j] == ':') {
                colon = j;
                break;
            }
            if (m[j] <= ' ' || m[j] >= 127) {
                break;
            }
        }
        return colon > 0 ? null : "no header fields (the first line is not \"Name: value\")";
    }

    /** The unfolded value of the first header field {@code name}, or null; the header ends at the first blank line. */
    static String header(byte[] m, String name) {
        String head = new String(m, 0, headerEnd(m), StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
                .replaceAll("\n[ \t]+", " ");
        for (String line : head.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static int headerEnd(byte[] m) {
        for (int i = 0; i + 1 < m.length; i++) {
            if (m[i] == '\n' && (m[i + 1] == '\n' || (m[i + 1] == '\r' && i + 2 < m.length && m[i + 2] == '\n'))) {
                return i + 1;
            }
        }
        return m.length;
    }

    private static String messageId(byte[] m) {
        String id = header(m, "Message-ID");
        return id == null ? "" : id;
    }

    /** {@code Status: RO} and {@code X-Status: AFT} (as mutt and Thunderbird write them) to IMAP flags. */
    static List<String> mboxFlags(byte[] m) {
        List<String> out = new ArrayList<>();
        String status = header(m, "Status");
        String x = header(m, "X-Status");
        if (status != null && status.indexOf('R') >= 0) {
            out.add("\\Seen");
        }
        if (x != null) {
            String[][] letters = {{"A", "\\Answered"}, {"F", "\\Flagged"}, {"T", "\\Draft"}, {"D", "\\Deleted"}};
            for (String[] l : letters) {
                if (x.contains(l[0])) {
                    out.add(l[1]);
                }
            }
        }
        return out;
    }

    /** The date of an mbox separator, {@code From sender Thu Nov 14 06:28:00 2024} (asctime, UTC), or null. */
    static OffsetDateTime fromLineDate(String fromLine) {
        if (fromLine == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "([A-Z][a-z]{2}) +([A-Z][a-z]{2}) +(\\d{1,2}) +(\\d{1,2}):(\\d{2})(?::(\\d{2}))? +(\\d{4})")
                .matcher(fromLine);
        if (!m.find()) {
            return null;
        }
        try {
            String text = m.group(2) + " " + m.group(3) + " " + m.group(7) + " " + m.group(4) + ":" + m.group(5)
                    + ":" + (m.group(6) == null ? "00" : m.group(6));
            return java.time.LocalDateTime.parse(text, java.time.format.DateTimeFormatter.ofPattern(
                    "MMM d yyyy H:mm:ss", java.util.Locale.ROOT)).atOffset(java.time.ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The {@code Date:} header field (RFC 5322), or null when absent or unparsable. */
    static OffsetDateTime headerDate(byte[] m) {
        String d = header(m, "Date");
        if (d == null) {
            return null;
        }
        d = d.replaceAll("\\([^)]*\\)", "").strip().replaceAll(" +", " ");
        try {
            return java.time.ZonedDateTime.parse(d, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toOffsetDateTime();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
