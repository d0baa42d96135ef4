package org.imap4j.codec.command;

import java.util.Objects;
import org.imap4j.codec.core.Bytes;

/**
 * One piece of an encoded command. A command encodes to a list of fragments: {@link Line}s, and {@link Literal}
 * payloads that follow the line announcing them. A {@link LiteralMode#SYNC synchronizing} literal's payload may only
 * be sent after the server's continuation request ({@code +}); the engine enforces that, so no transport can send it
 * early (RFC 9051 section 7.5).
 */
public sealed interface Fragment permits Fragment.Line, Fragment.Literal, Fragment.Supplied {

    /**
     * Bytes to send as they are: a command's text up to and including a literal announcement's CRLF or the final
     * CRLF. Non-synchronizing literal payloads are part of the line.
     *
     * @param data the bytes
     */
    record Line(Bytes data) implements Fragment {
        /**
         * Requires data.
         *
         * @param data the bytes
         */
        public Line {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * A literal's payload, announced by the preceding {@link Line}.
     *
     * @param data the payload
     * @param mode whether it must wait for a continuation request
     */
    record Literal(Bytes data, LiteralMode mode) implements Fragment {
        /**
         * Requires data and mode.
         *
         * @param data the payload
         * @param mode whether it must wait for a continuation request
         */
        public Literal {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(mode, "mode");
        }
    }

    /**
     * A literal's payload that the caller supplies (an APPEND from a stream): only its size is known to the codec,
     * which stays free of I/O. The engine, when this fragment is due, hands out a slot of {@code size} bytes
     * ({@link org.imap4j.codec.ImapEngine#pendingSupplied()}) that the caller fills by writing the bytes itself and
     * reporting them ({@link org.imap4j.codec.ImapEngine#supplied(long)}).
     *
     * @param size the payload's exact size, as announced by the preceding {@link Line}
     * @param mode whether it must wait for a continuation request
     */
    record Supplied(long size, LiteralMode mode) implements Fragment {
        /**
         * Requires a size and a mode.
         *
         * @param size the payload's size
         * @param mode whether it must wait for a continuation request
         */
        public Supplied {
            Objects.requireNonNull(mode, "mode");
            if (size < 0) {
                throw new IllegalArgumentException("negative size: " + size);
            }
        }
    }

    /** How a literal is sent. */
    enum LiteralMode {
        /** {@code {n}}: wait for the server's {@code +} before sending the payload. */
        SYNC,
        /** {@code {n+}} (LITERAL+ / LITERAL-): send at once. */
        NON_SYNC
    }
}
