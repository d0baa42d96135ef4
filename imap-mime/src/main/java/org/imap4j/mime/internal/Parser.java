package org.imap4j.mime.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.MimeParameterMapping;
import org.imap4j.mime.AttachmentSink;
import org.imap4j.mime.Content;
import org.imap4j.mime.ContentType;
import org.imap4j.mime.MimeHeaders;
import org.imap4j.mime.MimeMessage;
import org.imap4j.mime.MimeOptions;
import org.imap4j.mime.MimePart;

/**
 * Reads mime4j's token stream (one pass over the input, bodies decoded as they stream) into the immutable model.
 * Bodies never pass through heap whole: text up to {@link MimeOptions#maxTextBytes()}, attachments up to
 * {@link MimeOptions#spoolThreshold()}, the rest to a temporary file or the caller's sink.
 */
public final class Parser {
    private static final int COPY_BUFFER = 16 << 10;

    private final MimeOptions options;
    private final List<Path> spooled = new ArrayList<>();
    private final byte[] buffer = new byte[COPY_BUFFER];
    /** What this message may still put in temporary files (one element, shared by its spools). */
    private final long[] diskBudget;

    private Parser(MimeOptions options) {
        this.options = options;
        this.diskBudget = new long[] {options.maxSpoolBytes()};
    }

    /**
     * Parses one message.
     *
     * @param in      the message's bytes (read to its end, not closed)
     * @param options where large parts go, and the limits
     * @return the message
     * @throws IOException if the input fails, a limit is exceeded, or a spool file cannot be written; temporary
     *                     files created so far are deleted
     */
    public static MimeMessage parse(InputStream in, MimeOptions options) throws IOException {
        Parser p = new Parser(options);
        try {
            MimeConfig config = new MimeConfig.Builder().setStrictParsing(false).setMaxLineLen(-1)
                    .setMaxHeaderLen(options.maxHeaderBytes()).setMaxTotalHeaderLen(options.maxHeaderBytes())
                    .setMaxHeaderCount(Math.max(1, options.maxHeaderBytes() / 16)).setMaxContentLen(-1)
                    .setMaxPartCount(options.maxParts()).setMaxNestingDepth(options.maxDepth()).build();
            MimeTokenStream tokens = new MimeTokenStream(config);
            tokens.setRecursionMode(RecursionMode.M_RECURSE);
            tokens.parse(in);
            MimeMessage m = p.message(tokens, 0);
            // whatever follows the message (a stray epilogue) is read so that a stream from a FETCH ends cleanly
            while (in.read(p.buffer) >= 0) {
                continue;
            }
            return m;
        } catch (MimeException e) {
            p.deleteSpooled();
            throw new IOException("malformed MIME: " + e.getMessage(), e);
        } catch (IOException | RuntimeException | Error e) {
            p.deleteSpooled();
            throw e;
        }
    }

    private void deleteSpooled() {
        for (Path f : spooled) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // best effort: the parse already failed with the error that matters
            }
        }
    }

    /** At {@code T_START_MESSAGE}: reads the header and body through {@code T_END_MESSAGE}. */
    private MimeMessage message(MimeTokenStream t, int depth) throws IOException, MimeException {
        expect(t.getState(), EntityState.T_START_MESSAGE);
        MimeHeaders headers = headers(t);
        MimePart body = body(t, headers, depth);
        expect(t.next(), EntityState.T_END_MESSAGE);
        return new MimeMessage(headers, body);
    }

    private static MimeHeaders headers(MimeTokenStream t) throws IOException, MimeException {
        expect(t.next(), EntityState.T_START_HEADER);
        List<MimeHeaders.Field> fields = new ArrayList<>();
        for (EntityState s = t.next(); s != EntityState.T_END_HEADER; s = t.next()) {
            expect(s, EntityState.T_FIELD);
            Field f = t.getField();
            String raw = unfold(body(f));
            String value = raw.contains("=?") ? DecoderUtil.decodeEncodedWords(raw, DecodeMonitor.SILENT) : raw;
            fields.add(new MimeHeaders.Field(f.getName(), raw, value));
        }
        return new MimeHeaders(fields);
    }

    /** After {@code T_END_HEADER}: reads one entity's body (a leaf, a multipart, or an attached message). */
    private MimePart body(MimeTokenStream t, MimeHeaders headers, int depth) throws IOException, MimeException {
        if (depth > options.maxDepth()) {
            throw new IOException("MIME nesting deeper than " + options.maxDepth());
        }
        EntityState s = t.next();
        if (s == EntityState.T_START_MULTIPART) {
            ContentType type = contentType(headers, t.getBodyDescriptor().getMimeType());
            List<MimePart> parts = new ArrayList<>();
            for (s = t.next(); s != EntityState.T_END_MULTIPART; s = t.next()) {
                if (s == EntityState.T_START_BODYPART) {
                    MimeHeaders h = headers(t);
                    parts.add(body(t, h, depth + 1));
                    expect(t.next(), EntityState.T_END_BODYPART);
                } else if (s != EntityState.T_PREAMBLE && s != EntityState.T_EPILOGUE) {
                    throw new IOException("unexpected MIME event " + MimeTokenStream.stateToString(s));
                }
            }
            return new MimePart.Multipart(headers, type, parts);
        }
        if (s == EntityState.T_START_MESSAGE) {
            ContentType type = contentType(headers, "message/rfc822");
            return new MimePart.Message(headers, type, message(t, depth + 1));
        }
        expect(s, EntityState.T_BODY);
        return leaf(t, headers);
    }

    private MimePart leaf(MimeTokenStream t, MimeHeaders headers) throws IOException {
        ContentType type = contentType(headers, t.getBodyDescriptor().getMimeType());
        String disposition = null;
        String fileName = null;
        for (MimeHeaders.Field f : headers.all("Content-Disposition")) {
            ParsedField p = LenientFieldParser.getParser().parse(
                    new org.apache.james.mime4j.stream.RawField(f.name(), f.raw()), DecodeMonitor.SILENT);
            if (p instanceof ContentDispositionField) {
                ContentDispositionField d = (ContentDispositionField) p;
                disposition = d.getDispositionType() == null || d.getDispositionType().isEmpty() ? null
                        : d.getDispositionType().toLowerCase(Locale.ROOT);
                fileName = d.getFilename();
            }
            break;
        }
        if (fileName == null || fileName.isEmpty()) {
            fileName = type.parameter("name").orElse(null);
        }
        InputStream in = t.getDecodedInputStream();
        boolean shownInline = type.type().equals("text") && !"attachment".equals(disposition)
                && (type.subtype().equals("plain") || type.subtype().equals("html") || fileName == null);
        if (shownInline) {
            MimePart text = text(in, headers, type, disposition, fileName);
            if (text != null) {
                return text;
            }
        }
        return attachment(in, headers, type, disposition, fileName, null);
    }

    /** @return the text part, or an attachment when it is larger than {@link MimeOptions#maxTextBytes()} */
    private MimePart text(InputStream in, MimeHeaders headers, ContentType type, String disposition,
            String fileName) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long limit = options.maxTextBytes();
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (bytes.size() + (long) n > limit) {
                return attachment(in, headers, type, disposition, fileName, bytes.toByteArray(), buffer, n);
            }
            bytes.write(buffer, 0, n);
        }
        Charset cs = charset(type);
        String s = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
                .toString();
        return new MimePart.Text(headers, type, cs.name(), s);
    }

    private MimePart attachment(InputStream in, MimeHeaders headers, ContentType type, String disposition,
            String fileName, byte[] already) throws IOException {
        return attachment(in, headers, type, disposition, fileName, already, null, 0);
    }

    private MimePart attachment(InputStream in, MimeHeaders headers, ContentType type, String disposition,
            String fileName, byte[] already, byte[] pending, int pendingLength) throws IOException {
        AttachmentSink sink = options.attachmentSink();
        OutputStream out = sink == null ? null : sink.open(headers, type, fileName);
        if (out != null) {
            long size;
            try (OutputStream o = out) {
                size = copy(in, o, already, pending, pendingLength);
            }
            return new MimePart.Attachment(headers, type, disposition, fileName, new Content.Delivered(size));
        }
        Spool spool = new Spool(options.spoolThreshold(), options.spoolDirectory(), spooled, diskBudget);
        try (Spool s = spool) {
            copy(in, s, already, pending, pendingLength);
            return new MimePart.Attachment(headers, type, disposition, fileName, s.finish());
        }
    }

    private long copy(InputStream in, OutputStream out, byte[] already, byte[] pending, int pendingLength)
            throws IOException {
        long size = 0;
        if (already != null) {
            out.write(already);
            size += already.length;
        }
        if (pending != null) {
            out.write(pending, 0, pendingLength);
            size += pendingLength;
        }
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            size += n;
        }
        return size;
    }

    /**
     * Reads Content-Type with mime4j's lenient parser, joining RFC 2231 parameters; {@code fallback} (mime4j's
     * default for the context, e.g. message/rfc822 inside multipart/digest) when it is absent or unreadable.
     */
    private static ContentType contentType(MimeHeaders headers, String fallback) {
        String mime = fallback == null ? "text/plain" : fallback;
        Map<String, String> params = new LinkedHashMap<>();
        MimeHeaders.Field f = headers.first("Content-Type").orElse(null);
        if (f != null) {
            ParsedField p = LenientFieldParser.getParser().parse(
                    new org.apache.james.mime4j.stream.RawField(f.name(), f.raw()), DecodeMonitor.SILENT);
            if (p instanceof ContentTypeField && ((ContentTypeField) p).getMimeType() != null
                    && ((ContentTypeField) p).getMimeType().contains("/")) {
                ContentTypeField ct = (ContentTypeField) p;
                mime = ct.getMimeType().toLowerCase(Locale.ROOT);
                MimeParameterMapping mapping = new MimeParameterMapping();
                ct.getParameters().forEach(mapping::addParameter);
                mapping.getParameters().forEach((k, v) -> params.put(k, v != null && v.contains("=?")
                        ? DecoderUtil.decodeEncodedWords(v, DecodeMonitor.SILENT) : v));
            }
        }
        int slash = mime.indexOf('/');
        return new ContentType(mime.substring(0, slash), mime.substring(slash + 1), params);
    }

    private static Charset charset(ContentType type) {
        String name = type.parameter("charset").orElse(null);
        if (name == null) {
            // RFC 6657: text without a charset is US-ASCII; UTF-8 decodes that identically and forgives 8-bit text
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * The field's body from its raw bytes: UTF-8 when they are valid UTF-8 (RFC 6532 headers), else Latin-1, so an
     * 8-bit header in a legacy charset keeps its characters instead of becoming U+FFFD.
     */
    private static String body(Field f) {
        org.apache.james.mime4j.util.ByteSequence seq = f.getRaw();
        if (seq == null) {
            return f.getBody() == null ? "" : f.getBody();
        }
        byte[] bytes = seq.toByteArray();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        int colon = text.indexOf(':');
        String body = colon < 0 ? text : text.substring(colon + 1);
        int start = 0;
        while (start < body.length() && (body.charAt(start) == ' ' || body.charAt(start) == '\t')) {
            start++;
        }
        return body.substring(start);
    }

    private static String unfold(String s) {
        return s.indexOf('\n') < 0 ? s : s.replaceAll("\r?\n(?=[ \t])", "").replace("\r\n", "").replace("\n", "");
    }

    private static void expect(EntityState got, EntityState want) throws IOException {
        if (got != want) {
            throw new IOException("unexpected MIME event " + MimeTokenStream.stateToString(got) + ", expected "
                    + MimeTokenStream.stateToString(want));
        }
    }
}
