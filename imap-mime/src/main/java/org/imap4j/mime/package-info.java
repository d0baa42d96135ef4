/**
 * Fetched messages as typed MIME: {@link org.imap4j.mime.MimeMessages} parses a message from bytes, a stream, or
 * straight from a FETCH ({@link org.imap4j.mime.MimeSink}, {@link org.imap4j.mime.MimeMessages#fetch}) into an
 * immutable {@link org.imap4j.mime.MimeMessage}: headers decoded (RFC 2047 encoded words, RFC 2231 parameters), text
 * and HTML parts decoded to strings by their charsets, attachments ({@link org.imap4j.mime.MimePart.Attachment}) with
 * file names and sizes whose bytes stay in memory only below a threshold and are spooled to a temporary file (or sent
 * to a caller's sink) above it, and attached messages parsed in turn.
 *
 * <pre>{@code
 * try (MimeMessage m = MimeMessages.fetch(client, uid, MimeOptions.defaults())) {
 *     System.out.println(m.subject() + " from " + m.from());
 *     System.out.println(m.text().orElse(""));
 *     for (MimePart.Attachment a : m.attachments()) {
 *         try (InputStream in = a.content().openStream()) {
 *             Files.copy(in, dir.resolve(safeName(a.fileName().orElse("attachment"))));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Built on Apache James mime4j (an implementation detail: no mime4j type appears in this API).
 */
package org.imap4j.mime;
