package org.imap4j.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.NoSuchElementException;
import org.imap4j.client.ImapClient;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.Section;
import org.imap4j.mime.internal.Parser;

/**
 * Entry points: parse a message from a stream or bytes, or fetch and parse one in a single pass.
 *
 * <pre>{@code
 * // straight from the server, never holding the message whole:
 * try (MimeMessage m = MimeMessages.fetch(client, uid, MimeOptions.defaults())) { ... }
 * // from bytes already fetched (no copy):
 * MimeMessage m = MimeMessages.parse(result.message().orElseThrow());
 * // from a file:
 * try (InputStream in = Files.newInputStream(eml)) { MimeMessage m = MimeMessages.parse(in); }
 * }</pre>
 *
 * <p>Parsing is lenient, as mail readers are: a missing Content-Type is text/plain, an unknown charset decodes as
 * UTF-8 with replacement characters, a missing final boundary ends the multipart at the end of the input.
 */
public final class MimeMessages {
    private MimeMessages() {
    }

    /**
     * Parses with the {@linkplain MimeOptions#defaults() default options}.
     *
     * @param in the message (read to its end, not closed)
     * @return the message; close it to delete its spooled files
     * @throws IOException if reading fails, a {@link MimeOptions} limit is exceeded, or a temporary file cannot be
     *                     written
     */
    public static MimeMessage parse(InputStream in) throws IOException {
        return parse(in, MimeOptions.defaults());
    }

    /**
     * @param in      the message (read to its end, not closed)
     * @param options where large parts go, and the limits
     * @return the message; close it to delete its spooled files
     * @throws IOException as {@link #parse(InputStream)}
     */
    public static MimeMessage parse(InputStream in, MimeOptions options) throws IOException {
        return Parser.parse(in, options);
    }

    /**
     * Parses bytes already in memory, such as {@link org.imap4j.client.FetchResult#message()}, without copying them.
     *
     * @param message the message's bytes
     * @return the message
     * @throws UncheckedIOException if a limit is exceeded or a temporary file cannot be written
     */
    public static MimeMessage parse(Bytes message) {
        return parse(message, MimeOptions.defaults());
    }

    /**
     * @param message the message's bytes
     * @param options where large parts go, and the limits
     * @return the message
     * @throws UncheckedIOException if a limit is exceeded or a temporary file cannot be written
     */
    public static MimeMessage parse(Bytes message, MimeOptions options) {
        try (InputStream in = message.newInputStream()) {
            return Parser.parse(in, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param message the message's bytes (not copied; do not change them while parsing)
     * @return the message
     * @throws UncheckedIOException if a limit is exceeded or a temporary file cannot be written
     */
    public static MimeMessage parse(byte[] message) {
        try (InputStream in = new java.io.ByteArrayInputStream(message)) {
            return Parser.parse(in, MimeOptions.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fetches one message ({@code BODY.PEEK[]}, so \Seen is left alone) and parses it as it arrives, through a
     * {@link MimeSink}: bounded heap for any message size.
     *
     * @param client  a client with a mailbox selected
     * @param message the message (UID unless the client is {@link ImapClient#bySequence()})
     * @param options how to parse
     * @return the message; close it to delete its spooled files
     * @throws NoSuchElementException       if the mailbox has no such message
     * @throws UncheckedIOException         if the message could not be parsed
     */
    public static MimeMessage fetch(ImapClient client, long message, MimeOptions options) {
        MimeSink sink = new MimeSink(options);
        client.fetchSpecific(SequenceSet.of(message), Section.whole(), sink);
        Map<Long, MimeMessage> got = sink.messages();
        if (got.isEmpty()) {
            throw new NoSuchElementException("no message " + message);
        }
        return got.values().iterator().next();
    }
}
