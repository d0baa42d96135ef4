package org.imap4j.codec.internal.parse;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.fetch.LiteralBinding;

/**
 * Reads where a streamed literal belongs from the response text before it ({@code * 12 FETCH (UID 7 BODY[1.2]<0>
 * {2000000}}): the message's sequence number, its UID if sent before the body, and the body item with its section
 * and origin; under UIDONLY ({@code * 7 UIDFETCH (BODY[] {2000000}}, RFC 9586) the number is the UID and stands for
 * the sequence number as well, as the client reads UIDFETCH as the FETCH of that UID. Anything else (not a FETCH, an item that cannot be read, a literal that is not a body's data) binds to
 * nothing: the caller then delivers the body unbound, never paired by order.
 */
public final class LiteralPrefix {
    private LiteralPrefix() {
    }

    /**
     * @param buf      the buffer holding the text
     * @param start    its first byte
     * @param end      its end: right after the streamed literal's announcement and CRLF
     * @param streamed offsets (relative to {@code start}) of literals streamed out of this response, the last one
     *                 {@code end - start}
     * @param limits   the limits in force
     * @param quirks   the tolerated deviations
     * @return the binding, or {@code null} if the text does not say where the literal belongs
     */
    public static LiteralBinding bind(byte[] buf, int start, int end, int[] streamed, CodecLimits limits,
            Set<Quirk> quirks) {
        ImapReader r = new ImapReader(buf, start, end, streamed, limits, quirks);
        try {
            if (!r.tryByte('*')) {
                return null;
            }
            r.sp();
            long seq = r.nzNumber();
            r.sp();
            // uidfetch-resp (RFC 9586 section 3.3): the number is the UID, and it stands for the sequence number too
            boolean uidFetch = r.tryWord("UIDFETCH");
            if (!uidFetch && !r.tryWord("FETCH")) {
                return null;
            }
            r.sp();
            List<FetchItem> items = FetchParser.prefixItems(r);
            FetchItem last = items.get(items.size() - 1);
            if (!(last instanceof FetchItem.Body b && b.data() instanceof BodyData.Streamed)) {
                return null;
            }
            OptionalLong uid = uidFetch ? OptionalLong.of(seq) : OptionalLong.empty();
            for (FetchItem i : items) {
                if (i instanceof FetchItem.Uid u) {
                    uid = OptionalLong.of(u.uid());
                }
            }
            return new LiteralBinding(seq, uid, last);
        } catch (ImapProtocolException | IllegalArgumentException e) {
            return null;
        }
    }
}
