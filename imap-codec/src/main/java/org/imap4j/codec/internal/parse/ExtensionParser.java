package org.imap4j.codec.internal.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.imap4j.codec.command.Argument;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * The server half of {@link Command.Extension}: a command whose name this codec does not know, read as typed
 * arguments so a test server or proxy can still see it. Each argument is read by the first rule that matches:
 *
 * <pre>
 * extension-command = atom *(SP argument)
 * argument          = "(" [argument *(SP argument)] ")"   ; ListOf
 *                   / quoted / literal                    ; Text (a literal of invalid UTF-8 is read as ISO-8859-1)
 *                   / literal8                            ; Binary
 *                   / "NIL"                               ; Nil
 *                   / number                              ; Number (1*DIGIT fitting in 63 bits)
 *                   / sequence-set                        ; Sequence (digits, ":", ",", "*")
 *                   / atom                                ; Atom
 * </pre>
 *
 * <p>Written by {@code ExtensionEncoder}. An argument's kind is decided by its bytes, so {@code 5} always reads as a
 * number even if the client meant an atom: encoding what was read gives the same bytes back.
 */
final class ExtensionParser {
    private ExtensionParser() {
    }

    /**
     * @param r    a reader after the command name
     * @param name the command name as sent (an atom)
     * @return the command
     */
    static Command command(ImapReader r, String name) {
        List<Argument> args = new ArrayList<>();
        while (r.peek() == ' ') {
            r.sp();
            ParseSupport.checkCount(r, args.size());
            args.add(argument(r, 0));
        }
        return new Command.Extension(name, args, Set.of());
    }

    private static Argument argument(ImapReader r, int depth) {
        int c = r.peek();
        if (c == '(') {
            if (depth >= r.limits.maxNestingDepth()) {
                throw org.imap4j.codec.ImapProtocolException.limit("maxNestingDepth", depth + 1L,
                        r.limits.maxNestingDepth());
            }
            r.expect('(');
            List<Argument> items = new ArrayList<>();
            if (!r.tryByte(')')) {
                do {
                    ParseSupport.checkCount(r, items.size());
                    items.add(argument(r, depth + 1));
                } while (r.trySp());
                r.expect(')');
            }
            return new Argument.ListOf(items);
        }
        if (c == '"') {
            return new Argument.Text(r.quoted());
        }
        if (c == '{' || c == '~') {
            int at = r.mark();
            if (!r.literalSpan()) {
                throw r.errorAt("an in-memory literal (the argument was streamed)", at);
            }
            Bytes data = Bytes.copyOf(r.buffer(), r.litStart(), r.litEnd() - r.litStart());
            if (r.litBinary()) {
                return new Argument.Binary(data);
            }
            return new Argument.Text(text(data));
        }
        if (r.tryNil()) {
            return new Argument.Nil();
        }
        int at = r.mark();
        String word = r.run(Ascii.LIST, "an argument");
        if (word.chars().allMatch(ch -> ch >= '0' && ch <= '9') && word.length() <= 18) {
            return new Argument.Number(Long.parseLong(word));
        }
        SequenceSet set = SequenceSetParser.ifSequenceSet(word);
        if (set != null) {
            return new Argument.Sequence(set);
        }
        if (!Ascii.all(word, Ascii.ATOM)) {
            throw r.errorAt("an atom, number, sequence set, string or list", at);
        }
        return new Argument.Atom(word);
    }

    private static String text(Bytes data) {
        byte[] b = data.toByteArray();
        java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try {
            return d.decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
    }
}
