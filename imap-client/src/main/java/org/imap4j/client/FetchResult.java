package org.imap4j.client;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.codec.fetch.Envelope;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.fetch.Section;

/**
 * Everything one FETCH returned for one message (RFC 9051 section 7.5.2), with typed accessors for the common items;
 * the raw items stay available. When a server splits a message's items over several responses, they are merged.
 *
 * @param seq   the message's sequence number
 * @param items the items, in the order received
 */
public record FetchResult(long seq, List<FetchItem> items) {
    /**
     * Copies.
     *
     * @param seq   the message's sequence number
     * @param items the items, in the order received
     */
    public FetchResult {
        items = List.copyOf(items);
    }

    private <T extends FetchItem> Optional<T> first(Class<T> kind) {
        for (FetchItem i : items) {
            if (kind.isInstance(i)) {
                return Optional.of(kind.cast(i));
            }
        }
        return Optional.empty();
    }

    /** @return the UID, if fetched (every UID FETCH returns it) */
    public OptionalLong uid() {
        return first(FetchItem.Uid.class).map(u -> OptionalLong.of(u.uid())).orElse(OptionalLong.empty());
    }

    /** @return the flags, if fetched */
    public Optional<List<Flag>> flags() {
        return first(FetchItem.Flags.class).map(FetchItem.Flags::flags);
    }

    /** @return the internal date, if fetched */
    public Optional<OffsetDateTime> internalDate() {
        return first(FetchItem.InternalDate.class).map(FetchItem.InternalDate::date);
    }

    /** @return the RFC 822 size, if fetched */
    public OptionalLong size() {
        return first(FetchItem.Rfc822Size.class).map(s -> OptionalLong.of(s.size())).orElse(OptionalLong.empty());
    }

    /** @return the envelope, if fetched */
    public Optional<Envelope> envelope() {
        return first(FetchItem.EnvelopeItem.class).map(FetchItem.EnvelopeItem::envelope);
    }

    /** @return the body structure (BODYSTRUCTURE or BODY), if fetched */
    public Optional<BodyStructure> bodyStructure() {
        return first(FetchItem.BodyStructureItem.class).map(FetchItem.BodyStructureItem::structure);
    }

    /** @return Gmail's message id ({@code X-GM-MSGID}, unsigned 64-bit: read with {@link Long#toUnsignedString}) */
    public OptionalLong gmailMessageId() {
        return first(FetchItem.GmailMessageId.class).map(g -> OptionalLong.of(g.id())).orElse(OptionalLong.empty());
    }

    /** @return Gmail's thread id ({@code X-GM-THRID}, unsigned 64-bit), if fetched */
    public OptionalLong gmailThreadId() {
        return first(FetchItem.GmailThreadId.class).map(g -> OptionalLong.of(g.id())).orElse(OptionalLong.empty());
    }

    /** @return Gmail's labels ({@code X-GM-LABELS}; system labels such as {@code \Inbox} keep their backslash) */
    public Optional<List<String>> gmailLabels() {
        return first(FetchItem.GmailLabels.class).map(FetchItem.GmailLabels::labels);
    }

    /** @return the mod-sequence, if fetched (CONDSTORE) */
    public OptionalLong modSeq() {
        return first(FetchItem.ModSeq.class).map(m -> OptionalLong.of(m.modSeq())).orElse(OptionalLong.empty());
    }

    /** @return the message's {@code EMAILID} (OBJECTID, RFC 8474 section 5.1), if fetched */
    public Optional<String> emailId() {
        return first(FetchItem.EmailId.class).map(FetchItem.EmailId::id);
    }

    /**
     * @return the message's {@code THREADID} (OBJECTID, RFC 8474 section 5.2), if fetched and the server gave one
     *     (it answers NIL when it does not thread messages)
     */
    public Optional<String> threadId() {
        return first(FetchItem.ThreadId.class).map(FetchItem.ThreadId::id);
    }

    /**
     * @return the message's {@code PREVIEW} text (RFC 8970), if fetched and the server had one: with
     *     {@code PREVIEW (LAZY)} a server answers NIL for a preview it has not computed yet, which is empty here
     *     (see {@link #hasPreviewItem()})
     */
    public Optional<String> preview() {
        return first(FetchItem.Preview.class).map(FetchItem.Preview::text);
    }

    /** @return whether the response held a PREVIEW item at all, NIL included */
    public boolean hasPreviewItem() {
        return first(FetchItem.Preview.class).isPresent();
    }

    /**
     * @param section a body section, e.g. {@link Section#whole()} or {@link Section#header()} (header field names
     *                match regardless of case)
     * @return its bytes, if fetched and held in memory (not streamed to a sink, not NIL)
     */
    public Optional<Bytes> body(Section section) {
        for (FetchItem i : items) {
            if (i instanceof FetchItem.BodySection b && b.section().matches(section)
                    && b.data() instanceof BodyData.InMemory m) {
                return Optional.of(m.bytes());
            }
        }
        return Optional.empty();
    }

    /** @return the whole message ({@code BODY[]} or {@code RFC822}), if fetched */
    public Optional<Bytes> message() {
        Optional<Bytes> b = body(Section.whole());
        if (b.isPresent()) {
            return b;
        }
        return first(FetchItem.Rfc822.class).map(FetchItem.Rfc822::data)
                .filter(d -> d instanceof BodyData.InMemory).map(d -> ((BodyData.InMemory) d).bytes());
    }

    /**
     * @param more items of a later response for the same message
     * @return this result with them appended
     */
    public FetchResult merge(List<FetchItem> more) {
        List<FetchItem> all = new ArrayList<>(items);
        all.addAll(more);
        return new FetchResult(seq, all);
    }
}
