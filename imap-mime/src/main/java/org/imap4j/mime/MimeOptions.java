package org.imap4j.mime;

import java.nio.file.Path;

/**
 * How {@link MimeMessages} parses: where the bytes of large parts go, and the limits that bound the heap a hostile
 * message can take.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code spoolThreshold}</td><td>256 KiB</td><td>an attachment larger than this (decoded) goes to a
 *       temporary file; smaller ones stay in heap</td></tr>
 *   <tr><td>{@code maxTextBytes}</td><td>4 MiB</td><td>a text or HTML part larger than this (decoded) is not turned
 *       into a string but kept as an {@link MimePart.Attachment} (spooled)</td></tr>
 *   <tr><td>{@code spoolDirectory}</td><td>{@code null}: {@code java.io.tmpdir}</td><td>where temporary files go
 *       (created readable by the owner only on POSIX systems)</td></tr>
 *   <tr><td>{@code maxHeaderBytes}</td><td>256 KiB</td><td>the most header bytes of one entity</td></tr>
 *   <tr><td>{@code maxParts}</td><td>1000</td><td>the most body parts in one message</td></tr>
 *   <tr><td>{@code maxDepth}</td><td>32</td><td>the deepest nesting of multiparts and attached messages</td></tr>
 *   <tr><td>{@code maxSpoolBytes}</td><td>1 GiB</td><td>the most bytes one message may put in temporary files
 *       (all its spooled parts together); above it the parse fails and its files are deleted, so a hostile message
 *       cannot fill the disk</td></tr>
 *   <tr><td>{@code attachmentSink}</td><td>{@code null}</td><td>a caller's destination for attachments, see
 *       {@link AttachmentSink}</td></tr>
 * </table>
 *
 * <p>Heap bound: one message costs at most about {@code maxTextBytes} per text part (twice while it is decoded),
 * {@code spoolThreshold} per attachment, and its headers; everything above goes to disk, at most
 * {@code maxSpoolBytes} in all (bytes handed to an {@link AttachmentSink} are the sink's to bound).
 *
 * @param spoolThreshold attachment bytes kept in heap at most, {@code >= 0}
 * @param maxTextBytes   decoded text bytes turned into a string at most, {@code >= 0}
 * @param spoolDirectory temporary file directory, or {@code null} for the JVM's default
 * @param maxHeaderBytes header bytes of one entity at most, {@code > 0}
 * @param maxParts       parts in one message at most, {@code > 0}
 * @param maxDepth       nesting depth at most, {@code > 0}
 * @param maxSpoolBytes  bytes in temporary files for one message at most, {@code >= 0}
 * @param attachmentSink where attachments go instead, or {@code null}
 */
public record MimeOptions(long spoolThreshold, long maxTextBytes, Path spoolDirectory, int maxHeaderBytes,
        int maxParts, int maxDepth, long maxSpoolBytes, AttachmentSink attachmentSink) {
    private static final MimeOptions DEFAULTS =
            new MimeOptions(256 << 10, 4 << 20, null, 256 << 10, 1000, 32, 1L << 30, null);

    /**
     * Checks the bounds.
     *
     * @param spoolThreshold the {@code spoolThreshold} component
     * @param maxTextBytes the {@code maxTextBytes} component
     * @param spoolDirectory the {@code spoolDirectory} component
     * @param maxHeaderBytes the {@code maxHeaderBytes} component
     * @param maxParts the {@code maxParts} component
     * @param maxDepth the {@code maxDepth} component
     * @param maxSpoolBytes the {@code maxSpoolBytes} component
     * @param attachmentSink the {@code attachmentSink} component
     */
    public MimeOptions {
        if (spoolThreshold < 0 || maxTextBytes < 0 || maxHeaderBytes <= 0 || maxParts <= 0 || maxDepth <= 0
                || maxSpoolBytes < 0) {
            throw new IllegalArgumentException("bad MIME options: spoolThreshold=" + spoolThreshold
                    + " maxTextBytes=" + maxTextBytes + " maxHeaderBytes=" + maxHeaderBytes + " maxParts="
                    + maxParts + " maxDepth=" + maxDepth + " maxSpoolBytes=" + maxSpoolBytes);
        }
    }

    /** @return the defaults of the table above */
    public static MimeOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param bytes the new threshold
     * @return a copy with it
     */
    public MimeOptions withSpoolThreshold(long bytes) {
        return new MimeOptions(bytes, maxTextBytes, spoolDirectory, maxHeaderBytes, maxParts, maxDepth,
                maxSpoolBytes, attachmentSink);
    }

    /**
     * @param bytes the new text limit
     * @return a copy with it
     */
    public MimeOptions withMaxTextBytes(long bytes) {
        return new MimeOptions(spoolThreshold, bytes, spoolDirectory, maxHeaderBytes, maxParts, maxDepth,
                maxSpoolBytes, attachmentSink);
    }

    /**
     * @param directory where temporary files go
     * @return a copy with it
     */
    public MimeOptions withSpoolDirectory(Path directory) {
        return new MimeOptions(spoolThreshold, maxTextBytes, directory, maxHeaderBytes, maxParts, maxDepth,
                maxSpoolBytes, attachmentSink);
    }

    /**
     * @param sink where attachments go
     * @return a copy with it
     */
    public MimeOptions withAttachmentSink(AttachmentSink sink) {
        return new MimeOptions(spoolThreshold, maxTextBytes, spoolDirectory, maxHeaderBytes, maxParts, maxDepth,
                maxSpoolBytes, sink);
    }

    /**
     * @param headerBytes header bytes of one entity at most
     * @param parts       parts at most
     * @param depth       nesting at most
     * @return a copy with these limits
     */
    public MimeOptions withLimits(int headerBytes, int parts, int depth) {
        return new MimeOptions(spoolThreshold, maxTextBytes, spoolDirectory, headerBytes, parts, depth,
                maxSpoolBytes, attachmentSink);
    }

    /**
     * @param bytes bytes in temporary files for one message at most
     * @return a copy with this limit
     */
    public MimeOptions withMaxSpoolBytes(long bytes) {
        return new MimeOptions(spoolThreshold, maxTextBytes, spoolDirectory, maxHeaderBytes, maxParts, maxDepth,
                bytes, attachmentSink);
    }
}
