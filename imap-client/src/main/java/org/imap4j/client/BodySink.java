package org.imap4j.client;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where the bodies of a range of messages go when they are fetched with one command
 * ({@link ImapClient#fetchMessages(org.imap4j.codec.core.SequenceSet, BodySink)},
 * {@link ImapClient#fetchSpecific(org.imap4j.codec.core.SequenceSet, org.imap4j.codec.fetch.Section, BodySink)}):
 * imap4j asks for one stream per body, writes the body's bytes to it as they arrive and closes it at the body's end,
 * so no body is ever held whole by the client (bodies above the 1 MiB stream threshold are written chunk by chunk,
 * smaller ones from the parsed response).
 *
 * <pre>{@code
 * Path dir = Files.createDirectories(Path.of("mail"));
 * client.fetchMessages(SequenceSet.all(), (uid, seq, size) ->
 *         Files.newOutputStream(dir.resolve(uid + ".eml")));
 * }</pre>
 *
 * <p>Calls come in the server's order, one body at a time and never overlapping: {@code open}, the writes, then
 * {@code close} before the next {@code open}. They run on the thread that reads the connection (a blocking caller,
 * or the transport's callback executor), so a sink should not block for long. If the sink throws (from
 * {@code open}, a write or {@code close}), imap4j stops using it, reads the rest of the command's responses, and then
 * fails the call with {@link java.io.UncheckedIOException} (or the sink's own unchecked exception); the connection
 * stays usable.
 */
@FunctionalInterface
public interface BodySink {
    /**
     * Opens the stream for one message body.
     *
     * @param uid  the message's UID when the server sent it before the body (imap4j asks for UID first and servers
     *             answer in the order asked), else {@code -1}
     * @param seq  the message's sequence number
     * @param size the body's size in bytes, as announced by the server: untrusted (a hostile server can announce
     *             gigabytes and send nothing), so never allocate by it
     * @return where the body's bytes go; imap4j closes it at the body's end. Return
     *         {@link OutputStream#nullOutputStream()} to skip a message.
     * @throws IOException if the stream cannot be opened (the call then fails once the command has completed)
     */
    OutputStream open(long uid, long seq, long size) throws IOException;
}
