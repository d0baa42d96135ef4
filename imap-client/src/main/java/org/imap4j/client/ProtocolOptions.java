package org.imap4j.client;

/**
 * Which protocol upgrades the client asks for once it is authenticated (after LOGIN or AUTHENTICATE, or at once after
 * a {@code * PREAUTH} greeting): rev2-first, with the rev1 path for servers that do not offer IMAP4rev2.
 *
 * <p>With both on (the default) the client sends {@code ENABLE IMAP4rev2 UTF8=ACCEPT}, each only when the server
 * offers it, and adapts to what the server enabled: under IMAP4rev2 (RFC 9051) there is no {@code RECENT}, SEARCH
 * answers with ESEARCH, LIST reports {@code \HasChildren}/{@code \HasNoChildren}, and mailbox names are UTF-8 both ways;
 * under UTF8=ACCEPT (RFC 9755) mailbox names are UTF-8 and a message whose header carries 8-bit octets is appended in
 * the {@code UTF8 (~{n})} form when the server
 * also reads literal8 (BINARY or IMAP4rev2). A refused ENABLE leaves the connection on the rev1 path; the client does not fail.
 *
 * <pre>{@code
 * ImapClient c = ImapClient.builder("imap.example.org")
 *         .protocol(ProtocolOptions.defaults().withImap4rev2(false))   // stay on IMAP4rev1
 *         .connect();
 * }</pre>
 *
 * @param enableImap4rev2  whether to send {@code ENABLE IMAP4rev2} when the server offers it
 * @param enableUtf8Accept whether to send {@code ENABLE UTF8=ACCEPT} when the server offers it
 */
public record ProtocolOptions(boolean enableImap4rev2, boolean enableUtf8Accept) {

    /** @return both upgrades on: the client is rev2-first */
    public static ProtocolOptions defaults() {
        return new ProtocolOptions(true, true);
    }

    /**
     * @param v whether to enable IMAP4rev2 when offered
     * @return these options with that changed
     */
    public ProtocolOptions withImap4rev2(boolean v) {
        return new ProtocolOptions(v, enableUtf8Accept);
    }

    /**
     * @param v whether to enable UTF8=ACCEPT when offered
     * @return these options with that changed
     */
    public ProtocolOptions withUtf8Accept(boolean v) {
        return new ProtocolOptions(enableImap4rev2, v);
    }
}
