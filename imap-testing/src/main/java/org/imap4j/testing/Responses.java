package org.imap4j.testing;

import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Untagged;

/** Short forms of the responses scripts send most. */
public final class Responses {
    private Responses() {
    }

    /**
     * @param text the text
     * @return {@code * BYE text}
     */
    public static Untagged.StatusResponse bye(String text) {
        return new Untagged.StatusResponse(Condition.BYE, null, text);
    }

    /**
     * @param code the code, or {@code null}
     * @param text the text
     * @return {@code * OK [code] text}
     */
    public static Untagged.StatusResponse ok(ResponseCode code, String text) {
        return new Untagged.StatusResponse(Condition.OK, code, text);
    }

    /**
     * @param count the number of messages
     * @return {@code * count EXISTS}
     */
    public static Untagged.Exists exists(long count) {
        return new Untagged.Exists(count);
    }

    static byte[] encode(Response r) {
        return ImapCodec.encodeResponse(r);
    }
}
