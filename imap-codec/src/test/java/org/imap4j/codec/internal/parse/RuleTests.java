package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.CommandArbitraries;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.command.Wire;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.response.Response;

/** Helpers the rule-named tests share: a command line parsed and written back, a response value's round trip. */
final class RuleTests {
    private RuleTests() {
    }

    /**
     * Parses a tagged command line and checks the encoder writes the same bytes back.
     *
     * @param line a command without its CRLF
     * @return the command
     */
    static Command command(String line) {
        TaggedCommand t = Wire.parse(line + "\r\n");
        assertEquals(line + "\r\n", new String(Wire.encode(t.tag().value(), t.command(), EncodeOptions.DEFAULT),
                StandardCharsets.UTF_8), "written back");
        return t.command();
    }

    /** {@code parse(encode(c)) == c} through the command encoder and {@link CommandParser}. */
    static void commandRoundTrip(Command c) {
        assertEquals(new TaggedCommand(Tag.of("t1"), CommandArbitraries.expectedAfterRoundTrip(c, EncodeOptions.DEFAULT)),
                Wire.parse(Wire.encode("t1", c, EncodeOptions.DEFAULT)));
    }

    /** {@code parse(encode(x)) == x} through the response encoder and {@link ResponseParser}, strict and default. */
    static void responseRoundTrip(Response x) {
        byte[] b = ResponseProperties.encode(x);
        assertEquals(x, ResponseProperties.parse(b, Quirk.none()));
        assertEquals(x, ResponseProperties.parse(b, Quirk.defaults()));
    }
}
