package org.imap4j.codec.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.ResponseDecoder;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.internal.encode.FetchEncoder;
import org.imap4j.codec.internal.encode.ImapWriter;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.Untagged;

/**
 * Values the parser leaves to be decoded on first access (INTERNALDATE's date) read the same from several threads at
 * once as an eager decode of the same bytes, and a decoder that reuses one reader for its frames never lets a later
 * frame change an earlier result.
 */
class LazyValuesProperties {
    private static final int THREADS = 4;
    private static ExecutorService pool;

    @BeforeContainer
    static void startPool() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterContainer
    static void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Provide
    Arbitrary<List<FetchItem>> items() {
        return new FetchRoundTripProperties().items();
    }

    @Provide
    Arbitrary<OffsetDateTime> dates() {
        return FetchRoundTripProperties.dateTime();
    }

    private static byte[] fetchResponse(long seq, List<FetchItem> items) {
        ImapWriter w = new ImapWriter(EncodeOptions.DEFAULT, true);
        FetchEncoder.msgAtt(w, items);
        byte[] att = w.toBytes();
        byte[] head = ("* " + seq + " FETCH ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + att.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(att, 0, out, head.length, att.length);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    /** Everything a user can read of the items: every accessor, through the records' and items' toString. */
    private static String readAll(List<FetchItem> items) {
        StringBuilder sb = new StringBuilder();
        for (FetchItem i : items) {
            sb.append(i).append('|').append(i.hashCode()).append('\n');
            if (i instanceof FetchItem.InternalDate) {
                sb.append(((FetchItem.InternalDate) i).date()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Each of {@link #THREADS} threads reads every value at the same moment; returns what each read. */
    private static List<String> readConcurrently(List<FetchItem> items) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<String>> reads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            reads.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return readAll(items);
            }));
        }
        List<String> out = new ArrayList<>();
        for (Future<String> f : reads) {
            out.add(f.get(10, TimeUnit.SECONDS));
        }
        return out;
    }

    private static List<FetchItem> decodeAll(ResponseDecoder d, byte[] wire) {
        d.feed(wire, 0, wire.length);
        Response r = d.next();
        assertInstanceOf(Untagged.Fetch.class, r);
        assertNull(d.next());
        return ((Untagged.Fetch) r).items();
    }

    @Property(tries = 200)
    void parsedItemsReadFromSeveralThreadsEqualTheEagerValues(@ForAll("items") List<FetchItem> items,
            @ForAll("items") List<FetchItem> next, @ForAll boolean strict) throws Exception {
        ResponseDecoder d = new ResponseDecoder(CodecLimits.defaults(), strict ? Quirk.none() : Quirk.defaults());
        List<FetchItem> first = decodeAll(d, fetchResponse(1, items));
        // A second frame through the same decoder (and so the same reused reader and scratch stack) before reading.
        List<FetchItem> second = decodeAll(d, fetchResponse(2, next));
        String eagerFirst = readAll(items);
        String eagerSecond = readAll(next);
        for (String read : readConcurrently(first)) {
            assertEquals(eagerFirst, read);
        }
        for (String read : readConcurrently(second)) {
            assertEquals(eagerSecond, read);
        }
        assertEquals(items, first);
        assertEquals(next, second);
        assertEquals(items.hashCode(), first.hashCode());
    }

    @Property(tries = 300)
    void aLazyInternalDateIsTheEagerOne(@ForAll("dates") OffsetDateTime date) throws Exception {
        FetchItem.InternalDate eager = new FetchItem.InternalDate(date);
        ResponseDecoder d = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
        List<FetchItem> parsed = decodeAll(d, fetchResponse(7, List.of(eager)));
        FetchItem.InternalDate lazy = (FetchItem.InternalDate) parsed.get(0);
        // Equality and hashing agree before any thread has read the date.
        assertEquals(eager, lazy);
        assertEquals(eager.hashCode(), lazy.hashCode());
        for (String read : readConcurrently(parsed)) {
            assertEquals(readAll(List.of(eager)), read);
        }
        OffsetDateTime once = lazy.date();
        assertNotNull(once);
        assertEquals(date, once);
        assertEquals(date.getOffset(), once.getOffset());
        assertEquals(FetchItem.InternalDate.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(),
                date.getHour(), date.getMinute(), date.getSecond(), date.getOffset().getTotalSeconds() / 60), eager);
    }
}
