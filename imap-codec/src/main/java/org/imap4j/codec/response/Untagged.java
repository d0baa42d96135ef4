package org.imap4j.codec.response;

import org.imap4j.codec.core.ImapValue;

/**
 * An untagged response ({@code * ...}): server data or an untagged status. One record per kind; a response this codec
 * does not know becomes {@link Unknown}, keeping its generic value.
 */
public sealed interface Untagged extends Response permits Untagged.Unknown {

    /**
     * A response of a kind the codec does not know, kept whole.
     *
     * @param name the response name (an atom), or the number for a {@code * n NAME} form
     * @param data the rest of the response as generic values
     */
    record Unknown(String name, java.util.List<ImapValue> data) implements Untagged {
    }
}
