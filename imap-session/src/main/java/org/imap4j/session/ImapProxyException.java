package org.imap4j.session;

import org.imap4j.codec.ImapConnectionException;

/**
 * The proxy did not open the tunnel: it refused the credentials or the destination, answered something that is not
 * its protocol, or closed the connection. The message names the proxy and its reply code, never the credentials and
 * never the raw bytes it sent.
 *
 * <pre>{@code
 * try {
 *     client = ImapClient.builder("imap.example.org").proxy(ProxyOptions.socks5("proxy", 1080)).connect();
 * } catch (ImapProxyException e) {
 *     if (e.replyCode() == 5) { ... }   // SOCKS5: the proxy's connection to the server was refused
 * }
 * }</pre>
 */
public class ImapProxyException extends ImapConnectionException {
    private static final long serialVersionUID = 1L;

    /** The {@link #replyCode()} when the proxy gave none (it closed, or its reply was malformed). */
    public static final int NO_REPLY_CODE = -1;

    /** The proxy's reply code, or {@link #NO_REPLY_CODE}. */
    private final int replyCode;

    /**
     * Creates the exception.
     *
     * @param message   what failed (names the proxy; never a credential)
     * @param replyCode the proxy's reply code (the SOCKS5 REP or RFC 1929 status field, the HTTP status code), or
     *                  {@link #NO_REPLY_CODE}
     * @param cause     the underlying failure, or {@code null}
     */
    public ImapProxyException(String message, int replyCode, Throwable cause) {
        super(message, cause);
        this.replyCode = replyCode;
    }

    /**
     * @return the proxy's reply code: a SOCKS5 reply field ({@code REP}, RFC 1928 section 6, e.g. 5 = connection
     *         refused; or 255 when it accepts none of the authentication methods offered; or the RFC 1929 status of a
     *         failed username/password authentication), an HTTP status code (e.g. 407, 403, 502), or
     *         {@link #NO_REPLY_CODE}
     */
    public int replyCode() {
        return replyCode;
    }
}
