package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.CommandArbitraries;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.command.Wire;
import org.imap4j.codec.core.Tag;

/** Every command (FETCH aside) survives encode, joining the fragments, and {@link CommandParser#parse}. */
class CommandParserProperties {

    @Provide
    Arbitrary<Command> commands() {
        return CommandArbitraries.command();
    }

    @Provide
    Arbitrary<EncodeOptions.LiteralSupport> literals() {
        return Arbitraries.of(EncodeOptions.LiteralSupport.class);
    }

    @Provide
    Arbitrary<String> tags() {
        return Arbitraries.strings().alpha().numeric().withChars(".-_]").ofMinLength(1).ofMaxLength(6);
    }

    @Property(tries = 1000)
    void roundTrip(@ForAll("tags") String tag, @ForAll("commands") Command c,
                   @ForAll("literals") EncodeOptions.LiteralSupport lit) {
        EncodeOptions o = new EncodeOptions(lit, false);
        TaggedCommand back = Wire.parse(Wire.encode(tag, c, o));
        assertEquals(new TaggedCommand(Tag.of(tag), CommandArbitraries.expectedAfterRoundTrip(c, o)), back);
    }

    @Property(tries = 300)
    void roundTripWithUtf8Accept(@ForAll("commands") Command c, @ForAll("literals") EncodeOptions.LiteralSupport lit) {
        // With UTF8=ACCEPT a name holding '&' is ambiguous with modified UTF-7 to a server that reads both.
        Assume.that(!c.toString().contains("&"));
        EncodeOptions o = new EncodeOptions(lit, true);
        assertEquals(new TaggedCommand(Tag.of("t1"), c), Wire.parse(Wire.encode("t1", c, o)));
    }
}
