package org.imap4j.codec.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.internal.parse.ImapReader;

class CoreValuesProperties {
    private static final String ATOM_CHARS = "abcxyzABCXYZ0189.$-_!#&'+,/:;<=>?@[^`|~";

    @Provide
    Arbitrary<Flag> flags() {
        Arbitrary<String> atom = Arbitraries.strings().withChars(ATOM_CHARS).ofMinLength(1).ofMaxLength(10);
        return Arbitraries.oneOf(atom, atom.map(a -> "\\" + a), Arbitraries.of("\\Seen", "\\seen", "\\*"))
                .map(Flag::of);
    }

    @Provide
    Arbitrary<Tag> tags() {
        return Arbitraries.strings().withChars(ATOM_CHARS.replace("+", "") + "]").ofMinLength(1).ofMaxLength(10)
                .map(Tag::of);
    }

    private static ImapReader reader(String s) {
        byte[] b = (s + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return new ImapReader(b, 0, b.length, new int[0], CodecLimits.defaults(), Quirk.none());
    }

    @Property(tries = 300)
    void flagRoundTrips(@ForAll("flags") Flag f) {
        ImapReader r = reader(f.value());
        assertEquals(f, Flag.of(r.flag()));
        r.crlf();
        assertEquals(f, Flag.of(f.toString()));
    }

    @Property(tries = 300)
    void tagRoundTrips(@ForAll("tags") Tag t) {
        assertEquals(t, Tag.of(reader(t.value()).run(org.imap4j.codec.internal.ascii.Ascii.TAG, "tag")));
    }

    @Property(tries = 300)
    void secretsCompareByValueAndNeverPrint(@ForAll String a, @ForAll String b) {
        Secret sa = Secret.of(a);
        assertEquals(a.equals(b) || Secret.of(b).reveal().equals(sa.reveal()), sa.equals(Secret.of(b)));
        assertEquals("Secret[redacted]", sa.toString());
    }
}
