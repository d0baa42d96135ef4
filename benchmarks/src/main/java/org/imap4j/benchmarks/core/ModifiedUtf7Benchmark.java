package org.imap4j.benchmarks.core;

import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxDecoder;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.imap4j.codec.core.MailboxName;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Modified UTF-7 mailbox names (RFC 3501 section 5.1.3), encode and decode, imap4j ({@code MailboxName}) and Angus
 * Mail ({@code BASE64MailboxEncoder}/{@code Decoder}) on the same names in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ModifiedUtf7Benchmark {
    @Param({"Archive/2024/Reports", "Entw\u00fcrfe/\u65e5\u672c\u8a9e/&Co \u0444\u0430\u0439\u043b\u044b"})
    public String name;

    private MailboxName mailbox;
    private String wire;

    @Setup
    public void setUp() {
        mailbox = MailboxName.of(name);
        wire = mailbox.toModifiedUtf7();
        if (!BASE64MailboxEncoder.encode(name).equals(wire) || !MailboxName.fromModifiedUtf7(wire).name().equals(name)) {
            throw new IllegalStateException("encoders disagree on " + name + ": " + wire);
        }
    }

    @Benchmark
    public String encode() {
        return mailbox.toModifiedUtf7();
    }

    @Benchmark
    public MailboxName decode() {
        return MailboxName.fromModifiedUtf7(wire);
    }

    @Benchmark
    public String angusEncode() {
        return BASE64MailboxEncoder.encode(name);
    }

    @Benchmark
    public String angusDecode() {
        return BASE64MailboxDecoder.decode(wire);
    }
}
