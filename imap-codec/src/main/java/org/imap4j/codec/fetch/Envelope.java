package org.imap4j.codec.fetch;

import java.util.List;

/**
 * The envelope structure of a message ({@code envelope}, RFC 3501 section 7.4.2, RFC 9051 section 7.5.2). Strings are
 * as sent (RFC 2047 encoded words are not decoded here) and {@code null} for NIL; an address list that was NIL is
 * empty.
 *
 * @param date      the Date header, or null
 * @param subject   the Subject header, or null
 * @param from      From addresses
 * @param sender    Sender addresses
 * @param replyTo   Reply-To addresses
 * @param to        To addresses
 * @param cc        Cc addresses
 * @param bcc       Bcc addresses
 * @param inReplyTo the In-Reply-To header, or null
 * @param messageId the Message-ID header, or null
 */
public record Envelope(String date, String subject, List<Address> from, List<Address> sender, List<Address> replyTo,
        List<Address> to, List<Address> cc, List<Address> bcc, String inReplyTo, String messageId) {

    /**
     * Copies the address lists.
     *
     * @param date      the Date header, or null
     * @param subject   the Subject header, or null
     * @param from      From addresses
     * @param sender    Sender addresses
     * @param replyTo   Reply-To addresses
     * @param to        To addresses
     * @param cc        Cc addresses
     * @param bcc       Bcc addresses
     * @param inReplyTo the In-Reply-To header, or null
     * @param messageId the Message-ID header, or null
     */
    public Envelope {
        from = List.copyOf(from);
        sender = List.copyOf(sender);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }
}
