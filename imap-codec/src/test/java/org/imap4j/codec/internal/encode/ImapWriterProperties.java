package org.imap4j.codec.internal.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.EncodeOptions.LiteralSupport;
import org.imap4j.codec.command.Fragment;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.internal.parse.ImapReader;

class ImapWriterProperties {

    @Provide
    Arbitrary<String> strings() {
        // Arbitrary Unicode (astral code points included) without NUL or unpaired surrogates, plus the bytes that
        // matter to the grammar, weighted so that every branch of astring is taken often.
        Arbitrary<String> codePoints = Arbitraries.integers().between(1, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .map(Character::toString);
        Arbitrary<String> special = Arbitraries.of("\r", "\n", "\r\n", "\"", "\\", "{", "}", "{3}", "~", "(", ")",
                " ", "%", "*", "]", "[", "NIL", "nil", "a", "Z", "0", "é", "日", "\ud83d\ude00");
        return Arbitraries.oneOf(codePoints, special, special).list().ofMaxSize(12).map(l -> String.join("", l));
    }

    private static Set<Quirk> strict() {
        return Quirk.none();
    }

    private static void checkLines(List<Fragment> fragments) {
        for (Fragment f : fragments) {
            if (f instanceof Fragment.Line l) {
                byte[] b = l.data().toByteArray();
                assertTrue(b.length >= 2 && b[b.length - 2] == '\r' && b[b.length - 1] == '\n');
                for (int i = 0; i < b.length - 2; i++) {
                    assertTrue(b[i] != '\r' && b[i] != '\n' && b[i] != 0, "CR/LF/NUL inside a line at " + i);
                }
            }
        }
    }

    private static byte[] join(List<Fragment> fragments) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Fragment f : fragments) {
            Bytes b = f instanceof Fragment.Line l ? l.data() : ((Fragment.Literal) f).data();
            o.writeBytes(b.toByteArray());
        }
        return o.toByteArray();
    }

    private static ImapReader reader(byte[] b) {
        return new ImapReader(b, 0, b.length, new int[0], CodecLimits.defaults(), strict());
    }

    @Property(tries = 500)
    void astringNeverLeaksLineBreaksAndRoundTrips(@ForAll("strings") String s, @ForAll boolean utf8) {
        ImapWriter w = new ImapWriter(new EncodeOptions(LiteralSupport.SYNC_ONLY, utf8), false);
        w.raw("A1 X ").astring(s).sp().string(s).crlf();
        List<Fragment> fragments = w.fragments();
        checkLines(fragments);
        ImapReader r = reader(join(fragments));
        r.atom();
        r.sp();
        r.atom();
        r.sp();
        assertEquals(s, r.astring());
        r.sp();
        assertEquals(s, r.string());
        r.crlf();
    }

    @Property(tries = 300)
    void nonSyncModesRoundTrip(@ForAll("strings") String s, @ForAll boolean minus) {
        EncodeOptions o = new EncodeOptions(minus ? LiteralSupport.LITERAL_MINUS : LiteralSupport.LITERAL_PLUS, false);
        ImapWriter w = new ImapWriter(o, false);
        w.astring(s).crlf();
        List<Fragment> fragments = w.fragments();
        boolean lineBreak = s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
        assertEquals(lineBreak ? 3 : 1, fragments.size(), "only a string with a line break waits for '+'");
        ImapReader r = reader(join(fragments));
        assertEquals(s, r.astring());
        r.crlf();
    }
}
