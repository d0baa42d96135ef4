package org.imap4j.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The decoded bytes of an attachment (its Content-Transfer-Encoding undone), wherever {@link MimeMessages} put them:
 * in memory when small, in a temporary file above {@link MimeOptions#spoolThreshold()}, or already handed to the
 * caller's {@link AttachmentSink}.
 */
public sealed interface Content permits Content.InMemory, Content.Spooled, Content.Delivered {

    /** @return the decoded size in bytes */
    long size();

    /**
     * @return a new stream over the bytes
     * @throws IOException           if a spooled file cannot be read (for instance after {@link MimeMessage#close()})
     * @throws IllegalStateException for {@link Delivered} content, whose bytes went to the caller's sink
     */
    InputStream openStream() throws IOException;

    /**
     * Bytes kept in heap (at most {@link MimeOptions#spoolThreshold()}).
     *
     * @param data the bytes (copied in, and out by {@link #bytes()})
     */
    record InMemory(byte[] data) implements Content {
        /**
         * Copies.
         *
         * @param data the {@code data} component
         */
        public InMemory {
            data = data.clone();
        }

        /** @return a copy of the bytes */
        public byte[] bytes() {
            return data.clone();
        }

        /** @return a copy of the bytes (the record accessor; same as {@link #bytes()}) */
        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public InputStream openStream() {
            return new ByteArrayInputStream(data);
        }

        /** Compares the bytes. */
        @Override
        public boolean equals(Object o) {
            return o instanceof InMemory && Arrays.equals(data, ((InMemory) o).data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "InMemory[" + data.length + " bytes]";
        }
    }

    /**
     * Bytes in a temporary file, owned by the message: {@link MimeMessage#close()} deletes it.
     *
     * @param file the file
     * @param size its size in bytes
     */
    record Spooled(Path file, long size) implements Content {
        /**
         * Requires a file.
         *
         * @param file the {@code file} component
         * @param size the {@code size} component
         */
        public Spooled {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public InputStream openStream() throws IOException {
            return Files.newInputStream(file);
        }
    }

    /**
     * Bytes that went to the caller's {@link AttachmentSink} while parsing; this model only keeps their count.
     *
     * @param size how many decoded bytes were written to the sink
     */
    record Delivered(long size) implements Content {
        /** Always fails: the bytes are wherever the sink put them. */
        @Override
        public InputStream openStream() {
            throw new IllegalStateException("this attachment was streamed to the caller's AttachmentSink");
        }
    }
}
