package org.imap4j.codec.response;

/** The condition of a status response (RFC 9051 section 7.1). */
public enum Status {
    /** Success. */
    OK,
    /** Operational failure. */
    NO,
    /** Protocol error in the client's command. */
    BAD,
    /** Greeting only: already authenticated. */
    PREAUTH,
    /** The server is closing the connection. */
    BYE
}
