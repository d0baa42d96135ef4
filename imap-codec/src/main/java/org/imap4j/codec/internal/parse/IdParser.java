package org.imap4j.codec.internal.parse;

import static org.imap4j.codec.internal.parse.ParseSupport.checkCount;
import static org.imap4j.codec.internal.parse.ParseSupport.closeOrSp;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.IdParam;
import org.imap4j.codec.response.Untagged;

/**
 * ID, for both directions (RFC 2971).
 *
 * <pre>
 * id             = "ID" SP id-params-list
 * id-response    = "ID" SP id-params-list
 * id-params-list = "(" *(string SP nstring) ")" / nil
 * </pre>
 */
final class IdParser {
    private IdParser() {
    }

    /** {@code id-response = "ID" SP id-params-list}; {@code id-params-list = "(" *(string SP nstring) ")" / nil}. */
    static Untagged idResponse(ImapReader r) {
        r.sp();
        if (r.tryNil()) {
            return new Untagged.Id(null);
        }
        r.expect('(');
        List<IdParam> out = new ArrayList<>();
        if (r.tryByte(')')) {
            return new Untagged.Id(out);
        }
        while (true) {
            checkCount(r, out.size());
            String key = r.astring();
            r.sp();
            out.add(new IdParam(key, r.nstring()));
            if (closeOrSp(r)) {
                return new Untagged.Id(out);
            }
        }
    }

    /** {@code id = "ID" SP id-params-list}, {@code id-params-list = "(" *(string SP nstring) ")" / nil} (RFC 2971). */
    static Command idCommand(ImapReader r) {
        r.sp();
        List<Command.IdField> fields = new ArrayList<>();
        if (r.tryNil()) {
            return new Command.Id(fields);
        }
        r.expect('(');
        if (r.peek() != ')') {
            do {
                String k = r.string();
                r.sp();
                fields.add(new Command.IdField(k, r.nstring()));
            } while (r.tryByte(' '));
        }
        r.expect(')');
        return new Command.Id(fields);
    }
}
