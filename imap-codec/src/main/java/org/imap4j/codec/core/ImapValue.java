package org.imap4j.codec.core;

import java.util.List;
import java.util.Objects;

/**
 * A generic IMAP data value, the result of the nested-parentheses parser: what the typed layer does not know (an
 * unknown response, response code or FETCH item) is kept in this form and never dropped.
 *
 * <pre>{@code
 * ImapValue v = ...; // ("a" 1 NIL (b))
 * if (v instanceof ImapValue.ValueList l && l.items().get(0) instanceof ImapValue.Quoted q) { ... }
 * }</pre>
 */
public sealed interface ImapValue
        permits ImapValue.Atom, ImapValue.Num, ImapValue.Quoted, ImapValue.Literal, ImapValue.StreamedLiteral,
        ImapValue.Nil, ImapValue.ValueList {

    /** The {@code NIL} value. */
    Nil NIL = new Nil();

    /**
     * An atom, kept as sent; in generic parsing a bracketed part such as {@code BODY[HEADER.FIELDS (TO)]} belongs to
     * the atom.
     *
     * @param text the atom
     */
    record Atom(String text) implements ImapValue {
        /**
         * Requires a non-empty atom.
         *
         * @param text the atom
         */
        public Atom {
            Objects.requireNonNull(text, "text");
            if (text.isEmpty()) {
                throw new IllegalArgumentException("empty atom");
            }
        }
    }

    /**
     * A number (up to 63 bits).
     *
     * @param value the number
     */
    record Num(long value) implements ImapValue {
        /**
         * Requires a non-negative number.
         *
         * @param value the number
         */
        public Num {
            if (value < 0) {
                throw new IllegalArgumentException("negative number: " + value);
            }
        }
    }

    /**
     * A quoted string, unescaped.
     *
     * @param text the string's value
     */
    record Quoted(String text) implements ImapValue {
        /**
         * Requires a non-null string.
         *
         * @param text the string's value
         */
        public Quoted {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A literal held in memory.
     *
     * @param data   the payload
     * @param binary whether it was sent as {@code ~{n}} (RFC 3516)
     */
    record Literal(Bytes data, boolean binary) implements ImapValue {
        /**
         * Requires a payload.
         *
         * @param data   the payload
         * @param binary whether it was sent as {@code ~{n}} (RFC 3516)
         */
        public Literal {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * A literal whose payload was larger than {@code CodecLimits.literalStreamThreshold} and was handed out in chunks
     * as it arrived instead of being kept.
     *
     * @param size   the payload's size
     * @param binary whether it was sent as {@code ~{n}}
     */
    record StreamedLiteral(long size, boolean binary) implements ImapValue {
    }

    /** {@code NIL}. Use {@link ImapValue#NIL}. */
    record Nil() implements ImapValue {
    }

    /**
     * A parenthesised list.
     *
     * @param items the elements, in order
     */
    record ValueList(List<ImapValue> items) implements ImapValue {
        /**
         * Copies the list.
         *
         * @param items the elements, in order
         */
        public ValueList {
            items = List.copyOf(items);
        }
    }

    /**
     * @return the value as text if it is an atom, number, quoted string or in-memory literal (decoded as UTF-8);
     *     {@code null} for NIL, lists and streamed literals
     */
    default String asText() {
        if (this instanceof Atom a) {
            return a.text();
        } else if (this instanceof Num n) {
            return Long.toString(n.value());
        } else if (this instanceof Quoted q) {
            return q.text();
        } else if (this instanceof Literal l) {
            return l.data().utf8();
        }
        return null;
    }
}
