package org.imap4j.codec.command;

import java.util.List;
import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * One typed argument of an {@link Command.Extension} command: the escape hatch for a command this codec does not
 * know yet. Each kind is written by the grammar's own rule, so a string argument can never end the command line:
 * text holding CR or LF goes as a literal, NUL is refused (use {@link Binary} for octets).
 *
 * <pre>{@code
 * new Command.Extension("XAPPLEPUSHSERVICE", List.of(Argument.atom("aps-version"), Argument.number(2),
 *         Argument.string("aps-account-id"), Argument.string(accountId)), Set.of("XAPPLEPUSHSERVICE"));
 * }</pre>
 */
public sealed interface Argument permits Argument.Atom, Argument.Text, Argument.Binary, Argument.Number,
        Argument.Sequence, Argument.ListOf, Argument.Nil {

    /**
     * @param atom an atom (RFC 9051 {@code atom}: no space, parentheses, braces, quotes, wildcards or controls)
     * @return the argument
     */
    static Argument atom(String atom) {
        return new Atom(atom);
    }

    /**
     * @param text any text without NUL
     * @return the argument, written quoted when it can be, else as a literal
     */
    static Argument string(String text) {
        return new Text(text);
    }

    /**
     * @param n a number (0 to 2^63-1)
     * @return the argument
     */
    static Argument number(long n) {
        return new Number(n);
    }

    /**
     * @param set a sequence set
     * @return the argument
     */
    static Argument sequence(SequenceSet set) {
        return new Sequence(set);
    }

    /**
     * @param items the items
     * @return a parenthesized list of them
     */
    static Argument list(Argument... items) {
        return new ListOf(List.of(items));
    }

    /** @return {@code NIL} */
    static Argument nil() {
        return new Nil();
    }

    /**
     * An atom, written as is.
     *
     * @param text the atom
     */
    record Atom(String text) implements Argument {
        /**
         * Validates the atom.
         *
         * @param text the atom
         */
        public Atom {
            Objects.requireNonNull(text, "atom");
            if (!Ascii.all(text, Ascii.ATOM)) {
                throw new ImapValidationException("not an atom: " + Validate.shown(text));
            }
        }
    }

    /**
     * A string: quoted when it can be, else a literal (CR, LF and 8-bit text); never NUL.
     *
     * @param text the text
     */
    record Text(String text) implements Argument {
        /**
         * Refuses NUL.
         *
         * @param text the text
         */
        public Text {
            Validate.noNul(text, "string argument");
        }
    }

    /**
     * Octets sent as {@code literal8} ({@code ~{n}}, RFC 3516): only for commands that accept it.
     *
     * @param data the octets
     */
    record Binary(Bytes data) implements Argument {
        /**
         * Requires data.
         *
         * @param data the octets
         */
        public Binary {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * A number.
     *
     * @param value 0 to 2^63-1
     */
    record Number(long value) implements Argument {
        /**
         * Refuses negative numbers.
         *
         * @param value the number
         */
        public Number {
            Validate.nonNegative(value, "number argument");
        }
    }

    /**
     * A sequence set, such as {@code 1:5,7} or {@code 10:*}.
     *
     * @param set the set
     */
    record Sequence(SequenceSet set) implements Argument {
        /**
         * Requires a set.
         *
         * @param set the set
         */
        public Sequence {
            Objects.requireNonNull(set, "set");
        }
    }

    /**
     * A parenthesized list.
     *
     * @param items its items (may be empty)
     */
    record ListOf(List<Argument> items) implements Argument {
        /**
         * Copies the items.
         *
         * @param items its items
         */
        public ListOf {
            items = Validate.list(items, "list items");
        }
    }

    /** {@code NIL}. */
    record Nil() implements Argument {
    }
}
