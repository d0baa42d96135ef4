package org.imap4j.mime;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where attachments go while a message is parsed, instead of memory or a temporary file: {@link MimeMessages} asks
 * for a stream per attachment, writes its decoded bytes, and closes it. Returning {@code null} keeps the default
 * (memory below {@link MimeOptions#spoolThreshold()}, a temporary file above).
 *
 * <pre>{@code
 * MimeOptions o = MimeOptions.defaults().withAttachmentSink((headers, type, fileName) ->
 *         type.is("application/pdf") ? Files.newOutputStream(dir.resolve(UUID.randomUUID() + ".pdf")) : null);
 * }</pre>
 */
@FunctionalInterface
public interface AttachmentSink {
    /**
     * @param headers  the part's header fields
     * @param type     its content type
     * @param fileName its decoded file name, or {@code null} (a server string: never use it as a path unchecked)
     * @return where its decoded bytes go (closed by the parser), or {@code null} for the default
     * @throws IOException if the stream cannot be opened; the parse fails
     */
    OutputStream open(MimeHeaders headers, ContentType type, String fileName) throws IOException;
}
