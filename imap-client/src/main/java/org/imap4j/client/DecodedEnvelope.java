package org.imap4j.client;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.imap4j.codec.fetch.Envelope;

/**
 * A message's {@link Envelope} made readable (see {@link Envelopes#decode(Envelope)}): the subject and display names
 * decoded from RFC 2047, the Date header parsed leniently (its raw value kept), and the groups flattened.
 *
 * @param rawDate   the Date header as sent, or {@code null}
 * @param date      the Date header parsed by {@link MailDates#parse(String)}, or {@code null} when it could not be
 * @param subject   the decoded subject, {@code ""} when absent
 * @param from      From
 * @param sender    Sender
 * @param replyTo   Reply-To
 * @param to        To
 * @param cc        Cc
 * @param bcc       Bcc
 * @param inReplyTo the In-Reply-To header, or {@code null}
 * @param messageId the Message-ID header, or {@code null}
 * @param envelope  the envelope as the server sent it
 */
public record DecodedEnvelope(String rawDate, OffsetDateTime date, String subject, List<DecodedAddress> from,
        List<DecodedAddress> sender, List<DecodedAddress> replyTo, List<DecodedAddress> to, List<DecodedAddress> cc,
        List<DecodedAddress> bcc, String inReplyTo, String messageId, Envelope envelope) {

    /**
     * Copies the lists.
     *
     * @param rawDate the {@code rawDate} component
     * @param date the {@code date} component
     * @param subject the {@code subject} component
     * @param from the {@code from} component
     * @param sender the {@code sender} component
     * @param replyTo the {@code replyTo} component
     * @param to the {@code to} component
     * @param cc the {@code cc} component
     * @param bcc the {@code bcc} component
     * @param inReplyTo the {@code inReplyTo} component
     * @param messageId the {@code messageId} component
     * @param envelope the {@code envelope} component
     */
    public DecodedEnvelope {
        from = List.copyOf(from);
        sender = List.copyOf(sender);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        subject = subject == null ? "" : subject;
    }

    /** @return the parsed date, or empty when the header was absent or unparseable (then see {@link #rawDate()}) */
    public Optional<OffsetDateTime> parsedDate() {
        return Optional.ofNullable(date);
    }

    /** @return the first From address formatted as {@code name <mailbox@host>}, or {@code ""} */
    public String fromText() {
        return from.isEmpty() ? "" : from.get(0).formatted();
    }
}
