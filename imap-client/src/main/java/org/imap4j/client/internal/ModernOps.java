package org.imap4j.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.imap4j.client.ProtocolOptions;
import org.imap4j.codec.ConnectionState;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.response.Capability;

/**
 * Rev2-first: what the client enables once authenticated, and how it adapts its commands to what the server enabled
 * (RFC 9051 for IMAP4rev2, RFC 9755 for UTF8=ACCEPT).
 */
public final class ModernOps {
    private ModernOps() {
    }

    /**
     * The ENABLE the configuration asks for, of what the server offers: {@code IMAP4rev2}, {@code UTF8=ACCEPT}, both or
     * neither (nothing already enabled is asked for again).
     *
     * @param s the session
     * @return the capability names to enable, in that order; empty for none
     */
    static List<String> toEnable(Session s) {
        ProtocolOptions p = s.config().protocol();
        List<String> want = new ArrayList<>(2);
        if (p.enableImap4rev2() && s.has(Capability.Known.IMAP4REV2) && !s.isEnabled(Capability.Known.IMAP4REV2)) {
            want.add(Capability.Known.IMAP4REV2.wire());
        }
        if (p.enableUtf8Accept() && s.has(Capability.Known.UTF8_ACCEPT)
                && !s.isEnabled(Capability.Known.UTF8_ACCEPT)) {
            want.add(Capability.Known.UTF8_ACCEPT.wire());
        }
        return want;
    }

    /**
     * Enables what the configuration asks for and the server offers, once the capabilities after authentication are
     * known. A refusal (NO or BAD) leaves the connection on the IMAP4rev1 path and does not fail the login; a broken
     * connection does.
     *
     * @param s the session
     * @return completes when the ENABLE (if any) has completed
     */
    public static CompletableFuture<Void> enableAfterAuth(Session s) {
        List<String> want = toEnable(s);
        if (want.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return s.run(Ops.enable(s, new Command.Enable(want)), null).handle((enabled, e) -> {
            Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (t == null || t instanceof ImapCommandException) {
                return null;
            }
            throw Session.unwrap(t);
        });
    }

    /**
     * After a {@code * PREAUTH} greeting the connection is authenticated from the start: enable at once.
     *
     * @param s the freshly opened session
     * @return the session once that is done (at once when the greeting was {@code * OK})
     */
    static CompletableFuture<Session> afterPreauth(Session s) {
        if (s.transport().state() != ConnectionState.AUTHENTICATED || toEnable(s).isEmpty()) {
            return CompletableFuture.completedFuture(s);
        }
        CompletableFuture<Void> f = enableAfterAuth(s);
        s.readInBackground(f);
        return f.handle((v, e) -> {
            if (e != null) {
                s.transport().close();
                throw Session.unwrap(e);
            }
            return s;
        });
    }

    /**
     * @param s the session
     * @return whether SEARCH may ask for ESEARCH's answer ({@code RETURN (ALL)}): ESEARCH (RFC 4731) or IMAP4rev2,
     *     which includes it
     */
    public static boolean esearch(Session s) {
        return s.has(Capability.Known.ESEARCH) || s.has(Capability.Known.IMAP4REV2);
    }

    /**
     * Under UTF8=ACCEPT, to a server that reads literal8 (BINARY or IMAP4rev2), a message whose header carries 8-bit
     * octets goes in the {@code UTF8 (~{n})} form (RFC 9755 section 4); every other message is left as it is.
     *
     * @param s        the session
     * @param messages the messages to append
     * @return the messages to send
     */
    public static List<Command.AppendMessage> forAppend(Session s, List<Command.AppendMessage> messages) {
        // The UTF8 form carries a literal8: only to a server that reads literal8 (BINARY, or IMAP4rev2). Courier 5.0
        // enables UTF8=ACCEPT without BINARY and refuses the form with NO (found by the live suite); it stores 8-bit
        // headers sent in a plain literal.
        if (!s.isEnabled(Capability.Known.UTF8_ACCEPT)
                || !s.has(Capability.Known.BINARY) && !s.has(Capability.Known.IMAP4REV2)) {
            return messages;
        }
        List<Command.AppendMessage> out = new ArrayList<>(messages.size());
        for (Command.AppendMessage m : messages) {
            out.add(!m.utf8() && eightBitHeader(m.data()) ? m.asUtf8() : m);
        }
        return out;
    }

    /**
     * @param message an RFC 5322 message
     * @return whether its header (up to the first empty line) has an octet above 0x7F
     */
    static boolean eightBitHeader(Bytes message) {
        int n = message.size();
        for (int i = 0; i < n; i++) {
            int b = message.get(i) & 0xff;
            if (b >= 0x80) {
                return true;
            }
            if (b == '\n' && (i + 1 < n && message.get(i + 1) == '\n'
                    || i + 2 < n && message.get(i + 1) == '\r' && message.get(i + 2) == '\n')) {
                return false;
            }
        }
        return false;
    }
}
