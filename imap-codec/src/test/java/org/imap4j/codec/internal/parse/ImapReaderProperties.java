package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.internal.encode.ImapWriter;
import org.imap4j.codec.command.EncodeOptions;

class ImapReaderProperties {

    private static ImapReader reader(byte[] b) {
        return new ImapReader(b, 0, b.length, new int[0], CodecLimits.defaults().withMaxNestingDepth(20),
                Quirk.defaults());
    }

    @Provide
    Arbitrary<byte[]> imapish() {
        Arbitrary<byte[]> tokens = Arbitraries.of("(", ")", " ", "\"", "\\", "{", "}", "~{", "{3}\r\n", "{0}\r\n",
                "NIL", "[", "]", "1", "42", "\r\n", "\n", "\0", "\u00ff", "BODY[", "a", "x<0>")
                .list().ofMaxSize(40)
                .map(l -> String.join("", l).getBytes(StandardCharsets.ISO_8859_1));
        return Arbitraries.oneOf(tokens, Arbitraries.bytes().array(byte[].class).ofMaxSize(80));
    }

    @Property(tries = 1000)
    void randomBytesGiveAValueOrAProtocolError(@ForAll("imapish") byte[] raw) {
        byte[] b = Arrays.copyOf(raw, raw.length + 2);
        b[raw.length] = '\r';
        b[raw.length + 1] = '\n';
        long t0 = System.nanoTime();
        try {
            ImapValue v = reader(b).value();
            assertTrue(v != null);
        } catch (ImapProtocolException e) {
            assertTrue(e.offset() >= -1 && e.offset() <= b.length, e.getMessage());
        }
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
    }

    @Property(tries = 300)
    void numbersRoundTrip(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long n,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long n64) {
        assertEquals(n, reader((n + "\r\n").getBytes(StandardCharsets.US_ASCII)).number());
        assertEquals(n64, reader((n64 + "\r\n").getBytes(StandardCharsets.US_ASCII)).number64());
        assertEquals(new ImapValue.Num(n64), reader((n64 + "\r\n").getBytes(StandardCharsets.US_ASCII)).value());
    }

    @Provide
    Arbitrary<ImapValue> values() {
        Arbitrary<ImapValue> atom = Arbitraries.strings().withChars("abcXYZ.$\\-_").ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.equalsIgnoreCase("NIL")).map(ImapValue.Atom::new);
        Arbitrary<ImapValue> num = Arbitraries.longs().between(0, Long.MAX_VALUE).map(ImapValue.Num::new);
        Arbitrary<ImapValue> quoted = Arbitraries.strings().withCharRange(' ', '~').withChars("äü日")
                .ofMaxLength(10).map(ImapValue.Quoted::new);
        Arbitrary<ImapValue> literal = Arbitraries.bytes().array(byte[].class).ofMaxSize(20)
                .map(b -> {
                    for (int i = 0; i < b.length; i++) {
                        if (b[i] == 0) {
                            b[i] = 1;
                        }
                    }
                    return new ImapValue.Literal(Bytes.of(b), false);
                });
        Arbitrary<ImapValue> scalar = Arbitraries.oneOf(atom, num, quoted, literal, Arbitraries.just(ImapValue.NIL));
        return Arbitraries.recursive(() -> scalar,
                v -> v.list().ofMaxSize(4).map(l -> (ImapValue) new ImapValue.ValueList(l)), 0, 4);
    }

    private static void write(ImapWriter w, ImapValue v) {
        if (v instanceof ImapValue.Atom a) {
            w.raw(a.text());
        } else if (v instanceof ImapValue.Num n) {
            w.number(n.value());
        } else if (v instanceof ImapValue.Quoted q) {
            w.quoted(q.text());
        } else if (v instanceof ImapValue.Literal l) {
            w.literal(l.data(), l.binary());
        } else if (v instanceof ImapValue.ValueList l) {
            w.raw('(');
            List<ImapValue> items = l.items();
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                write(w, items.get(i));
            }
            w.raw(')');
        } else {
            w.raw("NIL");
        }
    }

    @Property(tries = 300)
    void valueRoundTripsThroughTheServerWriter(@ForAll("values") ImapValue v) {
        ImapWriter w = new ImapWriter(EncodeOptions.DEFAULT, true);
        write(w, v);
        w.crlf();
        ImapReader r = reader(w.toBytes());
        assertEquals(v, r.value());
        r.crlf();
    }
}
