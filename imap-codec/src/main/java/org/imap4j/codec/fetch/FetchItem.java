package org.imap4j.codec.fetch;

import org.imap4j.codec.core.ImapValue;

/**
 * One item of a FETCH response's {@code msg-att} (RFC 9051 section 7.5.2).
 */
public sealed interface FetchItem permits FetchItem.Other {

    /**
     * An item the codec does not know, kept whole.
     *
     * @param name  the item's name as sent (with any section)
     * @param value its value
     */
    record Other(String name, ImapValue value) implements FetchItem {
    }
}
