package org.imap4j.codec.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MailboxNameProperties {
    @Provide
    Arbitrary<MailboxName> names() {
        Arbitrary<String> cp = Arbitraries.integers().between(1, Character.MAX_CODE_POINT)
                .filter(c -> c != '\r' && c != '\n' && (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE))
                .map(Character::toString);
        Arbitrary<String> special = Arbitraries.of("&", "&-", "-", "/", "a", "ä", "日", "\ud83d\ude00", "~", "INBOX",
                "+", ",");
        return Arbitraries.oneOf(cp, special).list().ofMaxSize(12).map(l -> MailboxName.of(String.join("", l)));
    }

    @Property(tries = 500)
    void modifiedUtf7RoundTripsAndIsPrintable(@ForAll("names") MailboxName m) {
        String wire = m.toModifiedUtf7();
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            assertTrue(c >= 0x20 && c <= 0x7e, "not printable ASCII: " + wire);
        }
        assertEquals(m, MailboxName.fromModifiedUtf7(wire));
    }
}
