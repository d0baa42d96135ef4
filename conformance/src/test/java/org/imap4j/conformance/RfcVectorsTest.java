package org.imap4j.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every example exchange printed in the IMAP RFCs, stored as data files under {@code /rfc/} (format in
 * {@code conformance/src/test/resources/rfc/README.md}): server lines must decode to the expected typed value and
 * survive encode → decode; client lines must decode, and re-encode byte-exact to the RFC's text.
 */
class RfcVectorsTest {

    /** The vector files, in the order of the issue; each must hold at least one block. */
    static final List<String> FILES = List.of("rfc9051", "rfc3501", "rfc7162", "rfc4315", "rfc6851", "rfc2177",
            "rfc4978", "rfc5161", "rfc2971", "rfc2342", "rfc6154", "rfc5256", "rfc4731", "rfc5258", "rfc5819",
            "rfc3516", "rfc8474", "rfc8970", "rfc9208");

    /**
     * Checks known to fail, keyed by {@code "<check> <file>: <first line of the exchange>"} where check is one of
     * {@code decode} (does not parse), {@code value} (parses to something else than the {@code =} line),
     * {@code roundtrip} (encode → decode changes the value) or {@code encode} (our command bytes differ from the
     * RFC's); the value says why. A listed check that passes fails the run, so the list stays true.
     */
    static final Map<String, String> KNOWN_DEVIATIONS = Map.ofEntries(
            Map.entry("encode rfc3501: C: A001 LOGIN {11}",
                    "the encoder writes a short string without CR/LF as a quoted string, the RFC as a literal (equally valid)"),
            Map.entry("encode rfc3501: C: A002 LSUB \"#news.\" \"comp.mail.*\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc3501: C: A003 LSUB \"#news.\" \"comp.%\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc3501: C: A284 SEARCH CHARSET UTF-8 TEXT {6}",
                    "the encoder writes a short string without CR/LF as a quoted string, the RFC as a literal (equally valid)"),
            Map.entry("encode rfc3501: C: a001 login mrc secret",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive)"),
            Map.entry("encode rfc3501: C: a002 select inbox",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive); INBOX is also written in its canonical upper case"),
            Map.entry("encode rfc3501: C: a003 fetch 12 full",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive)"),
            Map.entry("encode rfc3501: C: a004 fetch 12 body[header]",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive)"),
            Map.entry("encode rfc3501: C: a005 store 12 +flags \\deleted",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive); the flag is also written in parentheses and with its canonical case \\Deleted"),
            Map.entry("encode rfc3501: C: a006 logout",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive)"),
            Map.entry("encode rfc3516: C: A001 FETCH 1 (BINARY[1.2])",
                    "the encoder writes a single FETCH attribute bare, without parentheses (equally valid)"),
            Map.entry("encode rfc3516: C: A002 FETCH 1 (BINARY.SIZE[1.2])",
                    "the encoder writes a single FETCH attribute bare, without parentheses (equally valid)"),
            Map.entry("encode rfc5256: C: A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000",
                    "the encoder writes the month as \"Mar\", the RFC as \"MAR\" (date-month is case-insensitive)"),
            Map.entry("encode rfc5256: C: A285 THREAD REFERENCES UTF-8 SINCE 5-MAR-2000",
                    "the encoder writes the month as \"Mar\", the RFC as \"MAR\" (date-month is case-insensitive)"),
            Map.entry("encode rfc5258: C: A01 LIST \"\" \"*\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc5258: C: A03 LIST () \"\" \"%\" RETURN (CHILDREN)",
                    "the encoder drops the empty selection option list \"()\" (same meaning, RFC 9051 section 6.3.9); the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc5258: C: C04 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc5258: C: a1 LIST \"\" (\"foo\")",
                    "the encoder writes a one-pattern list as a single pattern (same meaning)"),
            Map.entry("encode rfc6154: C: t1 LIST \"\" \"%\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc6154: C: t3 LIST (SPECIAL-USE) \"\" \"*\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc7162: C: s100 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)",
                    "the encoder writes a single FETCH attribute bare, without parentheses (equally valid)"),
            Map.entry("encode rfc8474: C: 3 create foo",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive)"),
            Map.entry("encode rfc8474: C: 4 status foo (mailboxid)",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive)"),
            Map.entry("encode rfc8474: C: 5 fetch 1:2 (emailid threadid)",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive)"),
            Map.entry("encode rfc8970: C: A1 FETCH 1 (PREVIEW)",
                    "the encoder writes a single FETCH attribute bare, without parentheses (equally valid)"),
            Map.entry("encode rfc9051: C: A002 LIST \"\" \"#Users/%\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: A002 LIST \"\" \"~mark/%\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: A002 LIST (SPECIAL-USE) \"\" \"*\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: A003 LIST \"\" \"#Users/Mike/%\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: A003 LIST (SPECIAL-USE) \"#mh/\" \"*\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: A01 LIST \"\" \"*\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: A02 LIST (SUBSCRIBED) \"\" \"*\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: A03 LIST () \"\" \"%\" RETURN (CHILDREN)",
                    "the encoder drops the empty selection option list \"()\" (same meaning, RFC 9051 section 6.3.9); the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: A04 LIST (REMOTE) \"\" \"%\" RETURN (CHILDREN)",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: A05 LIST (REMOTE SUBSCRIBED) \"\" \"*\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: A06 LIST (REMOTE) \"\" \"*\" RETURN (SUBSCRIBED)",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: C04 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%\" RETURN (CHILDREN)",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: C04 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: D03 LIST (RECURSIVEMATCH SUBSCRIBED) \"\" \"*2\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: a1 LIST \"\" (\"foo\")",
                    "the encoder writes a one-pattern list as a single pattern (same meaning)"),
            Map.entry("encode rfc9051: C: a2 LIST () \"\" %",
                    "the encoder drops the empty selection option list \"()\" (same meaning, RFC 9051 section 6.3.9)"),
            Map.entry("encode rfc9051: C: P283 SEARCH CHARSET UTF-8 (OR $ 1,3000:3021) TEXT {8+}",
                    "the encoder drops the parentheses around a single key and writes a synchronizing literal {8} (LITERAL+ is not assumed); same meaning"),
            Map.entry("encode rfc9051: C: B283 SEARCH RETURN (SAVE) CHARSET KOI8-R (OR $ 1,3000:3021) TEXT {4}",
                    "the encoder drops the parentheses around a single key and writes the short ASCII string quoted, the RFC as a literal (equally valid)"),
            Map.entry("encode rfc9051: C: F283 COPY $ \"Junk\"",
                    "the encoder writes the mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: F284 STORE $ +FLAGS.Silent (\\Deleted)",
                    "the encoder writes FLAGS.SILENT upper-case; the RFC's mixed case is the same keyword (case-insensitive)"),
            Map.entry("encode rfc9051: C: A001 LOGIN {11}",
                    "the encoder writes a short string without CR/LF as a quoted string, the RFC as a literal (equally valid)"),
            Map.entry("encode rfc9051: C: A003 APPEND saved-messages (\\Seen) {297+}",
                    "the encoder writes a synchronizing literal {297}; the RFC uses the non-synchronizing form {297+} (equally valid; {n+} needs LITERAL+ / LITERAL-)"),
            Map.entry("encode rfc9051: C: a LOGIN \"fred\" \"foo\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: b LOGIN \"fred\" \"foo\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: a000 starttls",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive)"),
            Map.entry("encode rfc9051: C: a002 select inbox",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive); INBOX is also written in its canonical upper case"),
            Map.entry("encode rfc9051: C: a003 fetch 12 full",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive)"),
            Map.entry("encode rfc9051: C: a004 fetch 12 body[header]",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive)"),
            Map.entry("encode rfc9051: C: a005 store 12 +flags \\deleted",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive); the flag is also written in parentheses and with its canonical case \\Deleted"),
            Map.entry("encode rfc9051: C: a006 logout",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive)"),
            Map.entry("encode rfc9051: C: d login \"fred\" \"foo\"",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive); the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: d select inbox",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive); INBOX is also written in its canonical upper case"),
            Map.entry("encode rfc9051: C: e login \"fred\" \"foo\"",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive); the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: f select \"/archive/projects/experiment-iv\"",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive); the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: g delete \"/archive/projects/experiment-iv\"",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive); the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: h search from maria@example.com",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive); the encoder also writes the search string quoted where the RFC uses an atom (equally valid)"),
            Map.entry("encode rfc9051: C: i select \"/archive/projects/experiment-iv\"",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive); the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: j select \"/archive/projects/experiment-iv\"",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive); the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: k1 select \"/archive/projects/experiment-iv\"",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive); the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: k2 status \"/archive/projects/experiment-iv\" (messages)",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive); the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: l create \"///////\"",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive); the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"),
            Map.entry("encode rfc9051: C: n1 uid copy 1:* oldmail",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive)"),
            Map.entry("encode rfc9051: C: n2 uid copy 1:* oldmail",
                    "the encoder writes command and keyword names in upper case; the RFC example uses lower case (case-insensitive)"),
            Map.entry("encode rfc9051: C: a2 LIST (SUBSCRIBED) \"\" \"foo/*\"",
                    "the encoder writes an astring / list-mailbox as an atom when it can; the RFC quotes it (equally valid)"));

    private static final Pattern LITERAL = Pattern.compile("~?\\{(\\d+)\\+?}$");
    private static final Map<String, String> SEEN_KNOWN = new ConcurrentHashMap<>();

    /** One C:/S: exchange line with its literals, its position and its optional expectation. */
    record Wire(char side, String firstLine, byte[] bytes, String expected, int lineNo) {
    }

    /** One "## ..." block. */
    record Block(String file, String title, int lineNo, List<Wire> wires) {
    }

    @TestFactory
    Stream<DynamicNode> rfcExamples() {
        List<DynamicNode> files = new ArrayList<>();
        for (String name : FILES) {
            String text = read("/rfc/" + name + ".vectors");
            List<Block> blocks = text == null ? List.of() : parse(name + ".vectors", text);
            files.add(DynamicContainer.dynamicContainer(name, Stream.concat(
                    Stream.of(DynamicTest.dynamicTest("file is not empty", () -> assertFalse(blocks.isEmpty(),
                            name + ".vectors holds no example block"))),
                    blocks.stream().map(b -> DynamicTest.dynamicTest(b.title(), () -> run(b))))));
        }
        return files.stream();
    }

    @AfterAll
    static void everyKnownDeviationStillHappens() {
        Set<String> stale = new TreeSet<>(KNOWN_DEVIATIONS.keySet());
        stale.removeAll(SEEN_KNOWN.keySet());
        assertTrue(stale.isEmpty(), "KNOWN_DEVIATIONS entries that no longer fail (remove them): " + stale);
    }

    static void run(Block b) {
        List<String> failures = new ArrayList<>();
        for (Wire w : b.wires()) {
            String where = b.file() + ":" + w.lineNo() + " ";
            String key = b.file().replace(".vectors", "") + ": " + w.side() + ": " + w.firstLine();
            if (PRINT) {
                print(where, w);
            }
            if (w.side() == 'S') {
                Response r;
                try {
                    r = ImapCodec.decodeResponse(w.bytes());
                } catch (RuntimeException e) {
                    check(failures, "decode " + key, where + "does not decode: " + e);
                    continue;
                }
                if (w.expected() != null && !w.expected().equals(r.toString())) {
                    check(failures, "value " + key, where + "\n  expected " + w.expected() + "\n  actual   " + r);
                }
                try {
                    Response again = ImapCodec.decodeResponse(ImapCodec.encodeResponse(r));
                    if (!again.equals(r)) {
                        check(failures, "roundtrip " + key, where + "encode→decode gives " + again);
                    }
                } catch (RuntimeException e) {
                    check(failures, "roundtrip " + key, where + "encode→decode throws " + e);
                }
            } else {
                TaggedCommand c;
                try {
                    c = ImapCodec.decodeCommand(w.bytes());
                } catch (RuntimeException e) {
                    check(failures, "decode " + key, where + "does not decode: " + e);
                    continue;
                }
                if (w.expected() != null && !w.expected().equals(c.command().toString())) {
                    check(failures, "value " + key, where + "\n  expected " + w.expected() + "\n  actual   "
                            + c.command());
                }
                try {
                    byte[] out = ImapCodec.encodeCommandBytes(c.tag(), c.command());
                    if (!java.util.Arrays.equals(out, w.bytes())) {
                        check(failures, "encode " + key, where + "\n  RFC  " + show(w.bytes()) + "\n  ours "
                                + show(out));
                    }
                } catch (RuntimeException e) {
                    check(failures, "encode " + key, where + "encoding throws " + e);
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    private static final boolean PRINT = Boolean.getBoolean("rfc.print");

    /** With -Drfc.print=true: shows what each wire line decodes to, for writing the "=" lines (then read them!). */
    private static void print(String where, Wire w) {
        String v;
        try {
            v = w.side() == 'S' ? ImapCodec.decodeResponse(w.bytes()).toString()
                    : ImapCodec.decodeCommand(w.bytes()).command().toString();
        } catch (RuntimeException e) {
            v = "!! " + e;
        }
        System.out.println("PRINT " + where + w.side() + ": " + w.firstLine() + "\nPRINT = " + v);
    }

    private static void check(List<String> failures, String key, String message) {
        String reason = KNOWN_DEVIATIONS.get(key);
        if (reason != null) {
            SEEN_KNOWN.put(key, reason);
            System.out.println("known deviation [" + key + "]: " + reason);
        } else {
            failures.add("[" + key + "] " + message);
        }
    }

    private static String show(byte[] b) {
        return new String(b, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n");
    }

    private static String read(String resource) {
        try (InputStream in = RfcVectorsTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a vector file: "## title" opens a block; "C: " / "S: " lines are wire text (CRLF added); a line ending
     * in {n}, {n+} or ~{n} takes the next lines (same prefix, each with CRLF) as literal payload until n bytes are
     * taken, and the rest of the line where the count ends (or the following line, if it ends after a CRLF)
     * continues the command; "= " is the expected toString() of the value decoded from the wire line before it;
     * "c: " lines are client data that is not a command (SASL responses, IDLE's DONE), kept for the record only;
     * "#" lines and blank lines are comments.
     */
    static List<Block> parse(String file, String text) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        Block cur = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.startsWith("## ")) {
                cur = new Block(file, line.substring(3).trim(), i + 1, new ArrayList<>());
                blocks.add(cur);
            } else if (line.isBlank() || line.startsWith("#") || line.startsWith("c:")) {
                continue;
            } else if (cur == null) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": line before the first ## block");
            } else if (line.startsWith("= ")) {
                List<Wire> ws = cur.wires();
                if (ws.isEmpty() || ws.get(ws.size() - 1).expected() != null) {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": '=' without a wire line before it");
                }
                Wire last = ws.remove(ws.size() - 1);
                ws.add(new Wire(last.side(), last.firstLine(), last.bytes(), line.substring(2), last.lineNo()));
            } else if (line.startsWith("C:") || line.startsWith("S:")) {
                char side = line.charAt(0);
                int start = i;
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                String rest = body(file, i, line, side);
                String first = rest;
                while (true) {
                    Matcher m = LITERAL.matcher(rest);
                    byte[] part = rest.getBytes(StandardCharsets.UTF_8);
                    buf.write(part, 0, part.length);
                    buf.write('\r');
                    buf.write('\n');
                    if (!m.find()) {
                        break;
                    }
                    int need = Integer.parseInt(m.group(1));
                    String cont = null;
                    while (cont == null) {
                        i++;
                        if (i >= lines.length) {
                            throw new IllegalStateException(file + ":" + (start + 1) + ": literal runs off the end");
                        }
                        String raw = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1)
                                : lines[i];
                        byte[] payload = (body(file, i, raw, side) + "\r\n").getBytes(StandardCharsets.UTF_8);
                        if (payload.length <= need) {
                            buf.write(payload, 0, payload.length);
                            need -= payload.length;
                            if (need == 0) {
                                i++;
                                String next = lines[i].endsWith("\r")
                                        ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
                                cont = body(file, i, next, side);
                            }
                        } else {
                            buf.write(payload, 0, need);
                            cont = new String(payload, need, payload.length - need - 2, StandardCharsets.UTF_8);
                        }
                    }
                    rest = cont;
                }
                cur.wires().add(new Wire(side, first, buf.toByteArray(), null, start + 1));
            } else {
                throw new IllegalStateException(file + ":" + (i + 1) + ": unknown line: " + line);
            }
        }
        return blocks;
    }

    private static String body(String file, int i, String line, char side) {
        if (line.equals(side + ":")) {
            return "";
        }
        if (!line.startsWith(side + ": ")) {
            throw new IllegalStateException(file + ":" + (i + 1) + ": expected a '" + side + ": ' line: " + line);
        }
        return line.substring(3);
    }
}
