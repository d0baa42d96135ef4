package org.imap4j.codec.internal.parse;

import static org.imap4j.codec.internal.parse.ParseSupport.checkCount;
import static org.imap4j.codec.internal.parse.ParseSupport.closeOrSp;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.response.NamespaceDescriptor;
import org.imap4j.codec.response.Untagged;

/**
 * The NAMESPACE response (RFC 9051 sections 6.3.10 and 7.3.5, RFC 2342); the command has no arguments.
 *
 * <pre>
 * namespace-response = "NAMESPACE" SP namespace SP namespace SP namespace
 * namespace          = nil / "(" 1*namespace-descr ")"
 * namespace-descr    = "(" string SP (DQUOTE QUOTED-CHAR DQUOTE / nil) [namespace-response-extensions] ")"
 * namespace-response-extensions = *namespace-response-extension
 * namespace-response-extension  = SP string SP "(" string *(SP string) ")"
 * </pre>
 */
final class NamespaceParser {
    private NamespaceParser() {
    }

    /** {@code namespace-response = "NAMESPACE" SP namespace SP namespace SP namespace}. */
    static Untagged namespaceResponse(ImapReader r) {
        r.sp();
        List<NamespaceDescriptor> personal = namespace(r);
        r.sp();
        List<NamespaceDescriptor> other = namespace(r);
        r.sp();
        return new Untagged.Namespace(personal, other, namespace(r));
    }

    /** {@code namespace = nil / "(" 1*namespace-descr ")"}. */
    static List<NamespaceDescriptor> namespace(ImapReader r) {
        if (r.tryNil()) {
            return null;
        }
        r.expect('(');
        List<NamespaceDescriptor> out = new ArrayList<>();
        do {
            checkCount(r, out.size());
            out.add(namespaceDescr(r));
            if (r.extraSpaces()) {
                while (r.peek() == ' ') {
                    r.sp();
                }
            }
        } while (r.peek() == '(');
        r.expect(')');
        return out;
    }

    /**
     * {@code namespace-descr = "(" string SP (DQUOTE QUOTED-CHAR DQUOTE / nil) [namespace-response-extensions] ")"};
     * {@code namespace-response-extension = SP string SP "(" string *(SP string) ")"}.
     */
    static NamespaceDescriptor namespaceDescr(ImapReader r) {
        r.expect('(');
        String prefix = r.string();
        r.sp();
        String delim = MailboxParser.delimiter(r);
        List<NamespaceDescriptor.Extension> ext = new ArrayList<>();
        while (r.peek() == ' ') {
            r.sp();
            if (r.extraSpaces() && r.peek() == ')') {
                break;
            }
            checkCount(r, ext.size());
            String name = r.string();
            r.sp();
            r.expect('(');
            List<String> values = new ArrayList<>();
            while (true) {
                checkCount(r, values.size());
                values.add(r.string());
                if (closeOrSp(r)) {
                    break;
                }
            }
            ext.add(new NamespaceDescriptor.Extension(name, values));
        }
        r.expect(')');
        return new NamespaceDescriptor(prefix, delim, ext);
    }
}
