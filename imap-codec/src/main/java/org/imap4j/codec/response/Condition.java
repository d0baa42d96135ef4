package org.imap4j.codec.response;

/**
 * The condition of a status response (RFC 9051 section 7.1: {@code resp-cond-state}, {@code resp-cond-auth},
 * {@code resp-cond-bye}): how a tagged completion, a greeting or an untagged OK/NO/BAD/BYE turned out. Named apart
 * from the STATUS command and its response ({@link org.imap4j.codec.command.Command.Status},
 * {@link Untagged.MailboxStatus}, {@link StatusItem}), which are about a mailbox's counters.
 */
public enum Condition {
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
