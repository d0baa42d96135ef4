package org.imap4j.client;

import org.imap4j.client.auth.AuthenticatorRegistry;

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
 * <p>A FETCH, STORE, COPY or MOVE whose message set would make the command line longer than
 * {@code maxCommandLength} octets (8,192 by default: RFC 7162 section 4, RFC 2683 section 3.2.1.5) is sent as several
 * commands, each with part of the set, and their results merged; so is one on more messages than the server's
 * {@code MESSAGELIMIT} (RFC 9738). A MOVE by sequence number is never split (the first part would renumber the rest).
 *
 * <p>{@code authenticate(user, password)} picks its SASL mechanism from {@code authenticators}: the first of its
 * preference order that the server offers ({@link AuthenticatorRegistry#defaults()}: SCRAM first, PLAIN and LOGIN
 * only over TLS), else the LOGIN command.
 *
 * @param enableImap4rev2  whether to send {@code ENABLE IMAP4rev2} when the server offers it
 * @param enableUtf8Accept whether to send {@code ENABLE UTF8=ACCEPT} when the server offers it
 * @param maxCommandLength the longest command line, in octets, a long message set may make (at least 256)
 * @param authenticators   the SASL mechanisms {@code authenticate(user, password)} may use, in preference order
 */
public record ProtocolOptions(boolean enableImap4rev2, boolean enableUtf8Accept, int maxCommandLength,
        AuthenticatorRegistry authenticators) {

    /** The default longest command line: 8,192 octets (RFC 7162 section 4). */
    public static final int DEFAULT_MAX_COMMAND_LENGTH = 8192;

    /**
     * Validates the line length.
     *
     * @param enableImap4rev2  whether to send {@code ENABLE IMAP4rev2} when the server offers it
     * @param enableUtf8Accept whether to send {@code ENABLE UTF8=ACCEPT} when the server offers it
     * @param maxCommandLength the longest command line a long message set may make (at least 256)
     * @param authenticators   the SASL mechanisms {@code authenticate(user, password)} may use
     */
    public ProtocolOptions {
        java.util.Objects.requireNonNull(authenticators, "authenticators");
        if (maxCommandLength < 256) {
            throw new IllegalArgumentException("maxCommandLength must be at least 256: " + maxCommandLength);
        }
    }

    /**
     * Options with the default line length.
     *
     * @param enableImap4rev2  whether to send {@code ENABLE IMAP4rev2} when the server offers it
     * @param enableUtf8Accept whether to send {@code ENABLE UTF8=ACCEPT} when the server offers it
     */
    public ProtocolOptions(boolean enableImap4rev2, boolean enableUtf8Accept) {
        this(enableImap4rev2, enableUtf8Accept, DEFAULT_MAX_COMMAND_LENGTH, AuthenticatorRegistry.defaults());
    }

    /** @return both upgrades on: the client is rev2-first */
    public static ProtocolOptions defaults() {
        return new ProtocolOptions(true, true);
    }

    /**
     * @param v the longest command line a long message set may make, in octets (at least 256)
     * @return these options with that changed
     */
    public ProtocolOptions withMaxCommandLength(int v) {
        return new ProtocolOptions(enableImap4rev2, enableUtf8Accept, v, authenticators);
    }

    /**
     * @param v the SASL mechanisms {@code authenticate(user, password)} may use, in preference order
     * @return these options with that changed
     */
    public ProtocolOptions withAuthenticators(AuthenticatorRegistry v) {
        return new ProtocolOptions(enableImap4rev2, enableUtf8Accept, maxCommandLength, v);
    }

    /**
     * @param v whether to enable IMAP4rev2 when offered
     * @return these options with that changed
     */
    public ProtocolOptions withImap4rev2(boolean v) {
        return new ProtocolOptions(v, enableUtf8Accept, maxCommandLength, authenticators);
    }

    /**
     * @param v whether to enable UTF8=ACCEPT when offered
     * @return these options with that changed
     */
    public ProtocolOptions withUtf8Accept(boolean v) {
        return new ProtocolOptions(enableImap4rev2, v, maxCommandLength, authenticators);
    }
}
