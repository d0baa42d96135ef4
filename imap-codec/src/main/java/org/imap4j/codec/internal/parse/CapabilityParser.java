package org.imap4j.codec.internal.parse;

import static org.imap4j.codec.internal.parse.ParseSupport.checkCount;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.internal.ascii.Ascii;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.command.Command;

/**
 * Capabilities, for both directions: the CAPABILITY response and response code, the ENABLED response and the ENABLE
 * command (RFC 9051 section 9, RFC 5161).
 *
 * <pre>
 * capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev2" *(SP capability)
 * capability      = ("AUTH=" auth-type) / atom
 * enable          = "ENABLE" 1*(SP capability)
 * enable-data     = "ENABLED" *(SP capability)
 * </pre>
 */
final class CapabilityParser {
    private CapabilityParser() {
    }

    /** {@code capability-data = "CAPABILITY" *(SP capability)}, after the name; also {@code enable-data}. */
    static List<Capability> capabilities(ImapReader r) {
        List<Capability> out = new ArrayList<>();
        while (r.peek() == ' ') {
            int m = r.mark();
            r.sp();
            if (r.atLineEnd() || r.peek() == ']') {
                r.reset(m);
                break;
            }
            checkCount(r, out.size());
            out.add(capability(r));
        }
        return out;
    }

    /** {@code enable = "ENABLE" 1*(SP capability)}, after the name. */
    static Command enable(ImapReader r) {
        List<String> caps = new ArrayList<>();
        do {
            r.sp();
            caps.add(r.atom());
        } while (r.peek() == ' ');
        return new Command.Enable(caps);
    }

    /** {@code capability}: one capability atom (also of the CAPABILITY response code). */
    static Capability capability(ImapReader r) {
        return Capability.of(r.run(Ascii.ATOM, "capability"));
    }
}
