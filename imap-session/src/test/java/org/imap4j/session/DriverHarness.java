package org.imap4j.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Drives a {@link SessionDriver} as a transport would, for the driver's tests: server bytes in (ISO-8859-1, one char a
 * byte), written bytes and deliveries out, at a given monotonic time.
 */
final class DriverHarness {
    private DriverHarness() {
    }

    /** Hands {@code s} to the driver as read at {@code now}; deliveries stay queued (see {@link #run}). */
    static void in(SessionDriver d, String s, long now) {
        d.receive(ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1)), now);
    }

    /** {@link #in} and then {@link #run}: the bytes read and every delivery they cause run. */
    static void inAndRun(SessionDriver d, String s, long now) {
        in(d, s, now);
        run(d);
    }

    /** @return everything the driver has to write now, one char a byte */
    static String out(SessionDriver d) {
        StringBuilder sb = new StringBuilder();
        for (ByteBuffer b; (b = d.pollOutput()) != null; ) {
            sb.append(StandardCharsets.ISO_8859_1.decode(b));
        }
        return sb.toString();
    }

    /** Runs every queued delivery (listener calls, future completions) on the calling thread. */
    static void run(SessionDriver d) {
        for (Runnable r; (r = d.pollDelivery()) != null; ) {
            r.run();
        }
    }

    /** @return why {@code f} failed; an assertion error if it did not */
    static Throwable failure(CompletableFuture<?> f) {
        assertTrue(f.isCompletedExceptionally(), "should have failed");
        try {
            f.join();
            throw new AssertionError();
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
