package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.internal.encode.ImapWriter;
import org.imap4j.codec.internal.encode.ResponseEncoder;
import org.imap4j.codec.internal.frame.Framer;
import org.imap4j.codec.response.AclEntry;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Continuation;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.IdParam;
import org.imap4j.codec.response.ListExtendedItem;
import org.imap4j.codec.response.MailboxAttribute;
import org.imap4j.codec.response.NamespaceDescriptor;
import org.imap4j.codec.response.QuotaResource;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.StatusItem;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.MessageThread;
import org.imap4j.codec.response.Untagged;

/** Round-trip, split-invariance and fuzz properties of the response parser and encoder. */
class ResponseProperties {

    static byte[] encode(Response r) {
        ImapWriter w = new ImapWriter(EncodeOptions.DEFAULT, true);
        ResponseEncoder.encode(w, r);
        return w.toBytes();
    }

    static Response parse(byte[] b, Set<Quirk> quirks) {
        return ResponseParser.parse(new ImapReader(b, 0, b.length, new int[0], CodecLimits.defaults(), quirks), false);
    }

    @Property(tries = 400)
    void parseInvertsEncode(@ForAll("responses") Response x) {
        byte[] b = encode(x);
        assertEquals(x, parse(b, Quirk.none()));
        assertEquals(x, parse(b, Quirk.defaults()));
    }

    @Property(tries = 200)
    void framerSplitsDoNotMatter(@ForAll("responseLists") List<Response> xs, @ForAll @IntRange(min = 1, max = 7) int step,
            @ForAll boolean oneByteAtATime) {
        ByteArrayBuilder all = new ByteArrayBuilder();
        for (Response x : xs) {
            all.add(encode(x));
        }
        byte[] wire = all.bytes();
        int chunk = oneByteAtATime ? 1 : step;
        Framer f = new Framer(CodecLimits.defaults(), false);
        List<Response> out = new ArrayList<>();
        for (int i = 0; i < wire.length; i += chunk) {
            f.feed(wire, i, Math.min(chunk, wire.length - i));
            while (f.next() == Framer.Result.FRAME) {
                ImapReader r = new ImapReader(f.buffer(), f.start(), f.end(), f.streamedOffsets(),
                        CodecLimits.defaults(), Quirk.defaults());
                out.add(ResponseParser.parse(r, false));
            }
        }
        assertEquals(xs, out);
    }

    @Property(tries = 1000)
    void randomBytesGiveAResponseOrAProtocolException(@ForAll("junk") byte[] junk) {
        byte[] b = new byte[junk.length + 4];
        b[0] = '*';
        b[1] = ' ';
        System.arraycopy(junk, 0, b, 2, junk.length);
        b[b.length - 2] = '\r';
        b[b.length - 1] = '\n';
        try {
            parse(b, Quirk.defaults());
        } catch (ImapProtocolException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 300)
    void mutatedResponsesGiveAResponseOrAProtocolException(@ForAll("responses") Response x,
            @ForAll @IntRange(min = 0, max = 10_000) int at, @ForAll("junk") byte[] insert) {
        byte[] b = encode(x);
        int p = Math.min(at % b.length, b.length - 2);
        ByteArrayBuilder m = new ByteArrayBuilder();
        m.add(java.util.Arrays.copyOfRange(b, 0, p));
        m.add(insert);
        m.add(java.util.Arrays.copyOfRange(b, p, b.length));
        try {
            parse(m.bytes(), Quirk.defaults());
        } catch (ImapProtocolException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 5)
    void hostileNestingFailsQuickly(@ForAll boolean thread) {
        String open = thread ? "(1 " : "(";
        String line = "* " + (thread ? "THREAD " : "XFOO ") + open.repeat(100_000) + "\r\n";
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            ImapProtocolException e = assertThrows(ImapProtocolException.class, () -> parse(b, Quirk.defaults()));
            assertEquals("maxNestingDepth", e.limit());
        });
    }

    // ---- arbitraries, built only through the validating constructors and factories ----

    @Provide
    Arbitrary<byte[]> junk() {
        Arbitrary<Byte> printable = Arbitraries.of("()[]{}\"\\ *+%:,~0123456789aAzZ\r\nOK LIST FETCH NIL"
                .chars().boxed().toArray(Integer[]::new)).map(Integer::byteValue);
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, printable), net.jqwik.api.Tuple.of(1, any))
                .list().ofMaxSize(60).map(l -> {
                    byte[] out = new byte[l.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = l.get(i);
                    }
                    return out;
                });
    }

    static Arbitrary<String> text() {
        return Arbitraries.strings().withChars("abcXYZ019 .,:;!?\"\\()[]{}%*éü日").ofMaxLength(30)
                .filter(s -> !s.startsWith(" ") && !s.startsWith("[") && !s.endsWith("}"));
    }

    static Arbitrary<String> atom() {
        return Arbitraries.strings().withChars("ABCXYZ019-_.").ofMinLength(1).ofMaxLength(8).map(s -> "X" + s);
    }

    static Arbitrary<String> anyString() {
        return Arbitraries.strings().withChars("abc XYZ019\"\\%*()éü日&").ofMaxLength(12);
    }

    static Arbitrary<Long> nz() {
        return Arbitraries.longs().between(1, SequenceSet.MAX_NUMBER);
    }

    static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, SequenceSet.MAX_NUMBER);
    }

    static Arbitrary<Long> u63() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE);
    }

    static Arbitrary<SequenceSet> seqSet() {
        Arbitrary<SequenceSet.Range> range = Combinators.combine(nz(), nz()).as(SequenceSet.Range::new);
        return range.list().ofMinSize(1).ofMaxSize(4).map(SequenceSet::ofRanges);
    }

    static Arbitrary<MailboxName> mailbox() {
        return Arbitraries.strings().withChars("abcINBOX/.&~ é日\"").ofMinLength(1).ofMaxLength(10)
                .map(MailboxName::of);
    }

    static Arbitrary<Flag> flag() {
        return Arbitraries.oneOf(Arbitraries.of(Flag.SEEN, Flag.ANSWERED, Flag.FLAGGED, Flag.DELETED, Flag.DRAFT,
                Flag.RECENT), atom().map(Flag::of), atom().map(a -> Flag.of("\\" + a)));
    }

    static Arbitrary<Capability> capability() {
        return Arbitraries.oneOf(Arbitraries.of(Capability.Known.class).map(k -> (Capability) k),
                atom().map(a -> Capability.of("AUTH=" + a)), atom().map(Capability::of),
                Combinators.combine(nz(), Arbitraries.of(true, false)).as(Capability.MessageLimit::new));
    }

    static Arbitrary<ImapValue> genericValue() {
        Arbitrary<ImapValue> scalar = Arbitraries.oneOf(
                atom().map(a -> (ImapValue) new ImapValue.Atom(a)),
                // The generic parser reads at most 18 digits as a number (longer runs stay atoms).
                Arbitraries.longs().between(0, 999_999_999_999_999_999L).map(n -> (ImapValue) new ImapValue.Num(n)),
                Arbitraries.strings().withChars("abc XYZ\"\\").ofMaxLength(8)
                        .map(s -> (ImapValue) new ImapValue.Quoted(s)),
                Arbitraries.just(ImapValue.NIL));
        return Arbitraries.oneOf(scalar, scalar.list().ofMaxSize(3).map(l -> (ImapValue) new ImapValue.ValueList(l)));
    }

    static Arbitrary<ResponseCode> responseCode() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.of(ResponseCode.Kind.class).map(k -> (ResponseCode) new ResponseCode.Simple(k)),
                Arbitraries.of("UTF-8", "US-ASCII", "x y").list().ofMaxSize(3)
                        .map(l -> (ResponseCode) new ResponseCode.BadCharset(l)),
                capability().list().ofMaxSize(4).map(l -> (ResponseCode) new ResponseCode.Capabilities(l)),
                Arbitraries.oneOf(flag(), Arbitraries.just(Flag.ANY_KEYWORD)).list().ofMaxSize(4)
                        .map(l -> (ResponseCode) new ResponseCode.PermanentFlags(l)),
                nz().map(n -> (ResponseCode) new ResponseCode.UidNext(n)),
                nz().map(n -> (ResponseCode) new ResponseCode.UidValidity(n)),
                nz().map(n -> (ResponseCode) new ResponseCode.Unseen(n)),
                u63().map(n -> (ResponseCode) new ResponseCode.HighestModSeq(n)),
                seqSet().map(s -> (ResponseCode) new ResponseCode.Modified(s)),
                Combinators.combine(nz(), seqSet()).as((v, s) -> (ResponseCode) new ResponseCode.AppendUid(v, s)),
                Combinators.combine(nz(), seqSet(), seqSet())
                        .as((v, s, d) -> (ResponseCode) new ResponseCode.CopyUid(v, s, d)),
                atom().map(a -> (ResponseCode) new ResponseCode.MailboxId("F" + a.replace('.', '_'))),
                Arbitraries.of("imap://a/b", "IMAP://u;AUTH=*@s/").list().ofMinSize(1).ofMaxSize(2)
                        .map(l -> (ResponseCode) new ResponseCode.Referral(l)),
                Arbitraries.of("imap://x/INBOX;UID=20", "a b c").map(u -> (ResponseCode) new ResponseCode.BadUrl(u)),
                Combinators.combine(Arbitraries.of("A1", "x.y", "t\"q").injectNull(0.3), u32().injectNull(0.3))
                        .as((t, p) -> (ResponseCode) new ResponseCode.InProgress(t, p,
                                p == null || p == 0xFFFF_FFFFL ? null : p + 1)),
                Combinators.combine(nz(), nz().injectNull(0.4))
                        .as((l, u) -> (ResponseCode) new ResponseCode.MessageLimit(l, u)),
                Arbitraries.of(ResponseCode.MetadataProblem.class).map(k -> (ResponseCode) new ResponseCode.Metadata(
                        k, k == ResponseCode.MetadataProblem.TOOMANY || k == ResponseCode.MetadataProblem.NOPRIVATE
                        ? null : 77L)),
                Combinators.combine(atom(), Arbitraries.of("data", "x (y) z", "ü 1")
                        .injectNull(0.3)).as((n, d) -> (ResponseCode) new ResponseCode.Other(n, d))));
    }

    static Arbitrary<MessageThread> thread(int depth) {
        Arbitrary<List<Long>> chain = nz().list().ofMinSize(1).ofMaxSize(3);
        if (depth == 0) {
            return chain.map(c -> new MessageThread(c, List.of()));
        }
        Arbitrary<List<MessageThread>> kids = Arbitraries.lazy(() -> thread(depth - 1)).list().ofMinSize(2).ofMaxSize(3);
        return Arbitraries.oneOf(chain.map(c -> new MessageThread(c, List.of())),
                Combinators.combine(chain, kids).as(MessageThread::new),
                kids.map(k -> new MessageThread(List.of(), k)));
    }

    static Arbitrary<NamespaceDescriptor> namespaceDescr() {
        Arbitrary<NamespaceDescriptor.Extension> ext = Combinators.combine(anyString(),
                anyString().list().ofMinSize(1).ofMaxSize(2)).as(NamespaceDescriptor.Extension::new);
        return Combinators.combine(anyString(), Arbitraries.of("/", ".", "\\", "\"").injectNull(0.2),
                ext.list().ofMaxSize(2)).as(NamespaceDescriptor::new);
    }

    static Arbitrary<StatusItem> statusItem() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.of(StatusItem.Kind.class).flatMap(k -> {
                    switch (k) {
                        case UIDNEXT:
                        case UIDVALIDITY:
                            return nz().map(v -> (StatusItem) new StatusItem.Count(k, v));
                        case SIZE:
                        case HIGHESTMODSEQ:
                            return u63().map(v -> (StatusItem) new StatusItem.Count(k, v));
                        default:
                            return u32().map(v -> (StatusItem) new StatusItem.Count(k, v));
                    }
                }),
                u63().injectNull(0.3).map(v -> (StatusItem) new StatusItem.AppendLimit(v)),
                Arbitraries.of("F2212ea87-6097", "M_1").map(v -> (StatusItem) new StatusItem.MailboxId(v)),
                Combinators.combine(atom(), genericValue()).as((n, v) -> (StatusItem) new StatusItem.Other(n, v))));
    }

    static Arbitrary<ESearchItem> esearchItem() {
        return Arbitraries.oneOf(List.of(
                nz().map(v -> (ESearchItem) new ESearchItem.Min(v)),
                nz().map(v -> (ESearchItem) new ESearchItem.Max(v)),
                u32().map(v -> (ESearchItem) new ESearchItem.Count(v)),
                seqSet().map(v -> (ESearchItem) new ESearchItem.All(v)),
                u63().map(v -> (ESearchItem) new ESearchItem.ModSeq(v)),
                Combinators.combine(nz(), nz(), Arbitraries.of(true, false), seqSet().injectNull(0.3))
                        .as((a, b, neg, s) -> (ESearchItem) new ESearchItem.Partial(neg
                                ? new org.imap4j.codec.core.PartialRange(-a, -b)
                                : new org.imap4j.codec.core.PartialRange(a, b), s)),
                Combinators.combine(u32(), seqSet()).as(ESearchItem.ContextUpdate::new).list().ofMinSize(1)
                        .ofMaxSize(3).map(l -> (ESearchItem) new ESearchItem.AddTo(l)),
                Combinators.combine(u32(), seqSet()).as(ESearchItem.ContextUpdate::new).list().ofMinSize(1)
                        .ofMaxSize(3).map(l -> (ESearchItem) new ESearchItem.RemoveFrom(l)),
                Combinators.combine(atom(), genericValue()).as((n, v) -> (ESearchItem) new ESearchItem.Other(n, v))));
    }

    static Arbitrary<ListExtendedItem> listExtended() {
        return Arbitraries.oneOf(
                Arbitraries.of("SUBSCRIBED", "REMOTE").list().ofMinSize(1).ofMaxSize(2)
                        .map(l -> (ListExtendedItem) new ListExtendedItem.ChildInfo(l)),
                mailbox().map(m -> (ListExtendedItem) new ListExtendedItem.OldName(m)),
                Combinators.combine(atom(), genericValue())
                        .as((t, v) -> (ListExtendedItem) new ListExtendedItem.Other(t, v)));
    }

    static Arbitrary<MailboxAttribute> mailboxAttribute() {
        return Arbitraries.oneOf(Arbitraries.of(MailboxAttribute.Known.class).map(k -> (MailboxAttribute) k),
                atom().map(a -> MailboxAttribute.of("\\" + a)), atom().map(MailboxAttribute::of));
    }

    static Arbitrary<Untagged> untagged() {
        Arbitrary<Condition> anyStatus = Arbitraries.of(Condition.class);
        return Arbitraries.oneOf(List.of(
                Combinators.combine(anyStatus, responseCode().injectNull(0.4), text())
                        .as((s, c, t) -> (Untagged) new Untagged.StatusResponse(s, c, t)),
                capability().list().ofMaxSize(5).map(l -> (Untagged) new Untagged.Capabilities(l)),
                capability().list().ofMaxSize(3).map(l -> (Untagged) new Untagged.Enabled(l)),
                Combinators.combine(anyString(), anyString().injectNull(0.2)).as(IdParam::new).list().ofMaxSize(3)
                        .injectNull(0.2).map(l -> (Untagged) new Untagged.Id(l)),
                Combinators.combine(namespaceDescr().list().ofMinSize(1).ofMaxSize(2).injectNull(0.3),
                        namespaceDescr().list().ofMinSize(1).ofMaxSize(2).injectNull(0.3),
                        namespaceDescr().list().ofMinSize(1).ofMaxSize(2).injectNull(0.3))
                        .as((a, b, c) -> (Untagged) new Untagged.Namespace(a, b, c)),
                flag().list().ofMaxSize(5).map(l -> (Untagged) new Untagged.Flags(l)),
                Combinators.combine(Arbitraries.of(true, false), mailboxAttribute().list().ofMaxSize(3),
                        Arbitraries.of("/", ".", "\\", "\"").injectNull(0.2), mailbox(),
                        listExtended().list().ofMaxSize(2))
                        .as((ls, a, d, m, e) -> (Untagged) new Untagged.MailboxList(ls, a, d, m, e)),
                Combinators.combine(mailbox(), statusItem().list().ofMaxSize(4))
                        .as((m, i) -> (Untagged) new Untagged.MailboxStatus(m, i)),
                Combinators.combine(nz().list().ofMaxSize(6), u63().injectNull(0.5))
                        .as((n, m) -> (Untagged) new Untagged.Search(n, m)),
                Combinators.combine(nz().list().ofMaxSize(6), u63().injectNull(0.5))
                        .as((n, m) -> (Untagged) new Untagged.Sort(n, m)),
                Combinators.combine(Arbitraries.of("A285", "x y", "tag\"1").injectNull(0.4), Arbitraries.of(true, false),
                        esearchItem().list().ofMaxSize(4)).as((t, u, i) -> (Untagged) new Untagged.ESearch(t, u, i)),
                thread(3).list().ofMaxSize(3).map(l -> (Untagged) new Untagged.Threads(l)),
                u32().map(n -> (Untagged) new Untagged.Exists(n)),
                u32().map(n -> (Untagged) new Untagged.Recent(n)),
                nz().map(n -> (Untagged) new Untagged.Expunge(n)),
                Combinators.combine(Arbitraries.of(true, false), seqSet())
                        .as((e, s) -> (Untagged) new Untagged.Vanished(e, s)),
                Combinators.combine(anyString(), Combinators.combine(atom(), u63(), u63()).as(QuotaResource::new)
                        .list().ofMaxSize(3)).as((r, l) -> (Untagged) new Untagged.Quota(r, l)),
                Combinators.combine(mailbox(), anyString().list().ofMaxSize(3))
                        .as((m, l) -> (Untagged) new Untagged.QuotaRoot(m, l)),
                Combinators.combine(mailbox(), Combinators.combine(anyString(), anyString()).as(AclEntry::new)
                        .list().ofMaxSize(3)).as((m, l) -> (Untagged) new Untagged.Acl(m, l)),
                Combinators.combine(mailbox(), anyString(), anyString(), anyString().list().ofMaxSize(3))
                        .as((m, i, r, o) -> (Untagged) new Untagged.ListRights(m, i, r, o)),
                Combinators.combine(mailbox(), anyString())
                        .as((m, r) -> (Untagged) new Untagged.MyRights(m, r)),
                Combinators.combine(mailbox(), Combinators.combine(Arbitraries.of("/shared/comment", "/private/x y"),
                        anyString().map(org.imap4j.codec.core.Bytes::utf8).injectNull(0.3))
                        .as(org.imap4j.codec.core.MetadataEntry::new).list().ofMinSize(1).ofMaxSize(3))
                        .as((m, l) -> (Untagged) new Untagged.Metadata(m, l)),
                Combinators.combine(mailbox(), anyString().list().ofMinSize(1).ofMaxSize(3))
                        .as((m, l) -> (Untagged) new Untagged.MetadataChanged(m, l)),
                Combinators.combine(atom(), genericValue().list().ofMaxSize(3))
                        .as((n, d) -> (Untagged) new Untagged.Unknown(n, d)),
                Combinators.combine(u32(), atom(), genericValue().list().ofMaxSize(2))
                        .as((n, a, d) -> {
                            List<ImapValue> data = new ArrayList<>();
                            data.add(new ImapValue.Atom(a));
                            data.addAll(d);
                            return (Untagged) new Untagged.Unknown(Long.toString(n), data);
                        })));
    }

    @Provide
    Arbitrary<Response> responses() {
        Arbitrary<Tag> tag = Arbitraries.strings().withChars("A0123z.]").ofMinLength(1).ofMaxLength(6).map(Tag::of);
        return Arbitraries.oneOf(
                untagged().map(u -> (Response) u),
                Combinators.combine(tag, Arbitraries.of(Condition.OK, Condition.NO, Condition.BAD),
                        responseCode().injectNull(0.4), text()).as((t, s, c, x) -> (Response) new Tagged(t, s, c, x)),
                Combinators.combine(responseCode().injectNull(0.7), text())
                        .as((c, x) -> (Response) new Continuation(c, x)));
    }

    @Provide
    Arbitrary<List<Response>> responseLists() {
        return responses().list().ofMinSize(1).ofMaxSize(4);
    }

    /** A growable byte array. */
    static final class ByteArrayBuilder {
        private byte[] buf = new byte[64];
        private int len;

        void add(byte[] b) {
            if (len + b.length > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + b.length));
            }
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        byte[] bytes() {
            return java.util.Arrays.copyOf(buf, len);
        }
    }
}
