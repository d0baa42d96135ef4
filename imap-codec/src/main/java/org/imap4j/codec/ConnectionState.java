package org.imap4j.codec;

/**
 * The state of an IMAP connection as the engine tracks it (RFC 9051 section 3), plus the engine's own start and
 * failure states.
 *
 * <pre>
 *   GREETING --OK--------&gt; NOT_AUTHENTICATED --LOGIN/AUTHENTICATE OK--&gt; AUTHENTICATED --SELECT/EXAMINE OK--&gt; SELECTED
 *      |  \--PREAUTH-------------------------------------------------------^    ^--CLOSE/UNSELECT OK, SELECT NO--/
 *      \--BYE--&gt; LOGOUT &lt;---------------- BYE or LOGOUT from any state
 *   any state but LOGOUT --protocol violation, limit, timeout, connection lost--&gt; FAILED
 * </pre>
 *
 * <p>A session that ends after the server's BYE (LOGOUT answered with BYE and OK, or BYE and the connection closed)
 * stays in {@code LOGOUT}: that end is not a failure.
 */
public enum ConnectionState {
    /** Waiting for the server's greeting. */
    GREETING,
    /** Greeted; not yet authenticated. */
    NOT_AUTHENTICATED,
    /** Authenticated; no mailbox selected. */
    AUTHENTICATED,
    /** A mailbox is selected. */
    SELECTED,
    /** The server said BYE, or LOGOUT completed; the connection then closes, which keeps this state. */
    LOGOUT,
    /**
     * The engine failed (protocol violation, limit, timeout, or the connection was lost); it accepts nothing more, and
     * every later command fails with an exception whose cause is the first error ({@link ImapEngine#failureCause()}).
     */
    FAILED
}
