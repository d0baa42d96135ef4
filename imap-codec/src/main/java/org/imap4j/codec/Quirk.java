package org.imap4j.codec;

import java.util.EnumSet;
import java.util.Set;

/**
 * A named, switchable tolerance for a real server's deviation from the grammar. The parser is strict for anything not
 * listed here; each quirk is tested with a transcript of the server behaviour that needs it.
 */
public enum Quirk {
    /** Accept a bare LF as a line end (seen from hand-written test servers and some proxies). */
    CRLF_RELAXED,
    /** Accept more than one space between tokens, and a trailing space before CRLF (Exchange, Yahoo). */
    EXTRA_SPACES,
    /** Accept a status response with no text after the status or code ({@code * OK} / {@code A1 OK [READ-WRITE]}). */
    MISSING_TEXT,
    /** Decode 8-bit bytes that are not valid UTF-8 in quoted strings as ISO-8859-1 instead of failing. */
    LATIN1_FALLBACK,
    /** Accept {@code NIL} where the grammar requires a string (for example in body fields; Exchange, Domino). */
    NIL_AS_EMPTY_STRING,
    /** Accept lowercase or mixed-case response and FETCH item names ({@code * ok}, {@code uid}). */
    CASE_INSENSITIVE_NAMES,
    /** Accept addresses in an ENVELOPE list without a space or with extra spaces between them (Gmail, mail.ru). */
    SPACES_BETWEEN_ADDRESSES,
    /** Accept atom characters the grammar forbids (such as {@code ]} in flags, as some servers send). */
    LOOSE_ATOMS,
    /**
     * Accept a partial FETCH body without the space between its origin and its data ({@code BODY[TEXT]<4>{4}}), as
     * GreenMail 2.1 sends: the data cannot be mistaken for anything else.
     */
    MISSING_SPACE_AFTER_ORIGIN,
    /**
     * Accept a body disposition sent as a bare string ({@code "inline"}) instead of {@code ("inline" NIL)}, as
     * Exchange and Office 365 do (reported in MailKit issues 919 and 1446): a string there can only be the type.
     */
    BARE_DISPOSITION,
    /**
     * Accept a LIST / LSUB / STATUS mailbox name written as a quoted string with its quotes and backslashes not
     * escaped ({@code "Tom "box""}), as GreenMail 2.1.2 sends: when the quoted name does not end where the grammar
     * needs it, it is read up to the line's last quote (LIST, LSUB: the name ends the line) or the last quote
     * before the attribute list (STATUS).
     */
    UNESCAPED_MAILBOX_QUOTES;

    private static final Set<Quirk> DEFAULTS = EnumSet.of(
            EXTRA_SPACES, MISSING_TEXT, NIL_AS_EMPTY_STRING, CASE_INSENSITIVE_NAMES, SPACES_BETWEEN_ADDRESSES,
            MISSING_SPACE_AFTER_ORIGIN, BARE_DISPOSITION, UNESCAPED_MAILBOX_QUOTES);

    /**
     * The quirks tolerated by default: those that real, widely deployed servers need and that cannot be mistaken for
     * an attack. {@link #CRLF_RELAXED}, {@link #LATIN1_FALLBACK} and {@link #LOOSE_ATOMS} are off by default.
     *
     * @return a new mutable set holding the defaults
     */
    public static Set<Quirk> defaults() {
        return EnumSet.copyOf(DEFAULTS);
    }

    /** @return a new empty mutable set: the strict grammar */
    public static Set<Quirk> none() {
        return EnumSet.noneOf(Quirk.class);
    }
}
