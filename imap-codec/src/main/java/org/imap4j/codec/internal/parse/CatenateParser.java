package org.imap4j.codec.internal.parse;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;

/**
 * CATENATE (RFC 4469 section 5), the server half: the {@code CATENATE} form of an APPEND message. Written with
 * {@code CatenateEncoder}; tested by {@code CatenateGrammarTest} and {@code CatenateRoundTripProperties}.
 *
 * <pre>
 * append-data  =/ "CATENATE" SP "(" cat-part *(SP cat-part) ")"
 * cat-part     = text-literal / url
 * text-literal = "TEXT" SP literal          ; literal8 too where BINARY is offered (RFC 4469 section 6)
 * url          = "URL" SP astring
 * </pre>
 */
final class CatenateParser {
    private CatenateParser() {
    }

    /**
     * @param r     a reader after {@code CATENATE}
     * @param flags the message's flags
     * @param date  its internal date, or {@code null}
     * @return the message
     */
    static Command.CatenateMessage message(ImapReader r, List<Flag> flags, OffsetDateTime date) {
        r.sp();
        r.expect('(');
        List<Command.CatenatePart> parts = new ArrayList<>();
        do {
            ParseSupport.checkCount(r, parts.size());
            if (r.tryWord("URL")) {
                r.sp();
                parts.add(new Command.CatenatePart.Url(r.astring()));
            } else if (r.tryWord("TEXT")) {
                r.sp();
                if (!r.literalSpan()) {
                    throw r.error("an in-memory literal (CATENATE text was streamed)");
                }
                Bytes data = Bytes.copyOf(r.buffer(), r.litStart(), r.litEnd() - r.litStart());
                parts.add(new Command.CatenatePart.Text(data, r.litBinary()));
            } else {
                throw r.error("URL or TEXT (a CATENATE part)");
            }
        } while (r.trySp());
        r.expect(')');
        return new Command.CatenateMessage(flags, date, parts);
    }
}
