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
    UNESCAPED_MAILBOX_QUOTES,
    /**
     * Accept FETCH items wrapped in an extra pair of parentheses ({@code * 1 FETCH (UID 5 (ENVELOPE (...)))} or
     * {@code * 1 FETCH ((UID 5 FLAGS ()))}), as Lotus / HCL Domino sends (MailKit issue 943, mailcore2 issue 614):
     * the items inside are read as if the parentheses were not there. A {@code (} where an item name is due cannot
     * mean anything else.
     */
    PARENTHESIZED_FETCH_ITEMS,
    /**
     * Accept {@code MODSEQ (-1)} in FETCH data, as Zoho sends for a message it has no mod-sequence for (MailKit
     * issues 495 and 1686): the item is left out, as if the server had not sent it (a mod-sequence is 1..2^63-1;
     * {@code -1} can only mean "none"). Any other negative or malformed value stays an error for the item.
     */
    NEGATIVE_MODSEQ,
    /**
     * Accept a FETCH body section followed by no value ({@code BODY[2] )}), as Yandex sends for a MIME part with
     * empty content (MailKit issue 1708): the section is read as empty data. Only when what follows cannot start a
     * value (the list's end or the next item's name).
     */
    MISSING_SECTION_DATA,
    /**
     * Accept a bare response code line with no {@code * OK} before it ({@code [COPYUID 9 3210 50] ...}), as
     * Exchange sends during UID MOVE (ruby net-imap issue 250): it is read as the untagged {@code * OK} it stands
     * for, so the COPYUID is not lost. A line starting with {@code [} cannot be a reply to this client's tags.
     */
    BARE_RESPONSE_CODE_LINE,
    /**
     * Salvage a FETCH response whose items include one the parser cannot read: that item becomes
     * {@link org.imap4j.codec.fetch.FetchItem.Unreadable} holding its raw bytes, and every other item of the message
     * is kept, instead of the whole response being an error (and dropped). Only where the bad item's extent is still
     * clear, and never for a limit or for a number out of its range (a UID of 2^32, a MODSEQ of 2^63, a 0 where
     * nz-number is due: the number-overflow class is refused outright, the whole response with it); the client
     * reports each unreadable item as a typed warning.
     */
    SALVAGE_FETCH_ITEMS;

    /** Immutable (callers get an {@link EnumSet} copy), so the codec holds no shared mutable state. */
    private static final Set<Quirk> DEFAULTS = Set.of(
            EXTRA_SPACES, MISSING_TEXT, NIL_AS_EMPTY_STRING, CASE_INSENSITIVE_NAMES, SPACES_BETWEEN_ADDRESSES,
            MISSING_SPACE_AFTER_ORIGIN, BARE_DISPOSITION, UNESCAPED_MAILBOX_QUOTES, PARENTHESIZED_FETCH_ITEMS,
            NEGATIVE_MODSEQ, MISSING_SECTION_DATA, BARE_RESPONSE_CODE_LINE, SALVAGE_FETCH_ITEMS);

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
