package org.imap4j.codec.internal.encode;

import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;

/** URLAUTH (RFC 4467), written in both directions (grammar in {@code UrlAuthParser}). */
final class UrlAuthEncoder {
    private UrlAuthEncoder() {
    }

    /**
     * @param w the writer
     * @param c a command
     * @return whether it was a URLAUTH command (then it is written)
     */
    static boolean command(ImapWriter w, Command c) {
        if (c instanceof Command.GenUrlAuth g) {
            w.raw("GENURLAUTH");
            for (Command.UrlAuthRequest q : g.requests()) {
                w.sp().string(q.urlRump()).sp().raw(q.mechanism());
            }
        } else if (c instanceof Command.ResetKey k) {
            w.raw("RESETKEY");
            if (k.mailbox() != null) {
                w.sp().mailbox(k.mailbox());
                for (String m : k.mechanisms()) {
                    w.sp().raw(m);
                }
            }
        } else if (c instanceof Command.UrlFetch f) {
            w.raw("URLFETCH");
            for (String u : f.urls()) {
                w.sp().string(u);
            }
        } else {
            return false;
        }
        return true;
    }

    /**
     * @param w the writer
     * @param u a response
     * @return whether it was a URLAUTH response (then it is written)
     */
    static boolean response(ImapWriter w, Untagged u) {
        if (u instanceof Untagged.GenUrlAuth g) {
            w.raw("GENURLAUTH");
            for (String url : g.urls()) {
                w.sp().string(url);
            }
        } else if (u instanceof Untagged.UrlFetch f) {
            w.raw("URLFETCH");
            for (Untagged.UrlData d : f.results()) {
                w.sp().string(d.url()).sp();
                Bytes b = d.data();
                if (b == null) {
                    w.raw("NIL");
                } else {
                    w.literal(b, hasNul(b));
                }
            }
        } else {
            return false;
        }
        return true;
    }

    private static boolean hasNul(Bytes b) {
        for (int i = 0; i < b.size(); i++) {
            if (b.get(i) == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param w    the writer
     * @param code a URLMECH code
     */
    static void urlMech(ImapWriter w, ResponseCode.UrlMech code) {
        w.raw("URLMECH");
        for (String m : code.mechanisms()) {
            w.sp().raw(m);
        }
    }
}
