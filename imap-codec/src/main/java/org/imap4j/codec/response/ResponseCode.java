package org.imap4j.codec.response;

import org.imap4j.codec.core.ImapValue;

/**
 * A response code ({@code [CODE ...]} in a status response, RFC 9051 section 7.1). One record per code; an unknown
 * code becomes {@link Other}.
 */
public sealed interface ResponseCode permits ResponseCode.Other {

    /**
     * An unknown response code, kept whole.
     *
     * @param name the code's atom, upper-cased
     * @param data its argument text, or {@code null}
     */
    record Other(String name, String data) implements ResponseCode {
    }
}
