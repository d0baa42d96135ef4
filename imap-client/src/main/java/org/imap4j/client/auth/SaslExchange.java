package org.imap4j.client.auth;

import org.imap4j.codec.core.Bytes;

/**
 * The client's half of one SASL authentication exchange (RFC 4422 section 3.4): an optional initial response, then
 * one answer per server challenge. Challenges are given already base64-decoded and answers are returned raw; the
 * IMAP layer does the base64 of RFC 9051 section 6.2.2.
 *
 * <p>An exchange is single-use and not thread-safe. A challenge that is malformed, forged or otherwise unacceptable
 * yields {@link org.imap4j.codec.ImapAuthenticationException}, never another unchecked exception; the client should
 * then cancel the exchange by sending {@code "*"} (RFC 9051 section 6.2.2).
 */
public interface SaslExchange {

    /**
     * Whether the mechanism is client-first (RFC 4422 section 3.3) and so can send its first message with the
     * {@code AUTHENTICATE} command when the server supports SASL-IR (RFC 4959). Without SASL-IR the server sends an
     * empty challenge first, and {@link #evaluate} answers it with the same initial response.
     *
     * @return {@code true} for PLAIN, SCRAM, XOAUTH2, OAUTHBEARER and EXTERNAL
     */
    boolean hasInitialResponse();

    /**
     * The initial client response (RFC 4422 section 3.3). It may be empty (EXTERNAL without an authorization
     * identity), which IMAP sends as {@code "="} (RFC 4959 section 3).
     *
     * @return the initial response; the same bytes if asked again
     * @throws IllegalStateException if {@link #hasInitialResponse()} is {@code false}
     */
    Bytes initialResponse();

    /**
     * Answers one server challenge (RFC 4422 section 3.4.1).
     *
     * @param challenge the challenge, base64-decoded; empty for a bare {@code "+ "} continuation
     * @return the response to send (before base64), possibly empty
     * @throws org.imap4j.codec.ImapAuthenticationException if the challenge is malformed, comes when none is
     *     expected, or fails verification (for example a SCRAM server signature that does not match, RFC 5802
     *     section 3), or the server reports an error (SCRAM {@code e=})
     */
    Bytes evaluate(Bytes challenge);

    /**
     * Whether the client side is done and has verified the server as far as the mechanism allows: for SCRAM, once
     * the server signature has been checked (RFC 5802 section 3); for mechanisms without server authentication,
     * once the credentials have been sent. The server's tagged {@code OK} remains the verdict.
     *
     * @return {@code true} when no further challenge is expected
     */
    boolean isComplete();

    /**
     * The error a server reported inside the exchange, kept for the caller's diagnostics: the JSON status of an
     * OAuth failure (RFC 7628 section 3.2.2; Google's XOAUTH2), which the mechanism answers as its specification
     * requires before the server's tagged {@code NO}.
     *
     * @return the server's error text, or {@code null} if none was reported
     */
    default String serverError() {
        return null;
    }
}
