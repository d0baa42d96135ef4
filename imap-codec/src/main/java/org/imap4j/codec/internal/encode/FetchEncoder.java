package org.imap4j.codec.internal.encode;

import java.util.List;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;

/** Encodes FETCH data ({@code msg-att}, server side) and FETCH command attributes (client side). */
public final class FetchEncoder {
    private FetchEncoder() {
    }

    /**
     * Writes {@code msg-att}, parentheses included.
     *
     * @param w     the writer
     * @param items the items
     */
    public static void msgAtt(ImapWriter w, List<FetchItem> items) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Writes FETCH command attributes: a single attribute or macro bare, several in parentheses.
     *
     * @param w     the writer
     * @param attrs the attributes
     */
    public static void attributes(ImapWriter w, List<FetchAttribute> attrs) {
        throw new UnsupportedOperationException("not yet");
    }
}
