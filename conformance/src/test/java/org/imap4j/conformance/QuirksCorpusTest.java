package org.imap4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.ResponseDecoder;
import org.imap4j.codec.response.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the server-quirks corpus ({@code /quirks/quirks.corpus}, format in
 * {@code conformance/src/test/resources/quirks/README.md}): responses that real servers sent that bend the grammar,
 * each with the public report it came from and the decision (accept with the parsed value, or reject with the typed
 * exception). A case marked {@code known-failure:} records what the codec SHOULD do; the test then checks that the
 * codec still deviates (so a fix makes the run fail until the mark is removed).
 */
class QuirksCorpusTest {

    static final String CORPUS = "/quirks/quirks.corpus";

    /** One "## id" block. */
    record Case(String id, int lineNo, String source, String quirk, String decision, String quirks, boolean lfOnly,
            List<String> wire, String expected, String expectedError, String knownFailure) {
    }

    @TestFactory
    Stream<DynamicTest> quirks() {
        List<Case> cases = parse(read(CORPUS));
        Set<String> ids = new HashSet<>();
        for (Case c : cases) {
            if (!ids.add(c.id())) {
                throw new IllegalStateException("duplicate case id " + c.id());
            }
        }
        return Stream.concat(
                Stream.of(DynamicTest.dynamicTest("corpus is not empty", () -> assertFalse(cases.isEmpty()))),
                cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> run(c))));
    }

    static void run(Case c) {
        String problem = check(c);
        if (PRINT) {
            System.out.println("PRINT ## " + c.id() + "\nPRINT " + outcome(c));
        }
        if (c.knownFailure() == null) {
            if (problem != null) {
                fail(c.id() + " (line " + c.lineNo() + "): " + problem);
            }
        } else {
            if (problem == null) {
                fail(c.id() + " is marked known-failure but now behaves as decided: remove the mark ("
                        + c.knownFailure() + ")");
            }
            System.out.println("known failure [" + c.id() + "]: " + c.knownFailure() + " -- " + problem);
        }
    }

    /** @return null when the codec does what the case decides, else what differs */
    static String check(Case c) {
        Response r;
        try {
            r = decode(c);
        } catch (RuntimeException e) {
            if (c.expectedError() == null) {
                return "expected accept, but decoding throws " + e;
            }
            if (!e.getClass().getSimpleName().equals(c.expectedError())
                    && !e.getClass().getName().equals(c.expectedError())) {
                return "expected " + c.expectedError() + ", got " + e;
            }
            return null;
        }
        if (c.expectedError() != null) {
            return "expected " + c.expectedError() + ", but it decodes to " + r;
        }
        if (!c.expected().equals(r.toString())) {
            return "\n  expected " + c.expected() + "\n  actual   " + r;
        }
        return null;
    }

    private static String outcome(Case c) {
        try {
            return "= " + decode(c);
        } catch (RuntimeException e) {
            return "! " + e.getClass().getSimpleName() + " (" + e.getMessage() + ")";
        }
    }

    static Response decode(Case c) {
        byte[] wire = bytes(c);
        if (c.quirks() == null) {
            return ImapCodec.decodeResponse(wire);
        }
        ResponseDecoder d = new ResponseDecoder(CodecLimits.defaults(), quirkSet(c.quirks()));
        d.feed(wire, 0, wire.length);
        Response r = d.next();
        assertNotNull(r, "the decoder wants more bytes than the case holds");
        assertEquals(null, d.next(), "the case holds more than one response");
        return r;
    }

    /** "default", "none", optionally followed by "+NAME" / "-NAME" terms. */
    static Set<Quirk> quirkSet(String spec) {
        String[] parts = spec.trim().split("(?=[+-])");
        Set<Quirk> set = switch (parts[0].trim()) {
            case "default" -> Quirk.defaults();
            case "none" -> Quirk.none();
            default -> throw new IllegalStateException("quirks must start with default or none: " + spec);
        };
        for (int i = 1; i < parts.length; i++) {
            Quirk q = Quirk.valueOf(parts[i].substring(1).trim());
            if (parts[i].charAt(0) == '+') {
                set.add(q);
            } else {
                set.remove(q);
            }
        }
        return set;
    }

    /** The S: lines joined with CRLF (or LF with "eol: lf"), each ended; "\xHH" is one raw byte. */
    static byte[] bytes(Case c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : c.wire()) {
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (ch == '\\' && i + 3 < line.length() && line.charAt(i + 1) == 'x'
                        && isHex(line.charAt(i + 2)) && isHex(line.charAt(i + 3))) {
                    out.write(Integer.parseInt(line.substring(i + 2, i + 4), 16));
                    i += 3;
                } else {
                    byte[] b = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
                    if (Character.isHighSurrogate(ch)) {
                        b = line.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                        i++;
                    }
                    out.write(b, 0, b.length);
                }
            }
            if (!c.lfOnly()) {
                out.write('\r');
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static boolean isHex(char ch) {
        return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'F') || (ch >= 'a' && ch <= 'f');
    }

    private static final boolean PRINT = Boolean.getBoolean("quirks.print");

    private static String read(String resource) {
        try (InputStream in = QuirksCorpusTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the corpus; see the README for the format. */
    static List<Case> parse(String text) {
        List<Case> cases = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = strip(lines[i]);
            if (line.isBlank() || (line.startsWith("#") && !line.startsWith("## "))) {
                i++;
                continue;
            }
            if (!line.startsWith("## ")) {
                throw new IllegalStateException("quirks.corpus:" + (i + 1) + ": line outside a case: " + line);
            }
            int start = i + 1;
            String id = line.substring(3).trim();
            String source = null;
            String quirk = null;
            String decision = null;
            String quirks = null;
            String known = null;
            String expected = null;
            String error = null;
            boolean lf = false;
            List<String> wire = new ArrayList<>();
            i++;
            while (i < lines.length && !strip(lines[i]).startsWith("## ")) {
                String l = strip(lines[i]);
                int at = i + 1;
                i++;
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                } else if (l.startsWith("S: ") || l.equals("S:")) {
                    wire.add(l.length() > 3 ? l.substring(3) : "");
                } else if (l.startsWith("= ")) {
                    expected = l.substring(2);
                } else if (l.startsWith("! ")) {
                    error = l.substring(2).trim();
                } else if (l.startsWith("source: ")) {
                    source = l.substring(8).trim();
                } else if (l.startsWith("quirk: ")) {
                    quirk = l.substring(7).trim();
                } else if (l.startsWith("decision: ")) {
                    decision = l.substring(10).trim();
                } else if (l.startsWith("quirks: ")) {
                    quirks = l.substring(8).trim();
                } else if (l.startsWith("known-failure: ")) {
                    known = l.substring(15).trim();
                } else if (l.equals("eol: lf")) {
                    lf = true;
                } else if (l.startsWith("  ")) {
                    continue; // continuation of a prose field
                } else {
                    throw new IllegalStateException("quirks.corpus:" + at + ": unknown line: " + l);
                }
            }
            String where = "quirks.corpus:" + start + " (" + id + "): ";
            if (source == null || quirk == null || decision == null || wire.isEmpty()) {
                throw new IllegalStateException(where + "needs source:, quirk:, decision: and S: lines");
            }
            if (decision.equals("accept") != (expected != null) || decision.equals("reject") != (error != null)
                    || (expected != null && error != null)) {
                throw new IllegalStateException(where + "accept needs '=' and reject needs '!', not both");
            }
            cases.add(new Case(id, start, source, quirk, decision, quirks, lf, wire, expected, error, known));
        }
        return cases;
    }

    private static String strip(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
