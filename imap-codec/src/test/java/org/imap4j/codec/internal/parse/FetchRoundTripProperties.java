package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.command.EncodeOptions;
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
import org.imap4j.codec.internal.encode.FetchEncoder;
import org.imap4j.codec.internal.encode.ImapWriter;

/** Round trips: parse(encode(x)) equals x for random typed FETCH items and attributes, in strict and default mode. */
class FetchRoundTripProperties {

    private static ImapReader frame(byte[] body, boolean strict) {
        byte[] b = Arrays.copyOf(body, body.length + 2);
        b[body.length] = '\r';
        b[body.length + 1] = '\n';
        return new ImapReader(b, 0, b.length, new int[0], CodecLimits.defaults(),
                strict ? Quirk.none() : Quirk.defaults());
    }

    @Property(tries = 300)
    void msgAttRoundTrips(@ForAll("items") List<FetchItem> items, @ForAll boolean strict) {
        ImapWriter w = new ImapWriter(EncodeOptions.DEFAULT, true);
        FetchEncoder.msgAtt(w, items);
        ImapReader r = frame(w.toBytes(), strict);
        List<FetchItem> back = FetchParser.msgAtt(r);
        r.crlf();
        assertEquals(items, back);
    }

    @Property(tries = 300)
    void attributesRoundTrip(@ForAll("attributes") List<FetchAttribute> attrs, @ForAll boolean strict) {
        ImapWriter w = new ImapWriter(EncodeOptions.DEFAULT, false);
        FetchEncoder.attributes(w, attrs);
        ImapReader r = frame(w.toBytes(), strict);
        List<FetchAttribute> back = FetchParser.attributes(r);
        r.crlf();
        assertEquals(attrs, back);
    }

    /** The case the token soup once found (seed -304623561952687602): a NUL inside a literal X-GM-LABELS label. */
    @net.jqwik.api.Example
    void aNulInAGmailLabelIsTheServersProtocolError() {
        byte[] b = "(X-GM-LABELS ({1}\r\n\0))".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        org.junit.jupiter.api.Assertions.assertThrows(ImapProtocolException.class,
                () -> FetchParser.msgAtt(frame(b, false)));
    }

    @Property(tries = 300)
    void tokenSoupGivesItemsOrAProtocolError(@ForAll("noise") byte[] noise) {
        byte[] b = Arrays.copyOf(noise, noise.length + 1);
        System.arraycopy(noise, 0, b, 1, noise.length);
        b[0] = '(';
        try {
            FetchParser.msgAtt(frame(b, false));
        } catch (ImapProtocolException expected) {
            // the only failure allowed
        }
    }

    @Provide
    Arbitrary<byte[]> noise() {
        return Arbitraries.of("UID 1 ", "FLAGS (", "\\Seen", ")", "(", " ", "\"a\"", "NIL", "BODY[", "]",
                        "{3}\r\nabc", "ENVELOPE ", "BODYSTRUCTURE ", "<1>", "1.", "HEADER.FIELDS", "~{1}\r\n\0",
                        "INTERNALDATE ", "\"17-Jul-1996 02:44:25 -0700\"", "X-GM-LABELS ", "MODSEQ ", "\"TEXT\" ")
                .list().ofMaxSize(20)
                .map(l -> String.join("", l).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    // ---- arbitraries, built only through the validating constructors ----

    private static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('\r', '\n', '\t', '\u00e9', '\u20ac',
                '\u65e5').ofMaxLength(12);
    }

    private static Arbitrary<String> ntext() {
        return text().injectNull(0.2);
    }

    private static Arbitrary<String> word() {
        return Arbitraries.strings().alpha().numeric().withChars('-', '_').ofMinLength(1).ofMaxLength(10);
    }

    static Arbitrary<OffsetDateTime> dateTime() {
        return Combinators.combine(Arbitraries.integers().between(0, 9999), Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(1, 28), Arbitraries.integers().between(0, 86399),
                Arbitraries.integers().between(-18 * 60, 18 * 60)).as((y, mo, d, sec, off) -> OffsetDateTime.of(
                y, mo, d, sec / 3600, sec / 60 % 60, sec % 60, 0, ZoneOffset.ofTotalSeconds(off * 60)));
    }

    private static Arbitrary<Address.Mailbox> mailbox() {
        return Combinators.combine(ntext(), ntext(), ntext(), text()).as(Address.Mailbox::new);
    }

    private static Arbitrary<List<Address>> addresses() {
        Arbitrary<Address> group = Combinators.combine(text(), mailbox().list().ofMaxSize(3))
                .as(Address.Group::new);
        return Arbitraries.oneOf(mailbox(), mailbox(), group).list().ofMaxSize(3);
    }

    static Arbitrary<Envelope> envelope() {
        return Combinators.combine(ntext(), ntext(), addresses(), addresses(), addresses(), addresses(), addresses(),
                addresses()).as((d, s, f, se, rt, to, cc, bcc) -> new Object[] {d, s, f, se, rt, to, cc, bcc})
                .flatMap(a -> Combinators.combine(ntext(), ntext()).as((irt, mid) -> envelopeOf(a, irt, mid)));
    }

    @SuppressWarnings("unchecked")
    private static Envelope envelopeOf(Object[] a, String irt, String mid) {
        return new Envelope((String) a[0], (String) a[1], (List<Address>) a[2], (List<Address>) a[3],
                (List<Address>) a[4], (List<Address>) a[5], (List<Address>) a[6], (List<Address>) a[7], irt, mid);
    }

    private static Arbitrary<List<BodyStructure.Param>> params() {
        return Combinators.combine(text(), text()).as(BodyStructure.Param::new).list().ofMaxSize(3);
    }

    private static Arbitrary<BodyStructure.Fields> fields() {
        return Combinators.combine(params(), ntext(), ntext(), Arbitraries.of("7BIT", "base64", "x-custom", ""),
                Arbitraries.longs().between(0, Long.MAX_VALUE)).as(BodyStructure.Fields::new);
    }

    private static Arbitrary<ImapValue> extValue(int depth) {
        Arbitrary<ImapValue> leaf = Arbitraries.oneOf(
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(ImapValue.Num::new),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8).map(ImapValue.Quoted::new),
                Arbitraries.just(ImapValue.NIL),
                Arbitraries.strings().withCharRange('\u0001', '\u007f').ofMaxLength(8)
                        .map(s -> new ImapValue.Literal(Bytes.utf8(s), false)));
        if (depth == 0) {
            return leaf;
        }
        return Arbitraries.oneOf(leaf, extValue(depth - 1).list().ofMaxSize(3).map(ImapValue.ValueList::new));
    }

    private static Arbitrary<BodyStructure.Disposition> disposition() {
        return Combinators.combine(text(), params()).as(BodyStructure.Disposition::new).injectNull(0.4);
    }

    private static Arbitrary<BodyStructure.SinglePartExtension> ext1() {
        return Combinators.combine(ntext(), disposition(), text().list().ofMaxSize(3), ntext(),
                extValue(2).list().ofMaxSize(3)).as(BodyStructure.SinglePartExtension::new).injectNull(0.4);
    }

    private static Arbitrary<BodyStructure.MultipartExtension> extM() {
        return Combinators.combine(params(), disposition(), text().list().ofMaxSize(3), ntext(),
                extValue(2).list().ofMaxSize(3)).as(BodyStructure.MultipartExtension::new).injectNull(0.4);
    }

    static Arbitrary<BodyStructure> body(int depth) {
        Arbitrary<BodyStructure> basic = Combinators.combine(Arbitraries.of("APPLICATION", "image", "x-thing"),
                text(), fields(), ext1()).as(BodyStructure.Basic::new);
        Arbitrary<BodyStructure> textPart = Combinators.combine(text(), fields(),
                Arbitraries.longs().between(0, 1_000_000), ext1()).as(BodyStructure.Text::new);
        if (depth == 0) {
            return Arbitraries.oneOf(basic, textPart);
        }
        Arbitrary<BodyStructure> message = Combinators.combine(Arbitraries.of("RFC822", "rfc822", "GLOBAL"), fields(),
                envelope(), body(depth - 1), Arbitraries.longs().between(0, 1000), ext1())
                .as(BodyStructure.Message::new);
        Arbitrary<BodyStructure> multi = Combinators.combine(body(depth - 1).list().ofMinSize(1).ofMaxSize(3),
                text(), extM()).as(BodyStructure.Multipart::new);
        return Arbitraries.oneOf(basic, textPart, message, multi);
    }

    private static Arbitrary<List<Integer>> part(int min) {
        return Arbitraries.integers().between(1, 300).list().ofMinSize(min).ofMaxSize(3);
    }

    private static Arbitrary<String> fieldName() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(8)
                .filter(s -> s.indexOf(':') < 0);
    }

    private static Arbitrary<Section> section() {
        return Combinators.combine(part(0), Arbitraries.of(Section.Kind.class), fieldName().list().ofMinSize(1)
                .ofMaxSize(3)).as((p, k, f) -> {
                    Section.Kind kind = k == Section.Kind.MIME && p.isEmpty() ? Section.Kind.NONE : k;
                    return new Section(p, kind, kind.hasFields() ? f : List.of());
                });
    }

    private static Arbitrary<BodyData> data() {
        return Arbitraries.oneOf(Arbitraries.just(BodyData.NIL),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(b -> BodyData.of(Bytes.of(b))));
    }

    private static Arbitrary<OptionalLong> origin() {
        return Arbitraries.oneOf(Arbitraries.just(OptionalLong.empty()),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(OptionalLong::of));
    }

    private static Arbitrary<String> objectId() {
        return word();
    }

    private static Arbitrary<ImapValue> otherValue(int depth) {
        Arbitrary<ImapValue> leaf = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 999_999_999_999L).map(ImapValue.Num::new),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8).map(ImapValue.Quoted::new),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6).map(s -> new ImapValue.Atom("a" + s)),
                Arbitraries.just(ImapValue.NIL));
        if (depth == 0) {
            return leaf;
        }
        return Arbitraries.oneOf(leaf, otherValue(depth - 1).list().ofMaxSize(3).map(ImapValue.ValueList::new));
    }

    private static Arbitrary<FetchItem> as(Arbitrary<? extends FetchItem> a) {
        return a.map(x -> (FetchItem) x);
    }

    @Provide
    Arbitrary<List<FetchItem>> items() {
        Arbitrary<Flag> flag = Arbitraries.oneOf(Arbitraries.of(Flag.SEEN, Flag.ANSWERED, Flag.RECENT, Flag.DRAFT),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(Flag::of),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(s -> Flag.of("\\" + s)));
        Arbitrary<String> label = Arbitraries.oneOf(text(), Arbitraries.of("\\Inbox", "\\Important", "NIL", ""));
        List<Arbitrary<FetchItem>> kinds = new ArrayList<>();
        kinds.add(as(Arbitraries.longs().between(1, 0xFFFF_FFFFL).map(FetchItem.Uid::new)));
        kinds.add(as(flag.list().ofMaxSize(4).map(FetchItem.Flags::new)));
        kinds.add(as(dateTime().map(FetchItem.InternalDate::new)));
        kinds.add(as(Arbitraries.longs().between(0, Long.MAX_VALUE).map(FetchItem.Rfc822Size::new)));
        kinds.add(as(envelope().map(FetchItem.EnvelopeItem::new)));
        kinds.add(as(Combinators.combine(body(2), Arbitraries.of(true, false)).as(FetchItem.BodyStructureItem::new)));
        kinds.add(as(Combinators.combine(section(), origin(), data()).as(FetchItem.BodySection::new)));
        kinds.add(as(Combinators.combine(part(0), origin(), data()).as(FetchItem.Binary::new)));
        kinds.add(as(Combinators.combine(part(0), Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as(FetchItem.BinarySize::new)));
        kinds.add(as(Arbitraries.longs().between(0, Long.MAX_VALUE).map(FetchItem.ModSeq::new)));
        kinds.add(as(objectId().map(FetchItem.EmailId::new)));
        kinds.add(as(objectId().injectNull(0.3).map(FetchItem.ThreadId::new)));
        kinds.add(as(ntext().map(FetchItem.Preview::new)));
        kinds.add(as(dateTime().injectNull(0.3).map(FetchItem.SaveDate::new)));
        kinds.add(as(data().map(FetchItem.Rfc822::new)));
        kinds.add(as(data().map(FetchItem.Rfc822Header::new)));
        kinds.add(as(data().map(FetchItem.Rfc822Text::new)));
        kinds.add(as(Arbitraries.longs().map(FetchItem.GmailMessageId::new)));
        kinds.add(as(Arbitraries.longs().map(FetchItem.GmailThreadId::new)));
        kinds.add(as(label.list().ofMaxSize(4).map(FetchItem.GmailLabels::new)));
        kinds.add(as(Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(6).map(s -> "X-UNK" + s),
                otherValue(2)).as(FetchItem.Other::new)));
        Arbitrary<FetchItem> any = Arbitraries.oneOf(kinds);
        return any.list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<FetchAttribute>> attributes() {
        Arbitrary<FetchAttribute.Partial> partial = Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.longs().between(1, Long.MAX_VALUE)).as(FetchAttribute.Partial::new).injectNull(0.5);
        Arbitrary<FetchAttribute> att = Arbitraries.oneOf(
                Arbitraries.of(FetchAttribute.Item.class),
                Combinators.combine(section(), Arbitraries.of(true, false), partial)
                        .as(FetchAttribute.BodySection::new),
                Combinators.combine(part(0), Arbitraries.of(true, false), partial).as(FetchAttribute.Binary::new),
                part(0).map(FetchAttribute.BinarySize::new),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6)
                        .map(s -> new FetchAttribute.Other("XATT" + s)));
        return Arbitraries.oneOf(
                Arbitraries.of(FetchAttribute.Macro.class).map(m -> List.<FetchAttribute>of(m)),
                att.list().ofMinSize(1).ofMaxSize(6));
    }
}
