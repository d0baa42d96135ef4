package org.imap4j.client;

import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.imap4j.codec.fetch.FetchItem;

/**
 * A FETCH whose results the caller pulls as the server sends them, instead of waiting for the whole command:
 * {@link Body} parts (each body as an {@link InputStream} read in place, as it arrives) and {@link Response} parts
 * (each FETCH response's other items), in server order, then the end of the command. Nothing is held whole: a body
 * is read from the connection's receive buffer straight into the caller's array (one copy), and when the caller
 * falls more than a bounded window behind (a few MiB), the connection stops reading from the socket until it
 * catches up (NIO: read interest off; blocking: the socket is read only while the caller pulls). Meanwhile the read
 * timeout does not run, since the silence is the caller's; the command timeout does.
 *
 * <pre>{@code
 * try (FetchStream s = client.fetchStream(SequenceSet.of(uid), FetchAttribute.Item.UID,
 *         new FetchAttribute.BodySection(Section.whole(), true, null, null))) {
 *     for (FetchStream.Part p : s) {
 *         if (p instanceof FetchStream.Body b) {
 *             try (OutputStream file = Files.newOutputStream(Path.of(b.uid().orElse(b.seq()) + ".eml"))) {
 *                 b.content().transferTo(file);
 *             }
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Every body comes as a {@link Body}, small or large: a body above the client's stream threshold
 * ({@code streamLiteralsAbove}, 1 MiB by default) as its bytes arrive, before the response that holds it; a smaller
 * one when its response is complete, just before that {@link Response}. In a {@link Response} the body items hold
 * a {@link org.imap4j.codec.fetch.BodyData.Streamed} placeholder (the size) instead of bytes. Calling
 * {@link #next()} skips what is left of the previous body. A FETCH response for a message outside the requested set
 * (another session's change) goes to the mailbox listener, as with every fetch.
 *
 * <p>Not thread-safe: one thread pulls. On a blocking client, that thread also reads the connection (it is the one
 * waiting); do not pull from a {@link MailboxListener} callback. While a stream is open, run no other command that
 * collects FETCH responses on the same client.
 */
public interface FetchStream extends AutoCloseable, Iterable<FetchStream.Part> {

    /** One thing the server sent for this FETCH. */
    sealed interface Part permits Body, Response {
    }

    /**
     * One body (BODY[section]&lt;origin&gt;, BINARY[part], RFC822...), bound to its message and item by the text the
     * server sent before it, never by arrival order.
     *
     * @param seq     the message's sequence number, or -1 if unbound
     * @param uid     its UID, when the server sent it before the body (or, for a small body, anywhere in the
     *                response)
     * @param item    the body item: its section, origin and a {@link org.imap4j.codec.fetch.BodyData.Streamed}
     *                placeholder with the size; {@code null} if unbound
     * @param size    the body's size in bytes
     * @param bound   whether the server's text said where this body belongs; an unbound body (that text could not
     *                be read) is delivered so that nothing is lost silently, but it belongs to no known message
     * @param content the bytes, read as they arrive; valid until {@link FetchStream#next()} or
     *                {@link FetchStream#close()}
     */
    record Body(long seq, OptionalLong uid, FetchItem item, long size, boolean bound, InputStream content)
            implements Part {
        /**
         * Validates.
         *
         * @param seq     the sequence number, or -1
         * @param uid     the UID, or empty
         * @param item    the body item, or {@code null} if unbound
         * @param size    the size
         * @param bound   whether it is bound
         * @param content the bytes
         */
        public Body {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * One FETCH response of a requested message, complete: its items, the bodies among them as placeholders (their
     * bytes came as {@link Body} parts before it).
     *
     * @param result the message's items
     */
    record Response(FetchResult result) implements Part {
        /**
         * Requires a result.
         *
         * @param result the message's items
         */
        public Response {
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * Pulls the next part, waiting for the server as needed (and skipping what is left of the previous body).
     *
     * @return the next part, or {@code null} when the command has completed
     * @throws org.imap4j.codec.ImapCommandException if the server answered NO or BAD (after the parts before it)
     * @throws org.imap4j.codec.ImapException        if the connection failed
     */
    Part next();

    /**
     * @return every unreadable response or item met so far, and every body that could not be bound (empty if none)
     */
    List<ResponseWarning> warnings();

    /**
     * Reads everything that is left into memory: the one-liner on top of the stream, as {@code fetch(...)} gives it
     * (bodies in memory, bounded by {@code maxInMemoryBody}; unbound bodies are dropped with a warning).
     *
     * @return message (UID for a UID FETCH, else sequence number) → its items
     * @throws org.imap4j.codec.ImapProtocolException with limit {@code maxInMemoryBody} if a body is larger (the rest
     *     of the command is still read, so the connection stays usable)
     */
    FetchResults collect();

    /**
     * Ends the stream. If the command has not completed, the rest of its responses are read and discarded (an IMAP
     * command cannot be cancelled), so the connection stays usable; close the client instead to end it at once.
     */
    @Override
    void close();

    /** @return an iterator over the parts that are left ({@link #next()} until {@code null}) */
    @Override
    default Iterator<Part> iterator() {
        return new Iterator<>() {
            private Part ahead;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (ahead == null && !ended) {
                    ahead = FetchStream.this.next();
                    ended = ahead == null;
                }
                return ahead != null;
            }

            @Override
            public Part next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Part p = ahead;
                ahead = null;
                return p;
            }
        };
    }

    /** @return the parts that are left, as a sequential stream */
    default Stream<Part> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED
                | Spliterator.NONNULL), false);
    }
}
