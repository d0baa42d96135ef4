package org.imap4j.codec.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.Tag;

/**
 * CATENATE (RFC 4469): any CATENATE APPEND (URLs of any text, text parts of any octets, plain and binary, with and
 * without flags and date, one or several messages) survives encoding with each literal form, joining the fragments,
 * and parsing.
 */
class CatenateRoundTripProperties {

    private static Arbitrary<Command.CatenatePart> part() {
        Arbitrary<Command.CatenatePart> url = CommandArbitraries.lineText().filter(s -> !s.isEmpty())
                .map(Command.CatenatePart.Url::new);
        Arbitrary<Command.CatenatePart> text = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(60), Arbitraries.of(true, false)).as((b, bin) -> {
                    if (!bin) {
                        for (int i = 0; i < b.length; i++) {
                            b[i] = b[i] == 0 ? (byte) 'x' : b[i];
                        }
                    }
                    return new Command.CatenatePart.Text(Bytes.of(b), bin);
                });
        return Arbitraries.oneOf(url, text);
    }

    private static Arbitrary<Command.CatenateMessage> message() {
        Arbitrary<List<Flag>> flags = Arbitraries.oneOf(Arbitraries.of("\\Seen", "\\Draft", "\\Flagged")
                .map(Flag::of), CommandArbitraries.atom().map(Flag::of)).list().uniqueElements().ofMaxSize(3);
        Arbitrary<OffsetDateTime> date = Combinators.combine(Arbitraries.integers().between(1, 9999),
                Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 28),
                Arbitraries.integers().between(0, 86399), Arbitraries.integers().between(-18 * 60, 18 * 60))
                .as((y, m, d, s, off) -> OffsetDateTime.of(y, m, d, s / 3600, s / 60 % 60, s % 60, 0,
                        ZoneOffset.ofTotalSeconds(off * 60)))
                .injectNull(0.4);
        return Combinators.combine(flags, date, part().list().ofMinSize(1).ofMaxSize(5))
                .as(Command.CatenateMessage::new);
    }

    @Provide
    Arbitrary<Command.Catenate> commands() {
        return Combinators.combine(CommandArbitraries.mailbox(), message().list().ofMinSize(1).ofMaxSize(3))
                .as(Command.Catenate::new);
    }

    @Property(tries = 500)
    void roundTrip(@ForAll("commands") Command.Catenate c, @ForAll EncodeOptions.LiteralSupport lit) {
        TaggedCommand back = Wire.parse(Wire.encode("c1", c, new EncodeOptions(lit, false)));
        assertEquals(new TaggedCommand(Tag.of("c1"), c), back);
    }
}
