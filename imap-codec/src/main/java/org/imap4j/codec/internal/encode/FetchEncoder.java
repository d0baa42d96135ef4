package org.imap4j.codec.internal.encode;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.OptionalLong;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.fetch.Address;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.codec.fetch.Envelope;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.internal.ascii.Ascii;

/** Encodes FETCH data ({@code msg-att}, server side) and FETCH command attributes (client side). */
public final class FetchEncoder {
    private FetchEncoder() {
    }

    /**
     * Writes {@code msg-att}, parentheses included (RFC 9051 section 7.5.2).
     *
     * @param w     the writer
     * @param items the items
     */
    public static void msgAtt(ImapWriter w, List<FetchItem> items) {
        w.raw('(');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                w.sp();
            }
            item(w, items.get(i));
        }
        w.raw(')');
    }

    private static void item(ImapWriter w, FetchItem it) {
        if (it instanceof FetchItem.Uid u) {
            w.raw("UID ").number(u.uid());
        } else if (it instanceof FetchItem.Flags f) {
            w.raw("FLAGS (");
            List<Flag> flags = f.flags();
            for (int i = 0; i < flags.size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                w.raw(flags.get(i).value());
            }
            w.raw(')');
        } else if (it instanceof FetchItem.InternalDate d) {
            w.raw("INTERNALDATE ");
            DateTimeEncoder.dateTime(w, d.date());
        } else if (it instanceof FetchItem.Rfc822Size s) {
            w.raw("RFC822.SIZE ").number(s.size());
        } else if (it instanceof FetchItem.EnvelopeItem e) {
            w.raw("ENVELOPE ");
            envelope(w, e.envelope());
        } else if (it instanceof FetchItem.BodyStructureItem b) {
            w.raw(b.extensible() ? "BODYSTRUCTURE " : "BODY ");
            body(w, b.structure());
        } else if (it instanceof FetchItem.BodySection b) {
            w.raw("BODY");
            section(w, b.section());
            origin(w, b.origin());
            w.sp();
            bodyData(w, b.data());
        } else if (it instanceof FetchItem.Binary b) {
            w.raw("BINARY");
            sectionBinary(w, b.part());
            origin(w, b.origin());
            w.sp();
            bodyData(w, b.data());
        } else if (it instanceof FetchItem.BinarySize b) {
            w.raw("BINARY.SIZE");
            sectionBinary(w, b.part());
            w.sp().number(b.size());
        } else if (it instanceof FetchItem.ModSeq m) {
            w.raw("MODSEQ (").number(m.modSeq()).raw(')');
        } else if (it instanceof FetchItem.EmailId e) {
            w.raw("EMAILID (").raw(e.id()).raw(')');
        } else if (it instanceof FetchItem.ThreadId t) {
            w.raw("THREADID ");
            if (t.id() == null) {
                w.raw("NIL");
            } else {
                w.raw('(').raw(t.id()).raw(')');
            }
        } else if (it instanceof FetchItem.Preview p) {
            w.raw("PREVIEW ").nstring(p.text());
        } else if (it instanceof FetchItem.SaveDate d) {
            w.raw("SAVEDATE ");
            if (d.date() == null) {
                w.raw("NIL");
            } else {
                DateTimeEncoder.dateTime(w, d.date());
            }
        } else if (it instanceof FetchItem.Rfc822 d) {
            w.raw("RFC822 ");
            bodyData(w, d.data());
        } else if (it instanceof FetchItem.Rfc822Header d) {
            w.raw("RFC822.HEADER ");
            bodyData(w, d.data());
        } else if (it instanceof FetchItem.Rfc822Text d) {
            w.raw("RFC822.TEXT ");
            bodyData(w, d.data());
        } else if (it instanceof FetchItem.GmailMessageId g) {
            w.raw("X-GM-MSGID ").raw(Long.toUnsignedString(g.id()));
        } else if (it instanceof FetchItem.GmailThreadId g) {
            w.raw("X-GM-THRID ").raw(Long.toUnsignedString(g.id()));
        } else if (it instanceof FetchItem.GmailLabels g) {
            w.raw("X-GM-LABELS (");
            List<String> labels = g.labels();
            for (int i = 0; i < labels.size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                label(w, labels.get(i));
            }
            w.raw(')');
        } else if (it instanceof FetchItem.Other o) {
            w.raw(o.name()).sp();
            value(w, o.value());
        } else if (it instanceof FetchItem.Unreadable u) {
            // kept as received: written back byte for byte
            byte[] raw = u.raw().toByteArray();
            w.raw(raw, 0, raw.length);
        } else {
            throw new IllegalStateException("unknown FETCH item " + it);
        }
    }

    /** A Gmail label: a system label such as {@code \Inbox} bare, anything else as an astring. */
    static void label(ImapWriter w, String label) {
        if (label.length() > 1 && label.charAt(0) == '\\' && Ascii.all(label.substring(1), Ascii.ATOM)) {
            w.raw(label);
        } else {
            w.astring(label);
        }
    }

    private static void two(ImapWriter w, int v) {
        w.raw('0' + v / 10).raw('0' + v % 10);
    }

    private static void origin(ImapWriter w, OptionalLong origin) {
        if (origin.isPresent()) {
            w.raw('<').number(origin.getAsLong()).raw('>');
        }
    }

    /**
     * Writes body data: NIL, or a literal ({@code ~{n}} when the data holds NUL, which only literal8 may carry).
     *
     * @param w the writer
     * @param d the data
     */
    static void bodyData(ImapWriter w, BodyData d) {
        if (d instanceof BodyData.InMemory m) {
            Bytes b = m.bytes();
            boolean nul = false;
            for (int i = 0; i < b.size() && !nul; i++) {
                nul = b.get(i) == 0;
            }
            w.literal(b, nul);
        } else if (d instanceof BodyData.Nil) {
            w.raw("NIL");
        } else {
            throw new ImapValidationException("a streamed literal cannot be encoded: " + d);
        }
    }

    /**
     * Writes {@code section = "[" [section-spec] "]"}; header field names as astrings.
     *
     * @param w the writer
     * @param s the section
     */
    public static void section(ImapWriter w, Section s) {
        w.raw('[');
        List<Integer> part = s.part();
        for (int i = 0; i < part.size(); i++) {
            if (i > 0) {
                w.raw('.');
            }
            w.number(part.get(i));
        }
        if (s.kind() != Section.Kind.NONE) {
            if (!part.isEmpty()) {
                w.raw('.');
            }
            w.raw(s.kind().wire());
            if (s.kind().hasFields()) {
                w.raw(" (");
                List<String> f = s.fields();
                for (int i = 0; i < f.size(); i++) {
                    if (i > 0) {
                        w.sp();
                    }
                    w.astring(f.get(i));
                }
                w.raw(')');
            }
        }
        w.raw(']');
    }

    private static void sectionBinary(ImapWriter w, List<Integer> part) {
        w.raw('[');
        for (int i = 0; i < part.size(); i++) {
            if (i > 0) {
                w.raw('.');
            }
            w.number(part.get(i));
        }
        w.raw(']');
    }

    /**
     * Writes {@code envelope} (RFC 9051 section 9); address lists without spaces between addresses, as the grammar
     * has it.
     *
     * @param w the writer
     * @param e the envelope
     */
    public static void envelope(ImapWriter w, Envelope e) {
        w.raw('(').nstring(e.date()).sp().nstring(e.subject()).sp();
        addresses(w, e.from());
        w.sp();
        addresses(w, e.sender());
        w.sp();
        addresses(w, e.replyTo());
        w.sp();
        addresses(w, e.to());
        w.sp();
        addresses(w, e.cc());
        w.sp();
        addresses(w, e.bcc());
        w.sp().nstring(e.inReplyTo()).sp().nstring(e.messageId()).raw(')');
    }

    private static void addresses(ImapWriter w, List<Address> list) {
        if (list.isEmpty()) {
            w.raw("NIL");
            return;
        }
        w.raw('(');
        for (Address a : list) {
            if (a instanceof Address.Mailbox m) {
                mailbox(w, m);
            } else {
                Address.Group g = (Address.Group) a;
                w.raw("(NIL NIL ").nstring(g.name()).raw(" NIL)");
                for (Address.Mailbox m : g.members()) {
                    mailbox(w, m);
                }
                w.raw("(NIL NIL NIL NIL)");
            }
        }
        w.raw(')');
    }

    private static void mailbox(ImapWriter w, Address.Mailbox m) {
        w.raw('(').nstring(m.name()).sp().nstring(m.adl()).sp().nstring(m.mailbox()).sp().nstring(m.host()).raw(')');
    }

    /**
     * Writes {@code body} (RFC 9051 section 9), with whatever extension data the value holds.
     *
     * @param w the writer
     * @param b the structure
     */
    public static void body(ImapWriter w, BodyStructure b) {
        w.raw('(');
        if (b instanceof BodyStructure.Multipart m) {
            for (BodyStructure p : m.parts()) {
                body(w, p);
            }
            w.sp().string(m.subtype());
            BodyStructure.MultipartExtension x = m.extension();
            if (x != null) {
                w.sp();
                params(w, x.params());
                extTail(w, x.disposition(), x.language(), x.location(), x.extensions());
            }
        } else {
            BodyStructure.SinglePartExtension x;
            if (b instanceof BodyStructure.Text t) {
                w.raw("\"TEXT\" ").string(t.subtype()).sp();
                fields(w, t.fields());
                w.sp().number(t.lines());
                x = t.extension();
            } else if (b instanceof BodyStructure.Message msg) {
                w.raw("\"MESSAGE\" ").string(msg.subtype()).sp();
                fields(w, msg.fields());
                w.sp();
                envelope(w, msg.envelope());
                w.sp();
                body(w, msg.body());
                w.sp().number(msg.lines());
                x = msg.extension();
            } else {
                BodyStructure.Basic basic = (BodyStructure.Basic) b;
                w.string(basic.type()).sp().string(basic.subtype()).sp();
                fields(w, basic.fields());
                x = basic.extension();
            }
            if (x != null) {
                w.sp().nstring(x.md5());
                extTail(w, x.disposition(), x.language(), x.location(), x.extensions());
            }
        }
        w.raw(')');
    }

    private static void extTail(ImapWriter w, BodyStructure.Disposition dsp, List<String> lang, String loc,
            List<ImapValue> more) {
        w.sp();
        if (dsp == null) {
            w.raw("NIL");
        } else {
            w.raw('(').string(dsp.type()).sp();
            params(w, dsp.params());
            w.raw(')');
        }
        w.sp();
        if (lang.isEmpty()) {
            w.raw("NIL");
        } else if (lang.size() == 1) {
            w.string(lang.get(0));
        } else {
            w.raw('(');
            for (int i = 0; i < lang.size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                w.string(lang.get(i));
            }
            w.raw(')');
        }
        w.sp().nstring(loc);
        for (ImapValue v : more) {
            w.sp();
            value(w, v);
        }
    }

    private static void fields(ImapWriter w, BodyStructure.Fields f) {
        params(w, f.params());
        w.sp().nstring(f.id()).sp().nstring(f.description()).sp().string(f.encoding()).sp().number(f.octets());
    }

    private static void params(ImapWriter w, List<BodyStructure.Param> params) {
        if (params.isEmpty()) {
            w.raw("NIL");
            return;
        }
        w.raw('(');
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                w.sp();
            }
            w.string(params.get(i).name()).sp().string(params.get(i).value());
        }
        w.raw(')');
    }

    /**
     * Writes a generic value as it was parsed (one writer for all generic values: {@link ResponseEncoder#value}).
     *
     * @param w the writer
     * @param v the value
     */
    static void value(ImapWriter w, ImapValue v) {
        ResponseEncoder.value(w, v);
    }

    /**
     * Writes FETCH command attributes (RFC 9051 section 6.4.5): a single attribute or macro bare, several in
     * parentheses. A macro must stand alone.
     *
     * @param w     the writer
     * @param attrs the attributes, at least one
     */
    public static void attributes(ImapWriter w, List<FetchAttribute> attrs) {
        if (attrs.isEmpty()) {
            throw new ImapValidationException("FETCH needs at least one attribute");
        }
        if (attrs.size() == 1) {
            fetchAtt(w, attrs.get(0));
            return;
        }
        w.raw('(');
        for (int i = 0; i < attrs.size(); i++) {
            FetchAttribute a = attrs.get(i);
            if (a instanceof FetchAttribute.Macro) {
                throw new ImapValidationException("macro " + a + " must be the only FETCH attribute");
            }
            if (i > 0) {
                w.sp();
            }
            fetchAtt(w, a);
        }
        w.raw(')');
    }

    private static void fetchAtt(ImapWriter w, FetchAttribute a) {
        if (a instanceof FetchAttribute.Item i) {
            w.raw(i.wire());
        } else if (a instanceof FetchAttribute.Macro m) {
            w.raw(m.name());
        } else if (a instanceof FetchAttribute.BodySection b) {
            w.raw(b.peek() ? "BODY.PEEK" : "BODY");
            section(w, b.section());
            partial(w, b.partial());
        } else if (a instanceof FetchAttribute.Binary b) {
            w.raw(b.peek() ? "BINARY.PEEK" : "BINARY");
            sectionBinary(w, b.part());
            partial(w, b.partial());
        } else if (a instanceof FetchAttribute.BinarySize b) {
            w.raw("BINARY.SIZE");
            sectionBinary(w, b.part());
        } else if (a instanceof FetchAttribute.Preview p) {
            w.raw("PREVIEW (");
            for (int i = 0; i < p.modifiers().size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                w.atom(p.modifiers().get(i));
            }
            w.raw(')');
        } else if (a instanceof FetchAttribute.Other o) {
            w.atom(o.atom());
        } else {
            throw new IllegalStateException("unknown FETCH attribute " + a);
        }
    }

    private static void partial(ImapWriter w, FetchAttribute.Partial p) {
        if (p != null) {
            w.raw('<').number(p.offset()).raw('.').number(p.length()).raw('>');
        }
    }
}
