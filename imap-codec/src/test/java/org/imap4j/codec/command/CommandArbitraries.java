package org.imap4j.codec.command;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;

/**
 * jqwik arbitraries for commands (every kind except FETCH), built only through the validating constructors and
 * factories.
 */
public final class CommandArbitraries {
    private CommandArbitraries() {
    }

    /** @return any text without NUL: ASCII, specials, CR, LF, 8-bit and CJK, surrogate pairs */
    public static Arbitrary<String> text() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange(' ', '~').withChars("\r\n\t\u00e4\u00f6\u65e5\u20ac")
                .ofMaxLength(14);
        Arbitrary<String> special = Arbitraries.of("", "NIL", "nil", "a\r\nb", "\r\n", "x{3}\r\nabc", "\"", "\\",
                "{5+}", "~{2}", "& &- &AOQ-", "\uD83D\uDE00", ")", "(", "*", "%", "]");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, plain), net.jqwik.api.Tuple.of(1, special));
    }

    /** @return text without CR, LF or NUL (mailbox names) */
    public static Arbitrary<String> lineText() {
        return text().map(s -> s.replace('\r', '_').replace('\n', '_'));
    }

    /** @return atoms */
    public static Arbitrary<String> atom() {
        return Arbitraries.strings().alpha().numeric().withChars("$-_.!#&+/").ofMinLength(1).ofMaxLength(10);
    }

    /** @return mailbox names */
    public static Arbitrary<MailboxName> mailbox() {
        return Arbitraries.oneOf(lineText().map(MailboxName::of), Arbitraries.just(MailboxName.INBOX));
    }

    private static Arbitrary<Long> seqNumber() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, SequenceSet.MAX_NUMBER),
                Arbitraries.just(SequenceSet.STAR), Arbitraries.longs().between(1, 50));
    }

    /** @return sequence sets, ranges in random order */
    public static Arbitrary<SequenceSet> sequenceSet() {
        Arbitrary<SequenceSet.Range> range = Combinators.combine(seqNumber(), seqNumber()).as(SequenceSet.Range::new);
        return range.list().ofMinSize(1).ofMaxSize(4).map(SequenceSet::ofRanges);
    }

    private static Arbitrary<LocalDate> date() {
        return Combinators.combine(Arbitraries.integers().between(1, 9999), Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(1, 28)).as(LocalDate::of);
    }

    private static Arbitrary<Flag> flag() {
        return Arbitraries.oneOf(Arbitraries.of("\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft",
                "\\Recent").map(Flag::of), atom().map(Flag::of), atom().map(a -> Flag.of("\\" + a)));
    }

    private static Arbitrary<List<Flag>> flags() {
        return flag().list().ofMaxSize(3);
    }

    private static <T> Arbitrary<T> nullable(Arbitrary<T> a) {
        return a.injectNull(0.3);
    }

    /** @return search keys of any shape, nested up to four levels */
    public static Arbitrary<SearchKey> searchKey() {
        return Arbitraries.recursive(CommandArbitraries::leafKey, CommandArbitraries::compoundKey, 0, 3);
    }

    private static Arbitrary<SearchKey> leafKey() {
        return Arbitraries.oneOf(
                Arbitraries.of(SearchKey.Simple.class).map(k -> (SearchKey) k),
                Combinators.combine(Arbitraries.of(SearchKey.TextField.class), text()).as(SearchKey.Text::new),
                Combinators.combine(text(), text()).as(SearchKey.Header::new),
                Combinators.combine(atom(), Arbitraries.of(true, false)).as(SearchKey.Keyword::new),
                Combinators.combine(Arbitraries.of(SearchKey.DateField.class), date()).as(SearchKey.DateKey::new),
                Combinators.combine(Arbitraries.of(SearchKey.NumberField.class),
                        Arbitraries.longs().between(1, 0xFFFF_FFFFL)).as(SearchKey.NumberKey::new),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(SearchKey::larger),
                Combinators.combine(Arbitraries.of(SearchKey.ObjectIdField.class),
                        Arbitraries.strings().alpha().numeric().withChars("_-").ofMinLength(1).ofMaxLength(20))
                        .as(SearchKey.ObjectId::new),
                Combinators.combine(text(), Arbitraries.of(SearchKey.EntryType.class),
                        Arbitraries.longs().between(0, Long.MAX_VALUE)).as(SearchKey.ModSeq::new),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(SearchKey::modSeq),
                sequenceSet().map(SearchKey::uid),
                sequenceSet().map(SearchKey::sequence));
    }

    private static Arbitrary<SearchKey> compoundKey(Arbitrary<SearchKey> inner) {
        return Arbitraries.oneOf(
                inner.map(SearchKey::not),
                Combinators.combine(inner, inner).as(SearchKey::or),
                inner.list().ofMinSize(2).ofMaxSize(4).map(SearchKey.And::new));
    }

    private static Arbitrary<Command.Qresync> qresync() {
        Arbitrary<SequenceSet> s = sequenceSet();
        return Combinators.combine(Arbitraries.longs().between(1, 0xFFFF_FFFFL),
                Arbitraries.longs().between(0, Long.MAX_VALUE), nullable(s), Arbitraries.of(true, false), s, s)
                .as((uv, ms, known, match, a, b) -> new Command.Qresync(uv, ms, known, match ? a : null,
                        match ? b : null));
    }

    private static Arbitrary<Command.AppendMessage> appendMessage() {
        Arbitrary<OffsetDateTime> dt = Combinators.combine(date(), Arbitraries.integers().between(0, 86399),
                Arbitraries.integers().between(-18 * 60, 18 * 60)).as((d, secs, off) ->
                OffsetDateTime.of(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), secs / 3600, secs / 60 % 60,
                        secs % 60, 0, ZoneOffset.ofTotalSeconds(off * 60)));
        Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        return Combinators.combine(flags(), nullable(dt), data, Arbitraries.of(true, false)).as((f, d, b, bin) -> {
            if (!bin) {
                for (int i = 0; i < b.length; i++) {
                    if (b[i] == 0) {
                        b[i] = 'x';
                    }
                }
            }
            return new Command.AppendMessage(f, d, Bytes.of(b), bin);
        });
    }

    /** @return commands of every kind except FETCH */
    public static Arbitrary<Command> command() {
        Arbitrary<Boolean> bool = Arbitraries.of(true, false);
        Arbitrary<MailboxName> mb = mailbox();
        Arbitrary<SequenceSet> set = sequenceSet();
        Arbitrary<List<StatusAttribute>> status = Arbitraries.of(StatusAttribute.class).list().ofMinSize(1)
                .ofMaxSize(4);
        Arbitrary<Long> modseq = nullable(Arbitraries.longs().between(0, Long.MAX_VALUE));
        return Arbitraries.oneOf(List.of(
                Arbitraries.of(new Command.Capability(), new Command.Noop(), new Command.Logout(),
                        new Command.StartTls(), new Command.Namespace(), new Command.Idle(), new Command.Check(),
                        new Command.Close(), new Command.Unselect(), new Command.Expunge(),
                        Command.Compress.DEFLATE),
                Combinators.combine(atom(), nullable(Arbitraries.bytes().array(byte[].class).ofMaxSize(30)
                        .map(Bytes::of))).as(Command.Authenticate::new),
                Combinators.combine(text(), text().map(Secret::of)).as(Command.Login::new),
                Combinators.combine(mb, bool, nullable(qresync())).as(Command.Select::new),
                Combinators.combine(mb, bool, nullable(qresync())).as(Command.Examine::new),
                Combinators.combine(mb, atom().map(a -> "\\" + a).list().ofMaxSize(2)).as(Command.Create::new),
                mb.map(Command.Delete::new),
                Combinators.combine(mb, mb).as(Command.Rename::new),
                mb.map(Command.Subscribe::new),
                mb.map(Command.Unsubscribe::new),
                Combinators.combine(Arbitraries.of(Command.ListSelect.class).list().ofMaxSize(2)
                                .filter(l -> !l.equals(List.of(Command.ListSelect.RECURSIVEMATCH))
                                        && !l.equals(List.of(Command.ListSelect.RECURSIVEMATCH,
                                        Command.ListSelect.RECURSIVEMATCH))), mb,
                        lineText().list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.of(Command.ListReturn.class).list().ofMaxSize(2),
                        Arbitraries.of(StatusAttribute.class).list().ofMaxSize(2)).as(Command.ListMailboxes::new),
                Combinators.combine(mb, lineText()).as(Command.Lsub::new),
                Combinators.combine(mb, status).as(Command.Status::new),
                Combinators.combine(mb, appendMessage().list().ofMinSize(1).ofMaxSize(3)).as(Command.Append::new),
                set.map(Command.UidExpunge::new),
                Arbitraries.strings().withChars("AZaz09.-").ofMinLength(1).ofMaxLength(6).list().ofMinSize(1)
                        .ofMaxSize(3).map(Command.CancelUpdate::new),
                Combinators.combine(nullable(Arbitraries.of("UTF-8", "US-ASCII", "x\r\ny")), searchKey(),
                        nullable(Arbitraries.of(Command.SearchReturn.class).list().ofMaxSize(3)), bool)
                        .as(Command.Search::new),
                Combinators.combine(Combinators.combine(bool, Arbitraries.of(Command.SortKey.class))
                                .as(Command.SortCriterion::new).list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.of("UTF-8", "US-ASCII"), searchKey(), bool).as(Command.Sort::new),
                Combinators.combine(atom(), Arbitraries.of("UTF-8", "US-ASCII"), searchKey(), bool)
                        .as(Command.Thread::new),
                Combinators.combine(set, Arbitraries.of(Command.StoreMode.class), bool, flags(), modseq, bool)
                        .as(Command.Store::new),
                Combinators.combine(set, mb, bool).as(Command.Copy::new),
                Combinators.combine(set, mb, bool).as(Command.Move::new),
                atom().list().ofMinSize(1).ofMaxSize(3).map(Command.Enable::new),
                Combinators.combine(text().filter(k -> k.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 30),
                        nullable(text())).as(Command.IdField::new).list().ofMaxSize(3)
                        .map(Command.Id::new),
                atom().map(Command.Compress::new),
                text().map(Command.GetQuota::new),
                mb.map(Command.GetQuotaRoot::new),
                Combinators.combine(text(), Combinators.combine(atom(),
                        Arbitraries.longs().between(0, Long.MAX_VALUE)).as(Command.QuotaLimit::new)
                        .list().ofMaxSize(3)).as(Command.SetQuota::new),
                Combinators.combine(mb, text(), Arbitraries.of(Command.StoreMode.class),
                        Arbitraries.strings().withChars("lrswipkxtea019").ofMaxLength(6)).as(Command.SetAcl::new),
                Combinators.combine(mb, text()).as(Command.DeleteAcl::new),
                mb.map(Command.GetAcl::new),
                Combinators.combine(mb, text()).as(Command.ListRights::new),
                mb.map(Command.MyRights::new),
                Combinators.combine(mb, Arbitraries.of("/shared/comment", "/private/a b").list().ofMinSize(1)
                        .ofMaxSize(2), Arbitraries.longs().between(0, 99).injectNull(0.5),
                        Arbitraries.of(Command.MetadataDepth.class).injectNull(0.5)).as(Command.GetMetadata::new),
                Combinators.combine(mb, Combinators.combine(Arbitraries.of("/shared/comment", "/private/x"),
                        text().map(org.imap4j.codec.core.Bytes::utf8).injectNull(0.3))
                        .as(org.imap4j.codec.core.MetadataEntry::new).list().ofMinSize(1).ofMaxSize(2))
                        .as(Command.SetMetadata::new),
                Combinators.combine(Arbitraries.longs().between(1, 4294967295L), mb, appendMessage(), bool)
                        .as(Command.Replace::new),
                Arbitraries.just(new Command.Unauthenticate())));
    }

    /**
     * @param c a command
     * @return what the server half reads back: a SEARCH without charset gains {@code UTF-8} when the encoder had to
     *     add it
     */
    public static Command expectedAfterRoundTrip(Command c, EncodeOptions o) {
        if (c instanceof Command.Search s && s.charset() == null && !o.utf8Accept() && s.key().hasNonAscii()) {
            return new Command.Search("UTF-8", s.key(), s.returnOptions(), s.uid());
        }
        return c;
    }
}
