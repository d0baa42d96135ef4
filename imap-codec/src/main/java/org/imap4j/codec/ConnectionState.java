package org.imap4j.codec;

/**
 * The state of an IMAP connection as the engine tracks it (RFC 9051 section 3), plus the engine's own start and
 * failure states.
 *
 * <pre>
 *   GREETING --OK--------> NOT_AUTHENTICATED --LOGIN/AUTHENTICATE OK--> AUTHENTICATED --SELECT/EXAMINE OK--> SELECTED
 *      |  \--PREAUTH-------------------------------------------------------^    ^--CLOSE/UNSELECT OK, SELECT NO--/
 *      \--BYE--> LOGOUT <---------------- BYE or LOGOUT from any state
 *   any state --framing error, limit, connection lost--> FAILED
 * </pre>
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
    /** The server said BYE, or LOGOUT completed. */
    LOGOUT,
    /** The engine failed (protocol violation, limit, or the connection was lost); it accepts nothing more. */
    FAILED
}
