package org.imap4j.codec.internal.parse;

import java.util.List;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;

/** Parses FETCH data ({@code msg-att}) and FETCH command attributes. */
public final class FetchParser {
    private FetchParser() {
    }

    /**
     * {@code msg-att = "(" (msg-att-dynamic / msg-att-static) *(SP (msg-att-dynamic / msg-att-static)) ")"}.
     *
     * @param r a reader at the opening parenthesis
     * @return the items in order
     */
    public static List<FetchItem> msgAtt(ImapReader r) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The attribute part of a FETCH command: a macro ({@code ALL}, {@code FAST}, {@code FULL}), one
     * {@code fetch-att}, or a parenthesised list of them.
     *
     * @param r a reader at the attributes
     * @return the attributes
     */
    public static List<FetchAttribute> attributes(ImapReader r) {
        throw new UnsupportedOperationException("not yet");
    }
}
