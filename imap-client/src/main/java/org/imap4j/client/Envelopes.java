package org.imap4j.client;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.fetch.Address;
import org.imap4j.codec.fetch.Envelope;

/**
 * Turns the raw {@link Envelope} of a FETCH into text for people (JDK only): subject and display names decoded from
 * RFC 2047 ({@link EncodedWords}), the date parsed leniently ({@link MailDates}), addresses as
 * {@code name <mailbox@host>}.
 *
 * <pre>{@code
 * Envelope raw = client.fetchEnvelope(SequenceSet.of(uid)).get(uid).envelope().orElseThrow();
 * DecodedEnvelope e = Envelopes.decode(raw);
 * System.out.println(e.fromText() + " | " + e.subject() + " | " + e.parsedDate().orElse(null));
 * }</pre>
 */
public final class Envelopes {
    private Envelopes() {
    }

    /**
     * @param envelope an envelope as fetched
     * @return it decoded
     */
    public static DecodedEnvelope decode(Envelope envelope) {
        return new DecodedEnvelope(envelope.date(), MailDates.parse(envelope.date()).orElse(null),
                EncodedWords.decode(envelope.subject()), addresses(envelope.from()), addresses(envelope.sender()),
                addresses(envelope.replyTo()), addresses(envelope.to()), addresses(envelope.cc()),
                addresses(envelope.bcc()), envelope.inReplyTo(), envelope.messageId(), envelope);
    }

    /**
     * Decodes an address list; a group's members come out in order, each naming its group.
     *
     * @param list envelope addresses
     * @return them decoded
     */
    public static List<DecodedAddress> addresses(List<Address> list) {
        List<DecodedAddress> out = new ArrayList<>(list.size());
        for (Address a : list) {
            if (a instanceof Address.Mailbox) {
                out.add(address((Address.Mailbox) a, null));
            } else {
                Address.Group g = (Address.Group) a;
                String group = EncodedWords.decode(g.name());
                for (Address.Mailbox m : g.members()) {
                    out.add(address(m, group));
                }
            }
        }
        return out;
    }

    /**
     * @param mailbox an envelope mailbox
     * @return it as {@code name <mailbox@host>} (or {@code mailbox@host}), the name decoded
     */
    public static String format(Address.Mailbox mailbox) {
        return address(mailbox, null).formatted();
    }

    /**
     * Formats a whole address list for one line: mailboxes as {@link #format(Address.Mailbox)}, a group as
     * {@code name: member, member;}.
     *
     * @param list envelope addresses
     * @return them joined by {@code ", "}
     */
    public static String format(List<Address> list) {
        List<String> parts = new ArrayList<>(list.size());
        for (Address a : list) {
            if (a instanceof Address.Mailbox) {
                parts.add(format((Address.Mailbox) a));
            } else {
                Address.Group g = (Address.Group) a;
                List<String> members = new ArrayList<>();
                for (Address.Mailbox m : g.members()) {
                    members.add(format(m));
                }
                parts.add(EncodedWords.decode(g.name()) + ": " + String.join(", ", members) + ";");
            }
        }
        return String.join(", ", parts);
    }

    private static DecodedAddress address(Address.Mailbox m, String group) {
        String local = m.mailbox() == null ? "" : m.mailbox();
        return new DecodedAddress(EncodedWords.decode(m.name()).strip(), local + "@" + m.host(), group);
    }
}
