package org.imap4j.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.imap4j.client.AppendResult;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * The operations of message composition on the server: CATENATE (RFC 4469) and URLAUTH (RFC 4467), one command each.
 */
public final class ComposeOps {
    private ComposeOps() {
    }

    /**
     * @param s       the session
     * @param command the CATENATE APPEND
     * @return the operation; the new UIDs under UIDPLUS (one per message, or none when the count differs)
     */
    public static Op<AppendResult> catenate(Session s, Command.Catenate command) {
        return new Op<>(s, command) {
            @Override
            protected AppendResult result(Tagged ok) {
                s.tagged(ok);
                if (ok.code() instanceof ResponseCode.AppendUid au) {
                    List<Long> uids = new ArrayList<>();
                    if (au.uids().size() == command.messages().size()) {
                        au.uids().numbers().forEachRemaining((long n) -> uids.add(n));
                    }
                    return new AppendResult(OptionalLong.of(au.uidValidity()), uids);
                }
                return new AppendResult(OptionalLong.empty(), List.of());
            }
        };
    }

    /**
     * @param s       the session
     * @param command GENURLAUTH
     * @return the operation; the authorized URLs in the order the server sent them
     */
    public static Op<List<String>> genUrlAuth(Session s, Command.GenUrlAuth command) {
        return ExtensionOps.collect(s, command, Untagged.GenUrlAuth.class, Untagged.GenUrlAuth::urls);
    }

    /**
     * @param s       the session
     * @param command URLFETCH
     * @return the operation; each URL with its octets ({@code null} data where the server could not resolve it)
     */
    public static Op<List<Untagged.UrlData>> urlFetch(Session s, Command.UrlFetch command) {
        return ExtensionOps.collect(s, command, Untagged.UrlFetch.class, Untagged.UrlFetch::results);
    }

    /**
     * @param s       the session
     * @param command RESETKEY
     * @return the operation
     */
    public static Op<Void> resetKey(Session s, Command.ResetKey command) {
        return new Op<>(s, command) {
            @Override
            protected Void result(Tagged ok) {
                s.tagged(ok);
                return null;
            }
        };
    }
}
