package org.imap4j.codec.internal.parse;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.internal.ascii.Ascii;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;

/**
 * URLAUTH (RFC 4467 section 9), read in both directions: GENURLAUTH, RESETKEY, URLFETCH (server half), their
 * responses and URLMECH (client half). Written with {@code UrlAuthEncoder}; tested by {@code UrlAuthGrammarTest}.
 *
 * <pre>
 * resetkey        = "RESETKEY" [SP mailbox *(SP mechanism)]
 * genurlauth      = "GENURLAUTH" 1*(SP url-rump SP mechanism)
 * urlfetch        = "URLFETCH" 1*(SP url-full)
 * url-rump        = astring
 * url-full        = astring
 * mechanism       = "INTERNAL" / 1*(ALPHA / DIGIT / "-" / ".")
 * genurlauth-data = "*" SP "GENURLAUTH" 1*(SP url-full)
 * urlfetch-data   = "*" SP "URLFETCH" 1*(SP url-full SP nstring)
 * resp-text-code  =/ "URLMECH" SP "INTERNAL" *(SP mechanism ["=" base64])
 * </pre>
 */
final class UrlAuthParser {
    private UrlAuthParser() {
    }

    /**
     * @param r    a reader after the command name
     * @param name the upper-case command name
     * @return the command, or {@code null} if it is not a URLAUTH command
     */
    static Command command(ImapReader r, String name) {
        switch (name) {
            case "GENURLAUTH": {
                List<Command.UrlAuthRequest> out = new ArrayList<>();
                do {
                    r.sp();
                    ParseSupport.checkCount(r, out.size());
                    String rump = r.astring();
                    r.sp();
                    out.add(new Command.UrlAuthRequest(rump, r.atom()));
                } while (r.peek() == ' ');
                return new Command.GenUrlAuth(out);
            }
            case "RESETKEY": {
                if (r.peek() != ' ') {
                    return new Command.ResetKey(null, List.of());
                }
                r.sp();
                MailboxName m = MailboxParser.mailbox(r);
                List<String> mechs = new ArrayList<>();
                while (r.trySp()) {
                    ParseSupport.checkCount(r, mechs.size());
                    mechs.add(r.atom());
                }
                return new Command.ResetKey(m, mechs);
            }
            case "URLFETCH": {
                List<String> urls = new ArrayList<>();
                do {
                    r.sp();
                    ParseSupport.checkCount(r, urls.size());
                    urls.add(r.astring());
                } while (r.peek() == ' ');
                return new Command.UrlFetch(urls);
            }
            default:
                return null;
        }
    }

    /**
     * @param r    a reader after the response name
     * @param name the upper-case response name
     * @return the response, or {@code null} if it is not a URLAUTH response
     */
    static Untagged response(ImapReader r, String name) {
        if (name.equals("GENURLAUTH")) {
            List<String> urls = new ArrayList<>();
            while (ParseSupport.more(r)) {
                ParseSupport.checkCount(r, urls.size());
                urls.add(r.astring());
            }
            return new Untagged.GenUrlAuth(urls);
        }
        if (name.equals("URLFETCH")) {
            List<Untagged.UrlData> out = new ArrayList<>();
            while (ParseSupport.more(r)) {
                ParseSupport.checkCount(r, out.size());
                String url = r.astring();
                r.sp();
                int at = r.mark();
                ImapValue v = r.nstringValue();
                Bytes data;
                if (v instanceof ImapValue.Quoted q) {
                    data = Bytes.utf8(q.text());
                } else if (v instanceof ImapValue.Literal l) {
                    data = l.data();
                } else if (v instanceof ImapValue.Nil) {
                    data = null;
                } else {
                    throw r.errorAt("URLFETCH data above the literal streaming threshold", at);
                }
                out.add(new Untagged.UrlData(url, data));
            }
            return new Untagged.UrlFetch(out);
        }
        return null;
    }

    /**
     * @param r a reader after {@code URLMECH} inside a response code
     * @return the code
     */
    static ResponseCode urlMech(ImapReader r) {
        List<String> out = new ArrayList<>();
        while (r.peek() == ' ') {
            r.sp();
            ParseSupport.checkCount(r, out.size());
            out.add(r.run(Ascii.ATOM, "a mechanism"));
        }
        return new ResponseCode.UrlMech(out);
    }
}
