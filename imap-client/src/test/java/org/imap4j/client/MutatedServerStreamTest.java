package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.imap4j.client.auth.Sasl;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real server's stream, damaged on its way to the client: a proxy between the client and Dovecot passes every byte
 * the client sends, and mutates what the server answers, line by line, from one seed per round (bytes replaced by
 * the grammar's special characters, lines cut short, dropped, doubled or split, numbers swapped for overflowing
 * ones, tags damaged, a completion for the command in flight sent early, hostile lines injected: huge literal
 * announcements, deep nesting, stray continuations, BYE). Several operations are in flight at once (pipelined) on
 * both transports, and every one of them must end, within its deadline, in a value or a typed
 * {@link ImapException}; nothing else (no {@code NullPointerException}, no {@code IllegalArgumentException}, no
 * {@code StackOverflowError}), and reading every field of what was returned must not throw either. An IDLE runs
 * while another client adds and expunges a message, so pushed responses are damaged too: DONE or a typed error
 * ends it. Closing the client must return promptly whatever state the stream left it in. Over implicit TLS one byte
 * of the server's records is damaged (a bit flipped, a byte lost, the rest of a read zeroed), in the handshake or
 * after it, and likewise one byte of a cleartext session that turned on COMPRESS=DEFLATE after LOGIN: every
 * operation again ends in a value or a typed error ({@code ImapTlsException} among them).
 *
 * <p>{@code -Dmutation.rounds=N} (default 16 per transport) and {@code -Dmutation.seed=S} (first seed) run a longer
 * campaign: {@code mvn -pl imap-client -am test -Dtest=MutatedServerStreamTest -Dmutation.rounds=500
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class MutatedServerStreamTest {
    private static final Duration COMMAND = Duration.ofMillis(1500);
    private static final Duration GRACE = Duration.ofSeconds(6);
    private static final MailboxName BOX = MailboxName.of("Mutated");
    private static final double RATE = Double.parseDouble(System.getProperty("mutation.rate", "0.06"));

    /** Lines a hostile server may send at any point. */
    private static final List<String> HOSTILE = List.of(
            "* 4294967296 EXISTS",
            "* 0 EXPUNGE",
            "* 99999 EXPUNGE",
            "* 1 EXPUNGE",
            "* 1 FETCH (UID 0)",
            "* 1 FETCH (FLAGS (\\Seen \\Bogus $x) UID 4294967295)",
            "* 2147483648 FETCH (UID 1)",
            "+ ",
            "+ go ahead",
            "* BYE going away",
            "* OK [ALERT] \u001b[31mred\u0007",
            "* CAPABILITY IMAP4rev1",
            "* ENABLED QRESYNC",
            "* VANISHED (EARLIER) 1:*",
            "* VANISHED 4294967295:1",
            "* FLAGS (",
            "* LIST () \"/\" {100000000}",
            "* 1 FETCH (BODY[] {2147483648}",
            "* 1 FETCH (BODY[] {99999999999999999999}",
            "* 1 FETCH (BODYSTRUCTURE " + "(".repeat(3000),
            "* 1 FETCH (BODYSTRUCTURE (\"text\" \"plain\" (\"a\" \"b\" \"c\") NIL NIL \"7bit\" -5 2))",
            "* SEARCH 1 2 3 -4",
            "* SEARCH 0",
            "* ESEARCH (TAG \"A1\") ALL 1:4294967295",
            "* ESEARCH (TAG \"zz\" UID COUNT 99999999999",
            "* STATUS \"Mutated\" (MESSAGES 1 UIDNEXT 0 UIDVALIDITY 18446744073709551616)",
            "* STATUS (MESSAGES)",
            "* NO [TRYCREATE] x",
            "* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL))",
            "* 1 FETCH (ENVELOPE (\"d\" \"s\" ((NIL NIL NIL NIL)) NIL NIL NIL NIL NIL NIL NIL))",
            "* 1 FETCH (INTERNALDATE \"99-Foo-9999 99:99:99 +9999\")",
            "* 1 FETCH (INTERNALDATE \"31-Feb-2024 25:61:61 -2500\")",
            "* 1 FETCH (BINARY[1] ~{5}\r\nab\0cd)",
            "* 1 FETCH (MODSEQ (18446744073709551616))",
            "* 1 FETCH (RFC822.SIZE 99999999999999999999)",
            "*",
            "",
            "* OK [UIDVALIDITY 0] x",
            "* OK [COPYUID 1 1:* 1] x",
            "* OK [PERMANENTFLAGS (\\*] x",
            "* OK [HIGHESTMODSEQ -1] x",
            "* 1 RECENT",
            "* LSUB (\\Noselect) NIL \"\"",
            "* LIST (\\HasNoChildren) \"/\" \"\u00ff\u00fe&-&AAA-\"",
            "* QUOTA \"\" (STORAGE 1)",
            "* METADATA INBOX (/a {3}",
            "* ID (\"name\")",
            "* NAMESPACE ((\"\" \"/\")) NIL",
            "* THREAD ((((((1))))))",
            "* SORT 1 x",
            "\0\0\0\0",
            "* 1 FETCH (" + "FLAGS () ".repeat(2000) + ")");

    /** Bytes that matter to the grammar, for replacements and insertions. */
    private static final byte[] SPECIAL = "()\"{}\\*[] <>~%+0123456789\r\n\0\u007f".getBytes(StandardCharsets.ISO_8859_1);

    /**
     * The proxy: client bytes pass unchanged (their tags are noted), server lines are mutated.
     */
    private static final class MutatingProxy implements AutoCloseable {
        private final ServerSocket listener;
        private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        private final int target;
        private final long seed;
        private final double rate;
        private volatile String lastTag = "A1";
        volatile int mutations;

        private final int oneByteWithin;

        MutatingProxy(int target, long seed, double rate) throws IOException {
            this(target, seed, rate, 0);
        }

        /**
         * With {@code oneByteWithin} above 0, the lines are left alone and one byte of the server's stream (TLS
         * records, a DEFLATE stream) is damaged instead, at a seeded offset below that bound.
         */
        MutatingProxy(int target, long seed, double rate, int oneByteWithin) throws IOException {
            this.oneByteWithin = oneByteWithin;
            this.target = target;
            this.seed = seed;
            this.rate = rate;
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::accept, "mutating-proxy-accept");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                start("up", () -> relay(client, server, this::noteTags));
                Random r = new Random(seed);
                if (oneByteWithin > 0) {
                    long at = r.nextInt(oneByteWithin);
                    int how = r.nextInt(3);
                    long[] total = {0};
                    start("down", () -> relay(server, client, (buf, n, out) -> {
                        damageOneByte(buf, n, out, total, at, how, r);
                        return true;
                    }));
                } else {
                    ByteArrayOutputStream pending = new ByteArrayOutputStream();
                    start("down", () -> relay(server, client, (buf, n, out) -> mutateLines(buf, n, out, pending, r)));
                }
            } catch (IOException e) {
                // closed before a client came
            }
        }

        private static void start(String name, Runnable r) {
            Thread t = new Thread(r, "mutating-proxy-" + name);
            t.setDaemon(true);
            t.start();
        }

        /** What one direction does with each chunk read: writes it on, changed or not; false cuts the connection. */
        private interface Chunk {
            boolean pass(byte[] buf, int n, OutputStream out) throws IOException;
        }

        private void relay(Socket from, Socket to, Chunk chunk) {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    boolean more = chunk.pass(buf, n, out);
                    out.flush();
                    if (!more) {
                        return; // the proxy cut the connection
                    }
                }
            } catch (IOException e) {
                // either side closed
            } finally {
                closeAll();
            }
        }

        private boolean lineStart = true;
        private final StringBuilder tag = new StringBuilder();

        /** Client to server: passed unchanged, each command's tag noted (for the early completions). */
        private boolean noteTags(byte[] buf, int n, OutputStream out) throws IOException {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (lineStart && b != ' ' && b != '\r' && b != '\n') {
                    tag.append((char) b);
                } else if (lineStart && b == ' ' && tag.length() > 0) {
                    lastTag = tag.toString();
                    tag.setLength(0);
                    lineStart = false;
                }
                if (b == '\n') {
                    lineStart = true;
                    tag.setLength(0);
                }
            }
            out.write(buf, 0, n);
            return true;
        }

        /** One byte at offset {@code at} of the stream: a bit flipped, lost, or the rest of its read zeroed. */
        private void damageOneByte(byte[] buf, int n, OutputStream out, long[] total, long at, int how, Random r)
                throws IOException {
            if (at >= total[0] && at < total[0] + n) {
                int i = (int) (at - total[0]);
                mutations++;
                if (how == 0) {
                    buf[i] ^= (byte) (1 << r.nextInt(8));
                } else if (how == 1) {
                    System.arraycopy(buf, i + 1, buf, i, n - i - 1);
                    n--;
                } else {
                    java.util.Arrays.fill(buf, i, n, (byte) 0);
                }
            }
            total[0] += n;
            out.write(buf, 0, n);
        }

        /** Server to client: each complete line goes through {@link #mutate}; a partial one waits for its end. */
        private boolean mutateLines(byte[] buf, int n, OutputStream out, ByteArrayOutputStream pending, Random r)
                throws IOException {
            pending.write(buf, 0, n);
            byte[] all = pending.toByteArray();
            pending.reset();
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    if (!mutate(java.util.Arrays.copyOfRange(all, start, i + 1), sent, r)) {
                        out.write(sent.toByteArray());
                        return false;
                    }
                    start = i + 1;
                }
            }
            if (all.length - start > 16384) { // a long literal: pass its bytes on as they are
                sent.write(all, start, all.length - start);
            } else {
                pending.write(all, start, all.length - start);
            }
            out.write(sent.toByteArray());
            return true;
        }

        /** Writes the line, perhaps mutated, to {@code out}; false when the connection is to be cut here. */
        private boolean mutate(byte[] line, ByteArrayOutputStream out, Random r) {
            if (r.nextDouble() >= rate) {
                out.writeBytes(line);
                return true;
            }
            mutations++;
            int body = line.length - (line.length >= 2 && line[line.length - 2] == '\r' ? 2 : 1);
            switch (r.nextInt(12)) {
                case 0 -> { // replace one byte by a special one
                    byte[] copy = line.clone();
                    if (body > 0) {
                        copy[r.nextInt(body)] = SPECIAL[r.nextInt(SPECIAL.length)];
                    }
                    out.writeBytes(copy);
                }
                case 1 -> { // cut short
                    out.write(line, 0, body == 0 ? 0 : r.nextInt(body));
                    out.writeBytes(crlf());
                }
                case 2 -> { } // dropped
                case 3 -> { // doubled
                    out.writeBytes(line);
                    out.writeBytes(line);
                }
                case 4, 5 -> { // a hostile line first
                    out.writeBytes(ascii(HOSTILE.get(r.nextInt(HOSTILE.size())) + "\r\n"));
                    out.writeBytes(line);
                }
                case 6 -> { // special bytes inserted
                    int at = body == 0 ? 0 : r.nextInt(body);
                    out.write(line, 0, at);
                    for (int k = 1 + r.nextInt(4); k > 0; k--) {
                        out.write(SPECIAL[r.nextInt(SPECIAL.length)]);
                    }
                    out.write(line, at, line.length - at);
                }
                case 7 -> out.writeBytes(numbersSwapped(line, r));
                case 8 -> { // bare LF, or the line split in two
                    if (r.nextBoolean() || body == 0) {
                        out.write(line, 0, body);
                        out.write('\n');
                    } else {
                        int at = r.nextInt(body);
                        out.write(line, 0, at);
                        out.writeBytes(crlf());
                        out.write(line, at, line.length - at);
                    }
                }
                case 9 -> { // tag damaged
                    byte[] copy = line.clone();
                    if (body > 0 && copy[0] != '*' && copy[0] != '+') {
                        copy[0] = (byte) ('A' + r.nextInt(26));
                    }
                    out.writeBytes(copy);
                }
                case 10 -> { // the command in flight completed early, then the real answer
                    String[] words = {"OK", "NO", "BAD"};
                    out.writeBytes(ascii(lastTag + " " + words[r.nextInt(3)] + " early\r\n"));
                    out.writeBytes(line);
                }
                default -> { // the connection cut after this line (rarely) or the line mangled by a non-UTF-8 byte
                    if (r.nextInt(4) == 0) {
                        out.writeBytes(line);
                        return false;
                    }
                    byte[] copy = line.clone();
                    if (body > 0) {
                        copy[r.nextInt(body)] = (byte) (0x80 + r.nextInt(128));
                    }
                    out.writeBytes(copy);
                }
            }
            return true;
        }

        private static byte[] numbersSwapped(byte[] line, Random r) {
            String s = new String(line, StandardCharsets.ISO_8859_1);
            String[] big = {"0", "4294967295", "4294967296", "2147483648", "9223372036854775808",
                "99999999999999999999999", "00000000000000000000001"};
            StringBuilder b = new StringBuilder();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isDigit(c)) {
                    int j = i;
                    while (j < s.length() && Character.isDigit(s.charAt(j))) {
                        j++;
                    }
                    b.append(r.nextInt(3) == 0 ? big[r.nextInt(big.length)] : s.substring(i, j));
                    i = j;
                } else {
                    b.append(c);
                    i++;
                }
            }
            return b.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        private static byte[] crlf() {
            return new byte[] {'\r', '\n'};
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }

        private void closeAll() {
            synchronized (sockets) {
                for (Socket s : sockets) {
                    try {
                        s.close();
                    } catch (IOException e) {
                        // already closed
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            closeAll();
        }
    }

    @Test
    @Timeout(600)
    void everyOperationOnADamagedStreamEndsInAValueOrATypedError() throws Exception {
        int rounds = Integer.getInteger("mutation.rounds", 16);
        long firstSeed = Long.getLong("mutation.seed", 7000);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        try (DovecotServer d = DovecotServer.startOrSkip()) {
            try (ImapClient setup = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                    .allowCleartextPasswords(true).connect()) {
                setup.login(DovecotServer.USER, DovecotServer.PASSWORD);
                setup.create(BOX);
                for (int i = 0; i < 4; i++) {
                    setup.append(BOX, Bytes.utf8(message(i)), Flag.SEEN);
                }
            }
            for (int round = 0; round < 2 * rounds; round++) {
                long seed = firstSeed + round / 2;
                ImapClientConfig.Transport transport = round % 2 == 0 ? ImapClientConfig.Transport.BLOCKING
                        : ImapClientConfig.Transport.NIO;
                oneRound(d, seed, transport, outcomes, failures);
                if (failures.size() > 10) {
                    break;
                }
            }
        }
        synchronized (outcomes) {
            System.out.println("mutated server stream: " + outcomes);
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " operations ended outside a value or a typed error:\n"
                    + String.join("\n\n", failures));
        }
        assertTrue(outcomes.getOrDefault("value", 0) > 0, "some operations succeed: " + outcomes);
        assertTrue(outcomes.getOrDefault("damage done", 0) > 0, "the proxy damaged the stream: " + outcomes);
        assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("Imap")),
                "some operations meet the damage: " + outcomes);
    }

    @Test
    @Timeout(300)
    void aDamagedTlsRecordEndsInATypedError() throws Exception {
        byteDamage(true);
    }

    @Test
    @Timeout(300)
    void aDamagedDeflateStreamEndsInATypedError() throws Exception {
        byteDamage(false);
    }

    /**
     * One byte of the server's stream damaged at a seeded offset: over implicit TLS (the records), or in cleartext
     * with COMPRESS=DEFLATE turned on after LOGIN (so the damage lands in the greeting or LOGIN's answer, or in the
     * compressed stream).
     */
    private static void byteDamage(boolean tls) throws Exception {
        int rounds = Integer.getInteger("mutation.rounds", 16) / 2;
        long firstSeed = Long.getLong("mutation.seed", 7000);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        try (DovecotServer d = DovecotServer.startOrSkip()) {
            for (int round = 0; round < 2 * rounds; round++) {
                long seed = firstSeed + round / 2;
                ImapClientConfig.Transport transport = round % 2 == 0 ? ImapClientConfig.Transport.BLOCKING
                        : ImapClientConfig.Transport.NIO;
                String where = (tls ? "TLS" : "DEFLATE") + ", seed " + seed + " on " + transport;
                try (MutatingProxy proxy = new MutatingProxy(tls ? d.imapsPort() : d.imapPort(), seed, 0,
                        tls ? 5000 : 2500)) {
                    ImapClient c;
                    try {
                        ImapClientConfig.Builder b = ImapClient.builder(d.host()).port(proxy.port())
                                .transport(transport).connectTimeout(Duration.ofSeconds(2))
                                .greetingTimeout(COMMAND).readTimeout(COMMAND).commandTimeout(COMMAND);
                        c = (tls ? b.tlsMode(TlsMode.IMPLICIT).tls(org.imap4j.session.TlsOptions.defaults()
                                .withTrust(new org.imap4j.session.TlsOptions.Trust.Certificates(List.of(d.ca()))))
                                : b.tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true)).connect();
                    } catch (ImapException e) {
                        count(outcomes, e);
                        continue;
                    } catch (Throwable t) {
                        failures.add(where + ", connect: " + stack(t));
                        continue;
                    }
                    try {
                        ImapOperations ops = c.operations();
                        check(where, "login", () -> ops.login(DovecotServer.USER,
                                org.imap4j.codec.core.Secret.of(DovecotServer.PASSWORD)), outcomes, failures);
                        if (!tls) {
                            check(where, "compress", ops::compress, outcomes, failures);
                        }
                        check(where, "list", () -> ops.list("", "*"), outcomes, failures);
                        check(where, "select", () -> ops.select(MailboxName.INBOX), outcomes, failures);
                        check(where, "noop", ops::noop, outcomes, failures);
                        check(where, "logout", ops::logout, outcomes, failures);
                    } finally {
                        closePromptly(where, c, failures);
                        damaged(outcomes, proxy);
                    }
                }
            }
        }
        synchronized (outcomes) {
            System.out.println((tls ? "damaged TLS records: " : "damaged DEFLATE stream: ") + outcomes);
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " operations ended outside a value or a typed error:\n"
                    + String.join("\n\n", failures));
        }
        assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("Imap")),
                "some rounds meet the damage: " + outcomes);
    }

    private static void oneRound(DovecotServer d, long seed, ImapClientConfig.Transport transport,
            Map<String, Integer> outcomes, List<String> failures) throws Exception {
        String where = "seed " + seed + " on " + transport;
        long started = System.nanoTime();
        try (MutatingProxy proxy = new MutatingProxy(d.imapPort(), seed, RATE)) {
            ImapClient c;
            try {
                c = ImapClient.builder("127.0.0.1").port(proxy.port()).tlsMode(TlsMode.PLAIN)
                        .allowCleartextPasswords(true).transport(transport).listener(new Recorder(outcomes))
                        .connectTimeout(Duration.ofSeconds(2)).greetingTimeout(COMMAND)
                        .readTimeout(COMMAND).commandTimeout(COMMAND).connect();
            } catch (ImapException e) {
                count(outcomes, e);
                return;
            } catch (Throwable t) {
                failures.add(where + ", connect: " + stack(t));
                return;
            }
            try {
                ImapOperations ops = c.operations();
                // each way of logging in in turn, so that SASL exchanges (continuations, SCRAM's server messages)
                // meet the damage too
                org.imap4j.codec.core.Secret secret = org.imap4j.codec.core.Secret.of(DovecotServer.PASSWORD);
                String user = DovecotServer.USER;
                switch ((int) (seed % 5)) {
                    case 0 -> check(where, "login", () -> ops.login(user, secret), outcomes, failures);
                    case 1 -> check(where, "PLAIN", () -> ops.authenticate(Sasl.plain(user, secret)), outcomes,
                            failures);
                    case 2 -> check(where, "SCRAM-SHA-256", () -> ops.authenticate(Sasl.scramSha256(user, secret)),
                            outcomes, failures);
                    case 3 -> check(where, "SCRAM-SHA-1", () -> ops.authenticate(Sasl.scramSha1(user, secret)),
                            outcomes, failures);
                    default -> check(where, "CRAM-MD5", () -> ops.authenticate(Sasl.cramMd5(user, secret)),
                            outcomes, failures);
                }
                check(where, "select", () -> ops.select(BOX), outcomes, failures);
                // several in flight at once: a damaged answer to one must not corrupt the others
                List<Started> batch = new ArrayList<>();
                batch.add(started("fetch env+bs", () -> ops.fetch(SequenceSet.parse("1:*"), FetchAttribute.Item.UID,
                        FetchAttribute.Item.FLAGS, FetchAttribute.Item.INTERNALDATE, FetchAttribute.Item.RFC822_SIZE,
                        FetchAttribute.Item.ENVELOPE, FetchAttribute.Item.BODYSTRUCTURE)));
                batch.add(started("status", () -> ops.status(BOX, StatusAttribute.MESSAGES,
                        StatusAttribute.UIDNEXT, StatusAttribute.UIDVALIDITY)));
                batch.add(started("list", () -> ops.list("", "*")));
                batch.add(started("search", () -> ops.search(SearchKey.Simple.ALL)));
                batch.add(started("fetch body", () -> ops.fetch(SequenceSet.parse("1:2"),
                        new FetchAttribute.BodySection(Section.whole(), true, null))));
                batch.add(started("noop", ops::noop));
                for (Started s : batch) {
                    if (s.op() != null) {
                        awaitOne(where, s.what(), s.op(), outcomes, failures);
                    } else if (s.refused() instanceof ImapException e) {
                        count(outcomes, e);
                    } else {
                        failures.add(where + ", " + s.what() + " (starting): " + stack(s.refused()));
                    }
                }
                check(where, "store", () -> ops.store(SequenceSet.of(1), org.imap4j.codec.command.Command.StoreMode.ADD,
                        false, null, Flag.FLAGGED), outcomes, failures);
                check(where, "fetch flags", () -> ops.fetch(SequenceSet.parse("1:*"), FetchAttribute.Item.FLAGS),
                        outcomes, failures);
                idle(where, c, d, outcomes, failures);
                check(where, "logout", ops::logout, outcomes, failures);
            } finally {
                closePromptly(where, c, failures);
                damaged(outcomes, proxy);
            }
        }
        long took = System.nanoTime() - started;
        if (took > Duration.ofSeconds(60).toNanos()) {
            failures.add(where + ": the round took " + took / 1_000_000 + " ms");
        }
    }

    /** Counts what the proxy damaged in a round (lines, or the one byte), beside the outcomes. */
    private static void damaged(Map<String, Integer> outcomes, MutatingProxy proxy) {
        synchronized (outcomes) {
            outcomes.merge("damage done", proxy.mutations, Integer::sum);
        }
    }

    /** Closes the client, whatever state the stream left it in; a close that throws or lingers is a failure. */
    private static void closePromptly(String where, ImapClient c, List<String> failures) {
        long closing = System.nanoTime();
        try {
            c.close();
        } catch (ImapException e) {
            // closing a broken connection may report how it broke
        } catch (Throwable t) {
            failures.add(where + ", close: " + stack(t));
        }
        long took = System.nanoTime() - closing;
        if (took > GRACE.toNanos()) {
            failures.add(where + ", close took " + took / 1_000_000 + " ms");
        }
    }

    /** Counts the events a damaged stream gives the listener, reading each one whole. */
    private static final class Recorder implements MailboxListener {
        private final Map<String, Integer> outcomes;

        Recorder(Map<String, Integer> outcomes) {
            this.outcomes = outcomes;
        }

        private void seen(String what, Object... args) {
            String.valueOf(java.util.Arrays.asList(args));
            synchronized (outcomes) {
                outcomes.merge("event " + what, 1, Integer::sum);
            }
        }

        @Override
        public void newMessages(long exists, long recent) {
            seen("newMessages", exists, recent);
        }

        @Override
        public void expunged(long seq) {
            seen("expunged", seq);
        }

        @Override
        public void vanished(SequenceSet uids, boolean earlier) {
            seen("vanished", uids, earlier);
        }

        @Override
        public void flagsChanged(FlagUpdate update) {
            seen("flagsChanged", update);
        }

        @Override
        public void alert(String text) {
            seen("alert", text);
        }

        @Override
        public void bye(String text) {
            seen("bye", text);
        }

        @Override
        public void unreadableResponse(org.imap4j.codec.ImapProtocolException error) {
            seen("unreadable", error.getMessage());
        }

        @Override
        public void closed(ImapException cause) {
            seen("closed", cause);
        }
    }

    /**
     * IDLE on the damaged stream while another client (straight to Dovecot) adds a message and expunges it, so that
     * the server pushes EXISTS and EXPUNGE through the proxy; DONE must end the IDLE, or a typed error must.
     */
    private static void idle(String where, ImapClient c, DovecotServer d, Map<String, Integer> outcomes,
            List<String> failures) {
        long start = System.nanoTime();
        try {
            Idle idle = c.idle();
            if (idle.awaitStarted(COMMAND)) {
                try (ImapClient side = ImapClient.builder(d.host()).port(d.imapPort()).tlsMode(TlsMode.PLAIN)
                        .allowCleartextPasswords(true).connect()) {
                    side.login(DovecotServer.USER, DovecotServer.PASSWORD);
                    side.select(BOX);
                    long uid = side.append(BOX, Bytes.utf8(message(9))).uid().orElseThrow();
                    side.addFlags(SequenceSet.of(uid), Flag.DELETED);
                    side.expunge();
                }
            }
            idle.done();
            if (!idle.await(COMMAND.plus(GRACE))) {
                failures.add(where + ", idle: not ended " + (System.nanoTime() - start) / 1_000_000
                        + " ms after it started (the command deadline is " + COMMAND.toMillis() + " ms)");
                return;
            }
            count(outcomes, null);
        } catch (ImapException e) {
            count(outcomes, e);
        } catch (Throwable t) {
            failures.add(where + ", idle: " + stack(t));
        }
    }

    /** One operation started, or the throwable its start raised. */
    private record Started(String what, Operation<?> op, Throwable refused) {
    }

    private static Started started(String what, Supplier<Operation<?>> start) {
        try {
            return new Started(what, start.get(), null);
        } catch (Throwable t) {
            return new Started(what, null, t);
        }
    }

    private static void check(String where, String what, Supplier<Operation<?>> start, Map<String, Integer> outcomes,
            List<String> failures) {
        Operation<?> op;
        try {
            op = start.get();
        } catch (ImapException e) {
            count(outcomes, e);
            return;
        } catch (Throwable t) {
            failures.add(where + ", " + what + " (starting): " + stack(t));
            return;
        }
        awaitOne(where, what, op, outcomes, failures);
    }

    private static void awaitOne(String where, String what, Operation<?> op, Map<String, Integer> outcomes,
            List<String> failures) {
        long start = System.nanoTime();
        try {
            Object value = op.future().get(COMMAND.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
            readEverything(value);
            count(outcomes, null);
        } catch (TimeoutException e) {
            failures.add(where + ", " + what + ": no outcome " + (System.nanoTime() - start) / 1_000_000
                    + " ms after it started (the command deadline is " + COMMAND.toMillis() + " ms)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ImapException ie) {
                count(outcomes, ie);
            } else {
                failures.add(where + ", " + what + ": " + stack(cause));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(where + ", " + what + ": interrupted");
        } catch (Throwable t) {
            failures.add(where + ", " + what + " (reading the value): " + stack(t));
        }
    }

    /** Reads every field of a value, lazy ones and the client's decoding helpers included. */
    private static void readEverything(Object value) {
        if (value instanceof FetchResults results) {
            for (FetchResult r : results.values()) {
                r.uid();
                r.flags();
                r.internalDate();
                r.size();
                r.envelope().ifPresent(e -> Envelopes.decode(e).toString());
                r.bodyStructure().ifPresent(b -> {
                    BodyPart.parts(b).forEach(Object::toString);
                    BodyPart.attachments(b).forEach(Object::toString);
                });
                r.message();
                r.toString();
            }
            results.warnings().forEach(Object::toString);
        }
        String.valueOf(value);
    }

    private static void count(Map<String, Integer> outcomes, ImapException e) {
        synchronized (outcomes) {
            outcomes.merge(e == null ? "value" : e.getClass().getSimpleName(), 1, Integer::sum);
        }
    }

    private static String stack(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > 3000 ? s.substring(0, 3000) + "..." : s;
    }

    private static String message(int i) {
        return "From: =?UTF-8?B?w4lsaXNl?= <elise" + i + "@example.org>\r\n"
                + "To: a@example.org, \"B, C\" <b@example.org>\r\n"
                + "Subject: =?UTF-8?Q?caf=C3=A9_" + i + "?=\r\n"
                + "Date: Mon, 7 Dec 2026 10:0" + i + ":00 +0100\r\n"
                + "Message-ID: <m" + i + "@example.org>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello " + i + "\r\n"
                + "--b\r\nContent-Type: application/pdf; name=\"r.pdf\"\r\nContent-Disposition: attachment;"
                + " filename=\"r.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";
    }
}
