package org.imap4j.codec.internal.parse;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.CommandArbitraries;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.Wire;

/** Malformed commands only ever give a command or an {@link ImapProtocolException}, never another exception. */
class CommandParserFuzzProperties {
    private static final String MUTANTS = " ()\"{}*:,\\0123456789AZaz~+-\r\n[]%$";

    @Provide
    Arbitrary<Command> commands() {
        return CommandArbitraries.command();
    }

    @Provide
    Arbitrary<byte[]> noise() {
        // A real command name first, so the fuzzing reaches each command's own rules.
        Arbitrary<String> name = Arbitraries.of("SEARCH ", "UID SEARCH ", "STORE ", "APPEND ", "LIST ", "SELECT ",
                "STATUS ", "SORT ", "THREAD ", "ID ", "SETQUOTA ", "AUTHENTICATE ", "LOGIN ", "CREATE ", "");
        Arbitrary<String> rest = Arbitraries.strings().withCharRange(' ', '~').withChars("\u00e9").ofMaxLength(60);
        return net.jqwik.api.Combinators.combine(name, rest).as((n, r) -> ("a " + n + r)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void parseOrProtocolError(byte[] b) {
        String upper = new String(b, StandardCharsets.ISO_8859_1).toUpperCase(java.util.Locale.ROOT);
        try {
            Wire.parse(b);
        } catch (ImapProtocolException expected) {
            // the only acceptable failure
        } catch (UnsupportedOperationException e) {
            // FetchParser is a stub on this branch; any other command must never reach it.
            if (!upper.contains("FETCH")) {
                throw e;
            }
        }
    }

    @Property(tries = 1000)
    void mutatedCommands(@ForAll("commands") Command c, @ForAll int seed) {
        byte[] good = Wire.encode("a1", c, new EncodeOptions(EncodeOptions.LiteralSupport.LITERAL_PLUS, false));
        java.util.Random rnd = new java.util.Random(seed);
        byte[] b = good.clone();
        int edits = 1 + rnd.nextInt(3);
        for (int i = 0; i < edits && b.length > 2; i++) {
            int at = rnd.nextInt(b.length - 2);
            b[at] = (byte) MUTANTS.charAt(rnd.nextInt(MUTANTS.length()));
        }
        int cut = b.length - 2 - (rnd.nextBoolean() ? 0 : rnd.nextInt(b.length - 1));
        byte[] framed = new byte[Math.max(0, cut) + 2];
        System.arraycopy(b, 0, framed, 0, Math.max(0, cut));
        framed[framed.length - 2] = '\r';
        framed[framed.length - 1] = '\n';
        parseOrProtocolError(framed);
    }

    @Property(tries = 1000)
    void randomLines(@ForAll("noise") byte[] body) {
        byte[] b = new byte[body.length + 2];
        System.arraycopy(body, 0, b, 0, body.length);
        b[body.length] = '\r';
        b[body.length + 1] = '\n';
        parseOrProtocolError(b);
    }
}
