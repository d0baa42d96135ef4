package org.imap4j.benchmarks.command;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imap4j.benchmarks.corpus.MailGenerator;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.fetch.FetchAttribute;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding typed commands to wire bytes ({@code ImapCodec.encodeCommandBytes}): a UID FETCH of the env items, a UID
 * SEARCH with several keys (text, date, NOT, OR, header), and an APPEND of a generated 4 KB-class message with flags and
 * an internal date. imap4j only: Angus Mail builds commands inside {@code IMAPProtocol} methods that write straight to
 * its socket, with no encoder to call on its own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CommandEncodingBenchmark {
    private final Tag tag = Tag.of("A17");
    private final Command fetch = new Command.Fetch(SequenceSet.parse("1:*"),
            List.of(FetchAttribute.Item.UID, FetchAttribute.Item.FLAGS, FetchAttribute.Item.INTERNALDATE,
                    FetchAttribute.Item.RFC822_SIZE, FetchAttribute.Item.ENVELOPE, FetchAttribute.Item.BODYSTRUCTURE),
            true, null, false);
    private final Command search = Command.Search.of(new SearchKey.And(List.of(
            SearchKey.Simple.UNSEEN,
            new SearchKey.Text(SearchKey.TextField.FROM, "alice.martin@example.com"),
            new SearchKey.DateKey(SearchKey.DateField.SINCE, LocalDate.of(2024, 1, 2)),
            new SearchKey.Not(SearchKey.Simple.DELETED),
            new SearchKey.Or(new SearchKey.Text(SearchKey.TextField.SUBJECT, "quarterly review"),
                    new SearchKey.Header("X-Priority", "1")))), true);
    private final Command append;

    public CommandEncodingBenchmark() {
        MailGenerator.Mail m = new MailGenerator(42).message(3);
        append = new Command.Append(MailboxName.of("Entw\u00fcrfe"), List.of(new Command.AppendMessage(
                List.of(Flag.SEEN, Flag.of("$Important")), OffsetDateTime.of(2024, 3, 4, 10, 20, 0, 0,
                        ZoneOffset.ofHours(1)), Bytes.of(m.bytes()), false)));
        if (new String(ImapCodec.encodeCommandBytes(tag, search), StandardCharsets.UTF_8).indexOf("SEARCH") < 0) {
            throw new IllegalStateException("search did not encode");
        }
    }

    @Benchmark
    public byte[] uidFetch() {
        return ImapCodec.encodeCommandBytes(tag, fetch);
    }

    @Benchmark
    public byte[] uidSearch() {
        return ImapCodec.encodeCommandBytes(tag, search);
    }

    @Benchmark
    public byte[] append() {
        return ImapCodec.encodeCommandBytes(tag, append);
    }
}
