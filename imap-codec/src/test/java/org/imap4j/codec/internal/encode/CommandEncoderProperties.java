package org.imap4j.codec.internal.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.CommandArbitraries;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.Fragment;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.Tag;

/**
 * No injection: whatever text a caller puts into a command, CR and LF reach the wire only as the CRLF that ends a
 * line fragment (or inside a literal's counted payload); NUL is refused; literal modes shape the fragments.
 */
class CommandEncoderProperties {
    private static final EncodeOptions PLUS = new EncodeOptions(EncodeOptions.LiteralSupport.LITERAL_PLUS, false);

    @Provide
    Arbitrary<Command> commands() {
        return CommandArbitraries.command();
    }

    @Provide
    Arbitrary<String> texts() {
        return CommandArbitraries.text();
    }

    /** Commands that carry one caller string in each place a string can go. */
    private static List<Function<String, Command>> placements() {
        return List.of(
                s -> new Command.Login(s, Secret.of("pw")),
                s -> new Command.Login("u", Secret.of(s)),
                s -> Command.Search.of(SearchKey.and(SearchKey.from(s), SearchKey.not(SearchKey.subject(s))), true),
                s -> Command.Search.of(SearchKey.header(s, s), false),
                s -> Command.Search.of(new SearchKey.ModSeq(s, SearchKey.EntryType.PRIV, 1), false),
                s -> new Command.Search(s, SearchKey.all(), null, false),
                s -> new Command.Sort(List.of(new Command.SortCriterion(true, Command.SortKey.DATE)), s,
                        SearchKey.text(s), true),
                s -> new Command.Id(List.of(new Command.IdField(s.length() > 10 ? s.substring(0, 10) : s, s),
                        new Command.IdField("k", null))),
                s -> new Command.GetQuota(s),
                s -> new Command.SetQuota(s, List.of()),
                s -> Command.Select.of(MailboxName.of(s.replace('\r', ' ').replace('\n', ' '))),
                s -> Command.ListMailboxes.of(s.replace('\r', ' ').replace('\n', ' '), "*"));
    }

    /** Sync-literal encoding: every Line holds CR/LF only as its final CRLF. */
    private static void assertNoBareLineBreaks(List<Fragment> fs) {
        for (Fragment f : fs) {
            if (f instanceof Fragment.Line l) {
                byte[] b = l.data().toByteArray();
                for (int i = 0; i < b.length; i++) {
                    if (b[i] == '\r' || b[i] == '\n') {
                        assertTrue(i >= b.length - 2 && b[b.length - 2] == '\r' && b[b.length - 1] == '\n',
                                "CR/LF inside a line: " + l);
                    }
                }
                assertTrue(b.length >= 2 && b[b.length - 2] == '\r' && b[b.length - 1] == '\n', "line ends in CRLF");
            }
        }
    }

    /** Non-sync encoding: CRLF only after {@code {n+}} (whose n bytes are then skipped) or at the very end. */
    private static void assertOnlyAnnouncedLineBreaks(byte[] b) {
        int i = 0;
        while (i < b.length) {
            if (b[i] == '\r' || b[i] == '\n') {
                assertEquals('\r', b[i], "bare LF at " + i);
                assertEquals('\n', b[i + 1], "bare CR at " + i);
                if (i + 2 == b.length) {
                    return;
                }
                assertEquals('}', b[i - 1], "CRLF not after a literal announcement at " + i);
                int open = i - 1;
                while (b[open] != '{') {
                    open--;
                }
                String n = new String(b, open + 1, i - 2 - open, StandardCharsets.US_ASCII);
                assertTrue(n.endsWith("+"), "non-sync announcement: " + n);
                i += 2 + Integer.parseInt(n.substring(0, n.length() - 1));
                continue;
            }
            i++;
        }
        throw new AssertionError("command does not end in CRLF");
    }

    @Property(tries = 300)
    void noInjectionThroughAnyString(@ForAll("texts") String s) {
        for (Function<String, Command> p : placements()) {
            Command c = p.apply(s);
            assertNoBareLineBreaks(CommandEncoder.encode(Tag.of("a1"), c, EncodeOptions.DEFAULT));
            assertSyncOnlyForLineBreaks(CommandEncoder.encode(Tag.of("a1"), c, PLUS));
        }
    }

    @Property(tries = 300)
    void nulIsRefused(@ForAll("texts") String s, @ForAll("positions") int at) {
        String nul = s.substring(0, Math.min(at, s.length())) + '\0' + s.substring(Math.min(at, s.length()));
        for (Function<String, Command> p : placements()) {
            assertThrows(ImapValidationException.class,
                    () -> CommandEncoder.encode(Tag.of("a1"), p.apply(nul), EncodeOptions.DEFAULT));
        }
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 20);
    }

    @Property(tries = 500)
    void anyCommandHasNoInjectedLineBreak(@ForAll("commands") Command c) {
        assertNoBareLineBreaks(CommandEncoder.encode(Tag.of("x"), c, EncodeOptions.DEFAULT));
    }

    @Property(tries = 500)
    void literalPlusWaitsOnlyForStringsWithLineBreaks(@ForAll("commands") Command c) {
        assertSyncOnlyForLineBreaks(CommandEncoder.encode(Tag.of("x"), c, PLUS));
    }

    /**
     * With LITERAL+, everything goes in one line except strings holding CR or LF, which go as synchronizing
     * literals (a refused command then never sends them).
     */
    static void assertSyncOnlyForLineBreaks(List<Fragment> fs) {
        for (Fragment f : fs) {
            if (f instanceof Fragment.Literal lit) {
                assertEquals(Fragment.LiteralMode.SYNC, lit.mode());
                String payload = lit.data().latin1();
                assertTrue(payload.indexOf('\r') >= 0 || payload.indexOf('\n') >= 0, payload);
            } else {
                assertOnlyAnnouncedLineBreaks(((Fragment.Line) f).data().toByteArray());
            }
        }
    }

    @Property(tries = 500)
    void syncLiteralsAlternateWithLines(@ForAll("commands") Command c) {
        List<Fragment> fs = CommandEncoder.encode(Tag.of("x"), c, EncodeOptions.DEFAULT);
        assertEquals(1, fs.size() % 2, "Line (Literal Line)*");
        for (int i = 0; i < fs.size(); i++) {
            if (i % 2 == 0) {
                assertInstanceOf(Fragment.Line.class, fs.get(i));
            } else {
                Fragment.Literal lit = assertInstanceOf(Fragment.Literal.class, fs.get(i));
                assertEquals(Fragment.LiteralMode.SYNC, lit.mode());
                String before = ((Fragment.Line) fs.get(i - 1)).data().latin1();
                assertTrue(before.endsWith("{" + lit.data().size() + "}\r\n"), before);
            }
        }
    }
}
