package org.imap4j.codec.fetch;

import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.Bytes;

/**
 * The data of a body section, BINARY or RFC822* item: an {@code nstring} (RFC 9051 section 7.5.2) or
 * {@code literal8} (RFC 3516) that is either held in memory, {@code NIL}, or was streamed out by the framer.
 */
public sealed interface BodyData permits BodyData.InMemory, BodyData.Nil, BodyData.Streamed {
    /** The {@code NIL} data. */
    Nil NIL = new Nil();

    /**
     * @param bytes the payload
     * @return the payload held in memory
     */
    static BodyData of(Bytes bytes) {
        return new InMemory(bytes);
    }

    /**
     * Data held in memory (from a quoted string or literal, whichever the server chose).
     *
     * @param bytes the payload
     */
    record InMemory(Bytes bytes) implements BodyData {
        /**
         * Requires the bytes.
         *
         * @param bytes the payload
         */
        public InMemory {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** {@code NIL}: the section does not exist or has no content. Use {@link BodyData#NIL}. */
    record Nil() implements BodyData {
    }

    /**
     * A literal larger than {@code CodecLimits.literalStreamThreshold}, whose payload was handed out in chunks.
     *
     * @param size   the payload's size
     * @param binary whether it was sent as {@code ~{n}}
     */
    record Streamed(long size, boolean binary) implements BodyData {
        /**
         * Requires a non-negative size.
         *
         * @param size   the payload's size
         * @param binary whether it was sent as {@code ~{n}}
         */
        public Streamed {
            if (size < 0) {
                throw new ImapValidationException("negative size: " + size);
            }
        }
    }
}
