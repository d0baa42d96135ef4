package org.imap4j.session;

import java.util.concurrent.CompletableFuture;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.response.Tagged;

/**
 * One command submitted on a transport. Its result is the tagged response, whatever its status (OK, NO or BAD):
 * turning NO into an exception is the client's decision. A connection failure, a timeout or an unreadable tagged
 * response completes it exceptionally with an {@link org.imap4j.codec.ImapException}.
 */
public interface ImapCall {
    /** @return the command */
    Command command();

    /**
     * @return the result; on a blocking transport it completes while some thread reads, so blocking callers use
     *         {@link #await()}
     */
    CompletableFuture<Tagged> future();

    /**
     * Waits for the result, reading from the connection if this transport reads on its callers' threads.
     *
     * @return the tagged response
     * @throws org.imap4j.codec.ImapException if the command failed without one
     */
    Tagged await();

    /**
     * Answers an AUTHENTICATE challenge.
     *
     * @param response the SASL response (the transport base64-encodes it; the trace redacts it)
     * @throws IllegalStateException if this is not an active AUTHENTICATE
     */
    void respond(Bytes response);

    /** Cancels an AUTHENTICATE exchange ({@code *}, RFC 9051 section 6.2.2); the server then answers BAD. */
    void cancel();

    /**
     * Ends IDLE ({@code DONE}, RFC 2177); the result completes when the server confirms. Safe to call from any
     * thread, at any time after submission, more than once.
     *
     * @throws IllegalStateException if this is not an IDLE
     */
    void done();
}
