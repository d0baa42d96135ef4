package org.imap4j.mime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.imap4j.client.DecodedAddress;
import org.imap4j.client.MailDates;
import org.imap4j.mime.internal.Addresses;

/**
 * A parsed message: its header fields and its body, a tree of {@link MimePart}s. Immutable, except that it owns the
 * temporary files of its spooled attachments: {@link #close()} deletes them (use try-with-resources).
 *
 * <pre>{@code
 * try (MimeMessage m = MimeMessages.parse(in)) {
 *     String subject = m.subject();
 *     String body = m.text().or(m::html).orElse("");
 *     List<MimePart.Attachment> files = m.attachments();
 * }
 * }</pre>
 *
 * @param headers the message's header fields
 * @param body    the body: the top-level entity (its headers are the message's)
 */
public record MimeMessage(MimeHeaders headers, MimePart body) implements AutoCloseable {

    /**
     * Requires both.
     *
     * @param headers the {@code headers} component
     * @param body the {@code body} component
     */
    public MimeMessage {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** @return the decoded Subject, or {@code ""} */
    public String subject() {
        return headers.value("Subject").orElse("").strip();
    }

    /** @return the From addresses, names decoded */
    public List<DecodedAddress> from() {
        return addresses("From");
    }

    /** @return the To addresses */
    public List<DecodedAddress> to() {
        return addresses("To");
    }

    /** @return the Cc addresses */
    public List<DecodedAddress> cc() {
        return addresses("Cc");
    }

    /** @return the Reply-To addresses */
    public List<DecodedAddress> replyTo() {
        return addresses("Reply-To");
    }

    /**
     * @param field an address field name, e.g. {@code "Bcc"} or {@code "Resent-To"}
     * @return its addresses (of every such field), names decoded
     */
    public List<DecodedAddress> addresses(String field) {
        List<DecodedAddress> out = new ArrayList<>();
        for (MimeHeaders.Field f : headers.all(field)) {
            out.addAll(Addresses.parse(f.raw()));
        }
        return List.copyOf(out);
    }

    /** @return the Date header parsed leniently ({@link MailDates}); the raw value is {@code headers().value("Date")} */
    public Optional<OffsetDateTime> date() {
        return headers.first("Date").flatMap(f -> MailDates.parse(f.raw()));
    }

    /** @return the Message-ID header */
    public Optional<String> messageId() {
        return headers.first("Message-ID").map(f -> f.raw().strip());
    }

    /** @return the first text/plain part shown inline, not looking inside attached messages */
    public Optional<String> text() {
        return firstText(body, false);
    }

    /** @return the first text/html part shown inline, not looking inside attached messages */
    public Optional<String> html() {
        return firstText(body, true);
    }

    /** @return the inline text parts (plain, HTML, other text types), in order, not inside attached messages */
    public List<MimePart.Text> textParts() {
        List<MimePart.Text> out = new ArrayList<>();
        walk(body, out, null, null);
        return List.copyOf(out);
    }

    /** @return the parts kept as bytes, in order, not inside attached messages */
    public List<MimePart.Attachment> attachments() {
        List<MimePart.Attachment> out = new ArrayList<>();
        walk(body, null, out, null);
        return List.copyOf(out);
    }

    /** @return the attached messages (one level: their own attachments are theirs) */
    public List<MimeMessage> attachedMessages() {
        List<MimeMessage> out = new ArrayList<>();
        walk(body, null, null, out);
        return List.copyOf(out);
    }

    /**
     * Deletes the temporary files of this message's spooled attachments, and of its attached messages. Their
     * {@link Content#openStream()} fails afterwards.
     *
     * @throws UncheckedIOException if a file could not be deleted
     */
    @Override
    public void close() {
        IOException failure = null;
        for (MimePart.Attachment a : attachments()) {
            if (a.content() instanceof Content.Spooled) {
                try {
                    Files.deleteIfExists(((Content.Spooled) a.content()).file());
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
        for (MimeMessage m : attachedMessages()) {
            m.close();
        }
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }

    private static Optional<String> firstText(MimePart p, boolean html) {
        if (p instanceof MimePart.Text) {
            MimePart.Text t = (MimePart.Text) p;
            return t.contentType().is(html ? "text/html" : "text/plain") ? Optional.of(t.text()) : Optional.empty();
        }
        if (p instanceof MimePart.Multipart) {
            for (MimePart c : ((MimePart.Multipart) p).parts()) {
                Optional<String> t = firstText(c, html);
                if (t.isPresent()) {
                    return t;
                }
            }
        }
        return Optional.empty();
    }

    private static void walk(MimePart p, List<MimePart.Text> texts, List<MimePart.Attachment> attachments,
            List<MimeMessage> messages) {
        if (p instanceof MimePart.Text && texts != null) {
            texts.add((MimePart.Text) p);
        } else if (p instanceof MimePart.Attachment && attachments != null) {
            attachments.add((MimePart.Attachment) p);
        } else if (p instanceof MimePart.Message && messages != null) {
            messages.add(((MimePart.Message) p).message());
        } else if (p instanceof MimePart.Multipart) {
            for (MimePart c : ((MimePart.Multipart) p).parts()) {
                walk(c, texts, attachments, messages);
            }
        }
    }
}
