package org.imap4j.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.ResponseDecoder;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.fetch.Address;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.codec.fetch.Envelope;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.internal.frame.Framer;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The parser hot path on an "env" stream (the answer to
 * {@code UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)}), imap4j and Angus Mail on the same
 * bytes in the same run: the floor (find CRLF, skip literals), imap4j's framer alone, imap4j's typed parse and Angus
 * Mail's typed parse, each reading the same fields. One operation processes the whole stream once; imap4j is fed in
 * 64 KiB reads as from a socket, Angus reads through its own {@code ResponseInputStream} as it does from a socket.
 *
 * <p>The default input is the Dovecot capture {@code corpus/env-1000.imap}; {@code -p corpus=synthetic-2000} selects the
 * older synthetic stream ({@link EnvStream}).
 *
 * <p>There is no generic-value ({@code ImapValue}) benchmark: the codec has no public API that parses a response into
 * {@code ImapValue}s (only the internal {@code ImapReader.value()}, used for unknown items).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ParserBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {
    private static final int READ = 65536;

    @Param({Corpus.ENV_1000})
    public String corpus;

    private byte[] stream;
    private ResponseDecoder connection;
    private PrintStream nowhere;

    @Setup(Level.Trial)
    public void setUp() throws IOException, ProtocolException {
        stream = Corpus.load(corpus);
        connection = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
        nowhere = new PrintStream(OutputStream.nullOutputStream());
        int expected = Corpus.countFetches(stream);
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        int imap4j = typedParse(bh);
        int angus = angusTypedParse(bh);
        bh.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
        if (imap4j != expected || angus != expected) {
            throw new IllegalStateException("FETCH responses: stream " + expected + ", imap4j " + imap4j + ", angus "
                    + angus);
        }
    }

    /** The floor: find each CRLF, and skip literal payloads by their announced size. */
    @Benchmark
    public int crlfScanFloor() {
        byte[] b = stream;
        int lines = 0;
        int i = 0;
        int n = b.length;
        while (i < n) {
            if (b[i] == '\n') {
                lines++;
                if (i >= 2 && b[i - 2] == '}') {
                    int j = i - 3;
                    long size = 0;
                    long mul = 1;
                    while (b[j] >= '0' && b[j] <= '9') {
                        size += (b[j] - '0') * mul;
                        mul *= 10;
                        j--;
                    }
                    if (b[j] == '{') {
                        i += (int) size;
                    }
                }
            }
            i++;
        }
        return lines;
    }

    /** imap4j's framer alone: complete responses found, literals counted, nothing parsed. */
    @Benchmark
    public int framerOnly() {
        Framer f = new Framer(CodecLimits.defaults(), false);
        int frames = 0;
        int n = stream.length;
        for (int off = 0; off < n; off += READ) {
            f.feed(stream, off, Math.min(READ, n - off));
            while (f.next() == Framer.Result.FRAME) {
                frames++;
            }
        }
        return frames;
    }

    /**
     * imap4j's typed parse: every response into records, and of each FETCH the UID, flags, internal date, size,
     * envelope (subject, every address's name, mailbox and host) and the body structure tree walked.
     *
     * @return how many FETCH responses were read
     */
    @Benchmark
    public int typedParse(Blackhole bh) {
        return parseAll(new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults()), bh);
    }

    /**
     * {@link #typedParse} with one decoder for the whole run, as one long-lived connection reads mailbox after
     * mailbox: its parser memos (which belong to the decoder) start warm, where {@link #typedParse} pays a fresh
     * connection's first fill every time.
     *
     * @return how many FETCH responses were read
     */
    @Benchmark
    public int typedParseOneConnection(Blackhole bh) {
        return parseAll(connection, bh);
    }

    /**
     * {@link #typedParseOneConnection} reading only what a message list shows: UID, flags, subject and the first From
     * address; every other value is parsed (and checked) but left undecoded where the codec decodes on first access
     * (INTERNALDATE).
     *
     * @return how many FETCH responses were read
     */
    @Benchmark
    public int typedParseListView(Blackhole bh) {
        int fetches = 0;
        int n = stream.length;
        ResponseDecoder d = connection;
        for (int off = 0; off < n; off += READ) {
            d.feed(ByteBuffer.wrap(stream, off, Math.min(READ, n - off)));
            for (Response r; (r = d.next()) != null; ) {
                if (r instanceof Untagged.Fetch) {
                    List<FetchItem> items = ((Untagged.Fetch) r).items();
                    for (int i = 0, size = items.size(); i < size; i++) {
                        FetchItem it = items.get(i);
                        if (it instanceof FetchItem.Uid) {
                            bh.consume(((FetchItem.Uid) it).uid());
                        } else if (it instanceof FetchItem.Flags) {
                            bh.consume(((FetchItem.Flags) it).flags());
                        } else if (it instanceof FetchItem.EnvelopeItem) {
                            Envelope e = ((FetchItem.EnvelopeItem) it).envelope();
                            bh.consume(e.subject());
                            if (!e.from().isEmpty()) {
                                bh.consume(e.from().get(0));
                            }
                        }
                    }
                    fetches++;
                } else {
                    bh.consume(r);
                }
            }
        }
        return fetches;
    }

    private int parseAll(ResponseDecoder d, Blackhole bh) {
        int fetches = 0;
        int n = stream.length;
        for (int off = 0; off < n; off += READ) {
            d.feed(ByteBuffer.wrap(stream, off, Math.min(READ, n - off)));
            for (Response r; (r = d.next()) != null; ) {
                if (r instanceof Untagged.Fetch) {
                    readFetch((Untagged.Fetch) r, bh);
                    fetches++;
                } else if (r instanceof Tagged) {
                    bh.consume(((Tagged) r).status());
                } else {
                    bh.consume(r);
                }
            }
        }
        return fetches;
    }

    private static void readFetch(Untagged.Fetch f, Blackhole bh) {
        bh.consume(f.seq());
        List<FetchItem> items = f.items();
        for (int i = 0, n = items.size(); i < n; i++) {
            FetchItem it = items.get(i);
            if (it instanceof FetchItem.Uid) {
                bh.consume(((FetchItem.Uid) it).uid());
            } else if (it instanceof FetchItem.Flags) {
                List<Flag> flags = ((FetchItem.Flags) it).flags();
                for (int k = 0; k < flags.size(); k++) {
                    bh.consume(flags.get(k).value());
                }
            } else if (it instanceof FetchItem.InternalDate) {
                bh.consume(((FetchItem.InternalDate) it).date());
            } else if (it instanceof FetchItem.Rfc822Size) {
                bh.consume(((FetchItem.Rfc822Size) it).size());
            } else if (it instanceof FetchItem.EnvelopeItem) {
                readEnvelope(((FetchItem.EnvelopeItem) it).envelope(), bh);
            } else if (it instanceof FetchItem.BodyStructureItem) {
                walk(((FetchItem.BodyStructureItem) it).structure(), bh);
            } else {
                bh.consume(it);
            }
        }
    }

    private static void readEnvelope(Envelope e, Blackhole bh) {
        bh.consume(e.date());
        bh.consume(e.subject());
        addresses(e.from(), bh);
        addresses(e.sender(), bh);
        addresses(e.replyTo(), bh);
        addresses(e.to(), bh);
        addresses(e.cc(), bh);
        addresses(e.bcc(), bh);
        bh.consume(e.inReplyTo());
        bh.consume(e.messageId());
    }

    private static void addresses(List<Address> list, Blackhole bh) {
        for (int i = 0, n = list.size(); i < n; i++) {
            Address a = list.get(i);
            if (a instanceof Address.Mailbox) {
                mailbox((Address.Mailbox) a, bh);
            } else {
                Address.Group g = (Address.Group) a;
                bh.consume(g.name());
                List<Address.Mailbox> members = g.members();
                for (int k = 0, size = members.size(); k < size; k++) {
                    mailbox(members.get(k), bh);
                }
            }
        }
    }

    private static void mailbox(Address.Mailbox m, Blackhole bh) {
        bh.consume(m.name());
        bh.consume(m.mailbox());
        bh.consume(m.host());
    }

    private static void walk(BodyStructure b, Blackhole bh) {
        if (b instanceof BodyStructure.Multipart) {
            BodyStructure.Multipart m = (BodyStructure.Multipart) b;
            bh.consume(m.subtype());
            List<BodyStructure> parts = m.parts();
            for (int i = 0, n = parts.size(); i < n; i++) {
                walk(parts.get(i), bh);
            }
        } else if (b instanceof BodyStructure.Text) {
            BodyStructure.Text t = (BodyStructure.Text) b;
            bh.consume(t.subtype());
            fields(t.fields(), bh);
            bh.consume(t.lines());
        } else if (b instanceof BodyStructure.Message) {
            BodyStructure.Message m = (BodyStructure.Message) b;
            bh.consume(m.subtype());
            fields(m.fields(), bh);
            readEnvelope(m.envelope(), bh);
            walk(m.body(), bh);
        } else {
            BodyStructure.Basic s = (BodyStructure.Basic) b;
            bh.consume(s.type());
            bh.consume(s.subtype());
            fields(s.fields(), bh);
            if (s.extension() != null && s.extension().disposition() != null) {
                bh.consume(s.extension().disposition().type());
            }
        }
    }

    private static void fields(BodyStructure.Fields f, Blackhole bh) {
        List<BodyStructure.Param> params = f.params();
        for (int i = 0, n = params.size(); i < n; i++) {
            BodyStructure.Param p = params.get(i);
            bh.consume(p.name());
            bh.consume(p.value());
        }
        bh.consume(f.encoding());
        bh.consume(f.octets());
    }

    /**
     * Angus Mail 2.0's typed parse, as {@code IMAPProtocol} does it for a FETCH: each response read with its literals
     * by {@code ResponseInputStream}, {@code IMAPResponse} then {@code FetchResponse} with its standard items; then the
     * same fields read (UID, FLAGS, INTERNALDATE, RFC822.SIZE, ENVELOPE subject and every address, BODYSTRUCTURE
     * walked).
     *
     * @return how many FETCH responses were read
     */
    @Benchmark
    public int angusTypedParse(Blackhole bh) throws IOException, ProtocolException {
        IMAPProtocol p = new IMAPProtocol(new ByteArrayInputStream(stream), nowhere, new Properties(), false);
        int fetches = 0;
        while (true) {
            org.eclipse.angus.mail.iap.Response r = p.readResponse();
            if (r instanceof FetchResponse) {
                FetchResponse f = (FetchResponse) r;
                bh.consume(f.getNumber());
                bh.consume(f.getItem(UID.class).uid);
                bh.consume(f.getItem(FLAGS.class).getSystemFlags());
                bh.consume(f.getItem(FLAGS.class).getUserFlags());
                bh.consume(f.getItem(INTERNALDATE.class).getDate());
                bh.consume(f.getItem(RFC822SIZE.class).size);
                angusEnvelope(f.getItem(ENVELOPE.class), bh);
                angusWalk(f.getItem(BODYSTRUCTURE.class), bh);
                fetches++;
            } else if (r.isTagged()) {
                bh.consume(r.isOK());
                return fetches;
            } else {
                bh.consume(r);
            }
        }
    }

    private static void angusEnvelope(ENVELOPE e, Blackhole bh) {
        bh.consume(e.date);
        bh.consume(e.subject);
        angusAddresses(e.from, bh);
        angusAddresses(e.sender, bh);
        angusAddresses(e.replyTo, bh);
        angusAddresses(e.to, bh);
        angusAddresses(e.cc, bh);
        angusAddresses(e.bcc, bh);
        bh.consume(e.inReplyTo);
        bh.consume(e.messageId);
    }

    /** The address only: Angus's {@code getPersonal()} would also decode RFC 2047, which imap4j leaves to a helper. */
    private static void angusAddresses(InternetAddress[] list, Blackhole bh) {
        if (list == null) {
            return;
        }
        for (InternetAddress a : list) {
            bh.consume(a.getAddress());
        }
    }

    private static void angusWalk(BODYSTRUCTURE b, Blackhole bh) {
        bh.consume(b.type);
        bh.consume(b.subtype);
        bh.consume(b.encoding);
        bh.consume(b.size);
        bh.consume(b.cParams);
        bh.consume(b.disposition);
        if (b.isMulti()) {
            for (BODYSTRUCTURE p : b.bodies) {
                angusWalk(p, bh);
            }
        } else if (b.isNested()) {
            angusEnvelope(b.envelope, bh);
            angusWalk(b.bodies[0], bh);
        }
    }
}
