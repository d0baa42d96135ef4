package org.imap4j.mime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entity of a parsed message (RFC 2045/2046): a text part, an attachment, a multipart, or an attached message.
 * Every kind carries its header fields and content type.
 */
public sealed interface MimePart permits MimePart.Text, MimePart.Attachment, MimePart.Multipart, MimePart.Message {

    /** @return the part's header fields (for the top-level entity, the message's headers) */
    MimeHeaders headers();

    /** @return the part's content type ({@link ContentType#TEXT_PLAIN} when it had none) */
    ContentType contentType();

    /**
     * A text part shown inline (text/plain, text/html, or another text type without a file name), decoded to a string
     * with its charset.
     *
     * @param headers     the part's header fields
     * @param contentType its content type
     * @param charset     the charset that decoded it: the declared one when the JDK knows it, else
     *                    {@code UTF-8} (malformed bytes become U+FFFD)
     * @param text        the text
     */
    record Text(MimeHeaders headers, ContentType contentType, String charset, String text) implements MimePart {
        /**
         * Requires all.
         *
         * @param headers the {@code headers} component
         * @param contentType the {@code contentType} component
         * @param charset the {@code charset} component
         * @param text the {@code text} component
         */
        public Text {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(charset, "charset");
            Objects.requireNonNull(text, "text");
        }

        /** @return whether this is text/html */
        public boolean isHtml() {
            return contentType.is("text/html");
        }
    }

    /**
     * A part kept as bytes: an attachment, an inline image, or a text part too large for
     * {@link MimeOptions#maxTextBytes()}.
     *
     * @param headers     the part's header fields
     * @param contentType its content type
     * @param disposition the Content-Disposition type in lower case ({@code attachment}, {@code inline}), or
     *                    {@code null} when there was none
     * @param fileName    the decoded file name (Content-Disposition {@code filename}, else Content-Type {@code name};
     *                    RFC 2231 and RFC 2047 decoded), or {@code null}. A server string: never use it as a path
     *                    without checking it
     * @param content     the decoded bytes and their size
     */
    record Attachment(MimeHeaders headers, ContentType contentType, String disposition, String fileName,
            Content content) implements MimePart {
        /**
         * Requires headers, type and content.
         *
         * @param headers the {@code headers} component
         * @param contentType the {@code contentType} component
         * @param disposition the {@code disposition} component
         * @param fileName the {@code fileName} component
         * @param content the {@code content} component
         */
        public Attachment {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
        }

        /** @return the file name, if any */
        public Optional<String> name() {
            return Optional.ofNullable(fileName);
        }

        /** @return the decoded size in bytes */
        public long size() {
            return content.size();
        }
    }

    /**
     * A multipart (mixed, alternative, related, ...) and its parts.
     *
     * @param headers     the header fields
     * @param contentType its content type, e.g. {@code multipart/alternative}
     * @param parts       its parts in order
     */
    record Multipart(MimeHeaders headers, ContentType contentType, List<MimePart> parts) implements MimePart {
        /**
         * Copies the parts.
         *
         * @param headers the {@code headers} component
         * @param contentType the {@code contentType} component
         * @param parts the {@code parts} component
         */
        public Multipart {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(contentType, "contentType");
            parts = List.copyOf(parts);
        }
    }

    /**
     * An attached message (message/rfc822 or message/global), parsed in turn.
     *
     * @param headers     the part's own header fields (not the attached message's)
     * @param contentType its content type
     * @param message     the attached message
     */
    record Message(MimeHeaders headers, ContentType contentType, MimeMessage message) implements MimePart {
        /**
         * Requires all.
         *
         * @param headers the {@code headers} component
         * @param contentType the {@code contentType} component
         * @param message the {@code message} component
         */
        public Message {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(message, "message");
        }
    }
}
